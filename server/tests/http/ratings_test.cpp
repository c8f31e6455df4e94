// Ratings (docs/booking.md "Ratings") over real HTTP: completing a mission invites its client
// once, with a link valid 30 days; the client rates the event and its crew; a bad rating
// reaches the managers; the office sees averages per person; a consented rating shows on the
// booking page with the first name only; unknown, expired and used links answer 404, 410, 409.
#include <gtest/gtest.h>

#include "app/booking/ratings_service.hpp"
#include "domain/local_time.hpp"
#include "http/payments_fixture.hpp"

namespace planify::testing {
namespace {

using nlohmann::json;

class RatingsHttp : public PaymentsFixture {
 protected:
  void SetUp() override {
    PaymentsFixture::SetUp();
    clock_.Set(*domain::ParseApiInstant("2027-06-10T10:00:00Z"));
    business_ = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
    zoe_ = SeedMember(business_.org, "zoe.platine@sono-lumiere.fr", "dj").value;
  }

  // A mission for the seeded client (Claire Durand), taken through to completed, with Zoé as
  // its DJ and a freelancer without an account (a crew profile: not rated on her own, she has
  // no account to keep stars; the page and the submission go on without her).
  long long CompletedMission(const std::string& title) {
    auto freelancer = Send("POST", "/api/v1/crew-profiles", &business_.owner,
                           {{"display_name", "Lina " + title}, {"position", "technician"}});
    EXPECT_EQ(freelancer->status, 201) << freelancer->body;
    auto created = Send("POST", "/api/v1/missions", &business_.owner,
                        {{"title", title},
                         {"status", "confirmed"},
                         {"client_id", business_.client_id},
                         {"event_type", "Mariage"},
                         {"address", "Château de Montplaisir"},
                         {"starts_at", "2027-06-12T19:00:00+02:00"},
                         {"ends_at", "2027-06-13T02:00:00+02:00"},
                         {"crew",
                          {{{"user_id", zoe_}, {"position", "dj"}, {"lead", true}},
                           {{"profile_id", Json(freelancer)["id"]}, {"position", "technician"}}}}});
    EXPECT_EQ(created->status, 201) << created->body;
    const long long id = Json(created)["id"];
    for (const char* status : {"in_progress", "completed"}) {
      auto moved = Send("POST", "/api/v1/missions/" + std::to_string(id) + "/status",
                        &business_.owner, {{"status", status}});
      EXPECT_EQ(moved->status, 200) << moved->body;
    }
    return id;
  }

  int RunRatingJobs() {
    jobs::JobRegistry registry;
    app::RegisterRatingJobs(registry, clock_, "http://planify.test");
    jobs::WorkerOptions options;
    options.name = "test";
    jobs::Worker worker(*db_, clock_, registry, options);
    int ran = 0;
    while (worker.RunOne()) ++ran;
    return ran;
  }

  // The token of the invitation e-mailed to `to` (the newest).
  std::string InvitationToken(const std::string& to) {
    auto lease = db_->Acquire();
    std::string text;
    **lease << "SELECT text_body FROM emails WHERE template = 'rating.request' AND to_address = "
               ":to ORDER BY id DESC LIMIT 1",
        soci::use(to), soci::into(text);
    const auto at = text.find("/noter/");
    if (at == std::string::npos) return "";
    return text.substr(at + 7, 64);
  }

  long long Emails(const std::string& template_name) {
    auto lease = db_->Acquire();
    long long n = 0;
    **lease << "SELECT count(*) FROM emails WHERE template = :t", soci::use(template_name),
        soci::into(n);
    return n;
  }

  Seeded business_;
  long long zoe_ = 0;
};

TEST_F(RatingsHttp, ACompletedMissionInvitesItsClientOnceAndTheClientRatesIt) {
  const long long mission = CompletedMission("Mariage Durand");
  EXPECT_GE(RunRatingJobs(), 1);
  EXPECT_EQ(Emails("rating.request"), 1);
  const std::string token = InvitationToken("claire@durand.fr");
  ASSERT_EQ(token.size(), 64u);
  // Running the job again (a re-run after a crash) invites nobody twice.
  {
    auto lease = db_->Acquire();
    app::RatingsService(*db_, clock_, "http://planify.test")
        .RequestWithin(*lease, business_.org, mission);
  }
  EXPECT_EQ(Emails("rating.request"), 1);

  auto page = Send("GET", "/api/v1/public/ratings/" + token, nullptr);
  ASSERT_EQ(page->status, 200) << page->body;
  EXPECT_EQ(Json(page)["event_type"], "Mariage");
  EXPECT_EQ(Json(page)["crew"], json({{{"user_id", zoe_}, {"first_name", "zoe.platine"}}}));
  EXPECT_FALSE(Json(page)["submitted"].get<bool>());
  // Nothing of the client or the crew's contact is on the page.
  EXPECT_EQ(page->body.find("claire@durand.fr"), std::string::npos);
  EXPECT_EQ(page->body.find("sono-lumiere.fr\""), std::string::npos);

  EXPECT_EQ(Send("GET", "/api/v1/public/ratings/" + std::string(64, '0'), nullptr)->status, 404);
  auto bad = Send("POST", "/api/v1/public/ratings/" + token, nullptr,
                  {{"overall", 9}, {"crew", {{{"user_id", business_.client_id}, {"stars", 3}}}}});
  ASSERT_EQ(bad->status, 422) << bad->body;
  auto rated = Send("POST", "/api/v1/public/ratings/" + token, nullptr,
                    {{"overall", 5},
                     {"crew", {{{"user_id", zoe_}, {"stars", 5}}}},
                     {"comment", "Une soirée parfaite, merci Zoé !"},
                     {"public_consent", true}});
  ASSERT_EQ(rated->status, 201) << rated->body;
  EXPECT_TRUE(Json(rated)["submitted"].get<bool>());
  EXPECT_EQ(Send("POST", "/api/v1/public/ratings/" + token, nullptr, {{"overall", 1}})->status,
            409);
  EXPECT_EQ(Emails("rating.bad.staff"), 0);

  // The office: on the mission, and per person.
  auto on_mission = Json(
      Send("GET", "/api/v1/missions/" + std::to_string(mission) + "/rating", &business_.owner));
  EXPECT_EQ(on_mission["rating"]["overall"], 5);
  EXPECT_EQ(on_mission["rating"]["comment"], "Une soirée parfaite, merci Zoé !");
  auto overview = Json(Send("GET", "/api/v1/ratings", &business_.owner));
  EXPECT_EQ(overview["count"], 1);
  EXPECT_EQ(overview["average_hundredths"], 500);
  ASSERT_EQ(overview["people"].size(), 1u);
  EXPECT_EQ(overview["people"][0]["user_id"], zoe_);

  // The booking page shows it once the organisation chooses to: first name, event type.
  ASSERT_EQ(Send("PUT", "/api/v1/booking-settings", &business_.owner,
                 {{"enabled", true}, {"show_ratings", true}})
                ->status,
            200);
  auto booking = Send("GET", "/api/v1/public/booking/sono-lumiere", nullptr);
  ASSERT_EQ(booking->status, 200);
  auto reviews = Json(booking)["reviews"];
  ASSERT_EQ(reviews.size(), 1u);
  EXPECT_EQ(reviews[0], json({{"first_name", "Claire"},
                              {"event_type", "Mariage"},
                              {"overall", 5},
                              {"comment", "Une soirée parfaite, merci Zoé !"}}));
  EXPECT_EQ(Json(booking)["average_hundredths"], 500);
  EXPECT_EQ(booking->body.find("Durand"), std::string::npos);

  // The client asks to be erased: the comment, the first name and the consent go, the stars
  // stay in the averages.
  auto erased = Send("POST", "/api/v1/clients/" + std::to_string(business_.client_id) + "/erase",
                     &business_.owner, {{"confirm_name", "Mariage Durand"}});
  ASSERT_EQ(erased->status, 200) << erased->body;
  EXPECT_TRUE(Json(Send("GET", "/api/v1/public/booking/sono-lumiere", nullptr))["reviews"].empty());
  auto kept = Json(
      Send("GET", "/api/v1/missions/" + std::to_string(mission) + "/rating", &business_.owner));
  EXPECT_EQ(kept["rating"]["overall"], 5);
  EXPECT_EQ(kept["rating"]["comment"], "");
  EXPECT_EQ(kept["rating"]["first_name"], "");
}

TEST_F(RatingsHttp, ABadRatingReachesTheManagersAndWithoutConsentStaysPrivate) {
  CompletedMission("Anniversaire Martin");
  RunRatingJobs();
  const std::string token = InvitationToken("claire@durand.fr");
  auto rated = Send("POST", "/api/v1/public/ratings/" + token, nullptr,
                    {{"overall", 2}, {"comment", "Le son était trop fort."}});
  ASSERT_EQ(rated->status, 201) << rated->body;
  // The owner (the only manager here) and the organisation's address; not the DJ.
  EXPECT_EQ(Emails("rating.bad.staff"), 2);
  {
    auto lease = db_->Acquire();
    std::vector<std::string> to;
    soci::rowset<std::string> rows =
        (**lease).prepare << "SELECT to_address FROM emails WHERE template = 'rating.bad.staff' "
                             "ORDER BY to_address";
    for (const auto& r : rows) to.push_back(r);
    EXPECT_EQ(to, (std::vector<std::string>{"contact@sono-lumiere.fr", "greg@sono-lumiere.fr"}));
  }
  ASSERT_EQ(Send("PUT", "/api/v1/booking-settings", &business_.owner,
                 {{"enabled", true}, {"show_ratings", true}})
                ->status,
            200);
  auto booking = Json(Send("GET", "/api/v1/public/booking/sono-lumiere", nullptr));
  EXPECT_TRUE(booking["reviews"].empty());
  EXPECT_EQ(booking["review_count"], 0);
}

TEST_F(RatingsHttp, TheLinkExpiresAfterThirtyDaysAndOtherOrganisationsSeeNothing) {
  const long long mission = CompletedMission("Gala");
  RunRatingJobs();
  const std::string token = InvitationToken("claire@durand.fr");
  clock_.Set(clock_.Now() + std::chrono::days(31));
  auto gone = Send("GET", "/api/v1/public/ratings/" + token, nullptr);
  EXPECT_EQ(gone->status, 410) << gone->body;
  EXPECT_EQ(Json(gone)["error"]["code"], "GONE");
  EXPECT_EQ(Send("POST", "/api/v1/public/ratings/" + token, nullptr, {{"overall", 5}})->status,
            410);
  auto other = SeedBusiness("Autre Sono", "boss@autre.fr");
  EXPECT_EQ(
      Send("GET", "/api/v1/missions/" + std::to_string(mission) + "/rating", &other.owner)->status,
      404);
  EXPECT_EQ(Json(Send("GET", "/api/v1/ratings", &other.owner))["count"], 0);
  SeedMember(business_.org, "tech@sono-lumiere.fr", "technician");
  auto tech = SignIn("tech@sono-lumiere.fr");
  EXPECT_EQ(Send("GET", "/api/v1/ratings", &tech)->status, 403);
}

TEST_F(RatingsHttp, AMissionWithoutAClientAddressInvitesNobody) {
  auto created = Send("POST", "/api/v1/missions", &business_.owner,
                      {{"title", "Soirée sans client"},
                       {"status", "confirmed"},
                       {"address", "Tours"},
                       {"starts_at", "2027-06-12T19:00:00+02:00"},
                       {"ends_at", "2027-06-12T23:00:00+02:00"}});
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string path = "/api/v1/missions/" + Json(created)["id"].dump();
  ASSERT_EQ(Send("POST", path + "/status", &business_.owner, {{"status", "in_progress"}})->status,
            200);
  ASSERT_EQ(Send("POST", path + "/status", &business_.owner, {{"status", "completed"}})->status,
            200);
  EXPECT_EQ(RunRatingJobs(), 1);
  EXPECT_EQ(Emails("rating.request"), 0);
  EXPECT_TRUE(Json(Send("GET", path + "/rating", &business_.owner))["rating"].is_null());
}

}  // namespace
}  // namespace planify::testing
