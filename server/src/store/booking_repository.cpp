#include "store/booking_repository.hpp"

#include <sstream>

#include <nlohmann/json.hpp>

#include "domain/validation.hpp"
#include "store/sql_params.hpp"

namespace planify::store {

namespace {

constexpr const char* kColumns =
    "id, organization_id, sequence, reference, status, event_type, CAST(starts_at AS TEXT), "
    "CAST(ends_at AS TEXT), place, guests, services, budget_cents, message, contact_name, email, "
    "phone, locale, looked_free, decline_reason, client_id, mission_id, quote_id, "
    "accepted_by_user_id, CAST(accepted_at AS TEXT), proposed_user_id, performer_answer, "
    "CAST(performer_answered_at AS TEXT), CAST(created_at AS TEXT), CAST(updated_at AS TEXT)";

std::optional<long long> OptionalInt(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return std::nullopt;
  return GetInt64(row, i);
}

std::vector<BookedService> ParseServices(const std::string& text) {
  std::vector<BookedService> out;
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_array()) return out;
  for (const auto& s : json) {
    if (!s.is_object() || !s.contains("id") || !s["id"].is_number_integer()) continue;
    out.push_back({s["id"].get<long long>(), s.value("name", std::string())});
  }
  return out;
}

std::string ServicesJson(const std::vector<BookedService>& services) {
  auto out = nlohmann::json::array();
  for (const auto& s : services) out.push_back({{"id", s.id}, {"name", s.name}});
  return out.dump();
}

BookingRequestRow ReadRequest(const soci::row& row) {
  BookingRequestRow r;
  r.id = GetInt64(row, 0);
  r.organization = GetInt64(row, 1);
  r.sequence = GetInt64(row, 2);
  r.reference = RowText(row, 3);
  r.status = RowText(row, 4);
  r.event_type = RowText(row, 5);
  r.starts_at = RowTimestamp(row, 6);
  r.ends_at = RowTimestamp(row, 7);
  r.place = RowText(row, 8);
  r.guests = OptionalInt(row, 9);
  r.services = ParseServices(RowText(row, 10));
  r.budget_cents = OptionalInt(row, 11);
  r.message = RowText(row, 12);
  r.contact_name = RowText(row, 13);
  r.email = RowText(row, 14);
  r.phone = RowText(row, 15);
  r.locale = RowText(row, 16);
  r.looked_free = GetInt64(row, 17) != 0;
  r.decline_reason = RowText(row, 18);
  r.client_id = OptionalInt(row, 19);
  r.mission_id = OptionalInt(row, 20);
  r.quote_id = OptionalInt(row, 21);
  r.accepted_by = OptionalInt(row, 22);
  r.accepted_at = RowTimestamp(row, 23);
  r.proposed_user_id = OptionalInt(row, 24);
  r.performer_answer = RowText(row, 25);
  r.performer_answered_at = RowTimestamp(row, 26);
  r.created_at = RowTimestamp(row, 27);
  r.updated_at = RowTimestamp(row, 28);
  return r;
}

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

std::string JoinWords(const std::vector<std::string>& words, const char* separator) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : separator) + w;
  return out;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

}  // namespace

std::optional<OrganizationId> BookingRepository::OrganizationBySlug(const std::string& slug) {
  std::optional<OrganizationId> out;
  SqlParams p;
  p.Text("slug", slug);
  p.ForEachRow(lease_, "SELECT id FROM organizations WHERE slug = :slug",
               [&](const soci::row& row) { out = OrganizationId{GetInt64(row, 0)}; });
  return out;
}

BookingSettingsRow BookingRepository::Settings(OrganizationId org) {
  BookingSettingsRow s;
  SqlParams p;
  p.Int("org", org.value);
  p.ForEachRow(lease_,
               "SELECT enabled, intro, event_types, service_ids, frame_ancestors, two_step, "
               "show_ratings, CAST(updated_at AS TEXT), space_show_times, space_show_venue, "
               "space_show_lead FROM booking_settings WHERE organization_id = :org",
               [&](const soci::row& row) {
                 s.enabled = GetInt64(row, 0) != 0;
                 s.intro = RowText(row, 1);
                 s.event_types = Lines(RowText(row, 2));
                 for (const auto& id : Words(RowText(row, 3)))
                   s.service_ids.push_back(std::stoll(id));
                 s.frame_ancestors = Words(RowText(row, 4));
                 s.two_step = GetInt64(row, 5) != 0;
                 s.show_ratings = GetInt64(row, 6) != 0;
                 s.updated_at = RowTimestamp(row, 7);
                 s.space_show_times = GetInt64(row, 8) != 0;
                 s.space_show_venue = GetInt64(row, 9) != 0;
                 s.space_show_lead = GetInt64(row, 10) != 0;
               });
  return s;
}

void BookingRepository::SaveSettings(OrganizationId org, const BookingSettingsRow& s,
                                     const std::string& now) {
  std::vector<std::string> ids;
  for (long long id : s.service_ids) ids.push_back(std::to_string(id));
  SqlParams p;
  p.Int("org", org.value);
  p.Int("enabled", s.enabled ? 1 : 0);
  p.Text("intro", s.intro);
  p.Text("types", JoinWords(s.event_types, "\n"));
  p.Text("services", JoinWords(ids, " "));
  p.Text("frames", JoinWords(s.frame_ancestors, " "));
  p.Int("two_step", s.two_step ? 1 : 0);
  p.Int("ratings", s.show_ratings ? 1 : 0);
  p.Int("times", s.space_show_times ? 1 : 0);
  p.Int("venue", s.space_show_venue ? 1 : 0);
  p.Int("lead", s.space_show_lead ? 1 : 0);
  p.Text("now", now);
  p.Execute(lease_,
            "INSERT INTO booking_settings (organization_id, enabled, intro, event_types, "
            "service_ids, frame_ancestors, two_step, show_ratings, space_show_times, "
            "space_show_venue, space_show_lead, updated_at) VALUES (:org, :enabled, :intro, "
            ":types, :services, :frames, :two_step, :ratings, :times, :venue, :lead, :now) ON "
            "CONFLICT (organization_id) DO UPDATE SET enabled = excluded.enabled, intro = "
            "excluded.intro, event_types = excluded.event_types, service_ids = "
            "excluded.service_ids, frame_ancestors = excluded.frame_ancestors, two_step = "
            "excluded.two_step, show_ratings = excluded.show_ratings, space_show_times = "
            "excluded.space_show_times, space_show_venue = excluded.space_show_venue, "
            "space_show_lead = excluded.space_show_lead, updated_at = excluded.updated_at");
}

std::vector<long long> BookingRepository::Performers(OrganizationId org) {
  std::vector<long long> out;
  SqlParams p;
  p.Int("org", org.value);
  p.ForEachRow(lease_,
               "SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE "
               "m.organization_id = :org AND m.role = 'dj' AND u.disabled_at IS NULL ORDER BY "
               "m.user_id",
               [&](const soci::row& row) { out.push_back(GetInt64(row, 0)); });
  return out;
}

BookingRequestRow BookingRepository::Insert(OrganizationId org,
                                            const domain::BookingRequestData& data,
                                            const std::vector<BookedService>& services,
                                            bool looked_free, const std::string& now) {
  if (lease_.dialect() == Dialect::kPostgres) {
    long long key = org.value;
    // Key space 7002: booking request numbering, one per organisation.
    *lease_ << "SELECT pg_advisory_xact_lock(7002, CAST(:org AS INTEGER))", soci::use(key, "org");
  }
  long long sequence = 0;
  {
    SqlParams p;
    p.Int("org", org.value);
    p.ForEachRow(lease_,
                 "SELECT COALESCE(MAX(sequence), 0) + 1 FROM booking_requests WHERE "
                 "organization_id = :org",
                 [&](const soci::row& row) { sequence = GetInt64(row, 0); });
  }
  const std::string reference = domain::BookingReference(sequence);
  SqlParams p;
  p.Int("org", org.value);
  p.Int("seq", sequence);
  p.Text("ref", reference);
  p.Text("type", data.event_type);
  p.Text("starts", domain::FormatIsoUtc(data.starts_at));
  p.Text("ends", domain::FormatIsoUtc(data.ends_at));
  p.Text("place", data.place);
  p.IntOrNull("guests", data.guests ? std::optional<long long>(*data.guests) : std::nullopt);
  p.Text("services", ServicesJson(services));
  p.IntOrNull("budget", data.budget_cents);
  p.Text("message", data.message);
  p.Text("name", data.name);
  p.Text("email", data.email);
  p.Text("phone", data.phone);
  p.Text("locale", data.locale);
  p.Text("search", domain::FoldForSearch(reference + " " + data.name + " " + data.email + " " +
                                         data.place + " " + data.event_type));
  p.Int("free", looked_free ? 1 : 0);
  p.Text("now", now);
  long long id = 0;
  p.Execute(lease_,
            "INSERT INTO booking_requests (organization_id, sequence, reference, status, "
            "event_type, starts_at, ends_at, place, guests, services, budget_cents, message, "
            "contact_name, email, phone, locale, search_text, looked_free, created_at, "
            "updated_at) VALUES (:org, :seq, :ref, 'new', :type, :starts, :ends, :place, :guests, "
            ":services, :budget, :message, :name, :email, :phone, :locale, :search, :free, :now, "
            ":now) RETURNING id",
            &id);
  return *Find(org, id);
}

std::optional<BookingRequestRow> BookingRepository::Find(OrganizationId org, long long id,
                                                         bool lock) {
  std::optional<BookingRequestRow> out;
  SqlParams p;
  p.Int("org", org.value);
  p.Int("id", id);
  const bool for_update = lock && lease_.dialect() == Dialect::kPostgres;
  p.ForEachRow(lease_,
               std::string("SELECT ") + kColumns +
                   " FROM booking_requests WHERE organization_id = :org AND id = :id" +
                   (for_update ? " FOR UPDATE" : ""),
               [&](const soci::row& row) { out = ReadRequest(row); });
  return out;
}

std::vector<BookingRequestRow> BookingRepository::List(OrganizationId org,
                                                       const BookingFilter& filter,
                                                       long long* total) {
  // Up to five folded words, each a bound LIKE pattern (folded text holds only [a-z0-9 ]).
  std::vector<std::string> patterns;
  for (const auto& word : Words(domain::FoldForSearch(filter.query))) {
    if (patterns.size() == 5) break;
    patterns.push_back("%" + word + "%");
  }
  while (patterns.size() < 5) patterns.emplace_back("%");
  auto bind = [&](SqlParams& p) {
    p.Int("org", org.value);
    p.Text("status", filter.status);
    for (std::size_t i = 0; i < patterns.size(); ++i) p.Text("w" + std::to_string(i), patterns[i]);
  };
  const std::string where =
      " FROM booking_requests WHERE organization_id = :org AND ((CAST(:status AS TEXT) = '' AND "
      "status <> "
      "'spam') OR status = :status) AND search_text LIKE :w0 AND search_text LIKE :w1 AND "
      "search_text LIKE :w2 AND search_text LIKE :w3 AND search_text LIKE :w4";
  if (total != nullptr) {
    SqlParams p;
    bind(p);
    p.ForEachRow(lease_, "SELECT count(*)" + where,
                 [&](const soci::row& row) { *total = GetInt64(row, 0); });
  }
  std::vector<BookingRequestRow> out;
  SqlParams p;
  bind(p);
  p.Int("limit", filter.limit);
  p.Int("offset", filter.offset);
  p.ForEachRow(
      lease_,
      std::string("SELECT ") + kColumns + where + " ORDER BY id DESC LIMIT :limit OFFSET :offset",
      [&](const soci::row& row) { out.push_back(ReadRequest(row)); });
  return out;
}

BookingCounts BookingRepository::Counts(OrganizationId org) {
  BookingCounts c;
  SqlParams p;
  p.Int("org", org.value);
  p.ForEachRow(lease_,
               "SELECT count(*), COALESCE(SUM(CASE WHEN status = 'new' THEN 1 ELSE 0 END), 0) "
               "FROM booking_requests WHERE organization_id = :org AND status <> 'spam'",
               [&](const soci::row& row) {
                 c.total = GetInt64(row, 0);
                 c.fresh = GetInt64(row, 1);
               });
  return c;
}

void BookingRepository::Update(OrganizationId org, const BookingRequestRow& r,
                               const std::string& now) {
  SqlParams p;
  p.Int("org", org.value);
  p.Int("id", r.id);
  p.Text("status", r.status);
  p.Text("reason", r.decline_reason);
  p.IntOrNull("client", r.client_id);
  p.IntOrNull("mission", r.mission_id);
  p.IntOrNull("quote", r.quote_id);
  p.IntOrNull("by", r.accepted_by);
  p.TextOrNull("accepted_at", r.accepted_at);
  p.IntOrNull("proposed", r.proposed_user_id);
  p.Text("answer", r.performer_answer);
  p.TextOrNull("answered_at", r.performer_answered_at);
  p.Text("now", now);
  p.Execute(lease_,
            "UPDATE booking_requests SET status = :status, decline_reason = :reason, client_id = "
            ":client, mission_id = :mission, quote_id = :quote, accepted_by_user_id = :by, "
            "accepted_at = :accepted_at, proposed_user_id = :proposed, performer_answer = "
            ":answer, performer_answered_at = :answered_at, updated_at = :now WHERE "
            "organization_id = :org AND id = :id");
}

std::vector<BookingRequestRow> BookingRepository::ProposedTo(OrganizationId org, long long user) {
  std::vector<BookingRequestRow> out;
  SqlParams p;
  p.Int("org", org.value);
  p.Int("user", user);
  p.ForEachRow(lease_,
               std::string("SELECT ") + kColumns +
                   " FROM booking_requests WHERE organization_id = :org AND proposed_user_id = "
                   ":user AND performer_answer = '' AND status IN ('new', 'in_discussion') "
                   "ORDER BY starts_at",
               [&](const soci::row& row) { out.push_back(ReadRequest(row)); });
  return out;
}

void BookingRepository::FollowQuote(OrganizationId org, long long quote,
                                    const std::string& quote_status, const std::string& now) {
  std::string status;
  std::string reason;
  if (quote_status == "accepted") {
    status = "won";
  } else if (quote_status == "declined") {
    status = "lost";
    reason = "Devis refusé par le client.";
  } else if (quote_status == "cancelled") {
    status = "lost";
    reason = "Devis annulé.";
  } else {
    return;
  }
  SqlParams p;
  p.Int("org", org.value);
  p.Int("quote", quote);
  p.Text("status", status);
  p.Text("reason", reason);
  p.Text("now", now);
  p.Execute(lease_,
            "UPDATE booking_requests SET status = :status, decline_reason = :reason, updated_at = "
            ":now WHERE organization_id = :org AND quote_id = :quote AND status = 'quoted'");
}

long long BookingRepository::InsertMessage(OrganizationId org, long long request,
                                           std::optional<long long> author, const std::string& kind,
                                           const std::string& body,
                                           std::optional<long long> email_id,
                                           const std::string& now) {
  SqlParams p;
  p.Int("org", org.value);
  p.Int("request", request);
  p.IntOrNull("author", author);
  p.Text("kind", kind);
  p.Text("body", body);
  p.IntOrNull("email", email_id);
  p.Text("now", now);
  long long id = 0;
  p.Execute(lease_,
            "INSERT INTO booking_messages (organization_id, request_id, author_user_id, kind, "
            "body, email_id, created_at) VALUES (:org, :request, :author, :kind, :body, :email, "
            ":now) RETURNING id",
            &id);
  return id;
}

std::vector<BookingMessageRow> BookingRepository::Messages(OrganizationId org, long long request) {
  std::vector<BookingMessageRow> out;
  SqlParams p;
  p.Int("org", org.value);
  p.Int("request", request);
  p.ForEachRow(lease_,
               "SELECT m.id, m.author_user_id, COALESCE(u.display_name, ''), m.kind, m.body, "
               "m.email_id, CAST(m.created_at AS TEXT) FROM booking_messages m LEFT JOIN users u "
               "ON u.id = m.author_user_id WHERE m.organization_id = :org AND m.request_id = "
               ":request ORDER BY m.id",
               [&](const soci::row& row) {
                 BookingMessageRow m;
                 m.id = GetInt64(row, 0);
                 m.author_user_id = OptionalInt(row, 1);
                 m.author_name = RowText(row, 2);
                 m.kind = RowText(row, 3);
                 m.body = RowText(row, 4);
                 m.email_id = OptionalInt(row, 5);
                 m.created_at = RowTimestamp(row, 6);
                 out.push_back(std::move(m));
               });
  return out;
}

}  // namespace planify::store
