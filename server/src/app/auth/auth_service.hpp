#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/auth/identity_provider.hpp"
#include "app/ports.hpp"
#include "domain/auth.hpp"
#include "domain/ids.hpp"
#include "domain/permissions.hpp"
#include "domain/result.hpp"
#include "store/auth_repository.hpp"
#include "store/database.hpp"

namespace planify::app {

// Where a request came from, for rate limits and the audit log.
struct RequestMeta {
  std::string ip;
  std::string user_agent;
  std::string request_id;
  // The client's Idempotency-Key header: a write sent again with the same key (an offline scan
  // queue resending after a lost answer) is applied once (docs/pwa.md).
  std::string idempotency_key;
};

// Who is calling, resolved from a session cookie or an API token on every request. The role
// is read fresh each time, so a role change applies to the very next request.
struct Principal {
  UserId user;
  std::string email;
  std::string display_name;
  std::string locale;
  std::optional<OrganizationId> organization;  // the organisation the session works in
  std::optional<domain::Role> role;            // the user's role there
  long long session_id = 0;                    // 0 when authenticated by API token
  std::string csrf_token;                      // session only
  long long api_token_id = 0;
  std::vector<domain::Permission> scopes;  // API token only: what the token may do

  // The role holds the permission (and, for an API token, the token's scopes include it).
  [[nodiscard]] bool Can(domain::Permission permission) const;
};

// A freshly opened session: the cookie values to hand to the browser, once.
struct IssuedSession {
  std::string token;
  std::string csrf_token;
  domain::Timestamp expires_at;
  Principal principal;
};

struct SessionInfo {
  long long id = 0;
  std::string ip;
  std::string user_agent;
  std::string created_at;
  std::string last_seen_at;
  bool current = false;
};

// Sign-in, sessions and the signed-in user's own account. Failures are Results: wrong
// credentials UNAUTHENTICATED, throttled RATE_LIMITED, bad input VALIDATION.
class AuthService {
 public:
  AuthService(store::Database& db, const Clock& clock, const PasswordHasher& hasher,
              domain::SessionPolicy policy = {})
      : db_(db), clock_(clock), hasher_(hasher), policy_(policy) {}

  // E-mail (or legacy username) and password. Throttled per IP and per account; a legacy
  // werkzeug hash is replaced by Argon2id on success. Audited either way.
  [[nodiscard]] Result<IssuedSession> SignInWithPassword(const std::string& login,
                                                         const std::string& password,
                                                         const RequestMeta& meta);
  // A session for a user whose identity another flow has proven (set-up, magic link,
  // invitation, Google). `organization` preferred when the user belongs to it.
  [[nodiscard]] Result<IssuedSession> OpenSession(UserId user,
                                                  std::optional<OrganizationId> organization,
                                                  const RequestMeta& meta);
  // The same on the caller's lease, inside the caller's write transaction, so a flow that
  // consumes a single-use token opens the session atomically with it. Audits "auth.sign_in"
  // with `method`.
  [[nodiscard]] Result<IssuedSession> OpenSessionIn(store::Lease& lease, UserId user,
                                                    std::optional<OrganizationId> organization,
                                                    const RequestMeta& meta,
                                                    const std::string& method,
                                                    const std::string& extra_details = "{}");
  // Signs in the user an external provider vouches for: by the linked identity, else by the
  // provider's *verified* e-mail (and then links it). NOT_FOUND when no account has that
  // address (joining needs an invitation), UNAUTHENTICATED for an unverified address.
  [[nodiscard]] Result<IssuedSession> SignInWithExternal(const std::string& provider,
                                                         const ExternalIdentity& identity,
                                                         const RequestMeta& meta);
  // UNAUTHENTICATED when the token is unknown, revoked, expired or its user disabled.
  [[nodiscard]] Result<Principal> AuthenticateSession(const std::string& token);

  [[nodiscard]] Result<void> SignOut(const Principal& principal);
  // Revokes every other session of the user; returns how many.
  [[nodiscard]] Result<long long> SignOutOthers(const Principal& principal,
                                                const RequestMeta& meta);
  [[nodiscard]] Result<std::vector<SessionInfo>> ListSessions(const Principal& principal);
  // NOT_FOUND when the session is not one of the caller's live sessions.
  [[nodiscard]] Result<void> RevokeSession(const Principal& principal, long long session,
                                           const RequestMeta& meta);
  // Needs the current password (when the account has one); revokes every other session.
  [[nodiscard]] Result<void> ChangePassword(const Principal& principal,
                                            const std::string& current_password,
                                            const std::string& new_password,
                                            const RequestMeta& meta);
  [[nodiscard]] Result<void> UpdateProfile(const Principal& principal,
                                           const std::string& display_name,
                                           const std::string& locale);
  [[nodiscard]] Result<std::vector<store::MembershipView>> Memberships(const Principal& principal);
  // NOT_FOUND when the user is not a member of that organisation.
  [[nodiscard]] Result<void> SwitchOrganization(const Principal& principal,
                                                OrganizationId organization);

 private:
  store::Database& db_;
  const Clock& clock_;
  const PasswordHasher& hasher_;
  domain::SessionPolicy policy_;
};

// SHA-256 hex of a bearer secret: what the database keeps instead of the secret.
[[nodiscard]] std::string HashToken(const std::string& token);
// The shape of a public link's token: Planify's 64 hex digits, or the 43 URL-safe characters
// of secrets.token_urlsafe(32) in the links the legacy app sent (kept working by the import).
// Anything else is not looked up.
[[nodiscard]] bool IsPublicToken(std::string_view token);

// Records an audit entry on the caller's transaction.
void Audit(store::AuthRepository& repo, const Principal& actor, const RequestMeta& meta,
           const std::string& action, const std::string& entity_type, const std::string& entity_id,
           const std::string& details_json, const std::string& now);

}  // namespace planify::app
