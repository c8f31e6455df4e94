// Online payments through a real server and a local fake Stripe over real HTTP: connecting the
// organisation's account, paying an invoice or a deposit, webhooks as the only source of truth,
// overpayments and refunds (docs/payments.md).
#include <gtest/gtest.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <mutex>

#include "http/payments_fixture.hpp"

namespace planify::testing {
namespace {

// Keeps what the server logs. The server's threads log after each answer is sent, so the sink
// is attached before any server exists and detached after the last one stopped: the logger's
// sink list is never changed while a thread may walk it; the text is read under the sink's lock.
class CaptureSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::string Text() {
    std::lock_guard lock(mutex_);
    return text_;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t line;
    formatter_->format(msg, line);
    text_.append(line.data(), line.size());
  }
  void flush_() override {}

 private:
  std::string text_;
};

class PaymentsHttp : public PaymentsFixture {
 public:
  static void SetUpTestSuite() {
    log_ = std::make_shared<CaptureSink>();
    spdlog::default_logger()->sinks().push_back(log_);
  }
  static void TearDownTestSuite() {
    auto& sinks = spdlog::default_logger()->sinks();
    sinks.erase(std::remove(sinks.begin(), sinks.end(), log_), sinks.end());
    log_.reset();
  }

 protected:
  static inline std::shared_ptr<CaptureSink> log_;
  // The invoice as the office sees it.
  nlohmann::json Invoice(const Seeded& s, long long id) {
    return Json(Send("GET", "/api/v1/invoices/" + std::to_string(id), &s.owner));
  }
  FakeStripe::Session LastSession() {
    auto all = stripe_.sessions();
    EXPECT_FALSE(all.empty());
    return all.empty() ? FakeStripe::Session{} : all.back();
  }
  static std::string ReturnToken(const FakeStripe::Session& s) {
    return s.success_url.substr(s.success_url.rfind('/') + 1);
  }
};

TEST_F(PaymentsHttp, TheOrganisationsOwnStripeKeysAreCheckedSealedAndNeverShown) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  const auto& owner = business.owner;

  auto none = Send("GET", "/api/v1/payment-settings", &owner);
  ASSERT_EQ(none->status, 200);
  EXPECT_EQ(Json(none)["connected"], false);

  // A publishable key, a malformed webhook secret: refused before Stripe is asked.
  auto publishable =
      Send("PUT", "/api/v1/payment-settings", &owner,
           {{"secret_key", "pk_test_51Nabcdefghijklmnop"}, {"webhook_secret", "not-a-secret"}});
  ASSERT_EQ(publishable->status, 422);
  EXPECT_EQ(Json(publishable)["error"]["fields"].size(), 2u) << publishable->body;
  // A well-formed key Stripe does not know: Stripe's answer, nothing saved.
  const int before = stripe_.requests();
  auto unknown = Send("PUT", "/api/v1/payment-settings", &owner,
                      {{"secret_key", "sk_test_51UnknownKey000000000000"},
                       {"webhook_secret", FakeStripe::kWebhookSecret}});
  ASSERT_EQ(unknown->status, 422) << unknown->body;
  EXPECT_EQ(Json(unknown)["error"]["fields"][0]["field"], "secret_key");
  EXPECT_GT(stripe_.requests(), before);
  EXPECT_EQ(Count("payment_accounts"), 0);

  auto connected =
      Send("PUT", "/api/v1/payment-settings", &owner,
           {{"secret_key", FakeStripe::kKey}, {"webhook_secret", FakeStripe::kWebhookSecret}});
  ASSERT_EQ(connected->status, 200) << connected->body;
  auto view = Json(connected);
  EXPECT_EQ(view["connected"], true);
  EXPECT_EQ(view["key_hint"], "sk_test_…4242");
  EXPECT_EQ(view["livemode"], false);
  EXPECT_EQ(view["webhook_secret_set"], true);
  EXPECT_EQ(view["check_ok"], true);
  EXPECT_EQ(view["account_name"], "Sono Lumière (test)");
  EXPECT_EQ(view["webhook_url"].get<std::string>().rfind(
                "http://planify.test/api/v1/webhooks/stripe/", 0),
            0u);

  // Changing only the webhook secret keeps the key; a restricted key that may not read the
  // account is accepted (the name is a nicety).
  auto rotated = Send("PUT", "/api/v1/payment-settings", &owner,
                      {{"webhook_secret", "whsec_RotatedSecret0000000000000"}});
  ASSERT_EQ(rotated->status, 200) << rotated->body;
  EXPECT_EQ(Json(rotated)["key_hint"], "sk_test_…4242");
  auto restricted = Send("PUT", "/api/v1/payment-settings", &owner,
                         {{"secret_key", FakeStripe::kRestrictedNoAccount}});
  ASSERT_EQ(restricted->status, 200) << restricted->body;
  EXPECT_EQ(Json(restricted)["key_hint"], "rk_test_…0001");
  auto tested = Send("POST", "/api/v1/payment-settings/test", &owner);
  ASSERT_EQ(tested->status, 200) << tested->body;
  EXPECT_EQ(Json(tested)["check_ok"], true);

  // Nothing the API answered, stored in clear, audited or logged holds a secret.
  std::vector<std::string> bodies = {none->body,
                                     unknown->body,
                                     connected->body,
                                     rotated->body,
                                     restricted->body,
                                     tested->body,
                                     Send("GET", "/api/v1/payment-settings", &owner)->body,
                                     Send("GET", "/api/v1/audit?limit=200", &owner)->body};
  {
    auto lease = db_->Acquire();
    std::string sealed_key;
    std::string sealed_webhook;
    **lease << "SELECT secret_key_sealed, webhook_secret_sealed FROM payment_accounts",
        soci::into(sealed_key), soci::into(sealed_webhook);
    bodies.push_back(sealed_key);
    bodies.push_back(sealed_webhook);
  }
  const std::string logged = log_->Text();
  bodies.push_back(logged);
  EXPECT_NE(logged.find("/api/v1/payment-settings"), std::string::npos) << "the log was read";
  for (const auto& text : bodies) {
    for (const char* secret :
         {FakeStripe::kKey, FakeStripe::kRestrictedNoAccount, FakeStripe::kWebhookSecret,
          "whsec_RotatedSecret0000000000000", "sk_test_51UnknownKey000000000000"}) {
      EXPECT_EQ(text.find(secret), std::string::npos) << secret << " in " << text.substr(0, 300);
    }
  }

  ASSERT_EQ(Send("DELETE", "/api/v1/payment-settings", &owner)->status, 204);
  EXPECT_EQ(Json(Send("GET", "/api/v1/payment-settings", &owner))["connected"], false);
}

TEST_F(PaymentsHttp, AForgedOrStaleSignatureIs400AndWritesNothing) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  const std::string webhook = ConnectStripe(business.owner);
  auto [invoice_id, token] = IssuedInvoice(business, 50000);
  ASSERT_EQ(Checkout("/api/v1/public/invoices/" + token + "/checkout", "198.51.100.7")->status,
            201);
  const std::string body =
      FakeStripe::CheckoutCompleted(LastSession(), "evt_forged", clock_.Now()).dump();

  auto forged = Deliver(webhook, body, std::nullopt, "whsec_SomebodyElsesSecret000000");
  EXPECT_EQ(forged->status, 400) << forged->body;
  EXPECT_EQ(Json(forged)["error"]["code"], "BAD_REQUEST");
  EXPECT_EQ(Deliver(webhook, body, clock_.Now() - std::chrono::minutes(6))->status, 400)
      << "older than the 5-minute tolerance: a replay";
  EXPECT_EQ(Deliver(webhook, body, clock_.Now() + std::chrono::minutes(6))->status, 400);
  auto tampered = Deliver(webhook, body);  // signed, then altered on the way
  {
    auto client = Client();
    httplib::Headers headers{
        {"Stripe-Signature",
         integrations::StripeSignatureHeader(FakeStripe::kWebhookSecret, body, clock_.Now())}};
    std::string altered = body;
    altered.replace(altered.find("\"amount_total\":"), 15, "\"amount_total\":1");
    EXPECT_EQ(client.Post(webhook, headers, altered, "application/json")->status, 400);
    EXPECT_EQ(client.Post(webhook, {}, body, "application/json")->status, 400) << "no header";
    EXPECT_EQ(client
                  .Post("/api/v1/webhooks/stripe/" + std::string(48, 'a'), headers, body,
                        "application/json")
                  ->status,
              404);
  }
  // Only the genuine delivery was stored.
  EXPECT_EQ(tampered->status, 200) << tampered->body;
  EXPECT_EQ(Count("provider_events"), 1);
  EXPECT_EQ(Count("payments"), 0) << "stored, not yet applied: the job does that";
  RunPaymentJobs();
  EXPECT_EQ(Count("payments"), 1);
  EXPECT_EQ(Invoice(business, invoice_id)["status"], "paid");
}

TEST_F(PaymentsHttp, TheSuccessRedirectAloneNeverMarksAnythingPaid) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  const std::string webhook = ConnectStripe(business.owner);
  auto [invoice_id, token] = IssuedInvoice(business, 50000);

  auto page = Json(Send("GET", "/api/v1/public/invoices/" + token, nullptr));
  EXPECT_EQ(page["can_pay_online"], true);
  EXPECT_EQ(page["amount_due_cents"], 60000);
  EXPECT_EQ(page["seller_name"], "Sono Lumière");
  auto pdf = Send("GET", "/api/v1/public/invoices/" + token + "/pdf", nullptr);
  ASSERT_EQ(pdf->status, 200);
  EXPECT_EQ(pdf->body.rfind("%PDF", 0), 0u);

  auto start = Checkout("/api/v1/public/invoices/" + token + "/checkout", "198.51.100.7");
  ASSERT_EQ(start->status, 201) << start->body;
  auto session = LastSession();
  EXPECT_EQ(Json(start)["url"], stripe_.base_url() + "/pay/" + session.id);
  EXPECT_EQ(session.amount_cents, 60000);
  EXPECT_EQ(session.customer_email, "claire@durand.fr");
  EXPECT_EQ(session.metadata.at("planify_invoice"), std::to_string(invoice_id));
  EXPECT_EQ(session.intent_metadata.at("planify_invoice"), std::to_string(invoice_id));
  EXPECT_EQ(session.cancel_url, "http://planify.test/p/facture/" + token);
  // A second click gets the same page, not a second session.
  auto again = Checkout("/api/v1/public/invoices/" + token + "/checkout", "198.51.100.7");
  EXPECT_EQ(Json(again)["url"], Json(start)["url"]);
  EXPECT_EQ(stripe_.sessions().size(), 1u);

  // The client comes back from Stripe: the page and its status say "being confirmed", and the
  // invoice is untouched however often they are loaded.
  const std::string back = ReturnToken(session);
  ASSERT_EQ(session.success_url, "http://planify.test/paiement/retour/" + back);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Send("GET", "/paiement/retour/" + back, nullptr)->status, 200);
    auto state = Json(Send("GET", "/api/v1/public/checkouts/" + back, nullptr));
    EXPECT_EQ(state["status"], "open");
    EXPECT_EQ(state["document_number"], "FAC-2026-0001");
  }
  EXPECT_EQ(Invoice(business, invoice_id)["status"], "issued");
  EXPECT_EQ(Count("payments"), 0);

  // Stripe's webhook is what records the payment.
  ASSERT_EQ(Deliver(webhook, FakeStripe::CheckoutCompleted(session, "evt_1", clock_.Now()).dump())
                ->status,
            200);
  RunPaymentJobs();
  EXPECT_EQ(Json(Send("GET", "/api/v1/public/checkouts/" + back, nullptr))["status"], "paid");
  auto paid = Invoice(business, invoice_id);
  EXPECT_EQ(paid["status"], "paid");
  EXPECT_EQ(paid["payments"][0]["provider"], "stripe");
  EXPECT_EQ(paid["payments"][0]["method"], "card");
  EXPECT_EQ(paid["payments"][0]["reference"], session.payment_intent);
  auto after = Json(Send("GET", "/api/v1/public/invoices/" + token, nullptr));
  EXPECT_EQ(after["can_pay_online"], false);
  EXPECT_EQ(Checkout("/api/v1/public/invoices/" + token + "/checkout", "198.51.100.7")->status,
            409);
  auto online = Json(Send("GET", "/api/v1/payments?provider=stripe", &business.owner));
  EXPECT_EQ(online["total"], 1);
  EXPECT_EQ(Json(Send("GET", "/api/v1/payments?provider=manual", &business.owner))["total"], 0);
  EXPECT_EQ(Send("GET", "/api/v1/payments?provider=paypal", &business.owner)->status, 422);
}

TEST_F(PaymentsHttp, AnEventAboutAnotherOrganisationsInvoiceIsRecordedNotApplied) {
  auto a = SeedBusiness("Sono A", "owner@a.fr");
  auto b = SeedBusiness("Sono B", "owner@b.fr");
  const std::string webhook_a = ConnectStripe(a.owner);
  ConnectStripe(b.owner);
  auto [invoice_b, token_b] = IssuedInvoice(b, 40000);
  ASSERT_EQ(Checkout("/api/v1/public/invoices/" + token_b + "/checkout", "198.51.100.9")->status,
            201);
  auto session_b = LastSession();
  // B's payment, signed with a secret A's endpoint accepts, posted to A's address.
  ASSERT_EQ(
      Deliver(webhook_a, FakeStripe::CheckoutCompleted(session_b, "evt_b1", clock_.Now()).dump())
          ->status,
      200);
  // The same without Planify's organisation tag, naming B's invoice id.
  auto untagged = FakeStripe::PaymentSucceeded(session_b, "evt_b2", clock_.Now());
  untagged["data"]["object"]["metadata"].erase("planify_organization");
  ASSERT_EQ(Deliver(webhook_a, untagged.dump())->status, 200);
  RunPaymentJobs();
  EXPECT_EQ(Count("provider_events"), 2);
  EXPECT_EQ(Count("payments"), 0);
  EXPECT_EQ(Invoice(b, invoice_b)["status"], "issued");
  auto events = Json(Send("GET", "/api/v1/payment-events", &a.owner));
  ASSERT_EQ(events["items"].size(), 2u);
  for (const auto& e : events["items"]) EXPECT_EQ(e["status"], "ignored") << e.dump();
  EXPECT_EQ(Json(Send("GET", "/api/v1/payment-events", &b.owner))["items"].size(), 0u);
}

TEST_F(PaymentsHttp, ADepositPaidRightAfterSigningIsInvoicedIssuedAndSettled) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  const std::string webhook = ConnectStripe(business.owner);
  auto [quote_id, token] = SignedQuote(business, 100000);
  auto page = Json(Send("GET", "/api/v1/public/quotes/" + token, nullptr));
  EXPECT_EQ(page["can_pay_deposit"], true);
  EXPECT_EQ(page["deposit_cents"], 36000);
  auto start = Checkout("/api/v1/public/quotes/" + token + "/checkout", "198.51.100.7");
  ASSERT_EQ(start->status, 201) << start->body;
  EXPECT_EQ(Json(start)["amount_cents"], 36000);
  auto session = LastSession();
  EXPECT_EQ(session.metadata.at("planify_quote"), std::to_string(quote_id));
  EXPECT_EQ(session.cancel_url, "http://planify.test/p/devis/" + token);

  ASSERT_EQ(Deliver(webhook, FakeStripe::PaymentSucceeded(session, "evt_pi", clock_.Now()).dump())
                ->status,
            200);
  RunPaymentJobs();
  // French rule: a deposit received is invoiced — the deposit invoice exists, is issued and paid.
  auto deposits =
      Json(Send("GET", "/api/v1/invoices?kind=deposit&quote_id=" + std::to_string(quote_id),
                &business.owner));
  ASSERT_EQ(deposits["total"], 1) << deposits.dump();
  const auto& deposit = deposits["items"][0];
  EXPECT_EQ(deposit["status"], "paid");
  EXPECT_EQ(deposit["total_gross_cents"], 36000);
  EXPECT_EQ(deposit["number"], "FAC-2026-0001");
  auto invoice = Invoice(business, deposit["id"]);
  ASSERT_EQ(invoice["payments"].size(), 1u);
  EXPECT_EQ(invoice["payments"][0]["quote_id"], quote_id);
  // The client got a receipt naming the deposit invoice.
  {
    auto lease = db_->Acquire();
    long long receipts = 0;
    **lease << "SELECT count(*) FROM emails WHERE to_address = 'claire@durand.fr' AND subject "
               "LIKE '%FAC-2026-0001%'",
        soci::into(receipts);
    EXPECT_EQ(receipts, 1);
    long long notices = 0;
    **lease << "SELECT count(*) FROM emails WHERE to_address = 'contact@sono-lumiere.fr' AND "
               "template = 'payment.received.staff'",
        soci::into(notices);
    EXPECT_EQ(notices, 1) << "the office is told too";
  }
  auto again = Checkout("/api/v1/public/quotes/" + token + "/checkout", "198.51.100.7");
  EXPECT_EQ(again->status, 409) << again->body;
  // The final invoice deducts it.
  auto final_invoice = Send("POST", "/api/v1/quotes/" + std::to_string(quote_id) + "/invoices",
                            &business.owner, {{"kind", "final"}});
  ASSERT_EQ(final_invoice->status, 201) << final_invoice->body;
  EXPECT_EQ(Json(final_invoice)["prepaid_cents"], 36000);
}

TEST_F(PaymentsHttp, ADepositWhoseInvoiceCannotBeIssuedIsHeldOnTheQuoteUntilItIs) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  const std::string webhook = ConnectStripe(business.owner);
  auto [quote_id, token] = SignedQuote(business, 100000);
  ASSERT_EQ(Checkout("/api/v1/public/quotes/" + token + "/checkout", "198.51.100.7")->status, 201);
  auto session = LastSession();
  {
    // The SIREN went missing from the settings in the meantime: no invoice can be issued.
    auto lease = db_->Acquire();
    long long org = business.org.value;
    **lease << "UPDATE organizations SET siren = '', siret = '' WHERE id = :id", soci::use(org);
  }
  ASSERT_EQ(Deliver(webhook, FakeStripe::CheckoutCompleted(session, "evt_c", clock_.Now()).dump())
                ->status,
            200);
  RunPaymentJobs();
  auto held = Json(Send("GET", "/api/v1/payments", &business.owner));
  ASSERT_EQ(held["total"], 1);
  EXPECT_TRUE(held["items"][0]["invoice_id"].is_null());
  EXPECT_EQ(held["items"][0]["quote_id"], quote_id);
  auto events = Json(Send("GET", "/api/v1/payment-events", &business.owner));
  EXPECT_NE(events["items"][0]["outcome"].get<std::string>().find("conservé sur le devis"),
            std::string::npos)
      << events.dump();
  const std::string quote = "/api/v1/quotes/" + std::to_string(quote_id);
  EXPECT_EQ(Json(Send("GET", quote, &business.owner))["held_payments_cents"], 36000)
      << "the quote page says the money waits for its invoice";
  // Paying again is refused: the money is there.
  EXPECT_EQ(Checkout("/api/v1/public/quotes/" + token + "/checkout", "198.51.100.7")->status, 409);
  {
    auto lease = db_->Acquire();
    long long org = business.org.value;
    **lease << "UPDATE organizations SET siren = '732829320' WHERE id = :id", soci::use(org);
  }
  auto drafts = Json(
      Send("GET", "/api/v1/invoices?kind=deposit&status=draft&quote_id=" + std::to_string(quote_id),
           &business.owner));
  ASSERT_EQ(drafts["total"], 1) << "the draft deposit invoice waits for its number";
  auto issued = Send("POST", "/api/v1/invoices/" + drafts["items"][0]["id"].dump() + "/issue",
                     &business.owner);
  ASSERT_EQ(issued->status, 200) << issued->body;
  EXPECT_EQ(Json(issued)["status"], "paid") << "issuing attached the held payment";
  EXPECT_EQ(Json(Send("GET", "/api/v1/payments", &business.owner))["items"][0]["invoice_id"],
            drafts["items"][0]["id"]);
  EXPECT_EQ(Json(Send("GET", quote, &business.owner))["held_payments_cents"], 0);
}

TEST_F(PaymentsHttp, AnOverpaymentIsFlaggedAndRefundedThroughStripe) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  const std::string webhook = ConnectStripe(business.owner);
  auto [invoice_id, token] = IssuedInvoice(business, 50000);
  ASSERT_EQ(Checkout("/api/v1/public/invoices/" + token + "/checkout", "198.51.100.7")->status,
            201);
  auto session = LastSession();
  // Meanwhile the client also paid 100 € by transfer, recorded by the office.
  auto transfer =
      Send("POST", "/api/v1/invoices/" + std::to_string(invoice_id) + "/payments", &business.owner,
           {{"method", "bank_transfer"},
            {"amount_cents", 10000},
            {"reference", "VIR-1"},
            {"received_on", "2026-11-25"}});
  ASSERT_EQ(transfer->status, 201) << transfer->body;
  ASSERT_EQ(Deliver(webhook, FakeStripe::CheckoutCompleted(session, "evt_c", clock_.Now()).dump())
                ->status,
            200);
  RunPaymentJobs();
  auto invoice = Invoice(business, invoice_id);
  EXPECT_EQ(invoice["status"], "paid");
  EXPECT_EQ(invoice["paid_cents"], 70000);
  const auto& card = invoice["payments"][1];
  EXPECT_EQ(card["provider"], "stripe");
  EXPECT_EQ(card["overpaid_cents"], 10000);

  // Refunds: only online payments, never more than what is left, admins only.
  const std::string transfer_refunds =
      "/api/v1/payments/" + Json(transfer)["id"].dump() + "/refunds";
  EXPECT_EQ(Send("POST", transfer_refunds, &business.owner, {{"amount_cents", 100}})->status, 409);
  const std::string refunds = "/api/v1/payments/" + card["id"].dump() + "/refunds";
  EXPECT_EQ(Send("POST", refunds, &business.owner, {{"amount_cents", 60001}})->status, 422);
  auto asked =
      Send("POST", refunds, &business.owner, {{"amount_cents", 10000}, {"reason", "Trop-perçu"}});
  ASSERT_EQ(asked->status, 201) << asked->body;
  EXPECT_EQ(Json(asked)["refunds"][0]["status"], "pending");
  ASSERT_EQ(stripe_.refunds().size(), 1u);
  EXPECT_EQ(stripe_.refunds()[0].payment_intent, session.payment_intent);
  EXPECT_EQ(stripe_.refunds()[0].amount_cents, 10000);
  EXPECT_EQ(stripe_.posts_without_idempotency_key(), 0);
  // Nothing counts until Stripe confirms.
  EXPECT_EQ(Invoice(business, invoice_id)["paid_cents"], 70000);
  ASSERT_EQ(
      Deliver(webhook, FakeStripe::ChargeRefunded(session, "evt_r", clock_.Now(), 10000).dump())
          ->status,
      200);
  RunPaymentJobs();
  auto settled = Invoice(business, invoice_id);
  EXPECT_EQ(settled["paid_cents"], 60000);
  EXPECT_EQ(settled["status"], "paid");
  EXPECT_EQ(settled["payments"][1]["refunded_cents"], 10000);
  EXPECT_EQ(settled["payments"][1]["overpaid_cents"], 0);
  auto history = Json(Send("GET", refunds, &business.owner));
  ASSERT_EQ(history["refunds"].size(), 1u);
  EXPECT_EQ(history["refunds"][0]["status"], "succeeded");
  EXPECT_EQ(history["refunds"][0]["requested_by"], "greg");
}

TEST_F(PaymentsHttp, ADisputedPaymentMarksItsInvoice) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  const std::string webhook = ConnectStripe(business.owner);
  auto [invoice_id, token] = IssuedInvoice(business, 50000);
  ASSERT_EQ(Checkout("/api/v1/public/invoices/" + token + "/checkout", "198.51.100.7")->status,
            201);
  auto session = LastSession();
  // The dispute first, then the payment it disputes.
  ASSERT_EQ(
      Deliver(webhook, FakeStripe::DisputeCreated(session, "evt_d", clock_.Now()).dump())->status,
      200);
  RunPaymentJobs();
  ASSERT_EQ(
      Deliver(webhook, FakeStripe::PaymentSucceeded(session, "evt_s", clock_.Now()).dump())->status,
      200);
  RunPaymentJobs();
  auto invoice = Invoice(business, invoice_id);
  EXPECT_FALSE(invoice["payments"][0]["disputed_at"].is_null()) << invoice.dump();
  auto page = Json(Send("GET", "/api/v1/public/invoices/" + token, nullptr));
  EXPECT_EQ(page["disputed"], true);
}

TEST_F(PaymentsHttp, CheckoutsAreLimitedPerAddressAndNeedAConnectedAccount) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  auto [invoice_id, token] = IssuedInvoice(business, 50000);
  const std::string path = "/api/v1/public/invoices/" + token + "/checkout";
  auto off = Checkout(path, "198.51.100.7");
  EXPECT_EQ(off->status, 409) << "no Stripe account: " << off->body;
  EXPECT_EQ(Json(Send("GET", "/api/v1/public/invoices/" + token, nullptr))["can_pay_online"],
            false);
  ConnectStripe(business.owner);
  int limited = 0;
  for (int i = 0; i < 25; ++i) limited += Checkout(path, "198.51.100.8")->status == 429 ? 1 : 0;
  EXPECT_GE(limited, 4);
  EXPECT_EQ(Checkout(path, "198.51.100.9")->status, 201) << "another address is not limited";
  EXPECT_EQ(Send("GET", "/api/v1/public/invoices/" + std::string(64, 'f'), nullptr)->status, 404);
  (void)invoice_id;
}

}  // namespace
}  // namespace planify::testing
