#pragma once

#include <span>
#include <string_view>

namespace planify::domain {

// The business event an audited action means (docs/analytics.md), or "" when it means none.
// `mission_status_to` is the new status of a mission's status change.
[[nodiscard]] std::string_view BusinessEventName(std::string_view action,
                                                 std::string_view mission_status_to = {});

// Every business event's name, for webhook subscriptions.
[[nodiscard]] std::span<const std::string_view> BusinessEventNames();

// The audit details a business event may carry: figures and codes, never a name, an e-mail,
// an address or a free text.
[[nodiscard]] bool IsForwardableProperty(std::string_view key);

}  // namespace planify::domain
