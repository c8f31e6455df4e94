#pragma once

#include <string_view>

namespace planify::integrations {

// Checks a password against a werkzeug hash from the legacy app ("pbkdf2:sha256:260000$…",
// "scrypt:32768:8:1$…"), in constant time. False for anything that is not such a hash.
[[nodiscard]] bool VerifyWerkzeugHash(std::string_view password, std::string_view hash);

}  // namespace planify::integrations
