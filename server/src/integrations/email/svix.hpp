#pragma once

#include <chrono>
#include <string>

#include "domain/result.hpp"
#include "domain/time.hpp"

namespace planify::integrations {

// Verifies a Svix-signed webhook (Resend): HMAC-SHA256 over "id.timestamp.body" with the
// base64 secret after its "whsec_" prefix, against any "v1,<base64>" entry of the signature
// header, and a timestamp within `tolerance` of `now`. UNAUTHENTICATED with the reason.
[[nodiscard]] Result<void> VerifySvixSignature(
    const std::string& secret, const std::string& id, const std::string& timestamp,
    const std::string& signatures, const std::string& body, domain::Timestamp now,
    std::chrono::seconds tolerance = std::chrono::minutes(5));

// The "v1,<base64>" signature for a payload: what a provider would send (tests, tooling).
[[nodiscard]] std::string SvixSign(const std::string& secret, const std::string& id,
                                   const std::string& timestamp, const std::string& body);

}  // namespace planify::integrations
