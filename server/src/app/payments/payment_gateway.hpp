#pragma once

#include <string>
#include <utility>
#include <vector>

#include "domain/result.hpp"
#include "domain/time.hpp"

namespace planify::app {

// A one-off payment page at the provider (Stripe Checkout), for one document and one amount.
struct CheckoutRequest {
  std::string secret_key;
  std::string idempotency_key;  // the same key never creates a second session
  long long amount_cents = 0;
  std::string currency = "eur";
  std::string product_name;  // "Facture FAC-2026-0012"
  std::string customer_email;
  std::string client_reference_id;
  std::string success_url;
  std::string cancel_url;
  // Copied onto the session and its PaymentIntent: either event finds the document.
  std::vector<std::pair<std::string, std::string>> metadata;
};

struct CheckoutCreated {
  std::string session_id;         // cs_…
  std::string url;                // the provider's payment page
  std::string payment_intent_id;  // often empty until the customer pays
  domain::Timestamp expires_at{};
};

struct KeyCheck {
  bool livemode = false;
  std::string account_name;  // the business name Stripe knows, when the key may read it
};

struct RefundRequest {
  std::string secret_key;
  std::string idempotency_key;
  std::string payment_intent_id;
  long long amount_cents = 0;
  std::vector<std::pair<std::string, std::string>> metadata;
};

struct RefundCreated {
  std::string refund_id;  // re_…
  std::string status;     // pending, succeeded, failed, requires_action, canceled
};

// The payment provider's API, called with the organisation's own secret key. VALIDATION when
// the provider refuses the key or the request (with its message), UNAVAILABLE when it cannot be
// reached or fails on its side.
class PaymentGateway {
 public:
  virtual ~PaymentGateway() = default;
  [[nodiscard]] virtual Result<CheckoutCreated> CreateCheckout(const CheckoutRequest& request) = 0;
  // A harmless authenticated read that the permissions checkout needs also allow.
  [[nodiscard]] virtual Result<KeyCheck> CheckKey(const std::string& secret_key) = 0;
  [[nodiscard]] virtual Result<RefundCreated> CreateRefund(const RefundRequest& request) = 0;
};

}  // namespace planify::app
