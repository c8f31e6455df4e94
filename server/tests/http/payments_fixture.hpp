#pragma once

#include <gtest/gtest.h>

#include <string>

#include "app/payments/online_payments_service.hpp"
#include "http/auth_fixture.hpp"
#include "integrations/stripe/stripe_client.hpp"
#include "integrations/stripe/stripe_webhooks.hpp"
#include "jobs/worker.hpp"
#include "store/billing_repository.hpp"
#include "store/clients_repository.hpp"
#include "store/organizations_repository.hpp"
#include "support/fake_stripe.hpp"

namespace planify::testing {

// An organisation that can issue invoices (legal identity complete) and take card payments
// through its own Stripe account — the local FakeStripe, over real HTTP.
class PaymentsFixture : public AuthFixture {
 protected:
  void SetUp() override {
    // A tweak set by a derived fixture before this one still applies.
    services_tweak_ = [this, before = services_tweak_](http::Services& s) {
      if (before) before(s);
      s.stripe_api_url = stripe_.base_url();
    };
    // Each simulated client comes from its own address (X-Forwarded-For): the per-IP limit of
    // checkouts is tested on its own.
    trusted_proxies_ = {"127.0.0.1"};
    AuthFixture::SetUp();
  }

  struct Seeded {
    OrganizationId org;
    long long client_id = 0;
    BrowserSession owner;
  };

  Seeded SeedBusiness(const std::string& name, const std::string& owner_email) {
    Seeded out;
    out.org = SeedOrganization(name);
    SeedMember(out.org, owner_email, "owner");
    {
      auto lease = db_->Acquire();
      domain::OrganizationSettings s;
      s.name = name;
      s.legal_form = "EI";
      s.siren = "732829320";
      s.vat_number = "FR44732829320";
      s.address_line1 = "1 rue du Parc";
      s.postal_code = "37000";
      s.city = "Tours";
      s.email = "contact@sono-lumiere.fr";
      store::OrganizationsRepository(*lease).SaveSettings(out.org, s, "", "",
                                                          "2026-11-25T09:00:00Z");
      domain::ClientInput client;
      client.name = "Mariage Durand";
      client.billing.line1 = "3 allée des Roses";
      client.billing.postal_code = "37000";
      client.billing.city = "Tours";
      client.contacts = {{"Claire Durand", "", "claire@durand.fr", "", true}};
      out.client_id =
          store::ClientsRepository(*lease).Insert(out.org, client, "2026-11-25T09:00:00Z");
    }
    out.owner = SignIn(owner_email);
    return out;
  }

  // Connects the organisation to the fake Stripe; returns the webhook address's path.
  std::string ConnectStripe(const BrowserSession& owner) {
    auto res =
        Send("PUT", "/api/v1/payment-settings", &owner,
             {{"secret_key", FakeStripe::kKey}, {"webhook_secret", FakeStripe::kWebhookSecret}});
    EXPECT_EQ(res->status, 200) << res->body;
    std::string url = Json(res)["webhook_url"];
    return url.substr(std::string("http://planify.test").size());
  }

  // An issued and sent invoice of `gross_cents` (one line at 20 % VAT when divisible): its id
  // and the token of its public link.
  std::pair<long long, std::string> IssuedInvoice(const Seeded& s, long long net_cents,
                                                  const std::string& title = "Soirée",
                                                  int payment_terms_days = 30) {
    auto created = Send("POST", "/api/v1/invoices", &s.owner,
                        {{"client_id", s.client_id},
                         {"title", title},
                         {"payment_terms_days", payment_terms_days},
                         {"lines",
                          {{{"description", "Animation DJ"},
                            {"quantity_milli", 1000},
                            {"unit_price_cents", net_cents},
                            {"vat_rate_bp", 2000}}}}});
    EXPECT_EQ(created->status, 201) << created->body;
    long long id = Json(created)["id"];
    const std::string path = "/api/v1/invoices/" + std::to_string(id);
    auto issued = Send("POST", path + "/issue", &s.owner);
    EXPECT_EQ(issued->status, 200) << issued->body;
    auto sent = Send("POST", path + "/send", &s.owner);
    EXPECT_EQ(sent->status, 202) << sent->body;
    std::string link = Json(sent)["link"];
    return {id, link.substr(link.rfind('/') + 1)};
  }

  // An issued invoice with one line per (net unit price, VAT rate) pair, each of
  // `quantity_milli`: its id.
  long long IssuedInvoiceWithLines(const Seeded& s,
                                   const std::vector<std::pair<long long, int>>& lines,
                                   long long quantity_milli = 1000) {
    nlohmann::json body_lines = nlohmann::json::array();
    for (const auto& [net, rate] : lines) {
      body_lines.push_back({{"description", "Prestation " + std::to_string(rate)},
                            {"quantity_milli", quantity_milli},
                            {"unit_price_cents", net},
                            {"vat_rate_bp", rate}});
    }
    auto created = Send("POST", "/api/v1/invoices", &s.owner,
                        {{"client_id", s.client_id}, {"title", "Soirée"}, {"lines", body_lines}});
    EXPECT_EQ(created->status, 201) << created->body;
    long long id = Json(created)["id"];
    auto issued = Send("POST", "/api/v1/invoices/" + std::to_string(id) + "/issue", &s.owner);
    EXPECT_EQ(issued->status, 200) << issued->body;
    return id;
  }

  // A quote with a 30 % deposit, sent (the mailer accepted it): its id and public token.
  std::pair<long long, std::string> SentQuote(const Seeded& s, long long net_cents,
                                              const std::string& valid_until = "2026-12-31") {
    auto created = Send("POST", "/api/v1/quotes", &s.owner,
                        {{"client_id", s.client_id},
                         {"title", "Mariage"},
                         {"deposit_kind", "acompte"},
                         {"deposit_bp", 3000},
                         {"valid_until", valid_until},
                         {"lines",
                          {{{"description", "Animation DJ"},
                            {"quantity_milli", 1000},
                            {"unit_price_cents", net_cents},
                            {"vat_rate_bp", 2000}}}}});
    EXPECT_EQ(created->status, 201) << created->body;
    long long id = Json(created)["id"];
    auto sent = Send("POST", "/api/v1/quotes/" + std::to_string(id) + "/send", &s.owner);
    EXPECT_EQ(sent->status, 202) << sent->body;
    {
      // The mailer accepted the e-mail: the quote is "sent" and its link opens.
      auto lease = db_->Acquire();
      store::BillingRepository(*lease).OnEmailSent(Json(sent)["email_id"], "2026-11-25T14:00:01Z");
    }
    std::string link = Json(sent)["link"];
    return {id, link.substr(link.rfind('/') + 1)};
  }

  // A quote with a 30 % deposit, sent and signed online: its id and public token.
  std::pair<long long, std::string> SignedQuote(const Seeded& s, long long net_cents) {
    auto [id, token] = SentQuote(s, net_cents);
    auto signed_quote = Send("POST", "/api/v1/public/quotes/" + token + "/sign", nullptr,
                             {{"signer_name", "Claire Durand"},
                              {"signer_email", "claire@durand.fr"},
                              {"signature", kSignaturePng},
                              {"consent", true}});
    EXPECT_EQ(signed_quote->status, 200) << signed_quote->body;
    return {id, token};
  }

  // POST from a client at `ip`.
  httplib::Result Checkout(const std::string& path, const std::string& ip) {
    return Send("POST", path, nullptr, nullptr, {{"X-Forwarded-For", ip}});
  }

  // A webhook delivery as Stripe sends it, signed now (the server's clock) unless `at` is given.
  httplib::Result Deliver(const std::string& webhook_path, const std::string& body,
                          std::optional<domain::Timestamp> at = std::nullopt,
                          const std::string& secret = FakeStripe::kWebhookSecret) {
    auto client = Client();
    httplib::Headers headers{{"Stripe-Signature", integrations::StripeSignatureHeader(
                                                      secret, body, at.value_or(clock_.Now()))}};
    return client.Post(webhook_path, headers, body, "application/json");
  }

  // Runs the queued jobs the way a worker does: payments.apply_event (the other types — e-mails
  // — are left to retry later under the fixed clock).
  int RunPaymentJobs() {
    jobs::JobRegistry registry;
    integrations::StripeGateway gateway(stripe_.base_url());
    app::RegisterPaymentJobs(registry, clock_, cipher_, gateway, "http://planify.test");
    jobs::WorkerOptions options;
    options.name = "test";
    jobs::Worker worker(*db_, clock_, registry, options);
    int ran = 0;
    while (worker.RunOne()) ++ran;
    return ran;
  }

  // A 1×1 PNG as the drawn signature.
  static constexpr const char* kSignaturePng =
      "data:image/"
      "png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
      "60e6kgAAAABJRU5ErkJggg==";

  FakeStripe stripe_;
};

}  // namespace planify::testing
