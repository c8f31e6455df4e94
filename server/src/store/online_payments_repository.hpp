#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/ids.hpp"
#include "store/database.hpp"

namespace planify::store {

// An organisation's Stripe account (migration 0024). Secrets stay sealed here; the app opens
// them only to call Stripe or check a signature.
struct PaymentAccountRow {
  std::string secret_key_sealed;
  std::string key_hint;
  bool livemode = false;
  std::string webhook_secret_sealed;
  std::string webhook_token;
  bool enabled = true;
  std::string checked_at;
  std::optional<bool> check_ok;
  std::string check_message;
  std::string account_name;
  std::string last_event_at;
};

struct CheckoutSessionRow {
  long long id = 0;
  std::string purpose;  // invoice, deposit
  std::optional<long long> invoice_id;
  std::optional<long long> quote_id;
  long long amount_cents = 0;
  std::string currency = "EUR";
  std::string status;  // open, paid, failed, expired
  std::string provider_session_id;
  std::string provider_payment_intent_id;
  std::string url;
  std::string idempotency_key;
  std::string return_token_hash;
  std::string failure_reason;
  std::string expires_at;
  std::string created_ip;
  std::string created_at;
};

struct ProviderEventRow {
  long long id = 0;
  std::string event_id;
  std::string event_type;
  std::string event_created;
  bool livemode = false;
  std::string payment_intent_id;
  std::string payload;
  std::string status;  // received, applied, ignored, failed
  std::string outcome;
  long long deliveries = 1;
  std::string received_at;
  std::string processed_at;
};

struct RefundRow {
  long long id = 0;
  long long payment_id = 0;
  long long amount_cents = 0;
  std::string reason;
  std::string status;  // pending, succeeded, failed
  std::string provider_refund_id;
  std::string idempotency_key;
  std::optional<long long> requested_by;
  std::string requested_by_name;  // read only
  std::string failure_reason;
  std::string created_at;
};

// Stripe accounts, checkout sessions, received events and refunds, within one organisation
// (the webhook token and a checkout's return token are the two ways in without one).
class OnlinePaymentsRepository {
 public:
  explicit OnlinePaymentsRepository(Lease& lease) : lease_(lease) {}

  [[nodiscard]] std::optional<PaymentAccountRow> FindAccount(OrganizationId org);
  [[nodiscard]] std::optional<std::pair<OrganizationId, PaymentAccountRow>> FindAccountByWebhook(
      const std::string& webhook_token);
  // Inserts or replaces the organisation's account (keeps created_at).
  void SaveAccount(OrganizationId org, const PaymentAccountRow& row, const std::string& now);
  bool DeleteAccount(OrganizationId org);
  void TouchAccountEvent(OrganizationId org, const std::string& now);

  long long InsertSession(OrganizationId org, const CheckoutSessionRow& row,
                          const std::string& now);
  void SaveSession(OrganizationId org, const CheckoutSessionRow& row, const std::string& now);
  [[nodiscard]] std::optional<CheckoutSessionRow> FindSession(OrganizationId org, long long id,
                                                              bool lock = false);
  [[nodiscard]] std::optional<CheckoutSessionRow> FindSessionByProvider(
      OrganizationId org, const std::string& provider_session_id);
  [[nodiscard]] std::optional<CheckoutSessionRow> FindSessionByIntent(
      OrganizationId org, const std::string& payment_intent_id);
  [[nodiscard]] std::optional<std::pair<OrganizationId, CheckoutSessionRow>> FindSessionByReturn(
      const std::string& return_token_hash);
  // The latest open session for the document and amount that expires after `after`: a second
  // click on "Payer" reuses its page instead of opening another.
  [[nodiscard]] std::optional<CheckoutSessionRow> FindReusableSession(
      OrganizationId org, std::optional<long long> invoice_id, std::optional<long long> quote_id,
      long long amount_cents, const std::string& after);

  // Records a delivery: the new row's id, or nullopt when the event id was already recorded
  // (its delivery count goes up).
  [[nodiscard]] std::optional<long long> InsertEvent(OrganizationId org,
                                                     const ProviderEventRow& row,
                                                     const std::string& now);
  [[nodiscard]] std::optional<ProviderEventRow> FindEvent(OrganizationId org, long long id,
                                                          bool lock = false);
  void FinishEvent(OrganizationId org, long long id, const std::string& status,
                   const std::string& outcome, const std::string& now);
  void NoteEvent(OrganizationId org, long long id, const std::string& outcome);
  // Events still waiting (status received) for a payment of this PaymentIntent.
  [[nodiscard]] std::vector<long long> WaitingEvents(OrganizationId org,
                                                     const std::string& payment_intent_id);
  [[nodiscard]] std::vector<ProviderEventRow> ListEvents(OrganizationId org, long long limit);

  long long InsertRefund(OrganizationId org, const RefundRow& row, const std::string& now);
  void SaveRefund(OrganizationId org, const RefundRow& row, const std::string& now);
  [[nodiscard]] std::vector<RefundRow> RefundsOf(OrganizationId org, long long payment_id);
  [[nodiscard]] long long PendingRefunds(OrganizationId org, long long payment_id);

 private:
  Lease& lease_;
};

}  // namespace planify::store
