#include "store/accounts_repository.hpp"

namespace planify::store {

namespace {

std::string Ts(Lease& lease, const std::string& stored) {
  return lease.dialect() == Dialect::kSqlite ? stored : NormalizeTimestamp(stored);
}

}  // namespace

long long AccountsRepository::CountUsers() {
  long long n = 0;
  *lease_ << "SELECT count(*) FROM users", soci::into(n);
  return n;
}

void AccountsRepository::LockUsers() {
  if (lease_.dialect() == Dialect::kPostgres) {
    *lease_ << "LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE";
  }
}

Result<OrganizationRow> AccountsRepository::InsertOrganization(const std::string& name,
                                                               const std::string& slug,
                                                               const std::string& now) {
  long long taken = 0;
  *lease_ << "SELECT count(*) FROM organizations WHERE slug = :slug", soci::use(slug),
      soci::into(taken);
  if (taken > 0) {
    return Fail(ErrorCode::kConflict, "Une organisation porte déjà cet identifiant.",
                {{"organization_name", "Ce nom est déjà utilisé."}});
  }
  long long id = 0;
  *lease_ << "INSERT INTO organizations (name, slug, created_at, updated_at) "
             "VALUES (:name, :slug, :created, :updated) RETURNING id",
      soci::use(name), soci::use(slug), soci::use(now), soci::use(now), soci::into(id);
  return OrganizationRow{OrganizationId{id}, name, slug, now, now};
}

Result<UserRow> AccountsRepository::InsertUser(const std::string& email,
                                               const std::string& display_name,
                                               const std::string& password_hash,
                                               const std::string& now) {
  long long taken = 0;
  *lease_ << "SELECT count(*) FROM users WHERE email = :email", soci::use(email), soci::into(taken);
  if (taken > 0) {
    return Fail(ErrorCode::kConflict, "Un compte existe déjà avec cette adresse e-mail.",
                {{"owner_email", "Adresse déjà utilisée."}});
  }
  long long id = 0;
  *lease_ << "INSERT INTO users (email, display_name, password_hash, created_at, updated_at) "
             "VALUES (:email, :name, :hash, :created, :updated) RETURNING id",
      soci::use(email), soci::use(display_name), soci::use(password_hash), soci::use(now),
      soci::use(now), soci::into(id);
  return UserRow{UserId{id}, email, display_name, now, now};
}

void AccountsRepository::InsertMembership(OrganizationId organization, UserId user,
                                          const std::string& role, const std::string& now) {
  long long org = organization.value;
  long long uid = user.value;
  *lease_ << "INSERT INTO memberships (organization_id, user_id, role, created_at, updated_at) "
             "VALUES (:org, :user, :role, :created, :updated)",
      soci::use(org), soci::use(uid), soci::use(role), soci::use(now), soci::use(now);
}

std::optional<OrganizationRow> AccountsRepository::FindOrganization(OrganizationId id) {
  long long key = id.value;
  OrganizationRow row;
  long long found_id = 0;
  *lease_ << "SELECT id, name, slug, CAST(created_at AS TEXT), CAST(updated_at AS TEXT) "
             "FROM organizations WHERE id = :id",
      soci::use(key), soci::into(found_id), soci::into(row.name), soci::into(row.slug),
      soci::into(row.created_at), soci::into(row.updated_at);
  if (!lease_->got_data()) return std::nullopt;
  row.id = OrganizationId{found_id};
  row.created_at = Ts(lease_, row.created_at);
  row.updated_at = Ts(lease_, row.updated_at);
  return row;
}

std::optional<UserRow> AccountsRepository::FindUserByEmail(const std::string& email) {
  UserRow row;
  long long found_id = 0;
  *lease_ << "SELECT id, email, display_name, CAST(created_at AS TEXT), "
             "CAST(updated_at AS TEXT) FROM users WHERE email = :email",
      soci::use(email), soci::into(found_id), soci::into(row.email), soci::into(row.display_name),
      soci::into(row.created_at), soci::into(row.updated_at);
  if (!lease_->got_data()) return std::nullopt;
  row.id = UserId{found_id};
  row.created_at = Ts(lease_, row.created_at);
  row.updated_at = Ts(lease_, row.updated_at);
  return row;
}

std::optional<std::string> AccountsRepository::MembershipRole(OrganizationId organization,
                                                              UserId user) {
  long long org = organization.value;
  long long uid = user.value;
  std::string role;
  *lease_ << "SELECT role FROM memberships WHERE organization_id = :org AND user_id = :user",
      soci::use(org), soci::use(uid), soci::into(role);
  if (!lease_->got_data()) return std::nullopt;
  return role;
}

}  // namespace planify::store
