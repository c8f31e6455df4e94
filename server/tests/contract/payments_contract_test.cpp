// Stripe webhooks on SQLite and PostgreSQL: more than a thousand deliveries of the events of
// fifty checkouts (invoices and deposits), duplicated and shuffled — a PaymentIntent before its
// checkout, a refund before its payment — through the real webhook endpoint and the real job
// queue. Each payment is applied exactly once and every balance is exact to the cent.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <random>
#include <thread>

#include "app/payments/online_payments_service.hpp"
#include "app/reminders/reminders_service.hpp"
#include "http/payments_fixture.hpp"
#include "integrations/stripe/stripe_client.hpp"
#include "jobs/worker.hpp"

namespace planify::testing {
namespace {

class PaymentsContract : public PaymentsFixture,
                         public ::testing::WithParamInterface<store::Dialect> {
 protected:
  void SetUp() override {
    auto url = BackendUrl(GetParam() == store::Dialect::kPostgres, dir_);
    if (!url) GTEST_SKIP() << "PLANIFY_TEST_POSTGRES_URL unset";
    database_url_ = *url;
    PaymentsFixture::SetUp();
  }

  long long Scalar(const std::string& sql) {
    auto lease = db_->Acquire();
    long long n = 0;
    **lease << sql, soci::into(n);
    return n;
  }
};

std::string BackendName(const ::testing::TestParamInfo<store::Dialect>& param) {
  return param.param == store::Dialect::kPostgres ? "PostgreSQL" : "SQLite";
}

struct Planned {
  FakeStripe::Session session;
  long long refunded = 0;  // the last cumulative refund Stripe reports
  bool disputed = false;
  bool deposit = false;
};

TEST_P(PaymentsContract, AThousandShuffledDuplicatedDeliveriesApplyEachPaymentOnce) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  const std::string webhook = ConnectStripe(business.owner);

  // 40 invoices and 10 signed quotes with a 30 % deposit, each opened for payment by a client.
  std::map<std::string, long long> invoice_of_session;  // cs → invoice id (invoices only)
  std::map<std::string, long long> quote_of_session;
  for (int i = 0; i < 50; ++i) {
    const std::string ip = "203.0.113." + std::to_string(i + 1);
    if (i < 40) {
      auto [id, token] = IssuedInvoice(business, 10000 + 137 * i);
      auto start = Checkout("/api/v1/public/invoices/" + token + "/checkout", ip);
      ASSERT_EQ(start->status, 201) << start->body;
      invoice_of_session["cs_test_" + std::to_string(i + 1)] = id;
    } else {
      auto [id, token] = SignedQuote(business, 50000 + 1000 * i);
      auto start = Checkout("/api/v1/public/quotes/" + token + "/checkout", ip);
      ASSERT_EQ(start->status, 201) << start->body;
      quote_of_session["cs_test_" + std::to_string(i + 1)] = id;
    }
  }
  auto sessions = stripe_.sessions();
  ASSERT_EQ(sessions.size(), 50u);
  EXPECT_EQ(stripe_.posts_without_idempotency_key(), 0);

  // What Stripe sends about each: the checkout and its PaymentIntent, sometimes a failed first
  // attempt, one or two (cumulative) refunds, a dispute.
  const auto now = clock_.Now();
  std::vector<Planned> plans;
  std::vector<std::string> events;
  std::vector<std::string> first_of;  // per session: the checkout event, then the intent's
  for (std::size_t k = 0; k < sessions.size(); ++k) {
    Planned plan{sessions[k], 0, false, quote_of_session.contains(sessions[k].id)};
    const std::string n = std::to_string(k + 1);
    events.push_back(FakeStripe::CheckoutCompleted(plan.session, "evt_c" + n, now).dump());
    events.push_back(FakeStripe::PaymentSucceeded(plan.session, "evt_s" + n, now).dump());
    if (k % 5 == 0) {
      events.push_back(FakeStripe::PaymentFailed(plan.session, "evt_f" + n, now).dump());
    }
    if (k % 4 == 1) {
      plan.refunded = plan.session.amount_cents / 4;
      events.push_back(
          FakeStripe::ChargeRefunded(plan.session, "evt_r" + n, now, plan.refunded).dump());
      if (k % 8 == 1) {
        plan.refunded = plan.session.amount_cents / 2;
        events.push_back(
            FakeStripe::ChargeRefunded(plan.session, "evt_R" + n, now, plan.refunded).dump());
      }
    }
    if (k % 10 == 3) {
      plan.disputed = true;
      events.push_back(FakeStripe::DisputeCreated(plan.session, "evt_d" + n, now).dump());
    }
    plans.push_back(plan);
  }
  std::mt19937 random(20261203);
  std::vector<std::string> deliveries;
  for (const auto& e : events) {
    const int copies = 4 + static_cast<int>(random() % 9);
    for (int c = 0; c < copies; ++c) deliveries.push_back(e);
  }
  std::shuffle(deliveries.begin(), deliveries.end(), random);
  // Whatever the shuffle did: session 2's refund and its PaymentIntent come before its
  // checkout, at the very front.
  const auto front = [&](const std::string& body) { deliveries.insert(deliveries.begin(), body); };
  front(FakeStripe::CheckoutCompleted(plans[1].session, "evt_c2", now).dump());
  front(FakeStripe::PaymentSucceeded(plans[1].session, "evt_s2", now).dump());
  front(FakeStripe::ChargeRefunded(plans[1].session, "evt_R2", now, plans[1].refunded).dump());
  ASSERT_GE(deliveries.size(), 1000u);

  jobs::JobRegistry registry;
  integrations::StripeGateway gateway(stripe_.base_url());
  app::RegisterPaymentJobs(registry, clock_, cipher_, gateway, "http://planify.test");
  jobs::WorkerOptions options;
  options.name = "contract";
  jobs::Worker worker(*db_, clock_, registry, options);
  int forged = 0;
  for (std::size_t i = 0; i < deliveries.size(); ++i) {
    if (i % 97 == 0) {
      // A forged copy (signed with another secret) in the stream: refused, nothing written.
      auto refused = Deliver(webhook, deliveries[i], std::nullopt, "whsec_NotTheRightSecret00000");
      ASSERT_EQ(refused->status, 400) << refused->body;
      ++forged;
    }
    auto res = Deliver(webhook, deliveries[i]);
    ASSERT_EQ(res->status, 200) << res->body;
    while (worker.RunOne()) {
    }
  }
  EXPECT_GT(forged, 5);

  // Every distinct event stored once, every delivery counted, none left waiting.
  EXPECT_EQ(Scalar("SELECT count(*) FROM provider_events"), static_cast<long long>(events.size()));
  EXPECT_EQ(Scalar("SELECT CAST(sum(deliveries) AS BIGINT) FROM provider_events"),
            static_cast<long long>(deliveries.size()));
  EXPECT_EQ(Scalar("SELECT count(*) FROM provider_events WHERE status = 'received'"), 0);
  EXPECT_EQ(Scalar("SELECT count(*) FROM payments WHERE provider = 'stripe'"), 50);

  auto& owner = business.owner;
  for (const auto& plan : plans) {
    SCOPED_TRACE(plan.session.id);
    long long invoice_id = 0;
    if (plan.deposit) {
      auto quote_id = quote_of_session.at(plan.session.id);
      auto list = Json(Send(
          "GET", "/api/v1/invoices?kind=deposit&quote_id=" + std::to_string(quote_id), &owner));
      ASSERT_EQ(list["total"], 1) << "one deposit invoice, issued automatically: " << list.dump();
      invoice_id = list["items"][0]["id"];
      EXPECT_EQ(list["items"][0]["total_gross_cents"], plan.session.amount_cents);
    } else {
      invoice_id = invoice_of_session.at(plan.session.id);
    }
    auto view = Json(Send("GET", "/api/v1/invoices/" + std::to_string(invoice_id), &owner));
    ASSERT_EQ(view["payments"].size(), 1u) << view.dump();
    const auto& payment = view["payments"][0];
    EXPECT_EQ(payment["provider"], "stripe");
    EXPECT_EQ(payment["amount_cents"], plan.session.amount_cents);
    EXPECT_EQ(payment["refunded_cents"], plan.refunded);
    EXPECT_EQ(payment["overpaid_cents"], 0);
    EXPECT_EQ(payment["disputed_at"].is_null(), !plan.disputed);
    EXPECT_EQ(view["paid_cents"], plan.session.amount_cents - plan.refunded);
    EXPECT_EQ(view["status"], plan.refunded > 0 ? "partially_paid" : "paid");
    auto refunds =
        Json(Send("GET", "/api/v1/payments/" + payment["id"].dump() + "/refunds", &owner));
    long long refunded = 0;
    for (const auto& r : refunds["refunds"]) refunded += r["amount_cents"].get<long long>();
    EXPECT_EQ(refunded, plan.refunded) << "the refunds made in Stripe are in the history";
  }
  // The lists' whole-set sums agree with the rows.
  auto all = Json(Send("GET", "/api/v1/invoices?limit=200", &owner));
  long long remaining = 0;
  for (const auto& i : all["items"]) {
    if (i["status"] == "issued" || i["status"] == "partially_paid") {
      remaining += i["total_gross_cents"].get<long long>() - i["prepaid_cents"].get<long long>() -
                   i["credited_cents"].get<long long>() - i["paid_cents"].get<long long>();
    }
  }
  EXPECT_EQ(all["remaining_cents"], remaining);
}

TEST_P(PaymentsContract, TwoWorkersRunningTheRemindersAtOnceSendEachStepOnce) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  // Twenty invoices due Monday 7 December (issued 25 November, 12 days).
  for (int i = 0; i < 20; ++i) (void)IssuedInvoice(business, 10000 + i, "Soirée", 12);
  clock_.Set(*domain::ParseIsoUtc("2026-12-14T10:00:00.000Z"));  // +7, a Monday, 11:00 Paris
  std::atomic<int> sent{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < 2; ++w) {
    workers.emplace_back([&] {
      app::RemindersService reminders(*db_, clock_, cipher_, "http://planify.test");
      for (int round = 0; round < 3; ++round) {
        auto n = reminders.RunDue();
        ASSERT_TRUE(n) << n.error().message;
        sent += *n;
      }
    });
  }
  for (auto& t : workers) t.join();
  EXPECT_EQ(sent.load(), 20);
  EXPECT_EQ(Scalar("SELECT count(*) FROM invoice_reminders"), 20);
  EXPECT_EQ(Scalar("SELECT count(*) FROM emails WHERE template = 'payment.reminder'"), 20);
  EXPECT_EQ(Scalar("SELECT count(*) FROM invoice_reminders WHERE email_id IS NULL"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, PaymentsContract,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         BackendName);

}  // namespace
}  // namespace planify::testing
