// Stripe webhooks, the one door into the money that needs no session: the signature check and
// the event reader, with the properties their contracts promise. A header and body are checked
// against a fixed secret (they must never pass unless the header is the real signature), the
// body is read as an event (an accepted one always has its id, type and kind consistent, and
// metadata ids only ever positive), and the body signed properly always verifies.
//
// Input: line 1 the Stripe-Signature header, the rest the body.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "integrations/stripe/stripe_webhooks.hpp"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

constexpr const char* kSecret = "whsec_fuzz_secret_0123456789abcdef";

bool Positive(const std::optional<long long>& id) { return !id || *id > 0; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace planify;  // NOLINT(google-build-using-namespace)
  const std::string input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const std::string header = input.substr(0, newline);
  const std::string body = newline == std::string::npos ? "" : input.substr(newline + 1);
  const auto now = *domain::ParseIsoUtc("2026-11-25T14:00:00.000Z");

  auto verdict = integrations::VerifyStripeSignature(kSecret, header, body, now);
  if (verdict) {
    // What passed was signed with this secret: the same header fails under any other.
    Check(
        !integrations::VerifyStripeSignature("whsec_another_secret_000000000000", header, body, now)
             .has_value());
  } else {
    Check(verdict.error().code == ErrorCode::kBadRequest);
  }
  Check(integrations::VerifyStripeSignature(
            kSecret, integrations::StripeSignatureHeader(kSecret, body, now), body, now)
            .has_value());
  Check(!integrations::VerifyStripeSignature(
             "whsec_another_secret_000000000000",
             integrations::StripeSignatureHeader(kSecret, body, now), body, now)
             .has_value());

  auto event = integrations::ParseStripeEvent(body);
  if (event) {
    Check(!event->id.empty() && event->id.size() <= 255);
    Check(!event->type.empty());
    Check(event->kind == domain::ProviderEventKindOf(event->type));
    Check(Positive(event->organization_id) && Positive(event->checkout_session_id) &&
          Positive(event->invoice_id) && Positive(event->quote_id));
    (void)domain::IsPaymentReceived(*event);
  } else {
    Check(event.error().code == ErrorCode::kBadRequest ||
          event.error().code == ErrorCode::kPayloadTooLarge);
  }
  return 0;
}
