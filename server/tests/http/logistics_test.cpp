// Equipment logistics over HTTP: check-out and return with missions, the conflict engine fed
// with gear still out, late returns, availability, maintenance (docs/equipment.md).
#include <gtest/gtest.h>

#include <thread>

#include "http/auth_fixture.hpp"

namespace planify::testing {
namespace {

class Logistics : public AuthFixture {
 protected:
  void SetUp() override {
    AuthFixture::SetUp();
    org_ = SeedOrganization("Sono Pro");
    SeedMember(org_, "manager@sono.fr", "manager");
    greg_ = SeedMember(org_, "greg@sono.fr", "dj").value;
    SeedMember(org_, "tom@sono.fr", "technician");
    auto other = SeedOrganization("Sono B");
    SeedMember(other, "owner@b.fr", "owner");
    manager_ = SignIn("manager@sono.fr");
    greg_session_ = SignIn("greg@sono.fr");
    tom_ = SignIn("tom@sono.fr");
    other_ = SignIn("owner@b.fr");
    auto item = Send("POST", "/api/v1/equipment", &manager_,
                     {{"name", "Enceinte 12\""}, {"category", "Son"}, {"quantity_owned", 6}});
    ASSERT_EQ(item->status, 201) << item->body;
    speakers_ = Json(item)["id"].get<long long>();
    // The fixture's clock reads 25 Nov 2026 14:00 UTC: last night's wedding is over.
    last_night_ = Mission("Mariage Martin", "2026-11-24T18:00:00Z", "2026-11-24T23:00:00Z", 2);
  }

  long long Mission(const std::string& title, const std::string& starts_at,
                    const std::string& ends_at, int speakers) {
    auto res = Send("POST", "/api/v1/missions", &manager_,
                    {{"title", title},
                     {"status", "confirmed"},
                     {"starts_at", starts_at},
                     {"ends_at", ends_at},
                     {"crew", {{{"user_id", greg_}, {"position", "dj"}, {"lead", true}}}},
                     {"equipment", {{{"item_id", speakers_}, {"quantity", speakers}}}}});
    EXPECT_EQ(res->status, 201) << res->body;
    return Json(res)["id"].get<long long>();
  }

  httplib::Result Move(const std::string& what, long long mission, nlohmann::json items,
                       const BrowserSession& who) {
    return Send("POST", "/api/v1/missions/" + std::to_string(mission) + "/gear/" + what, &who,
                {{"items", std::move(items)}});
  }

  nlohmann::json Availability(const std::string& from, const std::string& to) {
    auto res = Send("GET", "/api/v1/equipment/availability?from=" + from + "&to=" + to, &manager_);
    EXPECT_EQ(res->status, 200) << res->body;
    return Json(res)["items"][0];
  }

  OrganizationId org_;
  long long greg_ = 0;
  long long speakers_ = 0;
  long long last_night_ = 0;
  BrowserSession manager_, greg_session_, tom_, other_;
};

TEST_F(Logistics, GearStillOutAndAtTheRepairerIsNotLentToTheNextMission) {
  // 2 of the 6 speakers went out last night and are not back; 1 is at the repairer.
  auto out =
      Move("check-out", last_night_, {{{"item_id", speakers_}, {"quantity", 2}}}, greg_session_);
  ASSERT_EQ(out->status, 200) << out->body;
  auto repair = Send("POST", "/api/v1/equipment/" + std::to_string(speakers_) + "/maintenance",
                     &manager_, {{"kind", "repair"}, {"quantity", 1}, {"vendor_name", "SAV Pro"}});
  ASSERT_EQ(repair->status, 201) << repair->body;

  // Tomorrow night needs 4: only 3 can be lent.
  auto refused = Send("POST", "/api/v1/missions", &manager_,
                      {{"title", "Gala"},
                       {"status", "confirmed"},
                       {"starts_at", "2026-11-26T18:00:00Z"},
                       {"ends_at", "2026-11-26T23:00:00Z"},
                       {"equipment", {{{"item_id", speakers_}, {"quantity", 4}}}}});
  ASSERT_EQ(refused->status, 409) << refused->body;
  EXPECT_EQ(Json(refused)["error"]["fields"][0]["field"], "equipment");
  EXPECT_NE(refused->body.find("3"), std::string::npos) << refused->body;

  auto figures = Availability("2026-11-26T00:00:00Z", "2026-11-27T00:00:00Z");
  EXPECT_EQ(figures["owned"], 6);
  EXPECT_EQ(figures["out_of_service"], 1);
  EXPECT_EQ(figures["still_out"], 2);
  EXPECT_EQ(figures["available"], 3);

  // Last night's gear is late (ended 15 h ago, beyond the 12 h return buffer).
  auto late = Json(Send("GET", "/api/v1/equipment/late-returns", &manager_))["items"];
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0]["mission_id"], last_night_);
  EXPECT_EQ(late[0]["quantity"], 2);
  EXPECT_EQ(late[0]["held_by"], "greg");

  // The repair is done and both speakers come back: 4 fit again.
  auto closed =
      Send("POST",
           "/api/v1/maintenance/" + std::to_string(Json(repair)["id"].get<long long>()) + "/close",
           &manager_, {{"status", "done"}, {"cost_cents", 8900}});
  ASSERT_EQ(closed->status, 200) << closed->body;
  ASSERT_EQ(Move("return", last_night_, {{{"item_id", speakers_}, {"quantity", 2}}}, greg_session_)
                ->status,
            200);
  EXPECT_TRUE(Json(Send("GET", "/api/v1/equipment/late-returns", &manager_))["items"].empty());
  EXPECT_EQ(Availability("2026-11-26T00:00:00Z", "2026-11-27T00:00:00Z")["available"], 6);
  Mission("Gala", "2026-11-26T18:00:00Z", "2026-11-26T23:00:00Z", 4);
}

TEST_F(Logistics, UnitsAtTheRepairerUntilADateCountFromThatDay) {
  // 3 of the 6 speakers at the repairer, back on Monday 30 November.
  auto repair =
      Send("POST", "/api/v1/equipment/" + std::to_string(speakers_) + "/maintenance", &manager_,
           {{"kind", "repair"}, {"quantity", 3}, {"expected_back_on", "2026-11-30"}});
  ASSERT_EQ(repair->status, 201) << repair->body;
  EXPECT_EQ(Json(repair)["expected_back_on"], "2026-11-30");

  // Saturday needs 5: refused; the Monday evening show may count on them.
  auto saturday = Send("POST", "/api/v1/missions", &manager_,
                       {{"title", "Samedi"},
                        {"status", "confirmed"},
                        {"starts_at", "2026-11-28T18:00:00Z"},
                        {"ends_at", "2026-11-28T23:00:00Z"},
                        {"equipment", {{{"item_id", speakers_}, {"quantity", 5}}}}});
  EXPECT_EQ(saturday->status, 409) << saturday->body;
  Mission("Lundi", "2026-11-30T18:00:00Z", "2026-11-30T23:00:00Z", 5);
  EXPECT_EQ(Availability("2026-11-28T00:00:00Z", "2026-11-29T00:00:00Z")["available"], 3);
  EXPECT_EQ(Availability("2026-11-30T00:00:00Z", "2026-12-01T00:00:00Z")["available"], 1);

  // A date gone by, or no date at all, is refused.
  for (const char* bad : {"2026-11-24", "30/11/2026"}) {
    auto refused =
        Send("POST", "/api/v1/equipment/" + std::to_string(speakers_) + "/maintenance", &manager_,
             {{"kind", "repair"}, {"quantity", 1}, {"expected_back_on", bad}});
    EXPECT_EQ(refused->status, 422) << bad << ": " << refused->body;
    EXPECT_EQ(Json(refused)["error"]["fields"][0]["field"], "expected_back_on");
  }
}

TEST_F(Logistics, PartialReturnsDamagedGoesToMaintenanceMissingIsNoLongerOwned) {
  auto out = Move("check-out", last_night_, {{{"item_id", speakers_}, {"quantity", 3}}}, manager_);
  ASSERT_EQ(out->status, 200) << out->body;
  auto gear = Json(out)["items"][0];
  EXPECT_EQ(gear["booked"], 2);
  EXPECT_EQ(gear["out"], 3);
  EXPECT_EQ(gear["extra"], 1);

  auto back = Move("return", last_night_,
                   {{{"item_id", speakers_}, {"quantity", 1}, {"condition", "ok"}},
                    {{"item_id", speakers_}, {"quantity", 1}, {"condition", "damaged"}}},
                   tom_);
  // Tom is not on the mission: it does not exist for him.
  EXPECT_EQ(back->status, 404) << back->body;
  back = Move("return", last_night_,
              {{{"item_id", speakers_}, {"quantity", 1}, {"condition", "ok"}},
               {{"item_id", speakers_}, {"quantity", 1}, {"condition", "damaged"}}},
              greg_session_);
  ASSERT_EQ(back->status, 200) << back->body;
  gear = Json(back)["items"][0];
  EXPECT_EQ(gear["out"], 1);
  EXPECT_EQ(gear["returned_ok"], 1);
  EXPECT_EQ(gear["returned_damaged"], 1);

  // More than is out: refused, nothing written.
  auto too_many =
      Move("return", last_night_, {{{"item_id", speakers_}, {"quantity", 2}}}, greg_session_);
  ASSERT_EQ(too_many->status, 409) << too_many->body;
  EXPECT_EQ(Json(too_many)["error"]["fields"][0]["field"], "items[0].quantity");

  auto missing =
      Move("return", last_night_,
           {{{"item_id", speakers_}, {"quantity", 1}, {"condition", "missing"}}}, greg_session_);
  ASSERT_EQ(missing->status, 200) << missing->body;

  auto item = Json(Send("GET", "/api/v1/equipment/" + std::to_string(speakers_), &manager_));
  EXPECT_EQ(item["quantity_owned"], 5);
  EXPECT_EQ(item["quantity_out_of_service"], 1);
  auto open = Json(Send("GET", "/api/v1/maintenance?open=1", &manager_))["items"];
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0]["kind"], "repair");
  EXPECT_EQ(open[0]["mission_id"], last_night_);

  auto journal = Json(Send("GET", "/api/v1/equipment/" + std::to_string(speakers_) + "/movements",
                           &manager_))["items"];
  ASSERT_EQ(journal.size(), 4u);  // newest first
  EXPECT_EQ(journal[0]["condition"], "missing");
  EXPECT_EQ(journal[3]["kind"], "check_out");
  EXPECT_EQ(journal[3]["quantity"], 3);
  EXPECT_EQ(journal[1]["user_name"], "greg");
}

TEST_F(Logistics, RefusalsAreClearAndWriteNothing) {
  auto too_many =
      Move("check-out", last_night_, {{{"item_id", speakers_}, {"quantity", 7}}}, manager_);
  ASSERT_EQ(too_many->status, 409) << too_many->body;
  EXPECT_NE(Json(too_many)["error"]["message"].get<std::string>().find("Seulement 6 unités"),
            std::string::npos);
  // A batch is all or nothing: the first line would fit, the second does not.
  auto batch =
      Move("check-out", last_night_,
           {{{"item_id", speakers_}, {"quantity", 4}}, {{"item_id", speakers_}, {"quantity", 4}}},
           manager_);
  ASSERT_EQ(batch->status, 409) << batch->body;
  EXPECT_EQ(Json(batch)["error"]["fields"][0]["field"], "items[1].quantity");
  EXPECT_EQ(Json(Send("GET", "/api/v1/missions/" + std::to_string(last_night_) + "/gear",
                      &manager_))["items"][0]["out"],
            0);

  auto never = Move("return", last_night_, {{{"item_id", speakers_}, {"quantity", 1}}}, manager_);
  EXPECT_EQ(never->status, 409) << never->body;
  auto zero = Move("check-out", last_night_, {{{"item_id", speakers_}, {"quantity", 0}}}, manager_);
  EXPECT_EQ(zero->status, 422) << zero->body;
  auto empty = Move("check-out", last_night_, nlohmann::json::array(), manager_);
  EXPECT_EQ(empty->status, 422) << empty->body;
  auto bad_condition =
      Move("return", last_night_, {{{"item_id", speakers_}, {"condition", "burnt"}}}, manager_);
  EXPECT_EQ(bad_condition->status, 422) << bad_condition->body;
  auto unknown = Move("check-out", last_night_, {{{"item_id", 999999}, {"quantity", 1}}}, manager_);
  EXPECT_EQ(unknown->status, 422) << unknown->body;
  EXPECT_EQ(Json(unknown)["error"]["fields"][0]["field"], "items[0].item_id");

  // A canceled mission takes nothing out.
  auto cancel = Send("POST", "/api/v1/missions/" + std::to_string(last_night_) + "/status",
                     &manager_, {{"status", "canceled"}, {"reason", "Annulé par le client"}});
  ASSERT_EQ(cancel->status, 200) << cancel->body;
  auto canceled =
      Move("check-out", last_night_, {{{"item_id", speakers_}, {"quantity", 1}}}, manager_);
  ASSERT_EQ(canceled->status, 409) << canceled->body;
  EXPECT_NE(Json(canceled)["error"]["message"].get<std::string>().find("annulée"),
            std::string::npos);

  EXPECT_EQ(Count("equipment_movements"), 0);
  EXPECT_EQ(Count("equipment_out"), 0);
}

TEST_F(Logistics, TwoPhonesScanningTheLastUnitAtOnceOneSucceeds) {
  ASSERT_EQ(
      Move("check-out", last_night_, {{{"item_id", speakers_}, {"quantity", 5}}}, manager_)->status,
      200);
  int ok = 0;
  int conflict = 0;
  std::mutex m;
  std::vector<std::thread> phones;
  for (const auto* who : {&manager_, &greg_session_}) {
    phones.emplace_back([&, who] {
      auto res = Move("check-out", last_night_, {{{"item_id", speakers_}, {"quantity", 1}}}, *who);
      std::lock_guard lock(m);
      if (res && res->status == 200) ++ok;
      if (res && res->status == 409) ++conflict;
    });
  }
  for (auto& t : phones) t.join();
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(conflict, 1);
  EXPECT_EQ(Json(Send("GET", "/api/v1/missions/" + std::to_string(last_night_) + "/gear",
                      &manager_))["items"][0]["out"],
            6);
}

TEST_F(Logistics, AnotherOrganisationSeesNothing) {
  ASSERT_EQ(
      Move("check-out", last_night_, {{{"item_id", speakers_}, {"quantity", 1}}}, manager_)->status,
      200);
  EXPECT_EQ(
      Move("check-out", last_night_, {{{"item_id", speakers_}, {"quantity", 1}}}, other_)->status,
      404);
  EXPECT_EQ(
      Move("return", last_night_, {{{"item_id", speakers_}, {"quantity", 1}}}, other_)->status,
      404);
  EXPECT_EQ(
      Send("GET", "/api/v1/missions/" + std::to_string(last_night_) + "/gear", &other_)->status,
      404);
  EXPECT_EQ(
      Send("GET", "/api/v1/equipment/" + std::to_string(speakers_) + "/movements", &other_)->status,
      404);
  EXPECT_TRUE(Json(Send("GET", "/api/v1/equipment/late-returns", &other_))["items"].empty());
  EXPECT_TRUE(Json(Send("GET", "/api/v1/maintenance", &other_))["items"].empty());
  EXPECT_EQ(Send("POST", "/api/v1/equipment/" + std::to_string(speakers_) + "/maintenance", &other_,
                 {{"kind", "check"}})
                ->status,
            404);
  EXPECT_EQ(Count("equipment_out"), 1);
}

// The offline scan queue (docs/pwa.md) resends a scan whose answer it never got: with the same
// Idempotency-Key it is applied once; a refused one records nothing and can be sent again.
TEST_F(Logistics, AScanSentTwiceWithItsKeyMovesTheGearOnce) {
  const std::string path = "/api/v1/missions/" + std::to_string(last_night_) + "/gear/";
  const nlohmann::json two = {{"items", {{{"item_id", speakers_}, {"quantity", 2}}}}};
  const httplib::Headers key{{"Idempotency-Key", "scan-7f3a9c21-0001"}};
  auto first = Send("POST", path + "check-out", &greg_session_, two, key);
  ASSERT_EQ(first->status, 200) << first->body;
  EXPECT_FALSE(first->has_header("Idempotent-Replayed"));
  auto again = Send("POST", path + "check-out", &greg_session_, two, key);
  ASSERT_EQ(again->status, 200) << again->body;
  EXPECT_EQ(again->get_header_value("Idempotent-Replayed"), "true");
  const nlohmann::json gear = Json(again);
  ASSERT_EQ(gear["movements"].size(), 1u) << gear.dump();
  EXPECT_EQ(gear["items"][0]["out"], 2);
  EXPECT_EQ(Count("equipment_movements"), 1);

  // The same key for another request, or a malformed key: 422, nothing moves.
  auto reused = Send("POST", path + "return", &greg_session_, two, key);
  ASSERT_EQ(reused->status, 422) << reused->body;
  EXPECT_EQ(Json(reused)["error"]["fields"][0]["field"], "Idempotency-Key");
  auto bad = Send("POST", path + "return", &greg_session_, two, {{"Idempotency-Key", "x y"}});
  ASSERT_EQ(bad->status, 422) << bad->body;
  EXPECT_EQ(Count("equipment_movements"), 1);

  // Another member's key of the same text is theirs: Tom is not on the crew (404 as before).
  EXPECT_EQ(Send("POST", path + "return", &tom_, two, key)->status, 404);

  // Returning 3 when 2 are out is refused and the key stays free for the corrected request.
  const httplib::Headers back{{"Idempotency-Key", "scan-7f3a9c21-0002"}};
  auto refused =
      Send("POST", path + "return", &greg_session_,
           {{"items", {{{"item_id", speakers_}, {"quantity", 3}, {"condition", "ok"}}}}}, back);
  ASSERT_EQ(refused->status, 409) << refused->body;
  auto returned =
      Send("POST", path + "return", &greg_session_,
           {{"items", {{{"item_id", speakers_}, {"quantity", 2}, {"condition", "ok"}}}}}, back);
  ASSERT_EQ(returned->status, 200) << returned->body;
  EXPECT_FALSE(returned->has_header("Idempotent-Replayed"));
  EXPECT_EQ(Count("equipment_movements"), 2);
}

}  // namespace
}  // namespace planify::testing
