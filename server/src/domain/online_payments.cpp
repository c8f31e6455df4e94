#include "domain/online_payments.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "domain/legal_mentions.hpp"

namespace planify::domain {

ProviderEventKind ProviderEventKindOf(std::string_view type) {
  static constexpr std::array<std::pair<std::string_view, ProviderEventKind>, 8> kKinds{{
      {"checkout.session.completed", ProviderEventKind::kCheckoutCompleted},
      {"checkout.session.async_payment_succeeded", ProviderEventKind::kCheckoutAsyncSucceeded},
      {"checkout.session.async_payment_failed", ProviderEventKind::kCheckoutAsyncFailed},
      {"checkout.session.expired", ProviderEventKind::kCheckoutExpired},
      {"payment_intent.succeeded", ProviderEventKind::kPaymentSucceeded},
      {"payment_intent.payment_failed", ProviderEventKind::kPaymentFailed},
      {"charge.refunded", ProviderEventKind::kChargeRefunded},
      {"charge.dispute.created", ProviderEventKind::kDisputeCreated},
  }};
  for (const auto& [name, kind] : kKinds) {
    if (name == type) return kind;
  }
  return ProviderEventKind::kOther;
}

bool IsPaymentReceived(const ProviderEvent& event) {
  switch (event.kind) {
    case ProviderEventKind::kCheckoutCompleted:
      // A delayed method (SEPA debit) completes the session unpaid; its money comes with
      // async_payment_succeeded.
      return event.payment_status == "paid";
    case ProviderEventKind::kCheckoutAsyncSucceeded:
    case ProviderEventKind::kPaymentSucceeded:
      return true;
    default:
      return false;
  }
}

PaymentSplit SplitPayment(const InvoiceMoney& money, long long amount_cents) {
  const long long due = std::max<long long>(0, money.Remaining());
  const long long applied = std::min(amount_cents, due);
  return {applied, amount_cents - applied};
}

Result<long long> OnlineAmountDue(InvoiceStatus status, const InvoiceMoney& money, bool disputed) {
  if (status == InvoiceStatus::kDraft) {
    return Fail(ErrorCode::kConflict, "Cette facture n'est pas encore émise.");
  }
  if (status == InvoiceStatus::kCancelled) {
    return Fail(ErrorCode::kConflict, "Cette facture est annulée.");
  }
  if (disputed) {
    return Fail(ErrorCode::kConflict,
                "Un paiement de cette facture est contesté : contactez l'entreprise.");
  }
  if (money.Remaining() <= 0) {
    return Fail(ErrorCode::kConflict, "Cette facture est déjà réglée.");
  }
  return money.Remaining();
}

Result<long long> DepositAmountDue(QuoteStatus status, long long deposit_cents,
                                   long long invoiced_cents, long long held_cents) {
  if (status != QuoteStatus::kAccepted) {
    return Fail(ErrorCode::kConflict, "L'acompte se règle une fois le devis signé.");
  }
  if (deposit_cents <= 0) {
    return Fail(ErrorCode::kConflict, "Ce devis ne demande pas d'acompte.");
  }
  const long long left = deposit_cents - invoiced_cents - held_cents;
  if (left <= 0) return Fail(ErrorCode::kConflict, "L'acompte de ce devis est déjà réglé.");
  return left;
}

long long RefundIncrease(long long amount_cents, long long recorded_refunded_cents,
                         long long reported_refunded_cents) {
  const long long target = std::min(amount_cents, reported_refunded_cents);
  return std::max<long long>(0, target - recorded_refunded_cents);
}

Result<void> CheckRefund(std::string_view provider, std::string_view status, long long amount_cents,
                         long long refunded_cents, long long pending_refunds_cents,
                         long long requested_cents) {
  if (provider != "stripe") {
    return Fail(ErrorCode::kConflict,
                "Seul un paiement en ligne se rembourse d'ici ; un virement se rembourse depuis "
                "votre banque.");
  }
  if (status != "succeeded") {
    return Fail(ErrorCode::kConflict, "Ce paiement n'a pas abouti : rien à rembourser.");
  }
  const long long left = amount_cents - refunded_cents - pending_refunds_cents;
  if (left <= 0) return Fail(ErrorCode::kConflict, "Ce paiement est déjà entièrement remboursé.");
  if (requested_cents <= 0 || requested_cents > left) {
    return Fail(ErrorCode::kValidation, "Montant du remboursement invalide.",
                {{"amount_cents", "Entre 0,01 € et " + FormatEuros(left) + "."}});
  }
  return {};
}

namespace {

bool HasPrefix(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool PlainToken(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

bool IsStripeSecretKey(std::string_view key) {
  const bool prefixed = HasPrefix(key, "sk_test_") || HasPrefix(key, "sk_live_") ||
                        HasPrefix(key, "rk_test_") || HasPrefix(key, "rk_live_");
  return prefixed && key.size() >= 16 && key.size() <= 255 && PlainToken(key);
}

bool IsStripeLiveKey(std::string_view key) { return key.substr(3, 5) == "live_"; }

bool IsStripeWebhookSecret(std::string_view secret) {
  return HasPrefix(secret, "whsec_") && secret.size() >= 16 && secret.size() <= 255 &&
         PlainToken(secret.substr(6));
}

std::string StripeKeyHint(std::string_view key) {
  if (key.size() < 12) return "…";
  return std::string(key.substr(0, 8)) + "…" + std::string(key.substr(key.size() - 4));
}

}  // namespace planify::domain
