#pragma once

#include <optional>
#include <string>

#include "domain/ids.hpp"
#include "domain/result.hpp"
#include "store/database.hpp"

namespace planify::store {

struct OrganizationRow {
  OrganizationId id;
  std::string name;
  std::string slug;
  std::string created_at;
  std::string updated_at;
};

struct UserRow {
  UserId id;
  std::string email;
  std::string display_name;
  std::string created_at;
  std::string updated_at;
};

// Organisations, users and memberships. Every call runs on the caller's lease so the caller
// owns the transaction. Throws soci::soci_error on broken infrastructure only.
class AccountsRepository {
 public:
  explicit AccountsRepository(Lease& lease) : lease_(lease) {}

  [[nodiscard]] long long CountUsers();
  // Serialises first-run set-up across instances (PostgreSQL table lock; on SQLite the
  // write transaction already holds the database lock). Call inside a WriteTransaction.
  void LockUsers();
  // CONFLICT when the slug is taken.
  [[nodiscard]] Result<OrganizationRow> InsertOrganization(const std::string& name,
                                                           const std::string& slug,
                                                           const std::string& now);
  // CONFLICT when the e-mail is taken.
  [[nodiscard]] Result<UserRow> InsertUser(const std::string& email,
                                           const std::string& display_name,
                                           const std::string& password_hash,
                                           const std::string& now);
  void InsertMembership(OrganizationId organization, UserId user, const std::string& role,
                        const std::string& now);
  [[nodiscard]] std::optional<OrganizationRow> FindOrganization(OrganizationId id);
  [[nodiscard]] std::optional<UserRow> FindUserByEmail(const std::string& email);
  [[nodiscard]] std::optional<std::string> MembershipRole(OrganizationId organization, UserId user);

 private:
  Lease& lease_;
};

}  // namespace planify::store
