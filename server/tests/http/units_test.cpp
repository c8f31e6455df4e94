// Items tracked by unit over HTTP (docs/equipment.md, "Units"): serial numbers, unit labels and
// lookups, check-out and return unit by unit with the item's counts kept in step, maintenance,
// transfers and retirement of one unit, and what crew see. Then photos of items and of
// maintenance records ("Photos").
#include <gtest/gtest.h>

#include "http/auth_fixture.hpp"
#include "support/images.hpp"

namespace planify::testing {
namespace {

class Units : public AuthFixture {
 protected:
  void SetUp() override {
    AuthFixture::SetUp();
    org_ = SeedOrganization("Sono Pro");
    SeedMember(org_, "manager@sono.fr", "manager");
    greg_ = SeedMember(org_, "greg@sono.fr", "dj").value;
    auto other = SeedOrganization("Sono B");
    SeedMember(other, "owner@b.fr", "owner");
    manager_ = SignIn("manager@sono.fr");
    greg_session_ = SignIn("greg@sono.fr");
    other_ = SignIn("owner@b.fr");
    depot_ = Create("/api/v1/storage-sites", {{"name", "Dépôt Villeurbanne"}});
    annex_ = Create("/api/v1/storage-sites", {{"name", "Annexe Lyon 7"}});
    // Three lyres tracked unit by unit from the start.
    lyres_ = Create("/api/v1/equipment", {{"name", "Lyre Beam 230"},
                                          {"quantity_owned", 3},
                                          {"storage_site_id", depot_},
                                          {"tracking", "unit"}});
    // The fixture's clock reads 25 Nov 2026 14:00 UTC.
    tonight_ = Mission("Mariage Martin", "2026-11-25T17:00:00Z", "2026-11-25T22:00:00Z", true);
    gala_ = Mission("Gala Lumière", "2026-11-25T18:00:00Z", "2026-11-25T23:00:00Z", false);
  }

  long long Create(const std::string& path, const nlohmann::json& body) {
    auto res = Send("POST", path, &manager_, body);
    EXPECT_EQ(res->status, 201) << path << ": " << res->body;
    return Json(res)["id"].get<long long>();
  }

  long long Mission(const std::string& title, const std::string& from, const std::string& to,
                    bool with_greg) {
    nlohmann::json body{{"title", title},
                        {"status", "confirmed"},
                        {"starts_at", from},
                        {"ends_at", to},
                        {"equipment", {{{"item_id", lyres_}, {"quantity", 1}}}}};
    if (with_greg) body["crew"] = {{{"user_id", greg_}, {"position", "dj"}, {"lead", true}}};
    return Create("/api/v1/missions", body);
  }

  nlohmann::json UnitsOf(long long item, const BrowserSession& who) {
    auto res = Send("GET", "/api/v1/equipment/" + std::to_string(item) + "/units", &who);
    EXPECT_EQ(res->status, 200) << res->body;
    return Json(res)["items"];
  }

  nlohmann::json Item(long long item) {
    return Json(Send("GET", "/api/v1/equipment/" + std::to_string(item), &manager_));
  }

  httplib::Result Move(long long mission, const std::string& what, nlohmann::json items,
                       const BrowserSession& who) {
    return Send("POST", "/api/v1/missions/" + std::to_string(mission) + "/gear/" + what, &who,
                {{"items", std::move(items)}});
  }

  nlohmann::json Unit(long long id) {
    auto res = Send("GET", "/api/v1/equipment/units/" + std::to_string(id), &manager_);
    EXPECT_EQ(res->status, 200) << res->body;
    return Json(res);
  }

  std::vector<long long> UnitIds() {
    std::vector<long long> ids;
    auto units = UnitsOf(lyres_, manager_);
    for (const auto& u : units) ids.push_back(u["id"].get<long long>());
    return ids;
  }

  OrganizationId org_;
  long long greg_ = 0;
  long long depot_ = 0;
  long long annex_ = 0;
  long long lyres_ = 0;
  long long tonight_ = 0;
  long long gala_ = 0;
  BrowserSession manager_, greg_session_, other_;
};

TEST_F(Units, AnItemTrackedByUnitHasOneUnitPerUnitOwnedWithSerialsFoundBySearchAndScan) {
  auto units = UnitsOf(lyres_, manager_);
  ASSERT_EQ(units.size(), 3U);
  EXPECT_EQ(units[0]["status"], "available");
  EXPECT_EQ(units[0]["storage_site"]["id"], depot_);
  EXPECT_EQ(Item(lyres_)["tracking"], "unit");
  const long long first = units[0]["id"].get<long long>();
  EXPECT_EQ(units[0]["short_code"], "UNI-" + std::to_string(first));

  auto named = Send("PATCH", "/api/v1/equipment/units/" + std::to_string(first), &manager_,
                    {{"serial_number", " LB230-0042 "}, {"barcode", "4006381333931"}});
  ASSERT_EQ(named->status, 200) << named->body;
  EXPECT_EQ(Json(named)["serial_number"], "LB230-0042");

  // One code names one thing: an item or a kit cannot take the unit's barcode, nor another unit.
  auto taken = Send("POST", "/api/v1/equipment", &manager_,
                    {{"name", "Câble"}, {"barcode", "4006381333931"}});
  EXPECT_EQ(taken->status, 409) << taken->body;
  EXPECT_NE(Json(taken)["error"]["message"].get<std::string>().find("LB230-0042"),
            std::string::npos);
  auto added = Send("POST", "/api/v1/equipment/" + std::to_string(lyres_) + "/units", &manager_,
                    {{"serial_number", "LB230-0099"}, {"barcode", "4006381333931"}});
  EXPECT_EQ(added->status, 409) << added->body;
  auto bad = Send("POST", "/api/v1/equipment/" + std::to_string(lyres_) + "/units", &manager_,
                  {{"serial_number", std::string(101, 'x')}, {"barcode", "a b"}});
  EXPECT_EQ(bad->status, 422) << bad->body;
  EXPECT_EQ(Json(bad)["error"]["fields"].size(), 2U);

  // A fourth unit bought: the owned count follows.
  added = Send("POST", "/api/v1/equipment/" + std::to_string(lyres_) + "/units", &manager_,
               {{"serial_number", "LB230-0099"}});
  ASSERT_EQ(added->status, 201) << added->body;
  EXPECT_EQ(Item(lyres_)["quantity_owned"], 4);

  for (const auto& [code, how] : std::vector<std::pair<std::string, std::string>>{
           {"UNI-" + std::to_string(first), "label"},
           {"http://192.168.1.20:8080/scanner/unite/" + std::to_string(first), "label"},
           {"4006381333931", "barcode"},
           {"LB230-0042", "serial_number"}}) {
    auto found =
        Send("GET", "/api/v1/equipment/lookup?code=" + httplib::detail::encode_query_param(code),
             &greg_session_);
    ASSERT_EQ(found->status, 200) << code << ": " << found->body;
    auto body = Json(found);
    EXPECT_EQ(body["kind"], "unit") << code;
    EXPECT_EQ(body["unit_id"], first) << code;
    EXPECT_EQ(body["item_id"], lyres_) << code;
    EXPECT_EQ(body["matched_by"], how) << code;
  }
  auto search = Json(Send("GET", "/api/v1/equipment?q=lb230-0099", &manager_));
  ASSERT_EQ(search["items"].size(), 1U);
  EXPECT_EQ(search["items"][0]["id"], lyres_);

  // The counts follow the units: they cannot be typed over.
  auto typed = Send("PUT", "/api/v1/equipment/" + std::to_string(lyres_), &manager_,
                    {{"name", "Lyre Beam 230"},
                     {"quantity_owned", 9},
                     {"storage_site_id", depot_},
                     {"tracking", "unit"}});
  EXPECT_EQ(typed->status, 422) << typed->body;
  EXPECT_EQ(Item(lyres_)["quantity_owned"], 4);

  // Another organisation sees nothing of them.
  EXPECT_EQ(Send("GET", "/api/v1/equipment/units/" + std::to_string(first), &other_)->status, 404);
  EXPECT_EQ(
      Send("GET", "/api/v1/equipment/lookup?code=UNI-" + std::to_string(first), &other_)->status,
      404);
}

TEST_F(Units, AUnitAlreadyOutIsRefusedNamingItsMissionAndCountsStayInStep) {
  auto ids = UnitIds();
  auto out = Move(tonight_, "check-out", {{{"unit_id", ids[0]}}}, greg_session_);
  ASSERT_EQ(out->status, 200) << out->body;
  auto gear = Json(out);
  ASSERT_EQ(gear["units"].size(), 1U);
  EXPECT_EQ(gear["units"][0]["id"], ids[0]);
  EXPECT_EQ(Unit(ids[0])["unit"]["status"], "out");
  EXPECT_EQ(Unit(ids[0])["unit"]["mission"]["id"], tonight_);

  // The same unit scanned for the gala: 409 naming the wedding, nothing written.
  auto again = Move(gala_, "check-out", {{{"unit_id", ids[0]}}}, manager_);
  ASSERT_EQ(again->status, 409) << again->body;
  EXPECT_NE(Json(again)["error"]["message"].get<std::string>().find("Mariage Martin"),
            std::string::npos);
  EXPECT_EQ(Json(again)["error"]["fields"][0]["field"], "items[0].unit_id");
  // By quantity, the gala takes the other units in order.
  auto two = Move(gala_, "check-out", {{{"item_id", lyres_}, {"quantity", 2}}}, manager_);
  ASSERT_EQ(two->status, 200) << two->body;
  EXPECT_EQ(Json(two)["units"].size(), 2U);
  auto none = Move(gala_, "check-out", {{{"item_id", lyres_}, {"quantity", 1}}}, manager_);
  EXPECT_EQ(none->status, 409) << none->body;

  // Returning a unit from a mission it is not out with is refused.
  auto wrong = Move(tonight_, "return", {{{"unit_id", ids[1]}, {"condition", "ok"}}}, manager_);
  EXPECT_EQ(wrong->status, 409) << wrong->body;
  EXPECT_NE(Json(wrong)["error"]["message"].get<std::string>().find("Gala Lumière"),
            std::string::npos);

  // Back from the gala: one damaged (into maintenance with a repair record), one missing.
  auto back = Move(gala_, "return",
                   {{{"unit_id", ids[1]}, {"condition", "damaged"}},
                    {{"unit_id", ids[2]}, {"condition", "missing"}}},
                   manager_);
  ASSERT_EQ(back->status, 200) << back->body;
  EXPECT_EQ(Json(back)["units"].size(), 0U);
  auto damaged = Unit(ids[1]);
  EXPECT_EQ(damaged["unit"]["status"], "maintenance");
  EXPECT_EQ(damaged["unit"]["condition"], "damaged");
  ASSERT_EQ(damaged["maintenance"].size(), 1U);
  EXPECT_EQ(damaged["maintenance"][0]["unit_id"], ids[1]);
  EXPECT_EQ(damaged["movements"][0]["kind"], "return");
  EXPECT_EQ(damaged["movements"][1]["kind"], "check_out");
  EXPECT_EQ(Unit(ids[2])["unit"]["status"], "lost");
  auto item = Item(lyres_);
  EXPECT_EQ(item["quantity_owned"], 2);
  EXPECT_EQ(item["quantity_out_of_service"], 1);

  // Repaired: back on the shelf, condition ok.
  const long long record = damaged["maintenance"][0]["id"].get<long long>();
  auto closed = Send("POST", "/api/v1/maintenance/" + std::to_string(record) + "/close", &manager_,
                     {{"status", "done"}, {"cost_cents", 4500}});
  ASSERT_EQ(closed->status, 200) << closed->body;
  EXPECT_EQ(Unit(ids[1])["unit"]["status"], "available");
  EXPECT_EQ(Unit(ids[1])["unit"]["condition"], "ok");
  EXPECT_EQ(Item(lyres_)["quantity_out_of_service"], 0);

  // The wedding's unit comes back by quantity: the one it has out.
  auto home = Move(tonight_, "return", {{{"item_id", lyres_}, {"quantity", 1}}}, greg_session_);
  ASSERT_EQ(home->status, 200) << home->body;
  EXPECT_EQ(Unit(ids[0])["unit"]["status"], "available");
}

TEST_F(Units, MaintenanceTransfersAndRetirementMoveOneUnit) {
  auto ids = UnitIds();
  const std::string item = "/api/v1/equipment/" + std::to_string(lyres_);
  auto anonymous = Send("POST", item + "/maintenance", &manager_, {{"kind", "check"}});
  EXPECT_EQ(anonymous->status, 422) << anonymous->body;
  auto check = Send("POST", item + "/maintenance", &manager_,
                    {{"kind", "check"}, {"unit_id", ids[2]}, {"description", "Lampe"}});
  ASSERT_EQ(check->status, 201) << check->body;
  EXPECT_EQ(Unit(ids[2])["unit"]["status"], "maintenance");
  EXPECT_EQ(Item(lyres_)["quantity_out_of_service"], 1);

  // Only a unit on the shelf changes depot; the depot figures follow.
  auto busy =
      Send("POST", item + "/transfer", &manager_, {{"unit_id", ids[2]}, {"to_site_id", annex_}});
  EXPECT_EQ(busy->status, 409) << busy->body;
  auto moved =
      Send("POST", item + "/transfer", &manager_, {{"unit_id", ids[0]}, {"to_site_id", annex_}});
  ASSERT_EQ(moved->status, 200) << moved->body;
  EXPECT_EQ(Unit(ids[0])["unit"]["storage_site"]["id"], annex_);
  EXPECT_EQ(Unit(ids[0])["movements"][0]["kind"], "transfer");
  int at_annex = 0;
  const auto stock = Json(moved);
  for (const auto& s : stock["sites"]) {
    if (s["site_id"] == annex_) at_annex = s["quantity"].get<int>();
  }
  EXPECT_EQ(at_annex, 1) << moved->body;
  auto no_unit = Send("POST", item + "/transfer", &manager_, {{"to_site_id", annex_}});
  EXPECT_EQ(no_unit->status, 422) << no_unit->body;

  // Retired while in maintenance: refused; once on the shelf, the owned count drops.
  const std::string retire = "/api/v1/equipment/units/" + std::to_string(ids[2]) + "/retire";
  EXPECT_EQ(Send("POST", retire, &manager_)->status, 409);
  auto retired =
      Send("POST", "/api/v1/equipment/units/" + std::to_string(ids[1]) + "/retire", &manager_);
  ASSERT_EQ(retired->status, 200) << retired->body;
  EXPECT_EQ(Json(retired)["status"], "retired");
  EXPECT_EQ(Item(lyres_)["quantity_owned"], 2);
  EXPECT_EQ(UnitsOf(lyres_, manager_).size(), 2U);
  EXPECT_EQ(Send("GET", item + "/units?retired=1", &manager_)->status, 200);

  // Crew may not manage units.
  EXPECT_EQ(
      Send("POST", "/api/v1/equipment/units/" + std::to_string(ids[0]) + "/retire", &greg_session_)
          ->status,
      403);
}

TEST_F(Units, AUnitLostFromTheDepotIsFoundAgainByName) {
  auto ids = UnitIds();
  const std::string item = "/api/v1/equipment/" + std::to_string(lyres_);
  EXPECT_EQ(Send("POST", item + "/loss", &manager_, {{"quantity", 1}})->status, 422);
  ASSERT_EQ(Move(tonight_, "check-out", {{{"unit_id", ids[1]}}}, manager_)->status, 200);
  EXPECT_EQ(Send("POST", item + "/loss", &manager_, {{"unit_id", ids[1]}})->status, 409);
  auto lost = Send("POST", item + "/loss", &manager_, {{"unit_id", ids[0]}});
  ASSERT_EQ(lost->status, 200) << lost->body;
  EXPECT_EQ(Json(lost)["quantity_owned"], 2);
  EXPECT_EQ(Unit(ids[0])["unit"]["status"], "lost");
  EXPECT_EQ(Send("POST", item + "/found", &manager_, {{"unit_id", ids[2]}})->status, 409);
  auto found = Send("POST", item + "/found", &manager_, {{"unit_id", ids[0]}});
  ASSERT_EQ(found->status, 200) << found->body;
  EXPECT_EQ(Json(found)["quantity_owned"], 3);
  auto unit = Unit(ids[0]);
  EXPECT_EQ(unit["unit"]["status"], "available");
  EXPECT_EQ(unit["movements"][0]["kind"], "found");
  EXPECT_EQ(unit["movements"][1]["kind"], "loss");
}

TEST_F(Units, CrewSeeWhichUnitsAreOutButOnlyTheirOwnMissions) {
  auto ids = UnitIds();
  ASSERT_EQ(Move(gala_, "check-out", {{{"unit_id", ids[0]}}}, manager_)->status, 200);
  ASSERT_EQ(Move(tonight_, "check-out", {{{"unit_id", ids[1]}}}, greg_session_)->status, 200);
  auto seen = UnitsOf(lyres_, greg_session_);
  ASSERT_EQ(seen.size(), 3U);
  EXPECT_EQ(seen[0]["status"], "out");
  EXPECT_TRUE(seen[0]["mission"].is_null());
  EXPECT_EQ(seen[1]["mission"]["id"], tonight_);
  // Greg is not on the gala: he cannot bring its unit back.
  EXPECT_EQ(Move(gala_, "return", {{{"unit_id", ids[0]}}}, greg_session_)->status, 404);
}

TEST_F(Units, SwitchingAStockLineToUnitsKeepsWhatIsOutAndInRepair) {
  const long long speakers =
      Create("/api/v1/equipment",
             {{"name", "Enceinte 12\""}, {"quantity_owned", 4}, {"storage_site_id", depot_}});
  auto mission =
      Create("/api/v1/missions", {{"title", "Anniversaire"},
                                  {"status", "confirmed"},
                                  {"starts_at", "2026-11-25T17:00:00Z"},
                                  {"ends_at", "2026-11-25T22:00:00Z"},
                                  {"equipment", {{{"item_id", speakers}, {"quantity", 2}}}}});
  ASSERT_EQ(
      Move(mission, "check-out", {{{"item_id", speakers}, {"quantity", 2}}}, manager_)->status,
      200);
  ASSERT_EQ(Send("POST", "/api/v1/equipment/" + std::to_string(speakers) + "/maintenance",
                 &manager_, {{"kind", "repair"}, {"quantity", 1}})
                ->status,
            201);
  auto switched = Send("PUT", "/api/v1/equipment/" + std::to_string(speakers), &manager_,
                       {{"name", "Enceinte 12\""},
                        {"quantity_owned", 4},
                        {"quantity_out_of_service", 1},
                        {"storage_site_id", depot_},
                        {"tracking", "unit"}});
  ASSERT_EQ(switched->status, 200) << switched->body;
  std::map<std::string, int> by_status;
  const auto units = UnitsOf(speakers, manager_);
  for (const auto& u : units) by_status[u["status"].get<std::string>()]++;
  EXPECT_EQ(by_status["out"], 2);
  EXPECT_EQ(by_status["maintenance"], 1);
  EXPECT_EQ(by_status["available"], 1);
  // The line's repair record, opened before the switch, puts a unit back when closed.
  const auto open = Json(Send(
      "GET", "/api/v1/maintenance?open=1&item_id=" + std::to_string(speakers), &manager_))["items"];
  ASSERT_EQ(open.size(), 1U);
  ASSERT_EQ(Send("POST",
                 "/api/v1/maintenance/" + std::to_string(open[0]["id"].get<long long>()) + "/close",
                 &manager_, {{"status", "done"}})
                ->status,
            200);
  EXPECT_EQ(Item(speakers)["quantity_out_of_service"], 0);
  // A unit put in maintenance by hand comes back with one action, its record closed.
  long long spare = 0;
  for (const auto& u : UnitsOf(speakers, manager_)) {
    if (u["status"] == "available") spare = u["id"].get<long long>();
  }
  ASSERT_EQ(Send("POST", "/api/v1/equipment/" + std::to_string(speakers) + "/maintenance",
                 &manager_, {{"kind", "check"}, {"unit_id", spare}})
                ->status,
            201);
  const std::string in_service =
      "/api/v1/equipment/units/" + std::to_string(spare) + "/back-in-service";
  auto serviced = Send("POST", in_service, &manager_);
  ASSERT_EQ(serviced->status, 200) << serviced->body;
  EXPECT_EQ(Json(serviced)["status"], "available");
  EXPECT_EQ(Unit(spare)["maintenance"][0]["status"], "done");
  EXPECT_EQ(Send("POST", in_service, &manager_)->status, 409);
  // The units out come back from their mission one by one.
  auto back = Move(mission, "return", {{{"item_id", speakers}, {"quantity", 2}}}, manager_);
  ASSERT_EQ(back->status, 200) << back->body;
  EXPECT_EQ(Json(back)["units"].size(), 0U);

  // Back to stock: the units are retired, the counts stay.
  auto stock = Send("PUT", "/api/v1/equipment/" + std::to_string(speakers), &manager_,
                    {{"name", "Enceinte 12\""},
                     {"quantity_owned", 4},
                     {"quantity_out_of_service", 1},
                     {"storage_site_id", depot_},
                     {"tracking", "stock"}});
  ASSERT_EQ(stock->status, 200) << stock->body;
  EXPECT_EQ(UnitsOf(speakers, manager_).size(), 0U);
  EXPECT_EQ(Item(speakers)["quantity_owned"], 4);
}

TEST_F(Units, PhotosOfItemsAndOfDamageAreImagesServedToMembersOnly) {
  auto put = [&](const std::string& path, const BrowserSession& who, const std::string& bytes) {
    auto client = Client();
    return client.Put(
        path, {{"Cookie", who.CookieHeader()}, {"X-CSRF-Token", who.csrf}, {"Origin", Origin()}},
        bytes, "image/png");
  };
  const std::string item = "/api/v1/equipment/" + std::to_string(lyres_);
  const std::string png = TestPng(64, 48);
  EXPECT_TRUE(Item(lyres_)["photo_url"].is_null());

  // What is not an image is refused, whatever it claims; crew may not set one.
  auto svg = put(item + "/photo", manager_, "<svg xmlns='http://www.w3.org/2000/svg'/>");
  EXPECT_EQ(svg->status, 422) << svg->body;
  EXPECT_EQ(Json(svg)["error"]["fields"][0]["field"], "photo");
  EXPECT_EQ(put(item + "/photo", greg_session_, png)->status, 403);
  EXPECT_EQ(put(item + "/photo", other_, png)->status, 404);

  auto saved = put(item + "/photo", manager_, png);
  ASSERT_EQ(saved->status, 200) << saved->body;
  const std::string url = Json(saved)["photo_url"];
  EXPECT_EQ(url.rfind(item + "/photo?v=", 0), 0U) << url;
  EXPECT_EQ(Item(lyres_)["photo_url"], url);
  auto served = Send("GET", url, &greg_session_);
  ASSERT_EQ(served->status, 200);
  EXPECT_EQ(served->body, png);
  EXPECT_EQ(served->get_header_value("Content-Type"), "image/png");
  bool sandboxed = false;  // on top of the server's own policy (browsers apply both)
  for (auto [it, end] = served->headers.equal_range("Content-Security-Policy"); it != end; ++it) {
    sandboxed = sandboxed || it->second.find("sandbox") != std::string::npos;
  }
  EXPECT_TRUE(sandboxed);
  EXPECT_EQ(Send("GET", url, &other_)->status, 404);
  EXPECT_EQ(Send("GET", url, nullptr)->status, 401);

  // A damaged unit's repair record gets the photo of the damage.
  auto ids = UnitIds();
  ASSERT_EQ(Move(tonight_, "check-out", {{{"unit_id", ids[0]}}}, manager_)->status, 200);
  ASSERT_EQ(
      Move(tonight_, "return", {{{"unit_id", ids[0]}, {"condition", "damaged"}}}, manager_)->status,
      200);
  const long long record = Unit(ids[0])["maintenance"][0]["id"].get<long long>();
  const std::string damage = "/api/v1/maintenance/" + std::to_string(record) + "/photo";
  auto shot = put(damage, manager_, TestPng(32, 32));
  ASSERT_EQ(shot->status, 200) << shot->body;
  EXPECT_EQ(Unit(ids[0])["maintenance"][0]["photo_url"], Json(shot)["photo_url"]);
  EXPECT_EQ(Send("GET", Json(shot)["photo_url"].get<std::string>(), &manager_)->body,
            TestPng(32, 32));
  EXPECT_EQ(put(damage, other_, png)->status, 404);

  // Removed: gone from the item and from its address.
  EXPECT_EQ(Send("DELETE", item + "/photo", &manager_)->status, 204);
  EXPECT_TRUE(Item(lyres_)["photo_url"].is_null());
  EXPECT_EQ(Send("GET", item + "/photo", &manager_)->status, 404);
  EXPECT_EQ(Send("GET", damage, &manager_)->status, 200);
}

}  // namespace
}  // namespace planify::testing
