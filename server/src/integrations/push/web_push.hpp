#pragma once

// Web Push on OpenSSL: VAPID (RFC 8292) to identify the sender to the push service, and the
// "aes128gcm" message encryption (RFC 8291 over RFC 8188) that only the browser can undo.
// Keys and secrets travel as base64url without padding, as the browser's PushSubscription
// gives them (p256dh, auth).

#include <cstddef>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace planify::integrations::push {

// A P-256 key pair: the 32-byte private scalar and the 65-byte uncompressed public point
// (0x04 ‖ X ‖ Y), both base64url without padding.
struct VapidKeys {
  std::string private_key;
  std::string public_key;
};

// A fresh random P-256 key pair (VAPID keys, or a test receiver's keys). Throws only when
// OpenSSL cannot produce one (broken infrastructure).
[[nodiscard]] VapidKeys GenerateVapidKeys();

// The Authorization header value "vapid t=<ES256 JWT>, k=<public key>" for a push service at
// `audience` ("https://host[:port]", see PushAudience), expiring at `expires_unix` (seconds),
// naming the sender `subject` ("mailto:..." or an https URL). VALIDATION when the keys are
// malformed or do not belong together, or audience/subject are empty.
[[nodiscard]] Result<std::string> VapidAuthorization(const VapidKeys& keys,
                                                     std::string_view audience,
                                                     std::string_view subject,
                                                     long long expires_unix);

// The origin of a push endpoint, "https://host[:port]" (scheme and host lower-cased, default
// port and user info dropped); "" when the URL is not http(s) or has no host.
[[nodiscard]] std::string PushAudience(std::string_view endpoint_url);

// The most plaintext one message can carry: the whole body then fills 4096 bytes.
inline constexpr std::size_t kMaxPlaintextBytes = 3993;

// The "aes128gcm" request body for a subscription's p256dh key and auth secret: one record,
// a random salt and a fresh ephemeral key per call. VALIDATION when the key is not a point on
// P-256, the auth secret is not 16 bytes, or the plaintext is over kMaxPlaintextBytes.
[[nodiscard]] Result<std::string> EncryptPayload(std::string_view ua_public_b64url,
                                                 std::string_view auth_secret_b64url,
                                                 std::string_view plaintext);

// EncryptPayload with the salt (16 raw bytes) and the sender's ephemeral private scalar
// (base64url) given, hence deterministic: the RFC 8291 test vector. Same errors, and
// VALIDATION for a bad salt or scalar.
[[nodiscard]] Result<std::string> EncryptPayloadWith(std::string_view ua_public_b64url,
                                                     std::string_view auth_secret_b64url,
                                                     std::string_view plaintext,
                                                     std::string_view salt,
                                                     std::string_view as_private_b64url);

// The receiver's side (tests, the fake push service): the plaintext of an "aes128gcm" body
// for the receiver's key pair and auth secret. VALIDATION for malformed keys; BAD_REQUEST when
// the body is malformed, was tampered with, or was not made for these keys.
[[nodiscard]] Result<std::string> DecryptPayload(std::string_view body,
                                                 std::string_view ua_private_b64url,
                                                 std::string_view ua_public_b64url,
                                                 std::string_view auth_secret_b64url);

// What a push service checks of "vapid t=..., k=...": an ES256 JWT signed by k, whose aud is
// `expected_audience`, whose exp is after `now_unix` and at most 24 hours after it, with a sub.
[[nodiscard]] bool VerifyVapid(std::string_view authorization_header,
                               std::string_view expected_audience, long long now_unix);

}  // namespace planify::integrations::push
