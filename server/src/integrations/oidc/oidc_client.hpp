#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "app/auth/identity_provider.hpp"

namespace planify::integrations {

struct OidcOptions {
  std::string issuer = "https://accounts.google.com";
  // Issuer values accepted in id_tokens; Google also uses the bare host.
  std::vector<std::string> accepted_issuers = {"https://accounts.google.com",
                                               "accounts.google.com"};
  std::string client_id;
  std::string client_secret;
};

// OpenID Connect over HTTP: discovery document, token endpoint, JWKS (cached; refetched when an
// unknown key id appears, which is how providers rotate keys).
class OidcClient final : public app::IdentityProvider {
 public:
  explicit OidcClient(OidcOptions options) : options_(std::move(options)) {}

  [[nodiscard]] Result<std::string> AuthorizationUrl(const std::string& state,
                                                     const std::string& nonce,
                                                     const std::string& code_challenge,
                                                     const std::string& redirect_uri) override;
  [[nodiscard]] Result<app::ExternalIdentity> Complete(const std::string& code,
                                                       const std::string& code_verifier,
                                                       const std::string& nonce,
                                                       const std::string& redirect_uri,
                                                       domain::Timestamp now) override;

 private:
  struct Endpoints {
    std::string authorization;
    std::string token;
    std::string jwks;
  };
  struct Key {
    std::string n;
    std::string e;
  };
  [[nodiscard]] Result<Endpoints> Discover();
  [[nodiscard]] Result<Key> KeyFor(const std::string& kid);

  OidcOptions options_;
  std::mutex mutex_;
  std::optional<Endpoints> endpoints_;
  std::map<std::string, Key> keys_;
};

}  // namespace planify::integrations
