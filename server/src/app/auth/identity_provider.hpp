#pragma once

#include <string>

#include "domain/result.hpp"
#include "domain/time.hpp"

namespace planify::app {

// Who an external provider (Google) says the user is, after every check passed.
struct ExternalIdentity {
  std::string subject;  // the provider's stable user id ("sub")
  std::string email;    // lower-cased
  bool email_verified = false;
  std::string name;
};

// An OpenID Connect provider, authorization-code flow with PKCE.
class IdentityProvider {
 public:
  virtual ~IdentityProvider() = default;
  // Where to send the browser. UNAVAILABLE when the provider's discovery document cannot be read.
  [[nodiscard]] virtual Result<std::string> AuthorizationUrl(const std::string& state,
                                                             const std::string& nonce,
                                                             const std::string& code_challenge,
                                                             const std::string& redirect_uri) = 0;
  // Exchanges the code (with the PKCE verifier) and verifies the id_token: signature against the
  // provider's keys, issuer, audience, expiry, nonce. UNAUTHENTICATED when any check fails,
  // UNAVAILABLE when the provider cannot be reached.
  [[nodiscard]] virtual Result<ExternalIdentity> Complete(const std::string& code,
                                                          const std::string& code_verifier,
                                                          const std::string& nonce,
                                                          const std::string& redirect_uri,
                                                          domain::Timestamp now) = 0;
};

}  // namespace planify::app
