#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace planify::integrations {

// Base64url without padding (RFC 7515 §2).
[[nodiscard]] std::string Base64UrlEncode(std::string_view bytes);
[[nodiscard]] std::optional<std::string> Base64UrlDecode(std::string_view text);

// PKCE S256 challenge of a verifier: base64url(SHA-256(verifier)).
[[nodiscard]] std::string PkceChallenge(std::string_view verifier);

struct DecodedJwt {
  nlohmann::json header;
  nlohmann::json claims;
  std::string signing_input;  // "<header>.<payload>" as received
  std::string signature;      // raw bytes
};

// Splits and decodes a compact JWS; BAD_REQUEST when it is not one. Verifies nothing.
[[nodiscard]] Result<DecodedJwt> DecodeJwt(std::string_view token);

// RSASSA-PKCS1-v1_5 with SHA-256 against an RSA public key given as a JWK's base64url modulus
// and exponent, with OpenSSL.
[[nodiscard]] bool VerifyRs256(std::string_view modulus_b64url, std::string_view exponent_b64url,
                               std::string_view signing_input, std::string_view signature);

}  // namespace planify::integrations
