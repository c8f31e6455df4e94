#pragma once

#include <chrono>
#include <string>

#include "app/payments/payment_gateway.hpp"

namespace planify::integrations {

// Stripe's REST API over HTTPS (form-encoded requests, JSON answers), with the organisation's
// key on each call and an Idempotency-Key on every POST. `base_url` is https://api.stripe.com
// in production and a local fake in tests (PLANIFY_STRIPE_API_URL).
class StripeGateway final : public app::PaymentGateway {
 public:
  explicit StripeGateway(std::string base_url,
                         std::chrono::milliseconds timeout = std::chrono::seconds(10))
      : base_url_(std::move(base_url)), timeout_(timeout) {}

  [[nodiscard]] Result<app::CheckoutCreated> CreateCheckout(
      const app::CheckoutRequest& request) override;
  [[nodiscard]] Result<app::KeyCheck> CheckKey(const std::string& secret_key) override;
  [[nodiscard]] Result<app::RefundCreated> CreateRefund(const app::RefundRequest& request) override;

 private:
  std::string base_url_;
  std::chrono::milliseconds timeout_;
};

// Replaces anything shaped like a Stripe secret (sk_…, rk_…, whsec_…) in a provider message by
// "…": what Stripe answers may echo part of a key, and messages reach logs and screens.
[[nodiscard]] std::string ScrubStripeSecrets(const std::string& text);

}  // namespace planify::integrations
