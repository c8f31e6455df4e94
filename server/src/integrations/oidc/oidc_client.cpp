#include "integrations/oidc/oidc_client.hpp"

#include "common/bounded_json.hpp"

#include <nlohmann/json.hpp>

#include "domain/validation.hpp"
#include "integrations/http/http_client.hpp"
#include "integrations/oidc/jwt.hpp"

namespace planify::integrations {

namespace {

Unexpected Refused(const std::string& why) {
  return Fail(ErrorCode::kUnauthenticated, "Google sign-in refused: " + why);
}

}  // namespace

Result<OidcClient::Endpoints> OidcClient::Discover() {
  {
    std::lock_guard lock(mutex_);
    if (endpoints_) return *endpoints_;
  }
  auto res = HttpSend("GET", options_.issuer + "/.well-known/openid-configuration", {}, "");
  if (!res) return Fail(ErrorCode::kUnavailable, "OpenID discovery: " + res.error().message);
  auto json = ParseUntrustedJsonOrDiscarded(res->body);
  if (res->status != 200 || !json.is_object()) {
    return Fail(ErrorCode::kUnavailable,
                "OpenID discovery answered HTTP " + std::to_string(res->status));
  }
  Endpoints endpoints{json.value("authorization_endpoint", ""), json.value("token_endpoint", ""),
                      json.value("jwks_uri", "")};
  if (endpoints.authorization.empty() || endpoints.token.empty() || endpoints.jwks.empty()) {
    return Fail(ErrorCode::kUnavailable, "OpenID discovery document lacks an endpoint");
  }
  std::lock_guard lock(mutex_);
  endpoints_ = endpoints;
  return endpoints;
}

Result<OidcClient::Key> OidcClient::KeyFor(const std::string& kid) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = keys_.find(kid); it != keys_.end()) return it->second;
  }
  auto endpoints = Discover();
  if (!endpoints) return Fail(std::move(endpoints).error());
  auto res = HttpSend("GET", endpoints->jwks, {}, "");
  if (!res) return Fail(ErrorCode::kUnavailable, "JWKS: " + res.error().message);
  auto json = ParseUntrustedJsonOrDiscarded(res->body);
  if (res->status != 200 || !json.is_object() || !json.contains("keys") ||
      !json["keys"].is_array()) {
    return Fail(ErrorCode::kUnavailable, "JWKS answered HTTP " + std::to_string(res->status));
  }
  std::map<std::string, Key> keys;
  for (const auto& k : json["keys"]) {
    if (!k.is_object() || k.value("kty", "") != "RSA") continue;
    keys[k.value("kid", "")] = Key{k.value("n", ""), k.value("e", "")};
  }
  std::lock_guard lock(mutex_);
  keys_ = std::move(keys);
  if (auto it = keys_.find(kid); it != keys_.end()) return it->second;
  return Refused("unknown signing key " + kid);
}

Result<std::string> OidcClient::AuthorizationUrl(const std::string& state, const std::string& nonce,
                                                 const std::string& code_challenge,
                                                 const std::string& redirect_uri) {
  auto endpoints = Discover();
  if (!endpoints) return Fail(std::move(endpoints).error());
  std::string separator = endpoints->authorization.find('?') == std::string::npos ? "?" : "&";
  return endpoints->authorization + separator +
         FormEncode({{"response_type", "code"},
                     {"client_id", options_.client_id},
                     {"redirect_uri", redirect_uri},
                     {"scope", "openid email profile"},
                     {"state", state},
                     {"nonce", nonce},
                     {"code_challenge", code_challenge},
                     {"code_challenge_method", "S256"},
                     {"prompt", "select_account"}});
}

Result<app::ExternalIdentity> OidcClient::Complete(const std::string& code,
                                                   const std::string& code_verifier,
                                                   const std::string& nonce,
                                                   const std::string& redirect_uri,
                                                   domain::Timestamp now) {
  auto endpoints = Discover();
  if (!endpoints) return Fail(std::move(endpoints).error());
  auto res = HttpSend(
      "POST", endpoints->token,
      {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}},
      FormEncode({{"grant_type", "authorization_code"},
                  {"code", code},
                  {"redirect_uri", redirect_uri},
                  {"client_id", options_.client_id},
                  {"client_secret", options_.client_secret},
                  {"code_verifier", code_verifier}}));
  if (!res) return Fail(ErrorCode::kUnavailable, "token endpoint: " + res.error().message);
  auto json = ParseUntrustedJsonOrDiscarded(res->body);
  if (res->status != 200 || !json.is_object() || !json.contains("id_token") ||
      !json["id_token"].is_string()) {
    return Refused("token endpoint answered HTTP " + std::to_string(res->status));
  }
  auto jwt = DecodeJwt(json["id_token"].get<std::string>());
  if (!jwt) return Refused("malformed id_token");
  if (jwt->header.value("alg", "") != "RS256") return Refused("id_token not signed with RS256");
  auto key = KeyFor(jwt->header.value("kid", ""));
  if (!key) return Fail(std::move(key).error());
  if (!VerifyRs256(key->n, key->e, jwt->signing_input, jwt->signature)) {
    return Refused("bad id_token signature");
  }
  const auto& c = jwt->claims;
  std::string iss = c.value("iss", "");
  if (std::find(options_.accepted_issuers.begin(), options_.accepted_issuers.end(), iss) ==
      options_.accepted_issuers.end()) {
    return Refused("unexpected issuer " + iss);
  }
  bool audience_ok = false;
  if (c.contains("aud") && c["aud"].is_string()) {
    audience_ok = c["aud"].get<std::string>() == options_.client_id;
  } else if (c.contains("aud") && c["aud"].is_array()) {
    for (const auto& a : c["aud"]) audience_ok = audience_ok || a == options_.client_id;
  }
  if (!audience_ok) return Refused("id_token issued for another client");
  long long now_s =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  if (!c.contains("exp") || !c["exp"].is_number_integer() ||
      c["exp"].get<long long>() + 60 < now_s) {
    return Refused("id_token expired");
  }
  if (c.value("nonce", "") != nonce || nonce.empty()) return Refused("nonce mismatch");
  app::ExternalIdentity identity;
  identity.subject = c.value("sub", "");
  identity.email = domain::ToLowerAscii(c.value("email", ""));
  identity.email_verified =
      c.contains("email_verified") &&
      ((c["email_verified"].is_boolean() && c["email_verified"].get<bool>()) ||
       (c["email_verified"].is_string() && c["email_verified"] == "true"));
  identity.name = c.value("name", "");
  if (identity.subject.empty()) return Refused("id_token without subject");
  return identity;
}

}  // namespace planify::integrations
