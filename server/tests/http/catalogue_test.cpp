#include <gtest/gtest.h>

#include "http/auth_fixture.hpp"

namespace planify::testing {
namespace {

class Catalogue : public AuthFixture {
 protected:
  void SetUp() override {
    AuthFixture::SetUp();
    org_ = SeedOrganization("Sono Pro");
    SeedMember(org_, "manager@sono.fr", "manager");
    SeedMember(org_, "dj@sono.fr", "dj");
    manager_ = SignIn("manager@sono.fr");
  }
  OrganizationId org_;
  BrowserSession manager_;
};

TEST_F(Catalogue, ItemsAreValidatedSearchedAndArchived) {
  auto bad = Send("POST", "/api/v1/catalogue", &manager_,
                  {{"kind", "gift"},
                   {"name", ""},
                   {"unit", "litre"},
                   {"unit_price_cents", -5},
                   {"vat_rate_bp", 25000}});
  ASSERT_EQ(bad->status, 422);
  EXPECT_EQ(Json(bad)["error"]["fields"].size(), 5u) << bad->body;
  EXPECT_EQ(Count("catalogue_items"), 0);

  auto dj = Send("POST", "/api/v1/catalogue", &manager_,
                 {{"kind", "service"},
                  {"name", "Prestation DJ (heure)"},
                  {"sku", "DJ-H"},
                  {"unit", "hour"},
                  {"unit_price_cents", 12000},
                  {"vat_rate_bp", 2000}});
  ASSERT_EQ(dj->status, 201) << dj->body;
  auto twin = Send("POST", "/api/v1/catalogue", &manager_,
                   {{"name", "Autre"}, {"sku", "DJ-H"}, {"unit", "flat"}});
  ASSERT_EQ(twin->status, 422);
  EXPECT_EQ(Json(twin)["error"]["fields"][0]["field"], "sku");
  auto gear = Send("POST", "/api/v1/catalogue", &manager_,
                   {{"kind", "service"}, {"name", "Lyre"}, {"equipment_item_id", 1}});
  EXPECT_EQ(gear->status, 422) << "only a rental links to equipment";

  EXPECT_EQ(Json(Send("GET", "/api/v1/catalogue?q=prestation+dj", &manager_))["total"], 1);
  EXPECT_EQ(Json(Send("GET", "/api/v1/catalogue?kind=rental", &manager_))["total"], 0);
  std::string id = std::to_string(Json(dj)["id"].get<long long>());
  EXPECT_EQ(Send("POST", "/api/v1/catalogue/" + id + "/archive", &manager_)->status, 204);
  EXPECT_EQ(Json(Send("GET", "/api/v1/catalogue", &manager_))["total"], 0);
  EXPECT_EQ(Json(Send("GET", "/api/v1/catalogue?archived=true", &manager_))["total"], 1);

  auto crew = SignIn("dj@sono.fr");
  EXPECT_EQ(Send("GET", "/api/v1/catalogue", &crew)->status, 403) << "prices are the office's";
}

TEST_F(Catalogue, APricingRuleSuggestsTheQuoteLinesOfAMission) {
  auto rule = Send("POST", "/api/v1/pricing-rules", &manager_,
                   {{"name", "Mariage"},
                    {"event_type", "Mariage"},
                    {"hourly_rate_cents", 10000},
                    {"minimum_minutes", 240},
                    {"weekend_surcharge_bp", 2000},
                    {"night_surcharge_bp", 2500},
                    {"travel_flat_cents", 3000},
                    {"travel_per_km_cents", 50},
                    {"travel_free_km", 30}});
  ASSERT_EQ(rule->status, 201) << rule->body;
  EXPECT_EQ(Json(rule)["event_type"], "mariage");
  std::string id = std::to_string(Json(rule)["id"].get<long long>());

  auto mission = Send("POST", "/api/v1/missions", &manager_,
                      {{"title", "Mariage Dupont"},
                       {"starts_at", "2027-06-12T19:00:00+02:00"},
                       {"ends_at", "2027-06-13T01:00:00+02:00"}});
  ASSERT_EQ(mission->status, 201) << mission->body;
  auto priced = Send("POST", "/api/v1/pricing-rules/" + id + "/price", &manager_,
                     {{"mission_id", Json(mission)["id"]}, {"distance_km", 75}});
  ASSERT_EQ(priced->status, 200) << priced->body;
  auto p = Json(priced);
  EXPECT_EQ(p["weekend"], true);
  EXPECT_EQ(p["night"], true);
  EXPECT_EQ(p["hourly_rate_cents"], 15000) << "100 € × 1.20 × 1.25";
  ASSERT_EQ(p["lines"].size(), 3u);
  EXPECT_EQ(p["lines"][0]["quantity_milli"], 6000);
  EXPECT_EQ(p["lines"][0]["net_cents"], 90000);
  EXPECT_EQ(p["lines"][0]["description"],
            "Mariage — du sam. 12 juin 2027 19:00 au dim. 13 juin 2027 01:00 (majoration "
            "week-end, nuit)");
  EXPECT_EQ(p["lines"][1]["net_cents"], 3000);
  EXPECT_EQ(p["lines"][2]["quantity_milli"], 45000);
  EXPECT_EQ(p["lines"][2]["net_cents"], 2250);
  EXPECT_EQ(p["net_cents"], 95250);

  // A short weekday slot is billed the minimum.
  auto slot = Json(
      Send("POST", "/api/v1/pricing-rules/" + id + "/price", &manager_,
           {{"starts_at", "2027-06-09T14:00:00+02:00"}, {"ends_at", "2027-06-09T16:00:00+02:00"}}));
  EXPECT_EQ(slot["billed_minutes"], 240);
  EXPECT_EQ(slot["net_cents"], 40000);
  EXPECT_EQ(slot["lines"].size(), 1u);

  auto bad = Send("PUT", "/api/v1/pricing-rules/" + id, &manager_,
                  {{"name", "Mariage"}, {"night_end_minutes", 1500}, {"surcharge_mode", "x"}});
  EXPECT_EQ(bad->status, 422);
}

}  // namespace
}  // namespace planify::testing
