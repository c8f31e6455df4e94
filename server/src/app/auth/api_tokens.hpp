#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "store/api_tokens_repository.hpp"

namespace planify::app {

struct NewApiToken {
  store::ApiTokenRow row;
  std::string token;  // "plf_…": shown once, never stored
};

// Bearer tokens for integrations. A token acts as its creator, narrowed to its scopes, in the
// organisation it was made in; the creator's role is read at every use, so demoting or removing
// the creator narrows or ends the token too.
class ApiTokensService {
 public:
  ApiTokensService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // VALIDATION for a bad name, an unknown scope or one the creator's role does not hold.
  [[nodiscard]] Result<NewApiToken> Create(const Principal& actor, const std::string& name,
                                           const std::vector<std::string>& scopes,
                                           std::optional<int> expires_in_days,
                                           const RequestMeta& meta);
  [[nodiscard]] Result<std::vector<store::ApiTokenRow>> List(const Principal& actor);
  [[nodiscard]] Result<void> Revoke(const Principal& actor, long long id, const RequestMeta& meta);
  // UNAUTHENTICATED when the token is malformed, unknown, revoked or expired, or its creator
  // is disabled or no longer a member.
  [[nodiscard]] Result<Principal> Authenticate(const std::string& token);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace planify::app
