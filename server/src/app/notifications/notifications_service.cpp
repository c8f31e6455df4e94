#include "app/notifications/notifications_service.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "app/documents/billing_support.hpp"
#include "app/email/email_service.hpp"
#include "app/organization/organization_service.hpp"
#include "domain/legal_mentions.hpp"
#include "domain/local_time.hpp"
#include "domain/time.hpp"
#include "integrations/http/http_client.hpp"
#include "integrations/oidc/jwt.hpp"
#include "jobs/worker.hpp"

namespace planify::app {

namespace {

using domain::FormatIsoUtc;
constexpr const char* kVapidKeyName = "vapid";
constexpr int kDeliverBatch = 50;

Error NoNotification() { return Error{ErrorCode::kNotFound, "Notification introuvable.", {}}; }

// The display facts of a stored notification: dates in the organisation's zone, euros.
std::map<std::string, std::string> DisplayFacts(const std::string& data_json,
                                                const std::string& zone, bool en) {
  std::map<std::string, std::string> facts;
  auto data = nlohmann::json::parse(data_json, nullptr, false);
  if (!data.is_object()) return facts;
  for (const char* key : {"title", "number", "client", "name", "reason"}) {
    if (data.contains(key) && data[key].is_string()) facts[key] = data[key].get<std::string>();
  }
  if (facts["reason"] == "contested") facts["reason"] = en ? "disputed" : "paiement contesté";
  if (data.contains("amount_cents") && data["amount_cents"].is_number_integer()) {
    facts["amount"] = domain::FormatEuros(data["amount_cents"].get<long long>());
  }
  for (const char* key : {"starts_at", "ends_at"}) {
    if (!data.contains(key) || !data[key].is_string()) continue;
    if (auto t = domain::ParseIsoUtc(data[key].get<std::string>())) {
      facts["when"] = domain::FormatLocalDateTime(*t, zone);
      break;
    }
  }
  if (data.contains("due_on") && data["due_on"].is_string()) {
    const std::string day = data["due_on"].get<std::string>();  // YYYY-MM-DD
    facts["when"] =
        day.size() == 10 ? day.substr(8, 2) + "/" + day.substr(5, 2) + "/" + day.substr(0, 4) : day;
  }
  return facts;
}

struct Rendered {
  domain::NotificationText text;
  std::string url;
};

Rendered RenderRow(const store::NotificationRow& row, const std::string& zone,
                   const domain::Terms& terms, const std::string& locale,
                   const std::string& public_url) {
  const auto kind =
      domain::ParseNotificationKind(row.kind).value_or(domain::NotificationKind::kJobFailed);
  const bool en = locale == "en";
  return Rendered{domain::RenderNotification(kind, DisplayFacts(row.data_json, zone, en), terms,
                                             en ? "en" : "fr"),
                  public_url + domain::NotificationPath(row.subject_type, row.subject_id)};
}

bool HostAllowed(const std::string& host, const std::vector<std::string>& hosts) {
  for (const auto& allowed : hosts) {
    if (host == allowed) return true;
    if (host.size() > allowed.size() + 1 &&
        host.compare(host.size() - allowed.size(), allowed.size(), allowed) == 0 &&
        host[host.size() - allowed.size() - 1] == '.') {
      return true;
    }
  }
  return false;
}

// One push to one device. 404/410: the device is gone and forgotten; anything else is logged
// (the in-app notification stays; a push is not retried).
void PushTo(store::Lease& lease, const store::PushSubscriptionRow& device,
            const integrations::push::VapidKeys& keys, const PushSettings& settings,
            const std::string& payload, bool urgent, domain::Timestamp now) {
  if (auto allowed = CheckPushEndpoint(device.endpoint, settings); !allowed) {
    store::NotificationsRepository(lease).ForgetDevice(device.id);
    return;
  }
  auto body = integrations::push::EncryptPayload(device.p256dh, device.auth, payload);
  if (!body) {
    spdlog::warn("push to device {} not encrypted: {}", device.id, body.error().message);
    store::NotificationsRepository(lease).ForgetDevice(device.id);
    return;
  }
  const long long expires =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count() +
      12LL * 3600;
  auto authorization = integrations::push::VapidAuthorization(
      keys, integrations::push::PushAudience(device.endpoint), settings.subject, expires);
  if (!authorization) {
    spdlog::warn("push: VAPID header not made: {}", authorization.error().message);
    return;
  }
  auto sent = integrations::HttpSend("POST", device.endpoint,
                                     {{"TTL", "86400"},
                                      {"Urgency", urgent ? "high" : "normal"},
                                      {"Content-Encoding", "aes128gcm"},
                                      {"Content-Type", "application/octet-stream"},
                                      {"Authorization", *authorization}},
                                     *body, std::chrono::milliseconds(10000));
  if (!sent) {
    spdlog::warn("push to device {} failed: {}", device.id, sent.error().message);
    return;
  }
  store::NotificationsRepository repo(lease);
  if (sent->status == 404 || sent->status == 410) {
    spdlog::info("push device {} is gone ({}): forgotten", device.id, sent->status);
    repo.ForgetDevice(device.id);
  } else if (sent->status >= 200 && sent->status < 300) {
    repo.DeviceReached(device.id, FormatIsoUtc(now));
  } else {
    spdlog::warn("push to device {}: status {}", device.id, sent->status);
  }
}

bool IsUrgent(const std::string& kind) {
  auto k = domain::ParseNotificationKind(kind);
  return k && domain::InfoOf(*k).defaults.push;
}

Result<void> Deliver(jobs::JobContext& context, OrganizationId org, const Clock& clock,
                     const Cipher& cipher, const std::string& public_url,
                     const PushSettings& push) {
  const auto now = clock.Now();
  auto keys = EnsureVapidKeys(context.db(), cipher, FormatIsoUtc(now));
  if (!keys) return Fail(keys.error());
  return store::WithLease(context.db(), [&](store::Lease& lease) -> Result<void> {
    const auto settings = billing::LoadSettings(lease, org, nullptr);
    const auto branding = OrganizationBranding(lease, org, public_url);
    store::NotificationsRepository repo(lease);
    for (int round = 0; round < 20; ++round) {
      auto rows = repo.Outgoing(org, kDeliverBatch);
      if (rows.empty()) break;
      for (const auto& row : rows) {
        const auto who = repo.RecipientOf(row.user);
        const auto shown =
            RenderRow(row, settings.time_zone, branding.terms, who.locale, public_url);
        if (row.email_state == "pending") {
          store::WriteTransaction tx(lease);
          if (who.active && !who.email.empty()) {
            auto queued = QueueTemplatedEmail(lease, org, "notification.single",
                                              who.locale == "en" ? "en" : "fr", branding,
                                              {{"recipient_name", who.name},
                                               {"title", shown.text.title},
                                               {"body", shown.text.body},
                                               {"link_url", shown.url}},
                                              who.email, who.name, FormatIsoUtc(now));
            if (!queued) {
              spdlog::warn("notification {}: e-mail not queued: {}", row.id,
                           queued.error().message);
            }
          }
          repo.SetEmailState(row.id, "sent");
          tx.Commit();
        }
        if (row.push_state == "pending") {
          const std::string payload = nlohmann::json{
              {"title", shown.text.title},
              {"body", shown.text.body},
              {"url", shown.url},
              {"tag", "n" + std::to_string(
                                row.id)}}.dump();
          if (who.active) {
            for (const auto& device : repo.Devices(UserId{row.user})) {
              PushTo(lease, device, *keys, push, payload, IsUrgent(row.kind), now);
            }
          }
          repo.SetPushState(row.id, "sent");
        }
      }
    }
    return {};
  });
}

Result<void> Digest(jobs::JobContext& context, const Clock& clock, const std::string& public_url) {
  const auto now = clock.Now();
  return store::WithLease(context.db(), [&](store::Lease& lease) -> Result<void> {
    for (long long id : store::NotificationsRepository(lease).OrganizationsWithDigest()) {
      const OrganizationId org{id};
      store::NotificationsRepository repo(lease);
      const auto users = repo.UsersWithDigest(org);
      if (users.empty()) continue;
      const auto settings = billing::LoadSettings(lease, org, nullptr);
      const auto branding = OrganizationBranding(lease, org, public_url);
      for (long long user : users) {
        const auto who = repo.RecipientOf(user);
        const auto rows = repo.DigestOf(org, UserId{user});
        store::WriteTransaction tx(lease);
        if (who.active && !who.email.empty() && !rows.empty()) {
          nlohmann::json items = nlohmann::json::array();
          for (const auto& row : rows) {
            const auto shown =
                RenderRow(row, settings.time_zone, branding.terms, who.locale, public_url);
            items.push_back(
                {{"title", shown.text.title}, {"body", shown.text.body}, {"link_url", shown.url}});
          }
          auto queued = QueueTemplatedEmail(lease, org, "notification.digest",
                                            who.locale == "en" ? "en" : "fr", branding,
                                            {{"recipient_name", who.name},
                                             {"count", std::to_string(rows.size())},
                                             {"items", items},
                                             {"link_url", public_url + "/notifications"}},
                                            who.email, who.name, FormatIsoUtc(now));
          if (!queued) {
            spdlog::warn("digest for user {} not queued: {}", user, queued.error().message);
          }
        }
        for (const auto& row : rows) repo.SetEmailState(row.id, "sent");
        tx.Commit();
      }
    }
    return {};
  });
}

}  // namespace

std::vector<std::string> DefaultPushHosts() {
  // Chrome/Edge/Android (FCM), Firefox (Mozilla autopush), Safari (Apple), legacy Edge (WNS).
  return {"fcm.googleapis.com", "push.services.mozilla.com", "push.apple.com",
          "notify.windows.com"};
}

Result<void> CheckPushEndpoint(const std::string& endpoint, const PushSettings& settings) {
  auto url = domain::ParseWebhookUrl(endpoint, settings.policy);
  if (!url) {
    return Fail(ErrorCode::kValidation, "Adresse de notification invalide.",
                {{"endpoint", url.error().message}});
  }
  if (!HostAllowed(url->host, settings.hosts)) {
    return Fail(ErrorCode::kValidation, "Service de notification inconnu.",
                {{"endpoint", "Adresse d'un service de notification de navigateur attendue."}});
  }
  return {};
}

Result<integrations::push::VapidKeys> EnsureVapidKeys(store::Database& db, const Cipher& cipher,
                                                      const std::string& now) {
  return store::WithLease(db, [&](store::Lease& lease) -> Result<integrations::push::VapidKeys> {
    store::NotificationsRepository repo(lease);
    auto stored = repo.FindInstanceKey(kVapidKeyName);
    if (!stored) {
      const auto fresh = integrations::push::GenerateVapidKeys();
      store::WriteTransaction tx(lease);
      repo.InsertInstanceKey(kVapidKeyName, {fresh.public_key, cipher.Seal(fresh.private_key)},
                             now);
      tx.Commit();
      stored = repo.FindInstanceKey(kVapidKeyName);
      if (!stored) return Fail(ErrorCode::kInternal, "VAPID key not stored");
    }
    auto opened = cipher.Open(stored->sealed_private);
    if (!opened) {
      return Fail(ErrorCode::kInternal,
                  "the VAPID key was sealed with another secret key (PLANIFY_SECRET_KEY changed)");
    }
    return integrations::push::VapidKeys{*opened, stored->public_value};
  });
}

Result<NotificationList> NotificationsService::List(const Principal& actor, long long before_id,
                                                    int limit, bool unread_only) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<NotificationList> {
    store::NotificationsRepository repo(lease);
    NotificationList out;
    out.items = repo.List(*actor.organization, actor.user, before_id, limit + 1, unread_only);
    if (static_cast<int>(out.items.size()) > limit) {
      out.more = true;
      out.items.resize(static_cast<std::size_t>(limit));
    }
    out.unread = repo.UnreadCount(*actor.organization, actor.user);
    return out;
  });
}

Result<long long> NotificationsService::UnreadCount(const Principal& actor) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<long long> {
    return store::NotificationsRepository(lease).UnreadCount(*actor.organization, actor.user);
  });
}

Result<void> NotificationsService::MarkRead(const Principal& actor, long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::WriteTransaction tx(lease);
    if (!store::NotificationsRepository(lease).MarkRead(*actor.organization, actor.user, id,
                                                        FormatIsoUtc(clock_.Now()))) {
      return Fail(NoNotification());
    }
    tx.Commit();
    return {};
  });
}

Result<long long> NotificationsService::MarkAllRead(const Principal& actor) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<long long> {
    store::WriteTransaction tx(lease);
    auto n = store::NotificationsRepository(lease).MarkAllRead(*actor.organization, actor.user,
                                                               FormatIsoUtc(clock_.Now()));
    tx.Commit();
    return n;
  });
}

Result<std::vector<PreferenceView>> NotificationsService::Preferences(const Principal& actor) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::vector<PreferenceView>> {
    store::NotificationsRepository repo(lease);
    std::vector<PreferenceView> out;
    for (const auto& info : domain::AllNotificationKinds()) {
      if (!actor.role || !domain::MayReceive(*actor.role, info.kind)) continue;
      out.push_back({info.kind, repo.Preference(*actor.organization, actor.user, info.kind)});
    }
    return out;
  });
}

Result<std::vector<PreferenceView>> NotificationsService::SetPreferences(
    const Principal& actor, const std::vector<PreferenceView>& choices) {
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (!actor.role || !domain::MayReceive(*actor.role, choices[i].kind)) {
      errors.push_back({"preferences[" + std::to_string(i) + "].kind",
                        "Votre rôle ne reçoit pas ce type de notification."});
    }
  }
  if (!errors.empty()) {
    return Fail(ErrorCode::kValidation, "Préférences invalides.", std::move(errors));
  }
  auto saved = store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::WriteTransaction tx(lease);
    store::NotificationsRepository repo(lease);
    const std::string now = FormatIsoUtc(clock_.Now());
    for (const auto& c : choices) {
      repo.SetPreference(*actor.organization, actor.user, c.kind, c.preference, now);
    }
    tx.Commit();
    return {};
  });
  if (!saved) return Fail(saved.error());
  return Preferences(actor);
}

Result<std::string> NotificationsService::VapidPublicKey() {
  auto keys = EnsureVapidKeys(db_, cipher_, FormatIsoUtc(clock_.Now()));
  if (!keys) return Fail(keys.error());
  return keys->public_key;
}

Result<long long> NotificationsService::Subscribe(const Principal& actor,
                                                  const std::string& endpoint,
                                                  const std::string& p256dh,
                                                  const std::string& auth,
                                                  const std::string& user_agent) {
  std::vector<FieldError> errors;
  if (auto ok = CheckPushEndpoint(endpoint, push_); !ok) {
    for (const auto& f : ok.error().fields) errors.push_back(f);
  }
  auto key = integrations::Base64UrlDecode(p256dh);
  if (!key || key->size() != 65 || (*key)[0] != 0x04) {
    errors.push_back({"keys.p256dh", "Clé P-256 non compressée (65 octets, base64url) attendue."});
  }
  auto secret = integrations::Base64UrlDecode(auth);
  if (!secret || secret->size() != 16) {
    errors.push_back({"keys.auth", "Secret de 16 octets (base64url) attendu."});
  }
  if (!errors.empty()) {
    return Fail(ErrorCode::kValidation, "Abonnement aux notifications invalide.",
                std::move(errors));
  }
  // A key that is not a point of the curve cannot be encrypted to: refuse it now.
  if (auto probe = integrations::push::EncryptPayload(p256dh, auth, "{}"); !probe) {
    return Fail(ErrorCode::kValidation, "Abonnement aux notifications invalide.",
                {{"keys.p256dh", "Clé publique invalide."}});
  }
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<long long> {
    store::WriteTransaction tx(lease);
    store::PushSubscriptionRow device;
    device.endpoint = endpoint;
    device.p256dh = p256dh;
    device.auth = auth;
    device.user_agent = user_agent.substr(0, 300);
    auto id = store::NotificationsRepository(lease).Subscribe(actor.user, device,
                                                              FormatIsoUtc(clock_.Now()));
    tx.Commit();
    return id;
  });
}

Result<void> NotificationsService::Unsubscribe(const Principal& actor,
                                               const std::string& endpoint) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::WriteTransaction tx(lease);
    if (!store::NotificationsRepository(lease).Unsubscribe(actor.user, endpoint)) {
      return Fail(ErrorCode::kNotFound, "Appareil inconnu.");
    }
    tx.Commit();
    return {};
  });
}

void RegisterNotificationJobs(jobs::JobRegistry& registry, const Clock& clock, const Cipher& cipher,
                              const std::string& public_url, const PushSettings& push) {
  registry.Register("notifications.deliver",
                    [&clock, &cipher, public_url, push](const store::JobRow& job,
                                                        jobs::JobContext& context) -> Result<void> {
                      if (!job.organization) return {};
                      auto done =
                          Deliver(context, *job.organization, clock, cipher, public_url, push);
                      if (!done) return done;
                      return context.CompleteWith([](store::Lease&) {});
                    });
  registry.Register(
      "notifications.digest",
      [&clock, public_url](const store::JobRow&, jobs::JobContext& context) -> Result<void> {
        auto done = Digest(context, clock, public_url);
        if (!done) return done;
        return context.CompleteWith([](store::Lease&) {});
      });
}

}  // namespace planify::app
