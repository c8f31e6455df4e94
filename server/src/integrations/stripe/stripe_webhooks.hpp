#pragma once

#include <chrono>
#include <string>

#include "domain/online_payments.hpp"
#include "domain/result.hpp"
#include "domain/time.hpp"

namespace planify::integrations {

// Verifies a Stripe webhook: header "Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]", HMAC-SHA256
// with the endpoint's signing secret (the whole "whsec_…" string) over "<t>.<raw body>", any v1
// matching in constant time, and |now − t| ≤ `tolerance`. BAD_REQUEST with the reason.
[[nodiscard]] Result<void> VerifyStripeSignature(
    const std::string& secret, const std::string& header, const std::string& body,
    domain::Timestamp now, std::chrono::seconds tolerance = std::chrono::minutes(5));

// The header Stripe would send for `body` at `t` (tests, the fake Stripe, tooling).
[[nodiscard]] std::string StripeSignatureHeader(const std::string& secret, const std::string& body,
                                                domain::Timestamp t);

// The event's fields Planify acts on (docs/payments.md); BAD_REQUEST when the body is not a
// Stripe event (no id, type or data.object). Metadata keys: planify_organization,
// planify_session, planify_invoice, planify_quote.
[[nodiscard]] Result<domain::ProviderEvent> ParseStripeEvent(const std::string& body);

}  // namespace planify::integrations
