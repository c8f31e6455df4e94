#pragma once

#include "app/ports.hpp"
#include "domain/setup.hpp"
#include "store/accounts_repository.hpp"
#include "store/database.hpp"

namespace planify::app {

struct SetupOutcome {
  store::OrganizationRow organization;
  store::UserRow owner;
};

// True while the instance has no user: the web app then shows the first-run screen.
[[nodiscard]] Result<bool> IsSetupNeeded(store::Database& db);

// Creates the first organisation and its owner in one transaction. VALIDATION on bad input,
// CONFLICT once any user exists (the set-up is a one-time door, not an open sign-up).
[[nodiscard]] Result<SetupOutcome> SetupInstance(store::Database& db, const Clock& clock,
                                                 const PasswordHasher& hasher,
                                                 const domain::SetupRequest& request);

}  // namespace planify::app
