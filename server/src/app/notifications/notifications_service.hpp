#pragma once

#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "app/ports.hpp"
#include "domain/notifications.hpp"
#include "domain/webhooks.hpp"
#include "integrations/push/web_push.hpp"
#include "store/notifications_repository.hpp"

namespace planify::jobs {
class JobRegistry;
}

namespace planify::app {

// Where Web Push may go (docs/notifications.md): the browsers' push services only, so a
// subscription can never make the server post to an address of the user's choosing.
struct PushSettings {
  std::vector<std::string> hosts;  // a host or a parent domain ("push.apple.com")
  domain::WebhookPolicy policy;    // tests only: http and 127.0.0.1
  std::string subject = "mailto:notifications@planify.app";  // VAPID "sub"
};
[[nodiscard]] std::vector<std::string> DefaultPushHosts();

struct NotificationList {
  std::vector<store::NotificationRow> items;  // newest first
  long long unread = 0;
  bool more = false;
};

struct PreferenceView {
  domain::NotificationKind kind = domain::NotificationKind::kMissionAssigned;
  domain::NotificationPreference preference;
};

// A member's notifications, their preferences and their devices; every call is about the
// caller only.
class NotificationsService {
 public:
  NotificationsService(store::Database& db, const Clock& clock, const Cipher& cipher,
                       PushSettings push)
      : db_(db), clock_(clock), cipher_(cipher), push_(std::move(push)) {}

  static constexpr int kMaxLimit = 100;

  [[nodiscard]] Result<NotificationList> List(const Principal& actor, long long before_id,
                                              int limit, bool unread_only);
  [[nodiscard]] Result<long long> UnreadCount(const Principal& actor);
  // NOT_FOUND when the notification is not the caller's in this organisation.
  [[nodiscard]] Result<void> MarkRead(const Principal& actor, long long id);
  [[nodiscard]] Result<long long> MarkAllRead(const Principal& actor);

  // Every kind the caller's role may receive, with the caller's choice or the default.
  [[nodiscard]] Result<std::vector<PreferenceView>> Preferences(const Principal& actor);
  // VALIDATION (field "preferences[i].kind") for a kind the role never receives.
  [[nodiscard]] Result<std::vector<PreferenceView>> SetPreferences(
      const Principal& actor, const std::vector<PreferenceView>& choices);

  // The installation's VAPID public key (base64url), made on first use.
  [[nodiscard]] Result<std::string> VapidPublicKey();
  // VALIDATION for an endpoint that is not a known push service or malformed keys.
  [[nodiscard]] Result<long long> Subscribe(const Principal& actor, const std::string& endpoint,
                                            const std::string& p256dh, const std::string& auth,
                                            const std::string& user_agent);
  // NOT_FOUND when the caller has no such device.
  [[nodiscard]] Result<void> Unsubscribe(const Principal& actor, const std::string& endpoint);

 private:
  store::Database& db_;
  const Clock& clock_;
  const Cipher& cipher_;
  PushSettings push_;
};

// The installation's VAPID key pair, made and stored (private half sealed) on first call; two
// instances starting together keep the first one written.
[[nodiscard]] Result<integrations::push::VapidKeys> EnsureVapidKeys(store::Database& db,
                                                                    const Cipher& cipher,
                                                                    const std::string& now);

// VALIDATION unless `endpoint` is an https URL on one of `settings.hosts`.
[[nodiscard]] Result<void> CheckPushEndpoint(const std::string& endpoint,
                                             const PushSettings& settings);

// "notifications.deliver" (an organisation's pending e-mails and pushes) and
// "notifications.digest" (each member's digest e-mail, every morning).
void RegisterNotificationJobs(jobs::JobRegistry& registry, const Clock& clock, const Cipher& cipher,
                              const std::string& public_url, const PushSettings& push);

}  // namespace planify::app
