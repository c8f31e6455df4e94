#include <gtest/gtest.h>

#include "http/auth_fixture.hpp"

namespace planify::testing {
namespace {

class Missions : public AuthFixture {
 protected:
  void SetUp() override {
    AuthFixture::SetUp();
    org_ = SeedOrganization("Sono Pro");
    SeedMember(org_, "owner@sono.fr", "owner");
    SeedMember(org_, "manager@sono.fr", "manager");
    greg_ = SeedMember(org_, "greg@sono.fr", "dj").value;
    lea_ = SeedMember(org_, "lea@sono.fr", "dj").value;
    tech_ = SeedMember(org_, "tom@sono.fr", "technician").value;
    manager_ = SignIn("manager@sono.fr");
    auto speakers = Send("POST", "/api/v1/equipment", &manager_,
                         {{"name", "Enceinte JBL PRX815"},
                          {"category", "Son"},
                          {"quantity_owned", 4},
                          {"rental_price_cents", 4500}});
    EXPECT_EQ(speakers->status, 201) << speakers->body;
    speakers_ = Json(speakers)["id"].get<long long>();
    auto client = Send("POST", "/api/v1/clients", &manager_, {{"name", "Mariage Dupont"}});
    client_ = Json(client)["id"].get<long long>();
  }

  // Saturday 12 June 2027, 18:00 → 02:00 Paris time.
  nlohmann::json Wedding(long long dj, int speakers = 2) const {
    return {{"title", "Mariage Dupont"},
            {"client_id", client_},
            {"starts_at", "2027-06-12T18:00:00+02:00"},
            {"ends_at", "2027-06-13T02:00:00+02:00"},
            {"notes", "Code portail 1234"},
            {"crew", {{{"user_id", dj}, {"position", "dj"}, {"lead", true}}}},
            {"equipment", {{{"item_id", speakers_}, {"quantity", speakers}}}}};
  }

  long long Create(const nlohmann::json& body) {
    auto res = Send("POST", "/api/v1/missions", &manager_, body);
    EXPECT_EQ(res->status, 201) << res->body;
    return Json(res)["id"].get<long long>();
  }

  OrganizationId org_;
  long long greg_ = 0;
  long long lea_ = 0;
  long long tech_ = 0;
  long long speakers_ = 0;
  long long client_ = 0;
  BrowserSession manager_;
};

TEST_F(Missions, AnOverlappingMissionWithTheSameDjIsRefusedWithAReadableMessage) {
  long long first = Create(Wedding(greg_));
  auto mission = Json(Send("GET", "/api/v1/missions/" + std::to_string(first), &manager_));
  EXPECT_EQ(mission["starts_at"], "2027-06-12T16:00:00.000Z");
  EXPECT_EQ(mission["crew"][0]["name"], "greg");
  EXPECT_EQ(mission["equipment"][0]["quantity"], 2);
  EXPECT_EQ(mission["client"]["name"], "Mariage Dupont");
  EXPECT_EQ(mission["status"], "planned");

  auto second = Wedding(greg_, 1);
  second["title"] = "Anniversaire Léa";
  second["starts_at"] = "2027-06-12T23:00:00+02:00";
  second["ends_at"] = "2027-06-13T04:00:00+02:00";
  auto refused = Send("POST", "/api/v1/missions", &manager_, second);
  ASSERT_EQ(refused->status, 409) << refused->body;
  auto error = Json(refused)["error"];
  EXPECT_EQ(error["code"], "CONFLICT");
  EXPECT_EQ(error["message"],
            "Conflit de planning : greg est déjà sur « Mariage Dupont » du sam. 12 juin 2027 "
            "23:00 au dim. 13 juin 2027 02:00.");
  EXPECT_EQ(error["fields"][0]["field"], "crew");
  EXPECT_EQ(Count("missions"), 1) << "nothing written";

  // A manager may override with a reason; the override is audited.
  second["override_reason"] = "Greg enchaîne, la salle est à 5 minutes";
  auto forced = Send("POST", "/api/v1/missions", &manager_, second);
  ASSERT_EQ(forced->status, 201) << forced->body;
  auto forced_json = Json(forced);
  ASSERT_EQ(forced_json["conflicts"].size(), 1u);
  EXPECT_EQ(forced_json["conflicts"][0]["kind"], "crew_busy");
  EXPECT_EQ(forced_json["conflicts"][0]["mission"]["id"], first);
  std::string id = std::to_string(forced_json["id"].get<long long>());
  auto history = Json(Send("GET", "/api/v1/missions/" + id + "/history", &manager_));
  bool audited = false;
  for (const auto& entry : history["items"]) {
    if (entry["action"] == "missions.conflict_overridden") {
      audited = entry["details"]["reason"] == "Greg enchaîne, la salle est à 5 minutes";
    }
  }
  EXPECT_TRUE(audited) << history.dump();

  // Back-to-back is fine.
  auto after = Wedding(greg_, 1);
  after["starts_at"] = "2027-06-13T04:00:00+02:00";
  after["ends_at"] = "2027-06-13T09:00:00+02:00";
  after["equipment"] = nlohmann::json::array();
  EXPECT_EQ(Send("POST", "/api/v1/missions", &manager_, after)->status, 201);
}

TEST_F(Missions, EquipmentIsCountedAtPeakOverTheBufferedWindow) {
  Create(Wedding(greg_, 3));  // 3 of 4 speakers, Saturday evening
  // Sunday morning 09:00: within the 12 h return buffer after 02:00.
  auto brunch = Wedding(lea_, 2);
  brunch["title"] = "Brunch Martin";
  brunch["starts_at"] = "2027-06-13T09:00:00+02:00";
  brunch["ends_at"] = "2027-06-13T14:00:00+02:00";
  auto refused = Send("POST", "/api/v1/missions", &manager_, brunch);
  ASSERT_EQ(refused->status, 409) << refused->body;
  auto fields = Json(refused)["error"]["fields"];
  ASSERT_EQ(fields.size(), 1u);
  EXPECT_EQ(fields[0]["field"], "equipment");
  EXPECT_NE(fields[0]["message"].get<std::string>().find("Enceinte JBL PRX815 : 2 demandés, 1 "
                                                         "disponible"),
            std::string::npos)
      << fields.dump();

  // With no buffers the same plan fits.
  auto owner = SignIn("owner@sono.fr");
  auto settings = Send("PUT", "/api/v1/planning/settings", &owner,
                       {{"equipment_prep_minutes", 0}, {"equipment_return_minutes", 0}});
  ASSERT_EQ(settings->status, 200) << settings->body;
  EXPECT_EQ(Send("POST", "/api/v1/missions", &manager_, brunch)->status, 201);

  // An item in maintenance lends nothing.
  auto item = Json(Send("GET", "/api/v1/equipment/" + std::to_string(speakers_), &manager_));
  item["status"] = "maintenance";
  ASSERT_EQ(Send("PUT", "/api/v1/equipment/" + std::to_string(speakers_), &manager_, item)->status,
            200);
  auto later = Wedding(lea_, 1);
  later["starts_at"] = "2027-07-01T18:00:00+02:00";
  later["ends_at"] = "2027-07-01T23:00:00+02:00";
  auto shortage = Send("POST", "/api/v1/missions", &manager_, later);
  EXPECT_EQ(shortage->status, 409) << shortage->body;
  // Drafts hold nothing and are not checked.
  later["status"] = "draft";
  EXPECT_EQ(Send("POST", "/api/v1/missions", &manager_, later)->status, 201);
}

TEST_F(Missions, CrewSeeOnlyTheirOwnMissions) {
  long long gregs = Create(Wedding(greg_));
  auto other = Wedding(lea_, 1);
  other["starts_at"] = "2027-06-19T18:00:00+02:00";
  other["ends_at"] = "2027-06-20T01:00:00+02:00";
  long long leas = Create(other);

  auto greg = SignIn("greg@sono.fr");
  auto list = Json(Send("GET", "/api/v1/missions", &greg));
  ASSERT_EQ(list["total"], 1) << list.dump();
  EXPECT_EQ(list["items"][0]["id"], gregs);
  EXPECT_FALSE(list["items"][0].contains("notes")) << "internal notes stay in the office";
  // Asking for someone else's missions still shows only one's own.
  auto filtered = Json(Send("GET", "/api/v1/missions?crew_id=" + std::to_string(lea_), &greg));
  EXPECT_EQ(filtered["total"], 1);
  EXPECT_EQ(filtered["items"][0]["id"], gregs);
  EXPECT_EQ(Send("GET", "/api/v1/missions/" + std::to_string(gregs), &greg)->status, 200);
  auto hidden = Send("GET", "/api/v1/missions/" + std::to_string(leas), &greg);
  EXPECT_EQ(hidden->status, 404);
  EXPECT_EQ(Json(hidden)["error"]["code"], "NOT_FOUND");
  auto calendar = Json(
      Send("GET", "/api/v1/calendar?from=2027-06-01T00:00:00Z&to=2027-07-01T00:00:00Z", &greg));
  ASSERT_EQ(calendar["missions"].size(), 1u);
  EXPECT_EQ(calendar["missions"][0]["id"], gregs);
  // And crew cannot change anything.
  EXPECT_EQ(Send("POST", "/api/v1/missions/" + std::to_string(gregs) + "/reschedule", &greg,
                 {{"starts_at", "2027-06-12T19:00:00Z"}, {"ends_at", "2027-06-12T23:00:00Z"}})
                ->status,
            403);
  // The manager sees both.
  EXPECT_EQ(Json(Send("GET", "/api/v1/missions", &manager_))["total"], 2);
}

TEST_F(Missions, RescheduleChecksConflictsAndStatusesFollowTheMachine) {
  long long first = Create(Wedding(greg_));
  auto other = Wedding(greg_, 1);
  other["title"] = "Soirée Entreprise";
  other["starts_at"] = "2027-06-19T18:00:00+02:00";
  other["ends_at"] = "2027-06-19T23:00:00+02:00";
  other["equipment"] = nlohmann::json::array();
  long long second = Create(other);
  std::string path = "/api/v1/missions/" + std::to_string(second);

  auto onto =
      Send("POST", path + "/reschedule", &manager_,
           {{"starts_at", "2027-06-12T20:00:00+02:00"}, {"ends_at", "2027-06-12T23:00:00+02:00"}});
  ASSERT_EQ(onto->status, 409) << onto->body;
  auto moved =
      Send("POST", path + "/reschedule", &manager_,
           {{"starts_at", "2027-06-20T18:00:00+02:00"}, {"ends_at", "2027-06-20T23:00:00+02:00"}});
  ASSERT_EQ(moved->status, 200) << moved->body;
  EXPECT_EQ(Json(moved)["starts_at"], "2027-06-20T16:00:00.000Z");
  EXPECT_EQ(Json(moved)["sequence"], 1);
  auto bad_range = Send("POST", path + "/reschedule", &manager_,
                        {{"starts_at", "2027-06-20T18:00:00+02:00"}, {"ends_at", "demain"}});
  EXPECT_EQ(bad_range->status, 422);

  // planned → confirmed → in_progress → completed; nothing edits a completed mission.
  std::string first_path = "/api/v1/missions/" + std::to_string(first);
  EXPECT_EQ(Send("POST", first_path + "/status", &manager_, {{"status", "completed"}})->status,
            409);
  for (const char* s : {"confirmed", "in_progress", "completed"}) {
    auto res = Send("POST", first_path + "/status", &manager_, {{"status", s}});
    ASSERT_EQ(res->status, 200) << s << ": " << res->body;
    EXPECT_EQ(Json(res)["status"], s);
  }
  EXPECT_EQ(Send("PUT", first_path, &manager_, Wedding(greg_))->status, 409);
  EXPECT_EQ(Send("POST", first_path + "/status", &manager_, {{"status", "canceled"}})->status, 409);

  // A canceled mission frees its crew.
  auto third = Wedding(lea_, 1);
  third["starts_at"] = "2027-08-01T18:00:00+02:00";
  third["ends_at"] = "2027-08-01T23:00:00+02:00";
  long long canceled = Create(third);
  auto cancel = Send("POST", "/api/v1/missions/" + std::to_string(canceled) + "/status", &manager_,
                     {{"status", "canceled"}, {"reason", "Client parti"}});
  ASSERT_EQ(cancel->status, 200);
  EXPECT_EQ(Json(cancel)["cancellation_reason"], "Client parti");
  EXPECT_EQ(Send("POST", "/api/v1/missions", &manager_, third)->status, 201);
}

TEST_F(Missions, DaysOffBlockAndCrewDeclareTheirOwn) {
  auto lea = SignIn("lea@sono.fr");
  auto holiday = Send("POST", "/api/v1/unavailability", &lea,
                      {{"starts_at", "2027-06-10T00:00:00+02:00"},
                       {"ends_at", "2027-06-15T00:00:00+02:00"},
                       {"reason", "Congés"}});
  ASSERT_EQ(holiday->status, 201) << holiday->body;
  EXPECT_EQ(Json(holiday)["user"]["id"], lea_);
  auto for_greg = Send("POST", "/api/v1/unavailability", &lea,
                       {{"user_id", greg_},
                        {"starts_at", "2027-06-10T00:00:00+02:00"},
                        {"ends_at", "2027-06-15T00:00:00+02:00"}});
  EXPECT_EQ(for_greg->status, 403);

  auto refused = Send("POST", "/api/v1/missions", &manager_, Wedding(lea_));
  ASSERT_EQ(refused->status, 409);
  EXPECT_NE(Json(refused)["error"]["message"].get<std::string>().find(
                "lea est indisponible du sam. 12 juin 2027 18:00 au dim. 13 juin 2027 02:00 "
                "(Congés)."),
            std::string::npos)
      << refused->body;

  // The live check says the same without writing anything.
  auto check = Send("POST", "/api/v1/missions/check", &manager_,
                    {{"starts_at", "2027-06-12T18:00:00+02:00"},
                     {"ends_at", "2027-06-13T02:00:00+02:00"},
                     {"crew", {{{"user_id", lea_}}}}});
  ASSERT_EQ(check->status, 200) << check->body;
  EXPECT_EQ(Json(check)["blocking"], true);
  EXPECT_EQ(Json(check)["conflicts"][0]["kind"], "crew_unavailable");
  EXPECT_EQ(Count("missions"), 0);

  // Lea removes her holiday; the calendar shows the period to planners meanwhile.
  auto calendar = Json(
      Send("GET", "/api/v1/calendar?from=2027-06-01T00:00:00Z&to=2027-07-01T00:00:00Z", &manager_));
  ASSERT_EQ(calendar["unavailability"].size(), 1u);
  std::string id = std::to_string(Json(holiday)["id"].get<long long>());
  auto greg = SignIn("greg@sono.fr");
  EXPECT_EQ(Send("DELETE", "/api/v1/unavailability/" + id, &greg)->status, 404);
  EXPECT_EQ(Send("DELETE", "/api/v1/unavailability/" + id, &lea)->status, 204);
  EXPECT_EQ(Send("POST", "/api/v1/missions", &manager_, Wedding(lea_))->status, 201);
}

TEST_F(Missions, InputIsValidatedAndReferencesMustBeOurs) {
  auto other_org = SeedOrganization("Autre");
  auto outsider = SeedMember(other_org, "x@autre.fr", "dj").value;
  auto body = Wedding(outsider);
  body["client_id"] = 999999;
  body["equipment"] = {{{"item_id", 999999}, {"quantity", 1}}};
  auto res = Send("POST", "/api/v1/missions", &manager_, body);
  ASSERT_EQ(res->status, 422) << res->body;
  std::set<std::string> fields;
  auto error = Json(res)["error"];
  for (const auto& f : error["fields"]) fields.insert(f["field"]);
  EXPECT_EQ(fields.size(), 3u) << res->body;
  EXPECT_TRUE(fields.contains("client_id"));
  EXPECT_TRUE(fields.contains("crew[0].user_id"));
  EXPECT_TRUE(fields.contains("equipment[0].item_id"));

  auto no_zone = Wedding(greg_);
  no_zone["starts_at"] = "2027-06-12T18:00";
  no_zone["ends_at"] = "2027-06-12T17:00:00Z";
  auto zone = Send("POST", "/api/v1/missions", &manager_, no_zone);
  ASSERT_EQ(zone->status, 422);
  EXPECT_EQ(Json(zone)["error"]["fields"][0]["field"], "starts_at");
  EXPECT_EQ(Count("missions"), 0);

  auto calendar =
      Send("GET", "/api/v1/calendar?from=2027-01-01T00:00:00Z&to=2027-12-31T00:00:00Z", &manager_);
  EXPECT_EQ(calendar->status, 422) << "a year is too much at once";
}

TEST_F(Missions, CustomFieldsAreDefinedByTheOrganisation) {
  auto owner = SignIn("owner@sono.fr");
  auto defs = Send("PUT", "/api/v1/mission-fields", &owner,
                   {{"fields",
                     {{{"key", "ambiance"},
                       {"label", "Ambiance"},
                       {"type", "select"},
                       {"options", {"Lounge", "Club"}},
                       {"required", true}},
                      {{"key", "invites_vip"}, {"label", "Invités VIP"}, {"type", "number"}}}}});
  ASSERT_EQ(defs->status, 200) << defs->body;
  EXPECT_EQ(Send("PUT", "/api/v1/mission-fields", &manager_, {{"fields", nlohmann::json::array()}})
                ->status,
            403);
  auto missing = Send("POST", "/api/v1/missions", &manager_, Wedding(greg_));
  ASSERT_EQ(missing->status, 422);
  EXPECT_EQ(Json(missing)["error"]["fields"][0]["field"], "custom_fields.ambiance");
  auto body = Wedding(greg_);
  body["custom_fields"] = {{"ambiance", "Club"}, {"invites_vip", 12}};
  auto created = Send("POST", "/api/v1/missions", &manager_, body);
  ASSERT_EQ(created->status, 201) << created->body;
  EXPECT_EQ(Json(created)["custom_fields"]["invites_vip"], "12");
  auto greg = SignIn("greg@sono.fr");
  EXPECT_EQ(Json(Send("GET", "/api/v1/mission-fields", &greg))["items"].size(), 2u);
}

TEST_F(Missions, VenuesAndStorageSitesAreReusablePlaces) {
  auto venue = Send("POST", "/api/v1/venues", &manager_,
                    {{"name", "Château de Vaux"},
                     {"address", {{"line1", "Route de Vaux"}, {"city", "Maincy"}}},
                     {"notes", "Accès camion par la grille est"}});
  ASSERT_EQ(venue->status, 201) << venue->body;
  long long venue_id = Json(venue)["id"].get<long long>();
  EXPECT_EQ(Json(Send("GET", "/api/v1/venues?q=chateau", &manager_))["total"], 1);

  auto body = Wedding(greg_, 1);
  body["venue_id"] = venue_id;
  Create(body);
  auto other = Wedding(lea_, 1);
  other["venue_id"] = venue_id;
  auto shared = Send("POST", "/api/v1/missions", &manager_, other);
  ASSERT_EQ(shared->status, 201) << "a shared venue is a warning, not a refusal";
  ASSERT_EQ(Json(shared)["conflicts"].size(), 1u);
  EXPECT_EQ(Json(shared)["conflicts"][0]["kind"], "venue_booked");
  EXPECT_EQ(Json(shared)["conflicts"][0]["blocking"], false);

  auto site = Send("POST", "/api/v1/storage-sites", &manager_,
                   {{"name", "Dépôt Montreuil"}, {"address", {{"city", "Montreuil"}}}});
  ASSERT_EQ(site->status, 201) << site->body;
  auto item = Send("POST", "/api/v1/equipment", &manager_,
                   {{"name", "Lyre Beam 230"},
                    {"category", "Lumière"},
                    {"quantity_owned", 8},
                    {"storage_site_id", Json(site)["id"]}});
  ASSERT_EQ(item->status, 201) << item->body;
  EXPECT_EQ(Json(item)["storage_site"]["name"], "Dépôt Montreuil");
  auto categories = Json(Send("GET", "/api/v1/equipment/categories", &manager_));
  EXPECT_EQ(categories["items"], nlohmann::json({"Lumière", "Son"}));
  EXPECT_EQ(Json(Send("GET", "/api/v1/equipment?category=Son", &manager_))["total"], 1);
}

}  // namespace
}  // namespace planify::testing
