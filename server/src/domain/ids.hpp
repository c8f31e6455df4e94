#pragma once

#include <compare>
#include <cstdint>

namespace planify {

// Strong id: a distinct type per entity so a ClientId can never be passed as an InvoiceId.
template <typename Tag>
struct Id {
  std::int64_t value = 0;
  friend auto operator<=>(const Id&, const Id&) = default;
};

using OrganizationId = Id<struct OrganizationTag>;
using UserId = Id<struct UserTag>;

}  // namespace planify
