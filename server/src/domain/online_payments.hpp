#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/billing.hpp"
#include "domain/result.hpp"
#include "domain/time.hpp"

namespace planify::domain {

// Online payments (Stripe): what a verified provider event says, and the money rules that make
// applying events idempotent and order-independent (docs/payments.md). Pure: parsing and
// signatures live in integrations/stripe, storage in the app layer.

enum class ProviderEventKind {
  kCheckoutCompleted,       // checkout.session.completed
  kCheckoutAsyncSucceeded,  // checkout.session.async_payment_succeeded (SEPA debit…)
  kCheckoutAsyncFailed,     // checkout.session.async_payment_failed
  kCheckoutExpired,         // checkout.session.expired
  kPaymentSucceeded,        // payment_intent.succeeded
  kPaymentFailed,           // payment_intent.payment_failed
  kChargeRefunded,          // charge.refunded
  kDisputeCreated,          // charge.dispute.created
  kOther,                   // recorded, nothing to apply
};
[[nodiscard]] ProviderEventKind ProviderEventKindOf(std::string_view type);

// The fields of an event Planify acts on; absent ones are empty or nullopt.
struct ProviderEvent {
  std::string id;  // evt_…
  std::string type;
  ProviderEventKind kind = ProviderEventKind::kOther;
  Timestamp created{};
  bool livemode = false;
  std::string session_id;               // cs_… (checkout events)
  std::string payment_intent_id;        // pi_…
  std::string payment_status;           // checkout: paid, unpaid, no_payment_required
  std::string payment_method;           // card, sepa_debit, … (first of the session's types)
  std::string currency;                 // lower-case ISO code as Stripe sends it
  long long amount_cents = 0;           // what was paid (amount_total / amount_received), disputed
  long long amount_refunded_cents = 0;  // charge.refunded: cumulative
  std::string failure_message;
  // Planify's metadata on the session and its PaymentIntent.
  std::optional<long long> organization_id;
  std::optional<long long> checkout_session_id;
  std::optional<long long> invoice_id;
  std::optional<long long> quote_id;
};

// True when the event says money was received (a completed checkout that is paid, an async
// success, a succeeded PaymentIntent).
[[nodiscard]] bool IsPaymentReceived(const ProviderEvent& event);

// The split of an online payment that lands on an invoice: what pays what was still due, and
// what is above it (two tabs, two payments: recorded, flagged to refund).
struct PaymentSplit {
  long long applied_cents = 0;
  long long overpaid_cents = 0;
};
[[nodiscard]] PaymentSplit SplitPayment(const InvoiceMoney& money, long long amount_cents);

// What may be paid online for an invoice now: its remaining amount. CONFLICT with a French
// sentence when it is a draft, cancelled, disputed or has nothing left to pay.
[[nodiscard]] Result<long long> OnlineAmountDue(InvoiceStatus status, const InvoiceMoney& money,
                                                bool disputed);

// A deposit paid right after signing, before any deposit invoice: what the quote asks for less
// the deposit invoices already made (any status but cancelled) and the money already held on
// the quote. CONFLICT when the quote is not accepted, asks no deposit, or it is all covered.
[[nodiscard]] Result<long long> DepositAmountDue(QuoteStatus status, long long deposit_cents,
                                                 long long invoiced_cents, long long held_cents);

// A refund Stripe reports as cumulative (`charge.amount_refunded`): the increase over what is
// already recorded, never negative (a late, older event changes nothing) and never past the
// payment's amount.
[[nodiscard]] long long RefundIncrease(long long amount_cents, long long recorded_refunded_cents,
                                       long long reported_refunded_cents);

// VALIDATION unless 1 cent ≤ amount ≤ what is left to refund (paid − refunded − refunds asked
// and not yet confirmed); CONFLICT for a payment that is not an online one that succeeded.
[[nodiscard]] Result<void> CheckRefund(std::string_view provider, std::string_view status,
                                       long long amount_cents, long long refunded_cents,
                                       long long pending_refunds_cents, long long requested_cents);

// Stripe keys: "sk_test_…", "sk_live_…" or restricted "rk_test_…", "rk_live_…" (≤ 255 ASCII
// characters, no spaces), and webhook signing secrets "whsec_…".
[[nodiscard]] bool IsStripeSecretKey(std::string_view key);
[[nodiscard]] bool IsStripeLiveKey(std::string_view key);
[[nodiscard]] bool IsStripeWebhookSecret(std::string_view secret);
// What the settings page shows of a key: its prefix and last four characters ("sk_test_…4242").
[[nodiscard]] std::string StripeKeyHint(std::string_view key);

}  // namespace planify::domain
