#include "app/payments/online_payments_service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/auth/rate_limits.hpp"
#include "app/documents/billing_support.hpp"
#include "app/email/email_service.hpp"
#include "app/organization/organization_service.hpp"
#include "domain/legal_mentions.hpp"
#include "domain/validation.hpp"
#include "integrations/crypto/sodium.hpp"
#include "integrations/stripe/stripe_webhooks.hpp"
#include "store/auth_repository.hpp"
#include "store/jobs_repository.hpp"

namespace planify::app {

namespace {

using domain::FormatIsoUtc;
using store::CheckoutSessionRow;
using store::OnlinePaymentsRepository;

constexpr domain::RateRule kCheckoutsPerIp{"checkout:ip", 20, std::chrono::seconds{600}};
constexpr auto kSessionLifetime = std::chrono::hours(24);

Unexpected NotConnected() {
  return Fail(ErrorCode::kConflict,
              "Le paiement en ligne n'est pas activé pour cette entreprise : réglez par virement "
              "ou contactez-la.");
}

Unexpected NoPayment() { return Fail(ErrorCode::kNotFound, "Paiement introuvable."); }

std::string OrganizationName(store::Lease& lease, OrganizationId org) {
  auto settings = billing::LoadSettings(lease, org, nullptr);
  return settings.name.empty() ? settings.legal_name : settings.name;
}

// The organisation's account when it can take payments: a key that opens and a webhook secret
// (without one no payment could ever be confirmed).
struct OpenAccount {
  store::PaymentAccountRow row;
  std::string secret_key;
};
std::optional<OpenAccount> Usable(store::Lease& lease, OrganizationId org, const Cipher& cipher) {
  auto row = OnlinePaymentsRepository(lease).FindAccount(org);
  if (!row || !row->enabled || row->webhook_secret_sealed.empty()) return std::nullopt;
  auto key = cipher.Open(row->secret_key_sealed);
  if (!key) return std::nullopt;
  return OpenAccount{std::move(*row), std::move(*key)};
}

void SystemAudit(store::Lease& lease, OrganizationId org, const std::string& action,
                 const std::string& entity_type, long long entity_id, const nlohmann::json& details,
                 const std::string& now) {
  store::AuditEntry entry;
  entry.organization = org;
  entry.actor_label = "Stripe";
  entry.action = action;
  entry.entity_type = entity_type;
  entry.entity_id = std::to_string(entity_id);
  entry.details_json = details.dump();
  store::AuthRepository(lease).Audit(entry, now);
}

// ---- Applying events

struct ApplyContext {
  store::Lease& lease;
  OrganizationId org;
  const Cipher& cipher;
  domain::Timestamp now;
  std::string stamp;
  std::string public_url;
};

EventOutcome Applied(std::string text) { return {"applied", std::move(text)}; }
EventOutcome Ignored(std::string text) { return {"ignored", std::move(text)}; }
EventOutcome Waiting(std::string text) { return {"received", std::move(text)}; }

std::optional<CheckoutSessionRow> ResolveSession(ApplyContext& c,
                                                 const domain::ProviderEvent& event) {
  OnlinePaymentsRepository repo(c.lease);
  if (event.checkout_session_id) {
    if (auto s = repo.FindSession(c.org, *event.checkout_session_id, true)) return s;
  }
  if (!event.session_id.empty()) {
    if (auto s = repo.FindSessionByProvider(c.org, event.session_id)) return s;
  }
  if (!event.payment_intent_id.empty())
    return repo.FindSessionByIntent(c.org, event.payment_intent_id);
  return std::nullopt;
}

void MarkSession(ApplyContext& c, std::optional<CheckoutSessionRow>& session,
                 const std::string& status, const std::string& intent,
                 const std::string& reason = "") {
  if (!session) return;
  if (session->provider_payment_intent_id.empty() && !intent.empty()) {
    session->provider_payment_intent_id = intent;
  }
  // Money received wins over any failure reported before or after it.
  if (session->status != "paid") session->status = status;
  if (!reason.empty() && status != "paid") session->failure_reason = reason.substr(0, 500);
  OnlinePaymentsRepository(c.lease).SaveSession(c.org, *session, c.stamp);
}

std::string PaymentMethodOf(const domain::ProviderEvent& event) {
  if (event.payment_method == "sepa_debit") return "sepa_debit";
  if (event.payment_method.empty() || event.payment_method == "card") return "card";
  return "other";
}

// The client's receipt, and the office's notice at the organisation's address.
void QueueReceipt(ApplyContext& c, const store::PaymentRecord& payment,
                  const std::string& document_number, const std::string& client_name,
                  const std::string& client_email) {
  auto day = domain::ParseIsoDate(payment.received_on);
  nlohmann::json data = {{"client_name", client_name},
                         {"invoice_number", document_number},
                         {"amount", domain::FormatEuros(payment.amount_cents)},
                         {"paid_at", day ? domain::FormatFrenchDate(*day) : payment.received_on}};
  const auto branding = OrganizationBranding(c.lease, c.org, c.public_url);
  if (domain::IsPlausibleEmail(client_email)) {
    auto queued = QueueTemplatedEmail(c.lease, c.org, "payment.received", "fr", branding, data,
                                      client_email, client_name, c.stamp);
    if (!queued) spdlog::warn("payment receipt not queued: {}", queued.error().message);
  }
  const auto settings = billing::LoadSettings(c.lease, c.org, nullptr);
  if (domain::IsPlausibleEmail(settings.email)) {
    data["invoice_url"] =
        payment.invoice_id != 0
            ? c.public_url + "/factures/" + std::to_string(payment.invoice_id)
            : c.public_url + "/devis/" + std::to_string(payment.quote_id.value_or(0));
    auto queued = QueueTemplatedEmail(c.lease, c.org, "payment.received.staff", "fr", branding,
                                      data, settings.email, settings.name, c.stamp);
    if (!queued) spdlog::warn("payment notice not queued: {}", queued.error().message);
  }
}

// A deposit paid before its invoice: the money is held on the quote, then the quote's draft
// deposit invoice (or a new one for that amount) is issued, which attaches it. When the invoice
// cannot be issued yet (a mandatory mention missing), the money stays held and the office sees
// why; issuing the invoice later attaches it.
std::string InvoiceHeldDeposit(ApplyContext& c, long long quote_id, long long amount_cents,
                               std::string& invoice_number) {
  store::BillingRepository billing(c.lease);
  store::DocumentFilter drafts;
  drafts.quote_id = quote_id;
  drafts.kind = "deposit";
  drafts.statuses = {"draft"};
  drafts.limit = 1;
  auto page = billing.ListInvoices(c.org, drafts);
  long long invoice_id = 0;
  if (!page.items.empty()) {
    invoice_id = page.items.front().id;
  } else {
    auto created = billing::CreateFromQuote(c.lease, c.org, quote_id, InvoiceFromQuote::kDeposit,
                                            {0, amount_cents}, std::nullopt, c.stamp);
    if (!created) return "acompte conservé sur le devis : " + created.error().message;
    invoice_id = *created;
  }
  auto invoice = billing.FindInvoice(c.org, invoice_id, true);
  if (!invoice) return "acompte conservé sur le devis";
  auto issued = billing::IssueDraft(c.lease, c.org, c.cipher, *invoice, c.now);
  if (!issued) {
    return "acompte conservé sur le devis, facture d'acompte en brouillon à émettre : " +
           issued.error().message;
  }
  invoice_number = invoice->number;
  SystemAudit(c.lease, c.org, "invoices.issued", "invoice", invoice->id,
              {{"number", invoice->number}, {"kind", "deposit"}, {"by", "paiement en ligne"}},
              c.stamp);
  return "facture d'acompte " + invoice->number + " émise";
}

EventOutcome ApplyStored(ApplyContext& c, long long event_row, int depth);

EventOutcome RecordPayment(ApplyContext& c, const domain::ProviderEvent& event, long long event_row,
                           int depth) {
  auto session = ResolveSession(c, event);
  const std::string intent =
      !event.payment_intent_id.empty() ? event.payment_intent_id : event.session_id;
  if (intent.empty()) return Ignored("ni PaymentIntent ni session : rien à rattacher");
  std::optional<long long> invoice_id = session ? session->invoice_id : event.invoice_id;
  std::optional<long long> quote_id = session ? session->quote_id : event.quote_id;
  store::BillingRepository billing(c.lease);
  if (auto existing = billing.FindProviderPayment(c.org, "stripe", intent)) {
    MarkSession(c, session, "paid", intent);
    return Applied("déjà enregistré (" + existing->number + ")");
  }
  std::optional<store::InvoiceRecord> invoice;
  std::optional<store::QuoteRecord> quote;
  if (invoice_id) invoice = billing.FindInvoice(c.org, *invoice_id, true);
  if (!invoice && quote_id) quote = billing.FindQuote(c.org, *quote_id, true);
  if (!invoice && !quote) {
    return Ignored("aucune facture ni aucun devis de cette organisation ne correspond");
  }
  if (invoice && invoice->status == "draft") {
    return Ignored("la facture " + std::to_string(invoice->id) + " est un brouillon");
  }
  const long long amount = event.amount_cents > 0 ? event.amount_cents
                           : session              ? session->amount_cents
                                                  : 0;
  if (amount <= 0) return Ignored("montant nul");
  auto settings = billing::LoadSettings(c.lease, c.org, nullptr);
  const auto received_at = event.created.time_since_epoch().count() > 0 ? event.created : c.now;
  const auto today = billing::Today(settings, c.now);

  store::PaymentRecord payment;
  payment.number =
      billing::NextNumber(c.lease, c.org, "payment", "PAY-{YYYY}-{NNNN}", today, c.stamp);
  payment.provider = "stripe";
  payment.method = PaymentMethodOf(event);
  payment.status = "succeeded";
  payment.amount_cents = amount;
  payment.reference = intent;
  payment.received_on = domain::FormatIsoDate(billing::Today(settings, received_at));
  payment.succeeded_at = c.stamp;
  payment.provider_payment_id = intent;
  if (session) payment.checkout_session_id = session->id;

  std::string text;
  std::string number;
  std::string client_name;
  std::string client_email;
  if (invoice) {
    auto split = domain::SplitPayment(invoice->Money(), amount);
    payment.invoice_id = invoice->id;
    payment.quote_id = invoice->quote_id;
    payment.overpaid_cents = split.overpaid_cents;
    invoice->paid_cents += amount;
    billing::SettleInvoice(*invoice, today, c.stamp);
    billing.SaveInvoice(c.org, *invoice, c.stamp);
    payment.id = billing.InsertPayment(c.org, payment, c.stamp);
    number = invoice->number;
    client_name = invoice->client.name;
    client_email = invoice->client_email;
    text = payment.number + " : " + domain::FormatEuros(amount) + " sur la facture " + number;
    if (split.overpaid_cents > 0) {
      text += ", dont " + domain::FormatEuros(split.overpaid_cents) + " de trop-perçu à rembourser";
    }
  } else {
    payment.quote_id = quote->id;
    payment.id = billing.InsertPayment(c.org, payment, c.stamp);
    number = quote->number;
    client_name = quote->client.name;
    client_email = quote->client_email;
    std::string invoice_number;
    text = payment.number + " : acompte de " + domain::FormatEuros(amount) + " sur le devis " +
           quote->number + " — " + InvoiceHeldDeposit(c, quote->id, amount, invoice_number);
    if (!invoice_number.empty()) number = invoice_number;
  }
  MarkSession(c, session, "paid", intent);
  SystemAudit(c.lease, c.org, "payments.received_online", payment.invoice_id ? "invoice" : "quote",
              payment.invoice_id ? payment.invoice_id : payment.quote_id.value_or(0),
              {{"payment", payment.number},
               {"amount_cents", amount},
               {"overpaid_cents", payment.overpaid_cents},
               {"provider_payment_id", intent}},
              c.stamp);
  QueueReceipt(c, payment, number, client_name, client_email);
  // Refunds and disputes of this payment that arrived first were waiting for it.
  if (depth == 0) {
    for (long long waiting : OnlinePaymentsRepository(c.lease).WaitingEvents(c.org, intent)) {
      if (waiting != event_row) (void)ApplyStored(c, waiting, depth + 1);
    }
  }
  return Applied(text);
}

EventOutcome ApplyRefund(ApplyContext& c, const domain::ProviderEvent& event) {
  if (event.payment_intent_id.empty()) return Ignored("remboursement sans PaymentIntent");
  store::BillingRepository billing(c.lease);
  auto payment = billing.FindProviderPayment(c.org, "stripe", event.payment_intent_id);
  if (!payment) return Waiting("en attente du paiement qu'il rembourse");
  const long long increase = domain::RefundIncrease(payment->amount_cents, payment->refunded_cents,
                                                    event.amount_refunded_cents);
  if (increase == 0) return Applied("remboursement déjà pris en compte");
  payment->refunded_cents += increase;
  payment->overpaid_cents = std::max<long long>(0, payment->overpaid_cents - increase);
  if (payment->invoice_id != 0) {
    if (auto invoice = billing.FindInvoice(c.org, payment->invoice_id, true)) {
      invoice->paid_cents -= increase;
      auto settings = billing::LoadSettings(c.lease, c.org, nullptr);
      billing::SettleInvoice(*invoice, billing::Today(settings, c.now), c.stamp);
      billing.SaveInvoice(c.org, *invoice, c.stamp);
    }
  }
  billing.SavePayment(c.org, *payment, c.stamp);
  // Refunds asked from Planify are confirmed oldest first; what is left was done in Stripe.
  OnlinePaymentsRepository repo(c.lease);
  long long confirmed = 0;
  for (auto& refund : repo.RefundsOf(c.org, payment->id)) {
    if (refund.status == "succeeded") confirmed += refund.amount_cents;
  }
  for (auto& refund : repo.RefundsOf(c.org, payment->id)) {
    if (refund.status != "pending") continue;
    if (confirmed + refund.amount_cents > payment->refunded_cents) break;
    confirmed += refund.amount_cents;
    refund.status = "succeeded";
    repo.SaveRefund(c.org, refund, c.stamp);
  }
  if (confirmed < payment->refunded_cents) {
    store::RefundRow outside;
    outside.payment_id = payment->id;
    outside.amount_cents = payment->refunded_cents - confirmed;
    outside.reason = "Remboursé depuis le tableau de bord Stripe";
    outside.status = "succeeded";
    outside.idempotency_key = "stripe-event-" + event.id;
    (void)repo.InsertRefund(c.org, outside, c.stamp);
  }
  SystemAudit(c.lease, c.org, "payments.refunded", payment->invoice_id ? "invoice" : "quote",
              payment->invoice_id ? payment->invoice_id : payment->quote_id.value_or(0),
              {{"payment", payment->number},
               {"refunded_cents", increase},
               {"total_refunded_cents", payment->refunded_cents}},
              c.stamp);
  return Applied("remboursement de " + domain::FormatEuros(increase) + " sur " + payment->number);
}

EventOutcome ApplyDispute(ApplyContext& c, const domain::ProviderEvent& event) {
  if (event.payment_intent_id.empty()) return Ignored("litige sans PaymentIntent");
  store::BillingRepository billing(c.lease);
  auto payment = billing.FindProviderPayment(c.org, "stripe", event.payment_intent_id);
  if (!payment) return Waiting("en attente du paiement contesté");
  if (!payment->disputed_at.empty()) return Applied("litige déjà enregistré");
  payment->disputed_at = c.stamp;
  billing.SavePayment(c.org, *payment, c.stamp);
  if (payment->invoice_id != 0) {
    if (auto invoice = billing.FindInvoice(c.org, payment->invoice_id, true)) {
      invoice->disputed_at = c.stamp;
      billing.SaveInvoice(c.org, *invoice, c.stamp);
    }
  }
  SystemAudit(c.lease, c.org, "payments.disputed", payment->invoice_id ? "invoice" : "quote",
              payment->invoice_id ? payment->invoice_id : payment->quote_id.value_or(0),
              {{"payment", payment->number}, {"amount_cents", event.amount_cents}}, c.stamp);
  return Applied("litige ouvert sur " + payment->number + " (" +
                 domain::FormatEuros(event.amount_cents) + ")");
}

EventOutcome Apply(ApplyContext& c, const store::ProviderEventRow& row, int depth) {
  auto parsed = integrations::ParseStripeEvent(row.payload);
  if (!parsed) return Ignored("événement illisible");
  const auto& event = *parsed;
  if (event.organization_id && *event.organization_id != c.org.value) {
    return Ignored("document d'une autre organisation : non appliqué");
  }
  auto account = OnlinePaymentsRepository(c.lease).FindAccount(c.org);
  if (account && account->livemode != event.livemode) {
    return Ignored(event.livemode ? "événement du mode réel, compte connecté en mode test"
                                  : "événement du mode test, compte connecté en mode réel");
  }
  using K = domain::ProviderEventKind;
  if (domain::IsPaymentReceived(event)) return RecordPayment(c, event, row.id, depth);
  switch (event.kind) {
    case K::kCheckoutCompleted: {
      // Completed but not paid yet (SEPA debit): the money comes with async_payment_succeeded.
      auto session = ResolveSession(c, event);
      if (!session) return Ignored("session inconnue");
      MarkSession(c, session, "open", event.payment_intent_id);
      return Applied("paiement en cours de traitement (" + event.payment_status + ")");
    }
    case K::kCheckoutAsyncFailed:
    case K::kPaymentFailed: {
      auto session = ResolveSession(c, event);
      if (!session) return Ignored("session inconnue");
      if (session->status == "paid") return Applied("échec d'une tentative, paiement déjà reçu");
      MarkSession(c, session, "failed", event.payment_intent_id,
                  event.failure_message.empty() ? "Paiement refusé" : event.failure_message);
      return Applied("paiement échoué : " +
                     (event.failure_message.empty() ? "refusé" : event.failure_message));
    }
    case K::kCheckoutExpired: {
      auto session = ResolveSession(c, event);
      if (!session) return Ignored("session inconnue");
      if (session->status != "open") return Applied("session déjà close");
      MarkSession(c, session, "expired", event.payment_intent_id);
      return Applied("session expirée sans paiement");
    }
    case K::kChargeRefunded:
      return ApplyRefund(c, event);
    case K::kDisputeCreated:
      return ApplyDispute(c, event);
    default:
      return Ignored("type d'événement sans effet : " + event.type);
  }
}

EventOutcome ApplyStored(ApplyContext& c, long long event_row, int depth) {
  OnlinePaymentsRepository repo(c.lease);
  auto row = repo.FindEvent(c.org, event_row, true);
  if (!row) return Ignored("événement introuvable");
  if (row->status != "received") return {row->status, row->outcome};
  auto outcome = Apply(c, *row, depth);
  if (outcome.status == "received") {
    repo.NoteEvent(c.org, event_row, outcome.outcome);
  } else {
    repo.FinishEvent(c.org, event_row, outcome.status, outcome.outcome, c.stamp);
  }
  return outcome;
}

}  // namespace

// ---- The connection

Result<PaymentAccountView> OnlinePaymentsService::View(store::Lease& lease, OrganizationId org) {
  PaymentAccountView view;
  auto row = OnlinePaymentsRepository(lease).FindAccount(org);
  if (!row) return view;
  view.connected = true;
  view.key_hint = row->key_hint;
  view.livemode = row->livemode;
  view.webhook_secret_set = !row->webhook_secret_sealed.empty();
  view.webhook_url = public_url_ + "/api/v1/webhooks/stripe/" + row->webhook_token;
  view.checked_at = row->checked_at;
  view.check_ok = row->check_ok;
  view.check_message = row->check_message;
  view.account_name = row->account_name;
  view.last_event_at = row->last_event_at;
  return view;
}

Result<PaymentAccountView> OnlinePaymentsService::Account(const Principal& actor) {
  return store::WithLease(db_,
                          [&](store::Lease& lease) { return View(lease, *actor.organization); });
}

Result<PaymentAccountView> OnlinePaymentsService::Connect(const Principal& actor,
                                                          const RequestMeta& meta,
                                                          const PaymentAccountInput& input) {
  const auto org = *actor.organization;
  domain::FieldErrors errors;
  const std::string key = domain::Trim(input.secret_key);
  const std::string webhook = domain::Trim(input.webhook_secret);
  if (!key.empty() && !domain::IsStripeSecretKey(key)) {
    errors.Add("secret_key",
               "Clé secrète Stripe attendue : sk_… ou restreinte rk_… (jamais la clé publique "
               "pk_…).");
  }
  if (!webhook.empty() && !domain::IsStripeWebhookSecret(webhook)) {
    errors.Add("webhook_secret",
               "Secret de signature attendu : whsec_… (page Webhooks de Stripe).");
  }
  if (!errors.empty()) return Fail(errors.ToError());
  auto existing = store::WithLease(
      db_, [&](store::Lease& lease) -> Result<std::optional<store::PaymentAccountRow>> {
        return OnlinePaymentsRepository(lease).FindAccount(org);
      });
  if (!existing) return Fail(existing.error());
  std::string secret = key;
  if (secret.empty() && *existing)
    secret = cipher_.Open((*existing)->secret_key_sealed).value_or("");
  if (secret.empty()) {
    return Fail(ErrorCode::kValidation, "Indiquez la clé secrète du compte Stripe.",
                {{"secret_key", "Clé secrète requise (Développeurs → Clés API)."}});
  }
  if (webhook.empty() && (!*existing || (*existing)->webhook_secret_sealed.empty())) {
    return Fail(ErrorCode::kValidation, "Indiquez le secret de signature du webhook.",
                {{"webhook_secret",
                  "Créez le webhook dans Stripe avec l'adresse indiquée, puis collez son secret "
                  "whsec_…"}});
  }
  // Stripe is asked before anything is saved: a refused key is never stored.
  auto check = gateway_.CheckKey(secret);
  if (!check) return Fail(check.error());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<PaymentAccountView> {
    const std::string stamp = FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    OnlinePaymentsRepository repo(lease);
    store::PaymentAccountRow row = repo.FindAccount(org).value_or(store::PaymentAccountRow{});
    if (row.webhook_token.empty()) row.webhook_token = integrations::RandomHex(24);
    row.secret_key_sealed = cipher_.Seal(secret);
    row.key_hint = domain::StripeKeyHint(secret);
    row.livemode = domain::IsStripeLiveKey(secret);
    if (!webhook.empty()) row.webhook_secret_sealed = cipher_.Seal(webhook);
    row.enabled = true;
    row.checked_at = stamp;
    row.check_ok = true;
    row.check_message = "Connexion vérifiée auprès de Stripe.";
    row.account_name = check->account_name;
    repo.SaveAccount(org, row, stamp);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "payments.stripe_connected", "organization",
          std::to_string(org.value),
          nlohmann::json{{"key", row.key_hint},
                         {"livemode", row.livemode},
                         {"webhook_secret_changed", !webhook.empty()}}
              .dump(),
          stamp);
    tx.Commit();
    return View(lease, org);
  });
}

Result<PaymentAccountView> OnlinePaymentsService::TestConnection(const Principal& actor,
                                                                 const RequestMeta& meta) {
  const auto org = *actor.organization;
  auto key = store::WithLease(db_, [&](store::Lease& lease) -> Result<std::string> {
    auto row = OnlinePaymentsRepository(lease).FindAccount(org);
    if (!row) return Fail(ErrorCode::kConflict, "Aucun compte Stripe n'est connecté.");
    auto secret = cipher_.Open(row->secret_key_sealed);
    if (!secret) {
      return Fail(ErrorCode::kConflict,
                  "La clé enregistrée ne s'ouvre plus (clé du serveur changée) : saisissez-la à "
                  "nouveau.");
    }
    return *secret;
  });
  if (!key) return Fail(key.error());
  auto check = gateway_.CheckKey(*key);
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<PaymentAccountView> {
    const std::string stamp = FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    OnlinePaymentsRepository repo(lease);
    auto row = repo.FindAccount(org);
    if (!row) return Fail(ErrorCode::kConflict, "Aucun compte Stripe n'est connecté.");
    row->checked_at = stamp;
    row->check_ok = check.has_value();
    if (check) {
      row->check_message = row->webhook_secret_sealed.empty()
                               ? "Clé acceptée ; le secret du webhook manque encore."
                               : "Connexion vérifiée auprès de Stripe.";
      if (!check->account_name.empty()) row->account_name = check->account_name;
    } else {
      row->check_message = check.error().message;
      for (const auto& field : check.error().fields) row->check_message += " " + field.message;
    }
    repo.SaveAccount(org, *row, stamp);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "payments.stripe_tested", "organization", std::to_string(org.value),
          nlohmann::json{{"ok", check.has_value()}}.dump(), stamp);
    tx.Commit();
    return View(lease, org);
  });
}

Result<void> OnlinePaymentsService::Disconnect(const Principal& actor, const RequestMeta& meta) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    const auto org = *actor.organization;
    const std::string stamp = FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    if (!OnlinePaymentsRepository(lease).DeleteAccount(org)) {
      return Fail(ErrorCode::kNotFound, "Aucun compte Stripe n'est connecté.");
    }
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "payments.stripe_disconnected", "organization",
          std::to_string(org.value), "{}", stamp);
    tx.Commit();
    return {};
  });
}

bool OnlinePaymentsService::AcceptsOnlinePayments(OrganizationId org) {
  auto usable = store::WithLease(db_, [&](store::Lease& lease) -> Result<bool> {
    return Usable(lease, org, cipher_).has_value();
  });
  return usable && *usable;
}

// ---- Paying

Result<PublicInvoice> OnlinePaymentsService::GetPublicInvoice(const std::string& token) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<PublicInvoice> {
    if (!IsPublicToken(token)) return Fail(ErrorCode::kNotFound, "Facture introuvable.");
    store::BillingRepository billing(lease);
    auto found = billing.FindInvoiceByToken(HashToken(token));
    if (!found || found->second.status == "draft") {
      return Fail(ErrorCode::kNotFound, "Facture introuvable.");
    }
    PublicInvoice out;
    out.organization = found->first;
    out.invoice = std::move(found->second);
    out.seller_name = OrganizationName(lease, out.organization);
    for (auto& p : billing.PaymentsOf(out.organization, out.invoice.id)) {
      if (p.status == "succeeded") out.payments.push_back(std::move(p));
    }
    auto due = domain::OnlineAmountDue(
        domain::ParseInvoiceStatus(out.invoice.status).value_or(domain::InvoiceStatus::kDraft),
        out.invoice.Money(), !out.invoice.disputed_at.empty());
    out.amount_due_cents = std::max<long long>(0, out.invoice.Money().Remaining());
    out.can_pay_online = due.has_value() && Usable(lease, out.organization, cipher_).has_value();
    return out;
  });
}

Result<CheckoutStart> OnlinePaymentsService::PayInvoice(const std::string& invoice_token,
                                                        const RequestMeta& meta) {
  auto page = GetPublicInvoice(invoice_token);
  if (!page) return Fail(page.error());
  auto limited = store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::AuthRepository repo(lease);
    if (auto ok = EnforceRate(repo, kCheckoutsPerIp, meta.ip, clock_.Now()); !ok) return ok;
    store::WriteTransaction tx(lease);
    CountRate(repo, kCheckoutsPerIp, meta.ip, FormatIsoUtc(clock_.Now()));
    tx.Commit();
    return {};
  });
  if (!limited) return Fail(limited.error());
  const auto& invoice = page->invoice;
  auto due = domain::OnlineAmountDue(
      domain::ParseInvoiceStatus(invoice.status).value_or(domain::InvoiceStatus::kDraft),
      invoice.Money(), !invoice.disputed_at.empty());
  if (!due) return Fail(due.error());
  if (!page->can_pay_online) return NotConnected();
  CheckoutSessionRow draft;
  draft.purpose = "invoice";
  draft.invoice_id = invoice.id;
  draft.quote_id = invoice.quote_id;
  draft.amount_cents = *due;
  draft.created_ip = meta.ip;
  return OpenCheckout(page->organization, draft, "Facture " + invoice.number, invoice.client_email,
                      "/p/facture/" + invoice_token);
}

Result<CheckoutStart> OnlinePaymentsService::PayDeposit(const std::string& quote_token,
                                                        const RequestMeta& meta) {
  struct Plan {
    OrganizationId org;
    CheckoutSessionRow draft;
    std::string product;
    std::string email;
  };
  auto plan = store::WithLease(db_, [&](store::Lease& lease) -> Result<Plan> {
    if (!IsPublicToken(quote_token)) return Fail(ErrorCode::kNotFound, "Devis introuvable.");
    store::BillingRepository billing(lease);
    auto found = billing.FindQuoteByToken(HashToken(quote_token));
    if (!found || found->second.status == "draft" || found->second.status == "cancelled") {
      return Fail(ErrorCode::kNotFound, "Devis introuvable.");
    }
    auto expires = domain::ParseIsoUtc(found->second.public_token_expires_at);
    if (!expires || *expires <= clock_.Now()) {
      return Fail(ErrorCode::kNotFound, "Devis introuvable.");
    }
    const auto org = found->first;
    const auto& quote = found->second;
    store::AuthRepository limits(lease);
    if (auto ok = EnforceRate(limits, kCheckoutsPerIp, meta.ip, clock_.Now()); !ok) {
      return Fail(ok.error());
    }
    {
      store::WriteTransaction tx(lease);
      CountRate(limits, kCheckoutsPerIp, meta.ip, FormatIsoUtc(clock_.Now()));
      tx.Commit();
    }
    if (!Usable(lease, org, cipher_)) return NotConnected();
    Plan out{org, {}, "Acompte — devis " + quote.number, quote.client_email};
    out.draft.created_ip = meta.ip;
    out.draft.quote_id = quote.id;
    // A deposit invoice already issued is paid as an invoice; a draft one is what gets paid
    // (and issued when the money arrives); otherwise what the quote asks, less what is held.
    store::DocumentFilter filter;
    filter.quote_id = quote.id;
    filter.kind = "deposit";
    filter.limit = 50;
    long long invoiced = 0;
    long long draft_gross = 0;
    for (const auto& d : billing.ListInvoices(org, filter).items) {
      if (d.status == "cancelled") continue;
      if (d.status == "draft") {
        draft_gross += d.gross_cents;
        continue;
      }
      invoiced += d.gross_cents - d.credited_cents;
      if (d.status == "issued" || d.status == "partially_paid") {
        out.draft.purpose = "invoice";
        out.draft.invoice_id = d.id;
        out.draft.amount_cents = d.Money().Remaining();
        out.product = "Facture d'acompte " + d.number;
      }
    }
    if (out.draft.invoice_id && out.draft.amount_cents > 0) return out;
    long long held = 0;
    for (const auto& p : billing.HeldPayments(org, quote.id))
      held += p.amount_cents - p.refunded_cents;
    auto status = domain::ParseQuoteStatus(quote.status).value_or(domain::QuoteStatus::kDraft);
    out.draft.purpose = "deposit";
    out.draft.invoice_id.reset();
    if (draft_gross > 0 && status == domain::QuoteStatus::kAccepted) {
      out.draft.amount_cents = draft_gross - held;
      if (out.draft.amount_cents <= 0) {
        return Fail(ErrorCode::kConflict, "L'acompte de ce devis est déjà réglé.");
      }
      return out;
    }
    auto due = domain::DepositAmountDue(status, quote.deposit_cents, invoiced, held);
    if (!due) return Fail(due.error());
    out.draft.amount_cents = *due;
    return out;
  });
  if (!plan) return Fail(plan.error());
  return OpenCheckout(plan->org, plan->draft, plan->product, plan->email,
                      "/p/devis/" + quote_token);
}

Result<CheckoutStart> OnlinePaymentsService::OpenCheckout(OrganizationId org,
                                                          const CheckoutSessionRow& draft,
                                                          const std::string& product_name,
                                                          const std::string& customer_email,
                                                          const std::string& cancel_path) {
  const auto now = clock_.Now();
  const std::string return_token = integrations::RandomHex(32);
  struct Prepared {
    CheckoutSessionRow row;
    std::string key;
    bool reused = false;
  };
  // The session row exists before Stripe is called, so an event about it is never orphaned;
  // no write lock is held during the call.
  auto prepared = store::WithLease(db_, [&](store::Lease& lease) -> Result<Prepared> {
    auto account = Usable(lease, org, cipher_);
    if (!account) return NotConnected();
    OnlinePaymentsRepository repo(lease);
    if (auto open = repo.FindReusableSession(
            org, draft.invoice_id, draft.invoice_id ? std::nullopt : draft.quote_id,
            draft.amount_cents, FormatIsoUtc(now + std::chrono::minutes(10)))) {
      return Prepared{*open, "", true};
    }
    const std::string stamp = FormatIsoUtc(now);
    store::WriteTransaction tx(lease);
    Prepared out{draft, account->secret_key, false};
    out.row.status = "open";
    out.row.idempotency_key = "planify-checkout-" + integrations::RandomHex(16);
    out.row.provider_session_id = "pending:" + out.row.idempotency_key;
    out.row.return_token_hash = HashToken(return_token);
    out.row.expires_at = FormatIsoUtc(now + kSessionLifetime);
    out.row.id = repo.InsertSession(org, out.row, stamp);
    tx.Commit();
    return out;
  });
  if (!prepared) return Fail(prepared.error());
  if (prepared->reused) {
    return CheckoutStart{prepared->row.url, prepared->row.amount_cents, true};
  }
  auto& row = prepared->row;
  CheckoutRequest request;
  request.secret_key = prepared->key;
  request.idempotency_key = row.idempotency_key;
  request.amount_cents = row.amount_cents;
  request.product_name = product_name;
  request.customer_email = domain::IsPlausibleEmail(customer_email) ? customer_email : "";
  request.client_reference_id =
      "planify-" + std::to_string(org.value) + "-" + std::to_string(row.id);
  request.success_url = public_url_ + "/paiement/retour/" + return_token;
  request.cancel_url = public_url_ + cancel_path;
  request.metadata = {{"planify_organization", std::to_string(org.value)},
                      {"planify_session", std::to_string(row.id)}};
  if (row.invoice_id) {
    request.metadata.emplace_back("planify_invoice", std::to_string(*row.invoice_id));
  } else if (row.quote_id) {
    request.metadata.emplace_back("planify_quote", std::to_string(*row.quote_id));
  }
  auto created = gateway_.CreateCheckout(request);
  auto saved = store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::WriteTransaction tx(lease);
    if (created) {
      row.provider_session_id = created->session_id;
      row.url = created->url;
      row.provider_payment_intent_id = created->payment_intent_id;
      if (created->expires_at.time_since_epoch().count() > 0) {
        row.expires_at = FormatIsoUtc(created->expires_at);
      }
    } else {
      row.status = "failed";
      row.failure_reason = created.error().message.substr(0, 500);
    }
    OnlinePaymentsRepository(lease).SaveSession(org, row, FormatIsoUtc(clock_.Now()));
    tx.Commit();
    return {};
  });
  if (!created) {
    // The client cannot fix the organisation's Stripe settings: say payment is unavailable.
    spdlog::warn("checkout for organisation {} refused by Stripe: {}", org.value,
                 created.error().message);
    return Fail(ErrorCode::kUnavailable,
                "Le paiement en ligne est momentanément indisponible. Réessayez plus tard ou "
                "contactez l'entreprise.");
  }
  if (!saved) return Fail(saved.error());
  return CheckoutStart{row.url, row.amount_cents, false};
}

Result<CheckoutState> OnlinePaymentsService::Checkout(const std::string& return_token) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<CheckoutState> {
    if (return_token.size() != 64) return Fail(ErrorCode::kNotFound, "Paiement introuvable.");
    auto found = OnlinePaymentsRepository(lease).FindSessionByReturn(HashToken(return_token));
    if (!found) return Fail(ErrorCode::kNotFound, "Paiement introuvable.");
    const auto& [org, session] = *found;
    CheckoutState state;
    state.status = session.status;
    state.purpose = session.purpose;
    state.amount_cents = session.amount_cents;
    state.failure_reason = session.failure_reason;
    state.organization_name = OrganizationName(lease, org);
    store::BillingRepository billing(lease);
    if (session.invoice_id) {
      if (auto invoice = billing.FindInvoice(org, *session.invoice_id)) {
        state.document_number = invoice->number;
      }
    } else if (session.quote_id) {
      if (auto quote = billing.FindQuote(org, *session.quote_id)) {
        state.document_number = quote->number;
      }
    }
    return state;
  });
}

// ---- Webhooks

Result<WebhookReceipt> OnlinePaymentsService::ReceiveStripe(const std::string& webhook_token,
                                                            const std::string& signature,
                                                            const std::string& body) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<WebhookReceipt> {
    const auto now = clock_.Now();
    OnlinePaymentsRepository repo(lease);
    auto account =
        webhook_token.size() == 48 ? repo.FindAccountByWebhook(webhook_token) : std::nullopt;
    if (!account) return Fail(ErrorCode::kNotFound, "Adresse de webhook inconnue.");
    const auto org = account->first;
    const std::string secret = cipher_.Open(account->second.webhook_secret_sealed).value_or("");
    if (auto ok = integrations::VerifyStripeSignature(secret, signature, body, now); !ok) {
      return Fail(ok.error());
    }
    auto event = integrations::ParseStripeEvent(body);
    if (!event) return Fail(event.error());
    const std::string stamp = FormatIsoUtc(now);
    store::ProviderEventRow row;
    row.event_id = event->id;
    row.event_type = event->type.substr(0, 100);
    row.event_created = FormatIsoUtc(event->created);
    row.livemode = event->livemode;
    row.payment_intent_id = event->payment_intent_id.substr(0, 255);
    row.payload = body;
    store::WriteTransaction tx(lease);
    auto inserted = repo.InsertEvent(org, row, stamp);
    WebhookReceipt receipt;
    receipt.duplicate = !inserted;
    if (inserted) {
      receipt.event_row = *inserted;
      store::NewJob job;
      job.organization = org;
      job.type = "payments.apply_event";
      job.payload = nlohmann::json{{"organization_id", org.value}, {"event", *inserted}}.dump();
      job.max_attempts = 10;
      job.run_at = stamp;
      job.dedupe_key = "provider-event:" + std::to_string(*inserted);
      (void)store::JobsRepository(lease).Enqueue(job, stamp);
      repo.TouchAccountEvent(org, stamp);
    }
    tx.Commit();
    return receipt;
  });
}

Result<EventOutcome> OnlinePaymentsService::ApplyEvent(OrganizationId org, long long event_row) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<EventOutcome> {
    const auto now = clock_.Now();
    store::WriteTransaction tx(lease);
    ApplyContext context{lease, org, cipher_, now, FormatIsoUtc(now), public_url_};
    if (!OnlinePaymentsRepository(lease).FindEvent(org, event_row)) {
      return Fail(ErrorCode::kNotFound, "Événement introuvable.");
    }
    auto outcome = ApplyStored(context, event_row, 0);
    tx.Commit();
    return outcome;
  });
}

Result<std::vector<store::ProviderEventRow>> OnlinePaymentsService::Events(const Principal& actor,
                                                                           long long limit) {
  return store::WithLease(
      db_, [&](store::Lease& lease) -> Result<std::vector<store::ProviderEventRow>> {
        return OnlinePaymentsRepository(lease).ListEvents(*actor.organization, limit);
      });
}

// ---- Refunds

Result<PaymentRefunds> OnlinePaymentsService::Refunds(const Principal& actor,
                                                      long long payment_id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<PaymentRefunds> {
    const auto org = *actor.organization;
    auto payment = store::BillingRepository(lease).FindPayment(org, payment_id);
    if (!payment) return NoPayment();
    return PaymentRefunds{*payment, OnlinePaymentsRepository(lease).RefundsOf(org, payment_id)};
  });
}

Result<PaymentRefunds> OnlinePaymentsService::Refund(const Principal& actor,
                                                     const RequestMeta& meta, long long payment_id,
                                                     std::optional<long long> amount_cents,
                                                     std::string reason) {
  domain::FieldErrors errors;
  domain::CleanText(errors, "reason", reason, 500);
  if (!errors.empty()) return Fail(errors.ToError());
  const auto org = *actor.organization;
  struct Asked {
    store::RefundRow refund;
    std::string key;
    std::string intent;
  };
  auto asked = store::WithLease(db_, [&](store::Lease& lease) -> Result<Asked> {
    const std::string stamp = FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    auto payment = store::BillingRepository(lease).FindPayment(org, payment_id, true);
    if (!payment) return NoPayment();
    OnlinePaymentsRepository repo(lease);
    const long long pending = repo.PendingRefunds(org, payment_id);
    const long long amount =
        amount_cents.value_or(payment->amount_cents - payment->refunded_cents - pending);
    if (auto ok = domain::CheckRefund(payment->provider, payment->status, payment->amount_cents,
                                      payment->refunded_cents, pending, amount);
        !ok) {
      return Fail(ok.error());
    }
    auto account = Usable(lease, org, cipher_);
    if (!account) {
      return Fail(ErrorCode::kConflict,
                  "Reconnectez le compte Stripe (Paramètres → Paiements) pour rembourser.");
    }
    Asked out;
    out.key = account->secret_key;
    out.intent = payment->provider_payment_id;
    out.refund.payment_id = payment_id;
    out.refund.amount_cents = amount;
    out.refund.reason = reason;
    out.refund.status = "pending";
    out.refund.idempotency_key = "planify-refund-" + integrations::RandomHex(16);
    out.refund.requested_by = actor.user.value;
    out.refund.id = repo.InsertRefund(org, out.refund, stamp);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "payments.refund_requested", "invoice",
          std::to_string(payment->invoice_id),
          nlohmann::json{{"payment", payment->number}, {"amount_cents", amount}, {"reason", reason}}
              .dump(),
          stamp);
    tx.Commit();
    return out;
  });
  if (!asked) return Fail(asked.error());
  RefundRequest request;
  request.secret_key = asked->key;
  request.idempotency_key = asked->refund.idempotency_key;
  request.payment_intent_id = asked->intent;
  request.amount_cents = asked->refund.amount_cents;
  request.metadata = {{"planify_organization", std::to_string(org.value)},
                      {"planify_refund", std::to_string(asked->refund.id)}};
  auto created = gateway_.CreateRefund(request);
  auto saved = store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::WriteTransaction tx(lease);
    auto& refund = asked->refund;
    if (created) {
      refund.provider_refund_id = created->refund_id;
      if (created->status == "failed" || created->status == "canceled") {
        refund.status = "failed";
        refund.failure_reason = "Refusé par Stripe (" + created->status + ")";
      }
    } else {
      refund.status = "failed";
      refund.failure_reason = created.error().message.substr(0, 500);
    }
    OnlinePaymentsRepository(lease).SaveRefund(org, refund, FormatIsoUtc(clock_.Now()));
    tx.Commit();
    return {};
  });
  if (!created) return Fail(created.error());
  if (!saved) return Fail(saved.error());
  return Refunds(actor, payment_id);
}

void RegisterPaymentJobs(jobs::JobRegistry& registry, const Clock& clock, const Cipher& cipher,
                         PaymentGateway& gateway, const std::string& public_url) {
  registry.Register(
      "payments.apply_event",
      [&clock, &cipher, &gateway, public_url](const store::JobRow& job,
                                              jobs::JobContext& context) -> Result<void> {
        auto payload = nlohmann::json::parse(job.payload, nullptr, false);
        if (!payload.is_object() || !payload["organization_id"].is_number_integer() ||
            !payload["event"].is_number_integer()) {
          return Fail(ErrorCode::kBadRequest, "payments.apply_event: bad payload");
        }
        OnlinePaymentsService payments(context.db(), clock, cipher, gateway, public_url);
        auto outcome =
            payments.ApplyEvent(OrganizationId{payload["organization_id"].get<long long>()},
                                payload["event"].get<long long>());
        if (!outcome) return Fail(outcome.error());
        return {};
      });
}

}  // namespace planify::app
