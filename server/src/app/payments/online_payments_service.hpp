#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "app/payments/payment_gateway.hpp"
#include "app/ports.hpp"
#include "domain/online_payments.hpp"
#include "jobs/worker.hpp"
#include "store/billing_repository.hpp"
#include "store/database.hpp"
#include "store/online_payments_repository.hpp"

namespace planify::app {

// What the settings page shows of the organisation's Stripe connection: never a secret.
struct PaymentAccountView {
  bool connected = false;
  std::string key_hint;  // "sk_test_…4242"
  bool livemode = false;
  bool webhook_secret_set = false;
  std::string webhook_url;  // to paste in Stripe's dashboard
  std::string checked_at;
  std::optional<bool> check_ok;
  std::string check_message;
  std::string account_name;
  std::string last_event_at;
};

// "" keeps what is stored (changing only the webhook secret needs no key again).
struct PaymentAccountInput {
  std::string secret_key;
  std::string webhook_secret;
};

struct CheckoutStart {
  std::string url;  // the provider's payment page
  long long amount_cents = 0;
  bool reused = false;
};

// The page the client lands on after paying: what Planify knows, from its own database only.
struct CheckoutState {
  std::string status;  // open (being confirmed), paid, failed, expired
  std::string purpose;
  long long amount_cents = 0;
  std::string document_number;  // the invoice's, or the quote's for a deposit
  std::string organization_name;
  std::string failure_reason;
};

// An invoice as its client sees it through its public link.
struct PublicInvoice {
  OrganizationId organization;
  store::InvoiceRecord invoice;
  std::string seller_name;
  bool can_pay_online = false;
  long long amount_due_cents = 0;
  std::vector<store::PaymentRecord> payments;
};

struct WebhookReceipt {
  bool duplicate = false;
  long long event_row = 0;
};

struct EventOutcome {
  std::string status;  // applied, ignored, received (waiting for its payment)
  std::string outcome;
};

struct PaymentRefunds {
  store::PaymentRecord payment;
  std::vector<store::RefundRow> refunds;
};

// Online payments through the organisation's own Stripe account (docs/payments.md): the
// connection, checkout pages for invoices and deposits, webhooks as the only source of truth,
// and refunds. A payment is recorded only when a verified event says the money arrived.
class OnlinePaymentsService {
 public:
  OnlinePaymentsService(store::Database& db, const Clock& clock, const Cipher& cipher,
                        PaymentGateway& gateway, std::string public_url)
      : db_(db),
        clock_(clock),
        cipher_(cipher),
        gateway_(gateway),
        public_url_(std::move(public_url)) {}

  [[nodiscard]] Result<PaymentAccountView> Account(const Principal& actor);
  // Checks the key with Stripe first: VALIDATION naming `secret_key` or `webhook_secret` when
  // either is malformed or Stripe refuses the key (nothing is saved); UNAVAILABLE when Stripe
  // cannot be reached.
  [[nodiscard]] Result<PaymentAccountView> Connect(const Principal& actor, const RequestMeta& meta,
                                                   const PaymentAccountInput& input);
  // Calls Stripe with the stored key and records what it said (ok or the reason).
  [[nodiscard]] Result<PaymentAccountView> TestConnection(const Principal& actor,
                                                          const RequestMeta& meta);
  [[nodiscard]] Result<void> Disconnect(const Principal& actor, const RequestMeta& meta);
  // True when the organisation's account can take payments (key and webhook secret set).
  [[nodiscard]] bool AcceptsOnlinePayments(OrganizationId org);

  // The client's invoice page (NOT_FOUND for an unknown or withdrawn link).
  [[nodiscard]] Result<PublicInvoice> GetPublicInvoice(const std::string& token);
  // A checkout page for what the invoice still owes / the deposit of a signed quote. CONFLICT
  // when nothing is due or the organisation takes no online payment.
  [[nodiscard]] Result<CheckoutStart> PayInvoice(const std::string& invoice_token,
                                                 const RequestMeta& meta);
  [[nodiscard]] Result<CheckoutStart> PayDeposit(const std::string& quote_token,
                                                 const RequestMeta& meta);
  [[nodiscard]] Result<CheckoutState> Checkout(const std::string& return_token);

  // A webhook delivery: NOT_FOUND for an unknown endpoint, BAD_REQUEST for a bad, stale or
  // missing signature or a body that is not an event (nothing written). A verified event is
  // stored once per event id and its application queued ("payments.apply_event").
  [[nodiscard]] Result<WebhookReceipt> ReceiveStripe(const std::string& webhook_token,
                                                     const std::string& signature,
                                                     const std::string& body);
  // Applies a stored event, idempotently: a second run, a duplicate or an event about money
  // already recorded changes nothing. Refunds and disputes that arrive before their payment
  // wait for it (status "received") and are applied when it lands.
  [[nodiscard]] Result<EventOutcome> ApplyEvent(OrganizationId org, long long event_row);
  [[nodiscard]] Result<std::vector<store::ProviderEventRow>> Events(const Principal& actor,
                                                                    long long limit);

  // Asks Stripe for a refund (full when `amount_cents` is empty); it counts once Stripe's
  // charge.refunded event confirms it.
  [[nodiscard]] Result<PaymentRefunds> Refund(const Principal& actor, const RequestMeta& meta,
                                              long long payment_id,
                                              std::optional<long long> amount_cents,
                                              std::string reason);
  [[nodiscard]] Result<PaymentRefunds> Refunds(const Principal& actor, long long payment_id);

 private:
  [[nodiscard]] Result<CheckoutStart> OpenCheckout(OrganizationId org,
                                                   const store::CheckoutSessionRow& draft,
                                                   const std::string& product_name,
                                                   const std::string& customer_email,
                                                   const std::string& cancel_path);
  [[nodiscard]] Result<PaymentAccountView> View(store::Lease& lease, OrganizationId org);

  store::Database& db_;
  const Clock& clock_;
  const Cipher& cipher_;
  PaymentGateway& gateway_;
  std::string public_url_;
};

// Registers "payments.apply_event" ({"organization_id", "event"}); the references must outlive
// the registry.
void RegisterPaymentJobs(jobs::JobRegistry& registry, const Clock& clock, const Cipher& cipher,
                         PaymentGateway& gateway, const std::string& public_url);

}  // namespace planify::app
