#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/ids.hpp"
#include "store/database.hpp"

namespace planify::store {

struct ApiTokenRow {
  long long id = 0;
  OrganizationId organization;
  UserId user;
  std::string user_name;
  std::string name;
  std::string token_prefix;
  std::string scopes;  // space-separated permission names
  std::string created_at;
  std::string last_used_at;
  std::string expires_at;
  std::string revoked_at;
};

// Integration tokens. Runs on the caller's lease and transaction.
class ApiTokensRepository {
 public:
  explicit ApiTokensRepository(Lease& lease) : lease_(lease) {}

  [[nodiscard]] long long Insert(OrganizationId organization, UserId user, const std::string& name,
                                 const std::string& token_prefix, const std::string& token_hash,
                                 const std::string& scopes, const std::string& now,
                                 const std::string& expires_at);
  // Live tokens of the organisation (not revoked, not expired), newest first.
  [[nodiscard]] std::vector<ApiTokenRow> ListLive(OrganizationId organization,
                                                  const std::string& now);
  // A live token by the hash of its secret.
  [[nodiscard]] std::optional<ApiTokenRow> FindLiveByHash(const std::string& token_hash,
                                                          const std::string& now);
  // False when it is not a live token of this organisation.
  bool Revoke(OrganizationId organization, long long id, const std::string& now);
  void Touch(long long id, const std::string& now);

 private:
  Lease& lease_;
};

}  // namespace planify::store
