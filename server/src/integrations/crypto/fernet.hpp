#pragma once

#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace planify::integrations {

// Reads a Fernet token (the legacy app's `enc:` values: IBAN, BIC, Stripe key, sealed with its
// APP_ENCRYPTION_KEY) with that key: url-safe base64 of 32 bytes, the first half signing
// (HMAC-SHA256), the second encrypting (AES-128-CBC). The token's HMAC is checked in constant
// time before anything is decrypted; its age is not (the values were sealed years ago).
// FORBIDDEN when the key is not the one that sealed it or the token was altered,
// VALIDATION when the key or the token is not Fernet at all.
[[nodiscard]] Result<std::string> FernetDecrypt(std::string_view token, std::string_view key);

}  // namespace planify::integrations
