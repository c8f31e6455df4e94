// Booking requests on SQLite and PostgreSQL (docs/booking.md): requests sent at the same moment
// get distinct references, settings save twice (upsert), the inbox filters and searches, and
// four tabs accepting one request at once create one client, one mission and one quote (the
// request's row lock on PostgreSQL, the write lock on SQLite). A completed mission's rating: the
// invitation, two answers at once recorded once, the averages and the booking page's reviews.
#include <gtest/gtest.h>

#include <thread>

#include "app/booking/ratings_service.hpp"
#include "domain/local_time.hpp"
#include "http/payments_fixture.hpp"

namespace planify::testing {
namespace {

using nlohmann::json;

class Booking : public PaymentsFixture, public ::testing::WithParamInterface<store::Dialect> {
 protected:
  void SetUp() override {
    auto url = BackendUrl(GetParam() == store::Dialect::kPostgres, dir_);
    if (!url) GTEST_SKIP() << "PLANIFY_TEST_POSTGRES_URL unset";
    database_url_ = *url;
    trusted_proxies_ = {"127.0.0.1"};
    PaymentsFixture::SetUp();
    clock_.Set(*domain::ParseApiInstant("2027-01-29T10:00:00Z"));
    business_ = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
    auto service = Send("POST", "/api/v1/catalogue", &business_.owner,
                        {{"kind", "service"},
                         {"name", "Animation DJ soirée"},
                         {"unit", "flat"},
                         {"unit_price_cents", 90000}});
    ASSERT_EQ(service->status, 201) << service->body;
    service_ = Json(service)["id"];
    for (int i = 0; i < 2; ++i) {  // the second save updates the first
      auto saved = Send(
          "PUT", "/api/v1/booking-settings", &business_.owner,
          {{"enabled", true}, {"service_ids", {service_}}, {"intro", "v" + std::to_string(i)}});
      ASSERT_EQ(saved->status, 200) << saved->body;
    }
  }

  json Request(const std::string& token, const std::string& name, const std::string& email) {
    return {{"event_type", "Anniversaire"},
            {"date", "2027-03-20"},
            {"start_time", "20:00"},
            {"end_time", "23:30"},
            {"place", "Salle des fêtes, Tours"},
            {"services", {service_}},
            {"name", name},
            {"email", email},
            {"phone", "+33 6 12 34 56 78"},
            {"consent", true},
            {"form_token", token}};
  }

  Seeded business_;
  long long service_ = 0;
};

TEST_P(Booking, SimultaneousRequestsAndAcceptsStayConsistent) {
  auto page = Send("GET", "/api/v1/public/booking/sono-lumiere", nullptr);
  ASSERT_EQ(page->status, 200) << page->body;
  EXPECT_EQ(Json(page)["intro"], "v1");
  const std::string token = Json(page)["form_token"];
  clock_.Set(clock_.Now() + std::chrono::minutes(2));

  std::vector<std::string> references(4);
  std::vector<std::thread> visitors;
  for (int i = 0; i < 4; ++i) {
    visitors.emplace_back([&, i] {
      auto res = Send("POST", "/api/v1/public/booking/sono-lumiere/requests", nullptr,
                      Request(token, "Invité " + std::to_string(i),
                              "invite" + std::to_string(i) + "@example.fr"),
                      {{"X-Forwarded-For", "203.0.113." + std::to_string(i + 1)}});
      EXPECT_EQ(res->status, 201) << res->body;
      references[i] = Json(res).value("reference", "");
    });
  }
  for (auto& t : visitors) t.join();
  std::sort(references.begin(), references.end());
  EXPECT_EQ(references,
            (std::vector<std::string>{"DEM-00001", "DEM-00002", "DEM-00003", "DEM-00004"}));

  auto list = Json(Send("GET", "/api/v1/booking-requests?q=INVITE2", &business_.owner));
  ASSERT_EQ(list["total"], 1) << list.dump();
  const long long id = list["items"][0]["id"];
  EXPECT_EQ(Json(Send("GET", "/api/v1/booking-requests?status=new", &business_.owner))["total"], 4);
  EXPECT_EQ(Json(Send("GET", "/api/v1/booking-requests?status=quoted", &business_.owner))["total"],
            0);

  const long long clients = Count("clients");
  std::vector<std::pair<int, json>> answers(4);
  std::vector<std::thread> tabs;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    tabs.emplace_back([&, i] {
      auto res = Send("POST", "/api/v1/booking-requests/" + std::to_string(id) + "/accept",
                      &business_.owner, json::object());
      answers[i] = {res->status, Json(res)};
    });
  }
  for (auto& t : tabs) t.join();
  int created = 0;
  for (const auto& [status, body] : answers) {
    ASSERT_TRUE(status == 201 || status == 200) << status << " " << body.dump();
    created += status == 201 ? 1 : 0;
    EXPECT_EQ(body["quote_id"], answers[0].second["quote_id"]);
    EXPECT_EQ(body["mission_id"], answers[0].second["mission_id"]);
  }
  EXPECT_EQ(created, 1);
  EXPECT_EQ(Count("clients"), clients + 1);
  EXPECT_EQ(Count("missions"), 1);
  EXPECT_EQ(Count("quotes"), 1);
  auto quoted = Json(Send("GET", "/api/v1/booking-requests?status=quoted", &business_.owner));
  ASSERT_EQ(quoted["total"], 1);
  EXPECT_EQ(quoted["items"][0]["quote_id"], answers[0].second["quote_id"]);
  EXPECT_EQ(quoted["items"][0]["starts_at"], "2027-03-20T19:00:00.000Z");
  // The period's requests in the reports (timestamps compared alike on both databases).
  auto report = Send("GET", "/api/v1/reports?from=2027-01-01&to=2027-01-31", &business_.owner);
  ASSERT_EQ(report->status, 200) << report->body;
  EXPECT_EQ(Json(report)["bookings"]["received"], 4);
  EXPECT_EQ(Json(report)["bookings"]["open"], 4);
  auto february = Send("GET", "/api/v1/reports?from=2027-02-01&to=2027-02-28", &business_.owner);
  EXPECT_EQ(Json(february)["bookings"]["received"], 0);
}

TEST_P(Booking, ACompletedMissionIsRatedOnceAndShownWithConsent) {
  const long long zoe = SeedMember(business_.org, "zoe@sono-lumiere.fr", "dj").value;
  auto created = Send("POST", "/api/v1/missions", &business_.owner,
                      {{"title", "Mariage Durand"},
                       {"status", "confirmed"},
                       {"client_id", business_.client_id},
                       {"event_type", "Mariage"},
                       {"address", "Tours"},
                       {"starts_at", "2027-01-20T19:00:00+01:00"},
                       {"ends_at", "2027-01-21T02:00:00+01:00"},
                       {"crew", {{{"user_id", zoe}, {"position", "dj"}, {"lead", true}}}}});
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string mission = "/api/v1/missions/" + Json(created)["id"].dump();
  for (const char* status : {"in_progress", "completed"}) {
    ASSERT_EQ(Send("POST", mission + "/status", &business_.owner, {{"status", status}})->status,
              200);
  }
  {
    jobs::JobRegistry registry;
    app::RegisterRatingJobs(registry, clock_, "http://planify.test");
    jobs::WorkerOptions options;
    options.name = "test";
    jobs::Worker worker(*db_, clock_, registry, options);
    while (worker.RunOne()) {
    }
  }
  std::string text;
  {
    auto lease = db_->Acquire();
    **lease << "SELECT text_body FROM emails WHERE template = 'rating.request'", soci::into(text);
  }
  const auto at = text.find("/noter/");
  ASSERT_NE(at, std::string::npos) << text;
  const std::string path = "/api/v1/public/ratings/" + text.substr(at + 7, 64);
  std::vector<int> statuses(3);
  std::vector<std::thread> clients;
  for (int i = 0; i < 3; ++i) {
    clients.emplace_back([&, i] {
      statuses[i] = Send("POST", path, nullptr,
                         {{"overall", 4 + (i % 2)},
                          {"crew", {{{"user_id", zoe}, {"stars", 5}}}},
                          {"comment", "Merci !"},
                          {"public_consent", true}},
                         {{"X-Forwarded-For", "198.51.100." + std::to_string(i + 1)}})
                        ->status;
    });
  }
  for (auto& t : clients) t.join();
  std::sort(statuses.begin(), statuses.end());
  EXPECT_EQ(statuses, (std::vector<int>{201, 409, 409}));
  EXPECT_EQ(Count("mission_rating_crew"), 1);
  auto overview = Json(Send("GET", "/api/v1/ratings", &business_.owner));
  EXPECT_EQ(overview["count"], 1);
  ASSERT_EQ(overview["people"].size(), 1u);
  EXPECT_EQ(overview["people"][0]["average_hundredths"], 500);
  ASSERT_EQ(Send("PUT", "/api/v1/booking-settings", &business_.owner,
                 {{"enabled", true}, {"show_ratings", true}})
                ->status,
            200);
  auto page = Json(Send("GET", "/api/v1/public/booking/sono-lumiere", nullptr));
  ASSERT_EQ(page["reviews"].size(), 1u);
  EXPECT_EQ(page["reviews"][0]["first_name"], "Claire");
  EXPECT_EQ(page["review_count"], 1);
}

std::string BackendName(const ::testing::TestParamInfo<store::Dialect>& param) {
  return param.param == store::Dialect::kPostgres ? "PostgreSQL" : "SQLite";
}

INSTANTIATE_TEST_SUITE_P(Backends, Booking,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         BackendName);

}  // namespace
}  // namespace planify::testing
