#include "app/setup/setup_instance.hpp"

namespace planify::app {

Result<bool> IsSetupNeeded(store::Database& db) {
  auto lease = db.Acquire();
  if (!lease) return Fail(std::move(lease).error());
  try {
    return store::AccountsRepository(*lease).CountUsers() == 0;
  } catch (const soci::soci_error& e) {
    return store::DatabaseFailure(e);
  }
}

Result<SetupOutcome> SetupInstance(store::Database& db, const Clock& clock,
                                   const PasswordHasher& hasher,
                                   const domain::SetupRequest& request) {
  auto valid = domain::ValidateSetup(request);
  if (!valid) return Fail(std::move(valid).error());
  // Hash before taking the write lock: Argon2 is deliberately slow.
  const std::string hash = hasher.Hash(valid->owner_password);
  const std::string now = domain::FormatIsoUtc(clock.Now());

  auto lease = db.Acquire();
  if (!lease) return Fail(std::move(lease).error());
  try {
    store::WriteTransaction tx(*lease);
    store::AccountsRepository accounts(*lease);
    accounts.LockUsers();
    if (accounts.CountUsers() > 0) {
      return Fail(ErrorCode::kConflict, "Planify est déjà initialisé : connectez-vous.");
    }
    auto organization =
        accounts.InsertOrganization(valid->organization_name, valid->organization_slug, now);
    if (!organization) return Fail(std::move(organization).error());
    auto owner = accounts.InsertUser(valid->owner_email, valid->owner_display_name, hash, now);
    if (!owner) return Fail(std::move(owner).error());
    accounts.InsertMembership(organization->id, owner->id, "owner", now);
    tx.Commit();
    return SetupOutcome{std::move(*organization), std::move(*owner)};
  } catch (const soci::soci_error& e) {
    if (store::IsConstraintViolation(e)) {
      return Fail(ErrorCode::kConflict, "Planify est déjà initialisé : connectez-vous.");
    }
    return store::DatabaseFailure(e);
  }
}

}  // namespace planify::app
