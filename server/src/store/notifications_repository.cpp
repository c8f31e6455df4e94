#include "store/notifications_repository.hpp"

#include <algorithm>
#include <set>

#include "store/jobs_repository.hpp"
#include "store/sql_params.hpp"

namespace planify::store {

namespace {

using domain::NotificationKind;

// Parses a decimal id from an audit entry's text; nullopt for anything else.
std::optional<long long> IdOf(const std::string& text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  long long value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::vector<long long> IdsOf(const nlohmann::json& details, const char* key) {
  std::vector<long long> out;
  if (!details.contains(key) || !details[key].is_array()) return out;
  for (const auto& v : details[key]) {
    if (v.is_number_integer()) out.push_back(v.get<long long>());
  }
  return out;
}

std::string TextOf(const nlohmann::json& details, const char* key) {
  if (details.contains(key) && details[key].is_string()) return details[key].get<std::string>();
  return {};
}

bool HoldsResources(const std::string& status) {
  return status == "planned" || status == "confirmed" || status == "in_progress";
}

struct MissionFacts {
  std::string title;
  std::string status;
  std::string starts_at;
  std::vector<long long> crew;
};

std::optional<MissionFacts> LoadMission(Lease& lease, long long org, long long id) {
  std::optional<MissionFacts> out;
  SqlParams p;
  p.Int("org", org).Int("id", id);
  p.ForEachRow(lease,
               "SELECT title, status, CAST(starts_at AS TEXT) FROM missions WHERE "
               "organization_id = :org AND id = :id",
               [&](const soci::row& row) {
                 out = MissionFacts{RowText(row, 0), RowText(row, 1), RowTimestamp(row, 2), {}};
               });
  if (!out) return out;
  SqlParams c;
  c.Int("org", org).Int("id", id);
  c.ForEachRow(lease,
               "SELECT user_id FROM mission_crew WHERE organization_id = :org AND mission_id = :id "
               "AND user_id IS NOT NULL ORDER BY user_id",
               [&](const soci::row& row) { out->crew.push_back(GetInt64(row, 0)); });
  return out;
}

// number, client and total incl. VAT of a quote or an invoice.
nlohmann::json DocumentFacts(Lease& lease, const char* table, long long org, long long id,
                             std::string* status) {
  nlohmann::json facts = nlohmann::json::object();
  SqlParams p;
  p.Int("org", org).Int("id", id);
  p.ForEachRow(lease,
               std::string("SELECT COALESCE(number, ''), client_name, total_gross_cents, title, "
                           "status FROM ") +
                   table + " WHERE organization_id = :org AND id = :id",
               [&](const soci::row& row) {
                 facts = {{"number", RowText(row, 0)},
                          {"client", RowText(row, 1)},
                          {"amount_cents", GetInt64(row, 2)},
                          {"title", RowText(row, 3)}};
                 if (status) *status = RowText(row, 4);
               });
  return facts;
}

void MissionEvent(Lease& lease, const AuditEntry& entry, NotificationKind kind,
                  const MissionFacts& mission, std::vector<long long> users, const std::string& now,
                  const std::string& reason = "") {
  if (users.empty()) return;
  NotificationEvent event;
  event.organization = *entry.organization;
  event.kind = kind;
  event.subject_type = "mission";
  event.subject_id = entry.entity_id;
  event.data = {{"title", mission.title}, {"starts_at", mission.starts_at}};
  if (!reason.empty()) event.data["reason"] = reason;
  event.actor = entry.actor;
  event.users = std::move(users);
  (void)Notify(lease, event, now);
}

void MissionNotifications(Lease& lease, const AuditEntry& entry, const nlohmann::json& details,
                          const std::string& now) {
  const long long org = entry.organization->value;
  auto id = IdOf(entry.entity_id);
  if (!id) return;
  auto mission = LoadMission(lease, org, *id);
  if (!mission) return;
  const std::string& action = entry.action;
  if (action == "missions.created" || action == "missions.updated") {
    if (!HoldsResources(mission->status)) return;
    auto added = IdsOf(details, "crew_added");
    MissionEvent(lease, entry, NotificationKind::kMissionAssigned, *mission, added, now);
    if (details.value("moved", false)) {
      std::vector<long long> kept;
      for (long long user : mission->crew) {
        if (std::find(added.begin(), added.end(), user) == added.end()) kept.push_back(user);
      }
      MissionEvent(lease, entry, NotificationKind::kMissionMoved, *mission, kept, now);
    }
  } else if (action == "missions.rescheduled") {
    if (!HoldsResources(mission->status)) return;
    MissionEvent(lease, entry, NotificationKind::kMissionMoved, *mission, mission->crew, now);
  } else if (action == "missions.status_changed") {
    const std::string from = TextOf(details, "from");
    const std::string to = TextOf(details, "to");
    if (to == "canceled" && HoldsResources(from)) {
      MissionEvent(lease, entry, NotificationKind::kMissionCanceled, *mission, mission->crew, now,
                   TextOf(details, "reason"));
    } else if (!HoldsResources(from) && HoldsResources(to)) {
      // A draft planned with its crew: the crew hears of it now.
      MissionEvent(lease, entry, NotificationKind::kMissionAssigned, *mission, mission->crew, now);
    }
  }
}

void Emit(Lease& lease, const AuditEntry& entry, NotificationKind kind, const char* subject_type,
          nlohmann::json data, const std::string& now) {
  NotificationEvent event;
  event.organization = *entry.organization;
  event.kind = kind;
  event.subject_type = subject_type;
  event.subject_id = entry.entity_id;
  event.data = std::move(data);
  event.actor = entry.actor;
  (void)Notify(lease, event, now);
}

NotificationRow ReadRow(const soci::row& row) {
  NotificationRow n;
  n.id = GetInt64(row, 0);
  n.organization = GetInt64(row, 1);
  n.user = GetInt64(row, 2);
  n.kind = RowText(row, 3);
  n.subject_type = RowText(row, 4);
  n.subject_id = RowText(row, 5);
  n.data_json = RowText(row, 6);
  n.created_at = RowTimestamp(row, 7);
  if (row.get_indicator(8) != soci::i_null) n.read_at = RowTimestamp(row, 8);
  n.email_state = RowText(row, 9);
  n.push_state = RowText(row, 10);
  return n;
}

constexpr const char* kSelect =
    "SELECT id, organization_id, user_id, kind, subject_type, subject_id, data, "
    "CAST(created_at AS TEXT), CAST(read_at AS TEXT), email_state, push_state FROM notifications ";

}  // namespace

int Notify(Lease& lease, const NotificationEvent& event, const std::string& now) {
  const auto& info = domain::InfoOf(event.kind);
  const long long org = event.organization.value;
  std::set<long long> wanted(event.users.begin(), event.users.end());
  std::vector<long long> recipients;
  SqlParams members;
  members.Int("org", org);
  members.ForEachRow(lease,
                     "SELECT ms.user_id, ms.role FROM memberships ms JOIN users u ON u.id = "
                     "ms.user_id WHERE ms.organization_id = :org AND u.disabled_at IS NULL ORDER "
                     "BY ms.user_id",
                     [&](const soci::row& row) {
                       const long long user = GetInt64(row, 0);
                       auto role = domain::ParseRole(RowText(row, 1));
                       if (!role || !domain::MayReceive(*role, event.kind)) return;
                       if (event.actor && event.actor->value == user) return;
                       if (!info.audience && !wanted.contains(user)) return;
                       recipients.push_back(user);
                     });
  NotificationsRepository repo(lease);
  int written = 0;
  bool deliver = false;
  const std::string data = event.data.dump();
  for (long long user : recipients) {
    const auto pref = repo.Preference(event.organization, UserId{user}, event.kind);
    std::string email = "none";
    // The assignment e-mail is the crew e-mail the reminders send (docs/notifications.md).
    if (pref.email == domain::EmailDelivery::kImmediate &&
        event.kind != NotificationKind::kMissionAssigned) {
      email = "pending";
    } else if (pref.email == domain::EmailDelivery::kDigest) {
      email = "digest";
    }
    const std::string push = pref.push ? "pending" : "none";
    if (!pref.in_app && email == "none" && push == "none") continue;
    SqlParams p;
    p.Int("org", org)
        .Int("user", user)
        .Text("kind", std::string(info.name))
        .Text("stype", event.subject_type)
        .Text("sid", event.subject_id)
        .Text("data", data)
        .IntOrNull("actor",
                   event.actor ? std::optional<long long>(event.actor->value) : std::nullopt)
        .Int("in_app", pref.in_app ? 1 : 0)
        .Text("email", email)
        .Text("push", push)
        .Text("now", now);
    p.Execute(lease,
              "INSERT INTO notifications (organization_id, user_id, kind, subject_type, "
              "subject_id, data, actor_user_id, in_app, email_state, push_state, created_at) "
              "VALUES (:org, :user, :kind, :stype, :sid, :data, :actor, :in_app, :email, :push, "
              ":now)");
    ++written;
    deliver = deliver || email == "pending" || push == "pending";
  }
  if (deliver) {
    NewJob job;
    job.organization = event.organization;
    job.type = "notifications.deliver";
    job.payload = "{}";
    job.max_attempts = 5;
    job.run_at = now;
    (void)JobsRepository(lease).Enqueue(job, now);
  }
  return written;
}

void RecordNotifications(Lease& lease, const AuditEntry& entry, const std::string& now) {
  if (!entry.organization) return;
  const std::string& action = entry.action;
  const bool mission = action.rfind("missions.", 0) == 0;
  const bool quote =
      action == "quotes.signed" || action == "quotes.accepted" || action == "quotes.declined";
  const bool paid = action == "payments.received" || action == "payments.received_online" ||
                    action == "payments.validated";
  const bool disputed = action == "payments.disputed";
  const bool booking = action == "bookings.received";
  if (!mission && !quote && !paid && !disputed && !booking) return;
  auto details = nlohmann::json::parse(entry.details_json, nullptr, false);
  if (!details.is_object()) details = nlohmann::json::object();
  const long long org = entry.organization->value;
  if (mission) {
    MissionNotifications(lease, entry, details, now);
    return;
  }
  auto id = IdOf(entry.entity_id);
  if (!id) return;
  if (quote) {
    auto facts = DocumentFacts(lease, "quotes", org, *id, nullptr);
    if (facts.empty()) return;
    if (action == "quotes.declined") {
      SqlParams p;
      p.Int("org", org).Int("id", *id);
      p.ForEachRow(lease,
                   "SELECT COALESCE(decline_reason, '') FROM quotes WHERE organization_id = :org "
                   "AND id = :id",
                   [&](const soci::row& row) {
                     if (!RowText(row, 0).empty()) facts["reason"] = RowText(row, 0);
                   });
      Emit(lease, entry, NotificationKind::kQuoteDeclined, "quote", facts, now);
    } else {
      Emit(lease, entry, NotificationKind::kQuoteSigned, "quote", facts, now);
    }
  } else if ((paid || disputed) && entry.entity_type == "invoice") {
    std::string status;
    auto facts = DocumentFacts(lease, "invoices", org, *id, &status);
    if (facts.empty()) return;
    if (disputed) {
      facts["reason"] = "contested";
      Emit(lease, entry, NotificationKind::kPaymentFailed, "invoice", facts, now);
    } else if (status == "paid") {
      Emit(lease, entry, NotificationKind::kInvoicePaid, "invoice", facts, now);
    }
  } else if (booking) {
    nlohmann::json facts = nlohmann::json::object();
    SqlParams p;
    p.Int("org", org).Int("id", *id);
    p.ForEachRow(lease,
                 "SELECT contact_name, CAST(starts_at AS TEXT) FROM booking_requests WHERE "
                 "organization_id = :org AND id = :id",
                 [&](const soci::row& row) {
                   facts = {{"name", RowText(row, 0)}, {"starts_at", RowTimestamp(row, 1)}};
                 });
    if (!facts.empty()) {
      Emit(lease, entry, NotificationKind::kBookingRequest, "booking_request", facts, now);
    }
  }
}

std::vector<NotificationRow> NotificationsRepository::List(OrganizationId org, UserId user,
                                                           long long before_id, int limit,
                                                           bool unread_only) {
  std::vector<NotificationRow> out;
  SqlParams p;
  p.Int("org", org.value)
      .Int("user", user.value)
      .Int("before", before_id > 0 ? before_id : 9'000'000'000'000'000'000LL)
      .Int("unread", unread_only ? 1 : 0)
      .Int("limit", limit);
  p.ForEachRow(lease_,
               std::string(kSelect) +
                   "WHERE organization_id = :org AND user_id = :user AND in_app = 1 AND id < "
                   ":before AND (:unread = 0 OR read_at IS NULL) ORDER BY id DESC LIMIT :limit",
               [&](const soci::row& row) { out.push_back(ReadRow(row)); });
  return out;
}

long long NotificationsRepository::UnreadCount(OrganizationId org, UserId user) {
  long long count = 0;
  SqlParams p;
  p.Int("org", org.value).Int("user", user.value);
  p.ForEachRow(lease_,
               "SELECT count(*) FROM notifications WHERE organization_id = :org AND user_id = "
               ":user AND read_at IS NULL AND in_app = 1",
               [&](const soci::row& row) { count = GetInt64(row, 0); });
  return count;
}

bool NotificationsRepository::MarkRead(OrganizationId org, UserId user, long long id,
                                       const std::string& now) {
  bool found = false;
  SqlParams find;
  find.Int("org", org.value).Int("user", user.value).Int("id", id);
  find.ForEachRow(lease_,
                  "SELECT id FROM notifications WHERE organization_id = :org AND user_id = :user "
                  "AND id = :id AND in_app = 1",
                  [&](const soci::row&) { found = true; });
  if (!found) return false;
  SqlParams p;
  p.Int("id", id).Text("now", now);
  p.Execute(lease_, "UPDATE notifications SET read_at = :now WHERE id = :id AND read_at IS NULL");
  return true;
}

long long NotificationsRepository::MarkAllRead(OrganizationId org, UserId user,
                                               const std::string& now) {
  const long long before = UnreadCount(org, user);
  SqlParams p;
  p.Int("org", org.value).Int("user", user.value).Text("now", now);
  p.Execute(lease_,
            "UPDATE notifications SET read_at = :now WHERE organization_id = :org AND user_id = "
            ":user AND read_at IS NULL");
  return before;
}

domain::NotificationPreference NotificationsRepository::Preference(OrganizationId org, UserId user,
                                                                   domain::NotificationKind kind) {
  domain::NotificationPreference pref = domain::InfoOf(kind).defaults;
  SqlParams p;
  p.Int("org", org.value)
      .Int("user", user.value)
      .Text("kind", std::string(domain::NotificationKindName(kind)));
  p.ForEachRow(
      lease_,
      "SELECT in_app, email, push FROM notification_preferences WHERE organization_id = "
      ":org AND user_id = :user AND kind = :kind",
      [&](const soci::row& row) {
        pref.in_app = GetInt64(row, 0) != 0;
        pref.email =
            domain::ParseEmailDelivery(RowText(row, 1)).value_or(domain::EmailDelivery::kOff);
        pref.push = GetInt64(row, 2) != 0;
      });
  return pref;
}

void NotificationsRepository::SetPreference(OrganizationId org, UserId user,
                                            domain::NotificationKind kind,
                                            const domain::NotificationPreference& preference,
                                            const std::string& now) {
  SqlParams p;
  p.Int("org", org.value)
      .Int("user", user.value)
      .Text("kind", std::string(domain::NotificationKindName(kind)))
      .Int("in_app", preference.in_app ? 1 : 0)
      .Text("email", std::string(domain::EmailDeliveryName(preference.email)))
      .Int("push", preference.push ? 1 : 0)
      .Text("now", now);
  p.Execute(lease_,
            "INSERT INTO notification_preferences (organization_id, user_id, kind, in_app, email, "
            "push, updated_at) VALUES (:org, :user, :kind, :in_app, :email, :push, :now) ON "
            "CONFLICT (organization_id, user_id, kind) DO UPDATE SET in_app = excluded.in_app, "
            "email = excluded.email, push = excluded.push, updated_at = excluded.updated_at");
}

std::vector<NotificationRow> NotificationsRepository::Outgoing(OrganizationId org, int limit) {
  std::vector<NotificationRow> out;
  SqlParams p;
  p.Int("org", org.value).Int("limit", limit);
  p.ForEachRow(lease_,
               std::string(kSelect) +
                   "WHERE organization_id = :org AND (email_state = 'pending' OR push_state = "
                   "'pending') ORDER BY id LIMIT :limit",
               [&](const soci::row& row) { out.push_back(ReadRow(row)); });
  return out;
}

std::vector<NotificationRow> NotificationsRepository::DigestOf(OrganizationId org, UserId user) {
  std::vector<NotificationRow> out;
  SqlParams p;
  p.Int("org", org.value).Int("user", user.value);
  p.ForEachRow(lease_,
               std::string(kSelect) +
                   "WHERE organization_id = :org AND user_id = :user AND email_state = 'digest' "
                   "ORDER BY id LIMIT 200",
               [&](const soci::row& row) { out.push_back(ReadRow(row)); });
  return out;
}

std::vector<long long> NotificationsRepository::UsersWithDigest(OrganizationId org) {
  std::vector<long long> out;
  SqlParams p;
  p.Int("org", org.value);
  p.ForEachRow(lease_,
               "SELECT DISTINCT user_id FROM notifications WHERE organization_id = :org AND "
               "email_state = 'digest' ORDER BY user_id",
               [&](const soci::row& row) { out.push_back(GetInt64(row, 0)); });
  return out;
}

std::vector<long long> NotificationsRepository::OrganizationsWithDigest() {
  std::vector<long long> out;
  SqlParams p;
  p.ForEachRow(lease_,
               "SELECT DISTINCT organization_id FROM notifications WHERE email_state = 'digest' "
               "ORDER BY organization_id",
               [&](const soci::row& row) { out.push_back(GetInt64(row, 0)); });
  return out;
}

void NotificationsRepository::SetEmailState(long long id, const std::string& state) {
  SqlParams p;
  p.Int("id", id).Text("state", state);
  p.Execute(lease_, "UPDATE notifications SET email_state = :state WHERE id = :id");
}

void NotificationsRepository::SetPushState(long long id, const std::string& state) {
  SqlParams p;
  p.Int("id", id).Text("state", state);
  p.Execute(lease_, "UPDATE notifications SET push_state = :state WHERE id = :id");
}

bool NotificationsRepository::NotifiedSince(OrganizationId org, domain::NotificationKind kind,
                                            const std::string& subject_id,
                                            const std::string& since) {
  bool found = false;
  SqlParams p;
  p.Int("org", org.value)
      .Text("kind", std::string(domain::NotificationKindName(kind)))
      .Text("sid", subject_id)
      .Text("since", since);
  p.ForEachRow(lease_,
               "SELECT 1 FROM notifications WHERE organization_id = :org AND kind = :kind AND "
               "subject_id = :sid AND created_at >= :since LIMIT 1",
               [&](const soci::row&) { found = true; });
  return found;
}

NotificationsRepository::Recipient NotificationsRepository::RecipientOf(long long user) {
  Recipient out;
  SqlParams p;
  p.Int("user", user);
  p.ForEachRow(
      lease_,
      "SELECT email, display_name, locale, CASE WHEN disabled_at IS NULL THEN 1 ELSE 0 END "
      "FROM users WHERE id = :user",
      [&](const soci::row& row) {
        out = Recipient{RowText(row, 0), RowText(row, 1), RowText(row, 2), GetInt64(row, 3) != 0};
      });
  return out;
}

long long NotificationsRepository::Subscribe(UserId user, const PushSubscriptionRow& device,
                                             const std::string& now) {
  SqlParams p;
  p.Int("user", user.value)
      .Text("endpoint", device.endpoint)
      .Text("p256dh", device.p256dh)
      .Text("auth", device.auth)
      .Text("ua", device.user_agent)
      .Text("now", now);
  long long id = 0;
  p.Execute(lease_,
            "INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth, user_agent, "
            "created_at) VALUES (:user, :endpoint, :p256dh, :auth, :ua, :now) ON CONFLICT "
            "(endpoint) DO UPDATE SET user_id = excluded.user_id, p256dh = excluded.p256dh, auth "
            "= excluded.auth, user_agent = excluded.user_agent RETURNING id",
            &id);
  return id;
}

bool NotificationsRepository::Unsubscribe(UserId user, const std::string& endpoint) {
  bool found = false;
  SqlParams find;
  find.Int("user", user.value).Text("endpoint", endpoint);
  find.ForEachRow(lease_,
                  "SELECT id FROM push_subscriptions WHERE user_id = :user AND endpoint = "
                  ":endpoint",
                  [&](const soci::row&) { found = true; });
  if (!found) return false;
  SqlParams p;
  p.Int("user", user.value).Text("endpoint", endpoint);
  p.Execute(lease_,
            "DELETE FROM push_subscriptions WHERE user_id = :user AND endpoint = :endpoint");
  return true;
}

std::vector<PushSubscriptionRow> NotificationsRepository::Devices(UserId user) {
  std::vector<PushSubscriptionRow> out;
  SqlParams p;
  p.Int("user", user.value);
  p.ForEachRow(lease_,
               "SELECT id, user_id, endpoint, p256dh, auth, user_agent, CAST(created_at AS TEXT), "
               "CAST(last_success_at AS TEXT) FROM push_subscriptions WHERE user_id = :user ORDER "
               "BY id",
               [&](const soci::row& row) {
                 PushSubscriptionRow d;
                 d.id = GetInt64(row, 0);
                 d.user = GetInt64(row, 1);
                 d.endpoint = RowText(row, 2);
                 d.p256dh = RowText(row, 3);
                 d.auth = RowText(row, 4);
                 d.user_agent = RowText(row, 5);
                 d.created_at = RowTimestamp(row, 6);
                 if (row.get_indicator(7) != soci::i_null) d.last_success_at = RowTimestamp(row, 7);
                 out.push_back(std::move(d));
               });
  return out;
}

void NotificationsRepository::ForgetDevice(long long id) {
  SqlParams p;
  p.Int("id", id);
  p.Execute(lease_, "DELETE FROM push_subscriptions WHERE id = :id");
}

void NotificationsRepository::DeviceReached(long long id, const std::string& now) {
  SqlParams p;
  p.Int("id", id).Text("now", now);
  p.Execute(lease_, "UPDATE push_subscriptions SET last_success_at = :now WHERE id = :id");
}

std::optional<NotificationsRepository::InstanceKey> NotificationsRepository::FindInstanceKey(
    const std::string& name) {
  std::optional<InstanceKey> out;
  SqlParams p;
  p.Text("name", name);
  p.ForEachRow(lease_, "SELECT public_value, sealed_private FROM instance_keys WHERE name = :name",
               [&](const soci::row& row) {
                 out = InstanceKey{RowText(row, 0), RowText(row, 1)};
               });
  return out;
}

void NotificationsRepository::InsertInstanceKey(const std::string& name, const InstanceKey& key,
                                                const std::string& now) {
  SqlParams p;
  p.Text("name", name)
      .Text("pub", key.public_value)
      .Text("sealed", key.sealed_private)
      .Text("now", now);
  p.Execute(lease_,
            "INSERT INTO instance_keys (name, public_value, sealed_private, created_at) VALUES "
            "(:name, :pub, :sealed, :now) ON CONFLICT (name) DO NOTHING");
}

}  // namespace planify::store
