#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/permissions.hpp"
#include "domain/terminology.hpp"

namespace planify::domain {

// What a member is told about (docs/notifications.md). Stable names stored in the database and
// used by the API.
enum class NotificationKind {
  kMissionAssigned,  // put on a mission's crew
  kMissionMoved,     // a mission of theirs changed date or time
  kMissionCanceled,  // a mission of theirs was canceled
  kQuoteSigned,      // a client signed a quote online
  kQuoteDeclined,    // a client declined a quote
  kInvoicePaid,      // an invoice is fully paid
  kPaymentFailed,    // an online payment failed or was disputed
  kBookingRequest,   // a booking request arrived from the public page
  kEquipmentLate,    // equipment not back when expected
  kMaintenanceDue,   // a safety check or maintenance is due
  kJobFailed,        // a background job died after its retries
};

// How a kind reaches a member by e-mail: not at all, at once, or in the morning's digest.
enum class EmailDelivery { kOff, kImmediate, kDigest };

struct NotificationPreference {
  bool in_app = true;
  EmailDelivery email = EmailDelivery::kOff;
  bool push = false;
};

struct NotificationKindInfo {
  NotificationKind kind;
  std::string_view name;  // "mission_assigned"
  // Who hears about it besides the crew of the mission (crew kinds): members holding this.
  std::optional<Permission> audience;
  NotificationPreference defaults;
  std::string_view label_fr;  // the preferences page's line
};

[[nodiscard]] std::span<const NotificationKindInfo> AllNotificationKinds();
[[nodiscard]] const NotificationKindInfo& InfoOf(NotificationKind kind);
[[nodiscard]] std::string_view NotificationKindName(NotificationKind kind);
[[nodiscard]] std::optional<NotificationKind> ParseNotificationKind(std::string_view name);
[[nodiscard]] std::string_view EmailDeliveryName(EmailDelivery delivery);
[[nodiscard]] std::optional<EmailDelivery> ParseEmailDelivery(std::string_view name);

// True when the role may receive the kind at all (a DJ never hears of a paid invoice).
[[nodiscard]] bool MayReceive(Role role, NotificationKind kind);

// The text of a notification for e-mail and push, from its kind and its stored facts (strings
// already formatted for display: "title", "number", "amount", "when", "client", "name",
// "reason"), in the organisation's words (`terms`) and the locale ("fr"; "en").
struct NotificationText {
  std::string title;
  std::string body;
};
[[nodiscard]] NotificationText RenderNotification(NotificationKind kind,
                                                  const std::map<std::string, std::string>& facts,
                                                  const Terms& terms, std::string_view locale);

// The web address of the notification's object, relative to the app ("/missions/12").
[[nodiscard]] std::string NotificationPath(std::string_view subject_type,
                                           std::string_view subject_id);

}  // namespace planify::domain
