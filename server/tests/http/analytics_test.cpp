// Business events (docs/analytics.md): recorded with the action that made them, ids and figures
// only, and forwarded by the job queue to a local fake PostHog over real HTTP — once, even when
// the provider fails or its answer is lost and the job is retried.
#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "app/analytics/analytics_forwarder.hpp"
#include "app/reminders/reminders_service.hpp"
#include "domain/local_time.hpp"
#include "http/payments_fixture.hpp"
#include "store/business_events_repository.hpp"
#include "store/jobs_repository.hpp"

namespace planify::testing {
namespace {

using nlohmann::json;

// PostHog's /batch/ endpoint as far as Planify uses it: keeps each event by its uuid (as PostHog
// deduplicates), answers 500 without keeping anything when told to fail, or keeps the batch and
// answers 502 when told to lose its answer.
class FakePostHog {
 public:
  enum class Next { kAccept, kFail, kLoseAnswer };

  FakePostHog() {
    server_.Post("/batch/", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      ++requests_;
      auto body = json::parse(req.body, nullptr, false);
      if (!body.is_object() || body.value("api_key", "") != "phc_test") {
        res.status = 401;
        return;
      }
      if (next_ == Next::kFail) {
        next_ = Next::kAccept;
        res.status = 500;
        return;
      }
      for (const auto& e : body["batch"]) {
        ++received_;
        events_[e["uuid"].get<std::string>()] = e;
      }
      if (next_ == Next::kLoseAnswer) {
        next_ = Next::kAccept;
        res.status = 502;
        return;
      }
      res.set_content(R"({"status":1})", "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FakePostHog() {
    server_.stop();
    thread_.join();
  }
  FakePostHog(const FakePostHog&) = delete;
  FakePostHog& operator=(const FakePostHog&) = delete;

  [[nodiscard]] std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  void SetNext(Next next) {
    std::lock_guard lock(mutex_);
    next_ = next;
  }
  [[nodiscard]] int requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  [[nodiscard]] int received() {
    std::lock_guard lock(mutex_);
    return received_;
  }
  // Kept events (one per uuid) by name.
  [[nodiscard]] std::map<std::string, int> Kept() {
    std::lock_guard lock(mutex_);
    std::map<std::string, int> out;
    for (const auto& [uuid, e] : events_) out[e["event"].get<std::string>()] += 1;
    return out;
  }
  [[nodiscard]] std::vector<json> Events() {
    std::lock_guard lock(mutex_);
    std::vector<json> out;
    for (const auto& [uuid, e] : events_) out.push_back(e);
    return out;
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mutex_;
  Next next_ = Next::kAccept;
  int requests_ = 0;
  int received_ = 0;
  std::map<std::string, json> events_;
};

class Analytics : public PaymentsFixture {
 protected:
  std::vector<store::BusinessEvent> Events(OrganizationId org) {
    auto lease = db_->Acquire();
    return store::BusinessEventsRepository(*lease).OfOrganization(org.value);
  }

  // Queues one forwarding run (as the minute schedule does) and runs the ready jobs; the
  // clock then moves on past any retry's backoff.
  void Forward(const app::AnalyticsSettings& settings, int run) {
    {
      auto lease = db_->Acquire();
      store::NewJob job;
      job.type = "analytics.forward";
      job.run_at = domain::FormatIsoUtc(clock_.Now());
      job.dedupe_key = "test:analytics:" + std::to_string(run);
      ASSERT_TRUE(store::JobsRepository(*lease).Enqueue(job, job.run_at));
    }
    RunJobs(settings);
  }

  void RunJobs(const app::AnalyticsSettings& settings) {
    jobs::JobRegistry registry;
    app::RegisterAnalyticsJobs(registry, clock_, settings);
    jobs::WorkerOptions options;
    options.name = "test";
    jobs::Worker worker(*db_, clock_, registry, options);
    while (worker.RunOne()) {
    }
  }
};

TEST_F(Analytics, ARecordedPaymentIsForwardedOnceThroughFailuresAndALostAnswer) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  auto [invoice, token] = IssuedInvoice(business, 100000, "Mariage Durand");
  auto paid =
      Send("POST", "/api/v1/invoices/" + std::to_string(invoice) + "/payments", &business.owner,
           {{"method", "bank_transfer"},
            {"reference", "VIR-DURAND"},
            {"amount_cents", 120000},
            {"received_on", "2026-11-25"}});
  ASSERT_EQ(paid->status, 201) << paid->body;

  // Recorded with the actions: what happened, to what, with figures — no name, no e-mail.
  auto events = Events(business.org);
  std::vector<std::string> names;
  for (const auto& e : events) names.push_back(e.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"invoice_issued", "payment_received", "invoice_paid"}));
  EXPECT_EQ(events[1].subject_type, "invoice");
  EXPECT_EQ(events[1].subject_id, std::to_string(invoice));
  EXPECT_EQ(json::parse(events[1].properties_json)["amount_cents"], 120000);
  for (const auto& e : events) {
    EXPECT_EQ(e.properties_json.find("Durand"), std::string::npos) << e.properties_json;
    EXPECT_EQ(e.properties_json.find('@'), std::string::npos) << e.properties_json;
    EXPECT_TRUE(e.forward_uuid.empty());
  }

  // Without a key nothing leaves, and nothing is marked.
  FakePostHog posthog;
  Forward({posthog.base_url(), ""}, 0);
  EXPECT_EQ(posthog.requests(), 0);

  const app::AnalyticsSettings settings{posthog.base_url(), "phc_test"};
  // PostHog down: the job fails and is retried later; then the answer is lost after PostHog
  // kept the batch; then it goes through. One event each, for all that.
  posthog.SetNext(FakePostHog::Next::kFail);
  Forward(settings, 1);
  EXPECT_EQ(posthog.requests(), 1);
  EXPECT_EQ(posthog.received(), 0);
  posthog.SetNext(FakePostHog::Next::kLoseAnswer);
  for (int i = 0; i < 6 && posthog.requests() < 3; ++i) {
    clock_.Set(clock_.Now() + std::chrono::hours(1));
    RunJobs(settings);
  }
  EXPECT_EQ(posthog.requests(), 3) << "failed, answer lost, accepted";
  EXPECT_EQ(posthog.received(), 6) << "the batch of three arrived twice";
  EXPECT_EQ(posthog.Kept(),
            (std::map<std::string, int>{
                {"invoice_issued", 1}, {"payment_received", 1}, {"invoice_paid", 1}}));
  for (const auto& e : posthog.Events()) {
    EXPECT_EQ(e["distinct_id"], "organization-" + std::to_string(business.org.value));
    EXPECT_EQ(e["properties"]["organization_id"], business.org.value);
    EXPECT_EQ(e.dump().find("Durand"), std::string::npos) << e.dump();
  }
  for (const auto& e : Events(business.org)) EXPECT_FALSE(e.forward_uuid.empty());
  {
    auto lease = db_->Acquire();
    EXPECT_TRUE(store::BusinessEventsRepository(*lease).Pending(10).empty());
  }

  // Later runs send only what is new.
  auto second = IssuedInvoice(business, 5000, "Anniversaire");
  (void)second;
  Forward(settings, 2);
  EXPECT_EQ(posthog.requests(), 4);
  EXPECT_EQ(posthog.Kept()["invoice_issued"], 2);
  EXPECT_EQ(posthog.received(), 7);
}

TEST_F(Analytics, AnInvoicePastItsDueDateIsRecordedOverdueOnceAndAPaidOneNever) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  auto [late, late_token] = IssuedInvoice(business, 50000, "Soirée A", 10);
  auto [settled, settled_token] = IssuedInvoice(business, 30000, "Soirée B", 10);
  auto paid =
      Send("POST", "/api/v1/invoices/" + std::to_string(settled) + "/payments", &business.owner,
           {{"method", "bank_transfer"},
            {"reference", "VIR-B"},
            {"amount_cents", 36000},
            {"received_on", "2026-11-25"}});
  ASSERT_EQ(paid->status, 201) << paid->body;
  auto invoice = Send("GET", "/api/v1/invoices/" + std::to_string(late), &business.owner);
  const std::string due = Json(invoice)["due_date"];
  ASSERT_EQ(due, "2026-12-05");  // issued 2026-11-25, ten days

  app::RemindersService reminders(*db_, clock_, cipher_, "http://planify.test");
  auto overdue = [&] {
    std::vector<std::string> subjects;
    for (const auto& e : Events(business.org)) {
      if (e.name == "invoice_overdue") subjects.push_back(e.subject_id);
    }
    return subjects;
  };
  // Its last day (in Paris, 23:30) is not late yet; the next day it is, once.
  clock_.Set(*domain::ParseApiInstant("2026-12-05T22:30:00Z"));
  EXPECT_EQ(reminders.RecordOverdue().value(), 0);
  EXPECT_TRUE(overdue().empty());
  clock_.Set(*domain::ParseApiInstant("2026-12-05T23:30:00Z"));
  EXPECT_EQ(reminders.RecordOverdue().value(), 1);
  EXPECT_EQ(reminders.RecordOverdue().value(), 0);
  EXPECT_EQ(overdue(), std::vector<std::string>{std::to_string(late)});
  auto other = SeedBusiness("Autre Son", "paul@autre-son.fr");
  for (const auto& e : Events(other.org)) EXPECT_NE(e.name, "invoice_overdue");
}

TEST_F(Analytics, AConfirmedMissionMakesItsEventAndAnotherOrganisationKeepsItsOwn) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  auto other = SeedBusiness("Autre Sono", "boss@autre.fr");
  auto created = Send("POST", "/api/v1/missions", &business.owner,
                      {{"title", "Concert"},
                       {"status", "planned"},
                       {"starts_at", "2026-12-12T20:00:00+01:00"},
                       {"ends_at", "2026-12-12T23:00:00+01:00"}});
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string mission =
      "/api/v1/missions/" + std::to_string(Json(created)["id"].get<long long>());
  ASSERT_EQ(Send("POST", mission + "/status", &business.owner, {{"status", "confirmed"}})->status,
            200);
  auto mine = Events(business.org);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].name, "mission_confirmed");
  EXPECT_EQ(json::parse(mine[0].properties_json), (json{{"from", "planned"}, {"to", "confirmed"}}));
  EXPECT_TRUE(Events(other.org).empty());
}

}  // namespace
}  // namespace planify::testing
