#pragma once

#include <optional>
#include <string>

#include "app/ports.hpp"
#include "domain/ids.hpp"
#include "domain/result.hpp"
#include "store/database.hpp"

namespace planify::app {

struct CreateUserRequest {
  std::string email;
  std::string display_name;
  std::string role = "admin";           // owner | admin | manager | dj | technician
  std::string organization;             // name or slug; may be empty when there is one organisation
  std::optional<std::string> password;  // none: a one-hour link to choose it is returned
};

struct CreateUserOutcome {
  UserId user;
  OrganizationId organization;
  std::string organization_name;
  bool created_organization = false;
  bool created_user = false;
  std::string set_password_link;  // when no password was given
};

// The operator's way in (`planify user create`): on an empty instance it creates the first
// organisation (named by `organization`) with the user as its owner; otherwise it adds the
// user to the named organisation with `role`, creating the account when the e-mail is new.
// No e-mail set-up is needed: without a password, the outcome carries a link to choose one.
[[nodiscard]] Result<CreateUserOutcome> CreateUserFromCli(store::Database& db, const Clock& clock,
                                                          const PasswordHasher& hasher,
                                                          const CreateUserRequest& request,
                                                          const std::string& public_url);

}  // namespace planify::app
