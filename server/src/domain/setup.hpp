#pragma once

#include <string>

#include "domain/result.hpp"

namespace planify::domain {

// First-run set-up: the organisation and its owner, created while the instance has no user.
struct SetupRequest {
  std::string organization_name;
  std::string owner_email;
  std::string owner_display_name;
  std::string owner_password;
};

// The cleaned values to store (trimmed names, lower-cased e-mail, derived slug).
struct ValidSetup {
  std::string organization_name;
  std::string organization_slug;
  std::string owner_email;
  std::string owner_display_name;
  std::string owner_password;
};

inline constexpr std::size_t kMinPasswordChars = 10;
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// VALIDATION error listing every bad field, or the cleaned values.
[[nodiscard]] Result<ValidSetup> ValidateSetup(const SetupRequest& request);

}  // namespace planify::domain
