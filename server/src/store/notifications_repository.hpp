#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/ids.hpp"
#include "domain/notifications.hpp"
#include "store/auth_repository.hpp"
#include "store/database.hpp"

namespace planify::store {

// Something members should hear about (docs/notifications.md).
struct NotificationEvent {
  OrganizationId organization{0};
  domain::NotificationKind kind = domain::NotificationKind::kMissionAssigned;
  std::string subject_type;  // "mission", "quote", "invoice", ...
  std::string subject_id;
  nlohmann::json data = nlohmann::json::object();  // raw facts
  std::optional<UserId> actor;  // who caused it: never told about their own action
  // The crew kinds name their recipients; the others go to every member whose role holds the
  // kind's audience permission.
  std::vector<long long> users;
};

// Writes the event's notifications on the caller's lease (its transaction), one per recipient
// who wants it on some channel, and queues "notifications.deliver" when an e-mail or a push is
// due. Returns how many were written.
int Notify(Lease& lease, const NotificationEvent& event, const std::string& now);

// The notifications an audit entry means (missions assigned, moved, canceled; quotes signed or
// declined; invoices paid; booking requests), in the entry's transaction.
void RecordNotifications(Lease& lease, const AuditEntry& entry, const std::string& now);

struct NotificationRow {
  long long id = 0;
  long long organization = 0;
  long long user = 0;
  std::string kind;
  std::string subject_type;
  std::string subject_id;
  std::string data_json;
  std::string created_at;
  std::string read_at;  // "" while unread
  std::string email_state;
  std::string push_state;
};

struct PushSubscriptionRow {
  long long id = 0;
  long long user = 0;
  std::string endpoint;
  std::string p256dh;
  std::string auth;
  std::string user_agent;
  std::string created_at;
  std::string last_success_at;
};

class NotificationsRepository {
 public:
  explicit NotificationsRepository(Lease& lease) : lease_(lease) {}

  // The bell's list, newest first, below `before_id` (0: from the newest).
  [[nodiscard]] std::vector<NotificationRow> List(OrganizationId org, UserId user,
                                                  long long before_id, int limit, bool unread_only);
  [[nodiscard]] long long UnreadCount(OrganizationId org, UserId user);
  // Marks one (false when it is not the member's) or all as read.
  [[nodiscard]] bool MarkRead(OrganizationId org, UserId user, long long id,
                              const std::string& now);
  long long MarkAllRead(OrganizationId org, UserId user, const std::string& now);

  [[nodiscard]] domain::NotificationPreference Preference(OrganizationId org, UserId user,
                                                          domain::NotificationKind kind);
  void SetPreference(OrganizationId org, UserId user, domain::NotificationKind kind,
                     const domain::NotificationPreference& preference, const std::string& now);

  // Deliveries: notifications of an organisation with an e-mail or a push to send now.
  [[nodiscard]] std::vector<NotificationRow> Outgoing(OrganizationId org, int limit);
  // Digest e-mails waiting for a member.
  [[nodiscard]] std::vector<NotificationRow> DigestOf(OrganizationId org, UserId user);
  [[nodiscard]] std::vector<long long> UsersWithDigest(OrganizationId org);
  [[nodiscard]] std::vector<long long> OrganizationsWithDigest();
  void SetEmailState(long long id, const std::string& state);
  void SetPushState(long long id, const std::string& state);
  // True when a notification of this kind about this subject was written since `since`.
  [[nodiscard]] bool NotifiedSince(OrganizationId org, domain::NotificationKind kind,
                                   const std::string& subject_id, const std::string& since);

  struct Recipient {
    std::string email;
    std::string name;
    std::string locale;  // "fr" or "en"
    bool active = false;
  };
  [[nodiscard]] Recipient RecipientOf(long long user);

  // Web Push devices. Subscribing an endpoint already known moves it to this user.
  long long Subscribe(UserId user, const PushSubscriptionRow& device, const std::string& now);
  [[nodiscard]] bool Unsubscribe(UserId user, const std::string& endpoint);
  [[nodiscard]] std::vector<PushSubscriptionRow> Devices(UserId user);
  void ForgetDevice(long long id);
  void DeviceReached(long long id, const std::string& now);

  // The installation's VAPID keys; nullopt until made.
  struct InstanceKey {
    std::string public_value;
    std::string sealed_private;
  };
  [[nodiscard]] std::optional<InstanceKey> FindInstanceKey(const std::string& name);
  // Keeps the first writer's key when two instances start together.
  void InsertInstanceKey(const std::string& name, const InstanceKey& key, const std::string& now);

 private:
  Lease& lease_;
};

}  // namespace planify::store
