#include "store/api_tokens_repository.hpp"

namespace planify::store {

namespace {

constexpr const char* kSelect =
    "SELECT t.id, t.organization_id, t.user_id, u.display_name, t.name, t.token_prefix, "
    "t.scopes, CAST(t.created_at AS TEXT), CAST(t.last_used_at AS TEXT), "
    "CAST(t.expires_at AS TEXT), CAST(t.revoked_at AS TEXT) "
    "FROM api_tokens t JOIN users u ON u.id = t.user_id ";

// "Not revoked and not expired" at :now.
constexpr const char* kLive =
    "t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > :now) ";

ApiTokenRow Read(const soci::row& row) {
  ApiTokenRow t;
  t.id = GetInt64(row, 0);
  t.organization = OrganizationId{GetInt64(row, 1)};
  t.user = UserId{GetInt64(row, 2)};
  t.user_name = row.get<std::string>(3);
  t.name = row.get<std::string>(4);
  t.token_prefix = row.get<std::string>(5);
  t.scopes = row.get<std::string>(6);
  t.created_at = RowTimestamp(row, 7);
  t.last_used_at = RowTimestamp(row, 8);
  t.expires_at = RowTimestamp(row, 9);
  t.revoked_at = RowTimestamp(row, 10);
  return t;
}

}  // namespace

long long ApiTokensRepository::Insert(OrganizationId organization, UserId user,
                                      const std::string& name, const std::string& token_prefix,
                                      const std::string& token_hash, const std::string& scopes,
                                      const std::string& now, const std::string& expires_at) {
  long long org = organization.value;
  long long uid = user.value;
  soci::indicator exp_ind = expires_at.empty() ? soci::i_null : soci::i_ok;
  long long id = 0;
  *lease_ << "INSERT INTO api_tokens (organization_id, user_id, name, token_prefix, token_hash, "
             "scopes, created_at, expires_at) VALUES (:org, :user, :name, :prefix, :hash, "
             ":scopes, :now, :exp) RETURNING id",
      soci::use(org, "org"), soci::use(uid, "user"), soci::use(name, "name"),
      soci::use(token_prefix, "prefix"), soci::use(token_hash, "hash"), soci::use(scopes, "scopes"),
      soci::use(now, "now"), soci::use(expires_at, exp_ind, "exp"), soci::into(id);
  return id;
}

std::vector<ApiTokenRow> ApiTokensRepository::ListLive(OrganizationId organization,
                                                       const std::string& now) {
  long long org = organization.value;
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string(kSelect) + "WHERE t.organization_id = :org AND " + kLive +
                              "ORDER BY t.id DESC",
       soci::use(org, "org"), soci::use(now, "now"));
  std::vector<ApiTokenRow> out;
  for (const auto& row : rows) out.push_back(Read(row));
  return out;
}

std::optional<ApiTokenRow> ApiTokensRepository::FindLiveByHash(const std::string& token_hash,
                                                               const std::string& now) {
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string(kSelect) + "WHERE t.token_hash = :hash AND " + kLive,
       soci::use(token_hash, "hash"), soci::use(now, "now"));
  for (const auto& row : rows) return Read(row);
  return std::nullopt;
}

bool ApiTokensRepository::Revoke(OrganizationId organization, long long id,
                                 const std::string& now) {
  long long org = organization.value;
  soci::statement st =
      (lease_->prepare << "UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND "
                          "organization_id = :org AND revoked_at IS NULL",
       soci::use(now, "now"), soci::use(id, "id"), soci::use(org, "org"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

void ApiTokensRepository::Touch(long long id, const std::string& now) {
  *lease_ << "UPDATE api_tokens SET last_used_at = :now WHERE id = :id", soci::use(now, "now"),
      soci::use(id, "id");
}

}  // namespace planify::store
