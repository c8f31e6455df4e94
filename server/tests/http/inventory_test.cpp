// Kits, stock per depot and transfers, depots' wall displays and periodic checks over HTTP
// (docs/equipment.md, "Kits, depots and checks").
#include <gtest/gtest.h>

#include "app/equipment/inventory_service.hpp"
#include "http/auth_fixture.hpp"

namespace planify::testing {
namespace {

class Inventory : public AuthFixture {
 protected:
  void SetUp() override {
    AuthFixture::SetUp();
    org_ = SeedOrganization("Sono Pro");
    SeedMember(org_, "owner@sono.fr", "owner");
    SeedMember(org_, "manager@sono.fr", "manager");
    greg_ = SeedMember(org_, "greg@sono.fr", "dj").value;
    auto other = SeedOrganization("Sono B");
    SeedMember(other, "owner@b.fr", "owner");
    manager_ = SignIn("manager@sono.fr");
    greg_session_ = SignIn("greg@sono.fr");
    other_ = SignIn("owner@b.fr");
    depot_ = Create("/api/v1/storage-sites", {{"name", "Dépôt Villeurbanne"}});
    annex_ = Create("/api/v1/storage-sites", {{"name", "Annexe Lyon 7"}});
    speakers_ =
        Create("/api/v1/equipment",
               {{"name", "Enceinte 12\""}, {"quantity_owned", 6}, {"storage_site_id", depot_}});
    cables_ =
        Create("/api/v1/equipment",
               {{"name", "Câble XLR 10 m"}, {"quantity_owned", 20}, {"storage_site_id", depot_}});
    // Tonight's wedding (the fixture's clock reads 25 Nov 2026 14:00 UTC, 15:00 in Paris).
    tonight_ = Create(
        "/api/v1/missions",
        {{"title", "Mariage Martin"},
         {"status", "confirmed"},
         {"starts_at", "2026-11-25T17:00:00Z"},
         {"ends_at", "2026-11-25T22:00:00Z"},
         {"address", "Château de Pizay"},
         {"crew", {{{"user_id", greg_}, {"position", "dj"}, {"lead", true}}}},
         {"equipment",
          {{{"item_id", speakers_}, {"quantity", 4}}, {{"item_id", cables_}, {"quantity", 8}}}}});
  }

  long long Create(const std::string& path, const nlohmann::json& body) {
    auto res = Send("POST", path, &manager_, body);
    EXPECT_EQ(res->status, 201) << path << ": " << res->body;
    return Json(res)["id"].get<long long>();
  }

  httplib::Result Move(const std::string& what, nlohmann::json items, const BrowserSession& who) {
    return Send("POST", "/api/v1/missions/" + std::to_string(tonight_) + "/gear/" + what, &who,
                {{"items", std::move(items)}});
  }

  nlohmann::json Gear() {
    return Json(Send("GET", "/api/v1/missions/" + std::to_string(tonight_) + "/gear", &manager_));
  }

  static int Out(const nlohmann::json& gear, long long item) {
    for (const auto& row : gear["items"]) {
      if (row["item_id"] == item) return row["out"].get<int>();
    }
    return 0;
  }

  nlohmann::json Stock(long long item) {
    auto res = Send("GET", "/api/v1/equipment/" + std::to_string(item) + "/stock", &manager_);
    EXPECT_EQ(res->status, 200) << res->body;
    return Json(res);
  }

  static int At(const nlohmann::json& stock, long long site) {
    for (const auto& s : stock["sites"]) {
      if (s["site_id"] == site) return s["quantity"].get<int>();
    }
    return 0;
  }

  long long Count(const std::string& sql) {
    long long n = 0;
    auto lease = db_->Acquire();
    **lease << sql, soci::into(n);
    return n;
  }

  OrganizationId org_;
  long long greg_ = 0;
  long long depot_ = 0;
  long long annex_ = 0;
  long long speakers_ = 0;
  long long cables_ = 0;
  long long tonight_ = 0;
  BrowserSession manager_, greg_session_, other_;
};

TEST_F(Inventory, AKitGoesOutAndComesBackWithAllItsItems) {
  auto kit = Send(
      "POST", "/api/v1/equipment/kits", &manager_,
      {{"name", "Flight case DJ 1"},
       {"barcode", "FC-DJ-1"},
       {"storage_site_id", depot_},
       {"items",
        {{{"item_id", speakers_}, {"quantity", 2}}, {{"item_id", cables_}, {"quantity", 4}}}}});
  ASSERT_EQ(kit->status, 201) << kit->body;
  const auto created = Json(kit);
  const long long id = created["id"].get<long long>();
  EXPECT_EQ(created["short_code"], "KIT-" + std::to_string(id));
  EXPECT_EQ(created["available"], 3);  // 6 speakers / 2
  EXPECT_EQ(created["items"].size(), 2u);

  // Its label and its barcode name the kit.
  for (const std::string& code : {"KIT-" + std::to_string(id), std::string("FC-DJ-1"),
                                  "http://192.168.1.20/scanner/kit/" + std::to_string(id)}) {
    auto found =
        Send("GET", "/api/v1/equipment/lookup?code=" + httplib::detail::encode_query_param(code),
             &greg_session_);
    ASSERT_EQ(found->status, 200) << code << ": " << found->body;
    EXPECT_EQ(Json(found)["kind"], "kit") << code;
    EXPECT_EQ(Json(found)["kit_id"], id) << code;
    EXPECT_TRUE(Json(found)["item_id"].is_null()) << code;
  }
  // An item cannot take the kit's barcode, nor a second kit.
  auto clash = Send("PUT", "/api/v1/equipment/" + std::to_string(cables_), &manager_,
                    {{"name", "Câble XLR 10 m"}, {"quantity_owned", 20}, {"barcode", "FC-DJ-1"}});
  EXPECT_EQ(clash->status, 409) << clash->body;
  auto twin = Send("POST", "/api/v1/equipment/kits", &manager_,
                   {{"name", "Flight case DJ 2"},
                    {"barcode", "FC-DJ-1"},
                    {"items", {{{"item_id", speakers_}, {"quantity", 1}}}}});
  EXPECT_EQ(twin->status, 409) << twin->body;

  // The DJ on the mission checks the kit out: every item goes, each journal line names the kit.
  auto out = Move("check-out", {{{"kit_id", id}, {"quantity", 1}}}, greg_session_);
  ASSERT_EQ(out->status, 200) << out->body;
  auto gear = Json(out);
  EXPECT_EQ(Out(gear, speakers_), 2);
  EXPECT_EQ(Out(gear, cables_), 4);
  ASSERT_EQ(gear["movements"].size(), 2u);
  for (const auto& m : gear["movements"]) {
    EXPECT_EQ(m["kit_id"], id);
    EXPECT_EQ(m["kit_name"], "Flight case DJ 1");
  }
  EXPECT_EQ(
      Json(Send("GET", "/api/v1/equipment/kits/" + std::to_string(id), &manager_))["available"], 2);

  // Two more kits need 4 more speakers: 4 are on the shelf, but 8 cables need... 16 are there.
  // Three more would need 6 speakers: refused on the kit's line, nothing written.
  const auto movements = Count("SELECT count(*) FROM equipment_movements");
  auto refused = Move("check-out",
                      {{{"item_id", cables_}, {"quantity", 1}}, {{"kit_id", id}, {"quantity", 3}}},
                      greg_session_);
  ASSERT_EQ(refused->status, 409) << refused->body;
  EXPECT_EQ(Json(refused)["error"]["fields"][0]["field"], "items[1].quantity");
  EXPECT_EQ(Count("SELECT count(*) FROM equipment_movements"), movements);
  EXPECT_EQ(Out(Gear(), cables_), 4);

  // Back in one scan, the speakers damaged: both go to the repairer.
  auto back =
      Move("return", {{{"kit_id", id}, {"quantity", 1}, {"condition", "damaged"}}}, greg_session_);
  ASSERT_EQ(back->status, 200) << back->body;
  EXPECT_EQ(Out(Json(back), speakers_), 0);
  EXPECT_EQ(Out(Json(back), cables_), 0);
  auto open = Json(Send("GET", "/api/v1/maintenance?open=1", &manager_))["items"];
  EXPECT_EQ(open.size(), 2u);

  // Archived: its label no longer resolves and it cannot go out.
  ASSERT_EQ(
      Send("POST", "/api/v1/equipment/kits/" + std::to_string(id) + "/archive", &manager_)->status,
      204);
  EXPECT_EQ(
      Send("GET", "/api/v1/equipment/lookup?code=KIT-" + std::to_string(id), &manager_)->status,
      404);
  auto archived = Move("check-out", {{{"kit_id", id}, {"quantity", 1}}}, manager_);
  ASSERT_EQ(archived->status, 422) << archived->body;
  EXPECT_EQ(Json(archived)["error"]["fields"][0]["field"], "items[0].kit_id");
  EXPECT_EQ(Json(Send("GET", "/api/v1/equipment/kits", &manager_))["items"].size(), 0u);
  EXPECT_EQ(Json(Send("GET", "/api/v1/equipment/kits?archived=true", &manager_))["items"].size(),
            1u);
  // Another organisation sees nothing, and cannot name the kit in a batch.
  EXPECT_EQ(Send("GET", "/api/v1/equipment/kits/" + std::to_string(id), &other_)->status, 404);
}

TEST_F(Inventory, KitsAreValidatedFieldByField) {
  auto bad = Send("POST", "/api/v1/equipment/kits", &manager_,
                  {{"name", " "},
                   {"items",
                    {{{"item_id", speakers_}, {"quantity", 0}},
                     {{"item_id", speakers_}, {"quantity", 1}},
                     {{"item_id", 987654}, {"quantity", 1}}}}});
  ASSERT_EQ(bad->status, 422) << bad->body;
  std::set<std::string> fields;
  const auto body = Json(bad);
  for (const auto& f : body["error"]["fields"]) fields.insert(f["field"].get<std::string>());
  EXPECT_TRUE(fields.contains("name")) << bad->body;
  EXPECT_TRUE(fields.contains("items[0].quantity"));
  EXPECT_TRUE(fields.contains("items[1].item_id"));
  EXPECT_EQ(
      Send("POST", "/api/v1/equipment/kits", &manager_, {{"name", "Vide"}, {"items", {}}})->status,
      422);
  EXPECT_EQ(Count("SELECT count(*) FROM equipment_kits"), 0);
}

TEST_F(Inventory, TransfersMoveUnitsBetweenDepotsWithinWhatEachHolds) {
  auto stock = Stock(speakers_);
  EXPECT_EQ(At(stock, depot_), 6);
  const std::string path = "/api/v1/equipment/" + std::to_string(speakers_) + "/transfer";
  auto moved = Send("POST", path, &manager_,
                    {{"from_site_id", depot_},
                     {"to_site_id", annex_},
                     {"quantity", 2},
                     {"notes", "Pour le salon"}});
  ASSERT_EQ(moved->status, 200) << moved->body;
  EXPECT_EQ(At(Json(moved), depot_), 4);
  EXPECT_EQ(At(Json(moved), annex_), 2);

  // The annex holds 2: 3 cannot come back; the same depot twice is a mistake.
  auto too_many = Send("POST", path, &manager_,
                       {{"from_site_id", annex_}, {"to_site_id", depot_}, {"quantity", 3}});
  ASSERT_EQ(too_many->status, 409) << too_many->body;
  EXPECT_NE(too_many->body.find("2 unités"), std::string::npos) << too_many->body;
  EXPECT_EQ(Send("POST", path, &manager_,
                 {{"from_site_id", annex_}, {"to_site_id", annex_}, {"quantity", 1}})
                ->status,
            422);
  EXPECT_EQ(Send("POST", path, &manager_, {{"to_site_id", annex_}, {"quantity", 1}})->status, 422);
  // DJs do not move stock between depots.
  EXPECT_EQ(Send("POST", path, &greg_session_,
                 {{"from_site_id", depot_}, {"to_site_id", annex_}, {"quantity", 1}})
                ->status,
            403);

  // The journal shows the transfer with both depots.
  auto journal = Json(Send("GET", "/api/v1/equipment/" + std::to_string(speakers_) + "/movements",
                           &manager_))["items"];
  ASSERT_GE(journal.size(), 1u);
  EXPECT_EQ(journal[0]["kind"], "transfer");
  EXPECT_EQ(journal[0]["from_site_name"], "Dépôt Villeurbanne");
  EXPECT_EQ(journal[0]["to_site_name"], "Annexe Lyon 7");
  EXPECT_EQ(journal[0]["quantity"], 2);

  // Owning fewer: the home depot gives up its units first, then the annex.
  auto edited =
      Send("PUT", "/api/v1/equipment/" + std::to_string(speakers_), &manager_,
           {{"name", "Enceinte 12\""}, {"quantity_owned", 1}, {"storage_site_id", depot_}});
  ASSERT_EQ(edited->status, 200) << edited->body;
  stock = Stock(speakers_);
  EXPECT_EQ(At(stock, depot_), 0);
  EXPECT_EQ(At(stock, annex_), 1);
  // The annex becomes home: its units are home units.
  edited = Send("PUT", "/api/v1/equipment/" + std::to_string(speakers_), &manager_,
                {{"name", "Enceinte 12\""}, {"quantity_owned", 3}, {"storage_site_id", annex_}});
  ASSERT_EQ(edited->status, 200) << edited->body;
  stock = Stock(speakers_);
  EXPECT_EQ(At(stock, annex_), 3);
  EXPECT_EQ(stock["sites"].size(), 1u);
}

TEST_F(Inventory, TheDepotDisplayShowsTodayWithoutASessionUntilRevoked) {
  ASSERT_EQ(Move("check-out", {{{"item_id", cables_}, {"quantity", 8}}}, greg_session_)->status,
            200);
  ASSERT_EQ(Send("POST", "/api/v1/equipment/" + std::to_string(speakers_) + "/maintenance",
                 &manager_, {{"kind", "repair"}, {"quantity", 1}})
                ->status,
            201);
  const std::string site = "/api/v1/storage-sites/" + std::to_string(depot_) + "/display";
  EXPECT_EQ(Json(Send("GET", site, &manager_))["active"], false);
  auto issued = Send("POST", site, &manager_);
  ASSERT_EQ(issued->status, 201) << issued->body;
  const std::string token = Json(issued)["token"];
  EXPECT_EQ(Json(issued)["url"], "http://planify.test/affichage/" + token);
  EXPECT_EQ(Json(Send("GET", site, &manager_))["active"], true);
  // Stored as a hash only.
  EXPECT_EQ(Count("SELECT count(*) FROM storage_sites WHERE display_token_hash = '" + token + "'"),
            0);

  auto shown = Send("GET", "/api/v1/display/" + token, nullptr);
  ASSERT_EQ(shown->status, 200) << shown->body;
  EXPECT_EQ(shown->get_header_value("Cache-Control"), "no-store");
  auto view = Json(shown);
  EXPECT_EQ(view["site"], "Dépôt Villeurbanne");
  EXPECT_EQ(view["organization"], "Sono Pro");
  ASSERT_EQ(view["departures"].size(), 1u);
  EXPECT_EQ(view["departures"][0]["title"], "Mariage Martin");
  EXPECT_EQ(view["departures"][0]["address"], "Château de Pizay");
  EXPECT_EQ(view["departures"][0]["lines"].size(), 2u);
  ASSERT_EQ(view["returns"].size(), 1u);  // it also ends tonight
  ASSERT_EQ(view["out"].size(), 1u);
  EXPECT_EQ(view["out"][0]["quantity"], 8);
  ASSERT_EQ(view["maintenance"].size(), 1u);
  // No prices, no client, no internal notes on a wall screen.
  EXPECT_EQ(shown->body.find("price"), std::string::npos);
  EXPECT_EQ(shown->body.find("client"), std::string::npos);

  // The annex's display shows none of it.
  auto annex =
      Send("POST", "/api/v1/storage-sites/" + std::to_string(annex_) + "/display", &manager_);
  auto annex_view =
      Json(Send("GET", "/api/v1/display/" + Json(annex)["token"].get<std::string>(), nullptr));
  EXPECT_EQ(annex_view["departures"].size(), 0u);
  EXPECT_EQ(annex_view["out"].size(), 0u);

  // A new token retires the old one; revoking retires the new one.
  auto again = Send("POST", site, &manager_);
  EXPECT_EQ(Send("GET", "/api/v1/display/" + token, nullptr)->status, 404);
  const std::string second = Json(again)["token"];
  EXPECT_EQ(Send("GET", "/api/v1/display/" + second, nullptr)->status, 200);
  EXPECT_EQ(Send("DELETE", site, &manager_)->status, 204);
  EXPECT_EQ(Send("GET", "/api/v1/display/" + second, nullptr)->status, 404);
  EXPECT_EQ(Send("GET", "/api/v1/display/dsp_" + std::string(48, 'z'), nullptr)->status, 404);
  EXPECT_EQ(Send("GET", "/api/v1/display/x", nullptr)->status, 404);
  // Only managers issue tokens; another organisation's depot is not found.
  EXPECT_EQ(Send("POST", site, &greg_session_)->status, 403);
  EXPECT_EQ(Send("POST", site, &other_)->status, 404);
}

TEST_F(Inventory, PeriodicChecksFallDueAndManagersAreToldOnce) {
  auto lyre =
      Send("POST", "/api/v1/equipment", &manager_,
           {{"name", "Lyre Beam 230"}, {"quantity_owned", 2}, {"maintenance_interval_days", 180}});
  ASSERT_EQ(lyre->status, 201) << lyre->body;
  const long long id = Json(lyre)["id"].get<long long>();
  EXPECT_EQ(Json(lyre)["maintenance_interval_days"], 180);
  EXPECT_EQ(Send("POST", "/api/v1/equipment", &manager_,
                 {{"name", "X"}, {"maintenance_interval_days", 0}})
                ->status,
            422);
  // Created today: due in 180 days, not within the next fortnight.
  EXPECT_EQ(Json(Send("GET", "/api/v1/maintenance/due", &manager_))["items"].size(), 0u);
  auto year = Json(Send("GET", "/api/v1/maintenance/due?within=200", &manager_))["items"];
  ASSERT_EQ(year.size(), 1u);
  EXPECT_EQ(year[0]["due_on"], "2027-05-24");
  EXPECT_EQ(Send("GET", "/api/v1/maintenance/due?within=999", &manager_)->status, 422);

  // A check done today that says the next one is due last week: overdue now.
  auto check = Send("POST", "/api/v1/equipment/" + std::to_string(id) + "/maintenance", &manager_,
                    {{"kind", "check"}, {"quantity", 1}});
  ASSERT_EQ(check->status, 201);
  auto closed =
      Send("POST",
           "/api/v1/maintenance/" + std::to_string(Json(check)["id"].get<long long>()) + "/close",
           &manager_, {{"status", "done"}, {"next_due_on", "2026-11-20"}});
  ASSERT_EQ(closed->status, 200) << closed->body;
  auto due = Json(Send("GET", "/api/v1/maintenance/due", &greg_session_))["items"];
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0]["due_on"], "2026-11-20");
  EXPECT_EQ(due[0]["overdue"], true);

  // The daily notice goes to the owner and the manager, not to the DJ.
  const auto before = Count("SELECT count(*) FROM emails");
  app::InventoryService service(*db_, clock_, "http://planify.test");
  auto sent = service.NotifyDueChecks();
  ASSERT_TRUE(sent) << sent.error().message;
  EXPECT_EQ(*sent, 2);
  EXPECT_EQ(Count("SELECT count(*) FROM emails"), before + 2);
  EXPECT_EQ(Count("SELECT count(*) FROM emails WHERE to_address = 'greg@sono.fr'"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM emails WHERE subject LIKE '%Contrôles%'"), 2);
}

TEST_F(Inventory, AnItemsCalendarListsTheMissionsHoldingItCrewSeeTheirsOnly) {
  // Another mission holds the speakers next week without Greg; a canceled one is left out.
  const long long gala =
      Create("/api/v1/missions", {{"title", "Gala Lumière"},
                                  {"status", "planned"},
                                  {"starts_at", "2026-12-02T18:00:00Z"},
                                  {"ends_at", "2026-12-02T23:00:00Z"},
                                  {"equipment", {{{"item_id", speakers_}, {"quantity", 2}}}}});
  const long long canceled =
      Create("/api/v1/missions", {{"title", "Annulé"},
                                  {"status", "confirmed"},
                                  {"starts_at", "2026-12-03T18:00:00Z"},
                                  {"ends_at", "2026-12-03T23:00:00Z"},
                                  {"equipment", {{{"item_id", speakers_}, {"quantity", 1}}}}});
  ASSERT_EQ(Send("POST", "/api/v1/missions/" + std::to_string(canceled) + "/status", &manager_,
                 {{"status", "canceled"}})
                ->status,
            200);
  const std::string path = "/api/v1/equipment/" + std::to_string(speakers_) +
                           "/missions?from=2026-11-01T00:00:00Z&to=2026-12-31T00:00:00Z";
  auto all = Json(Send("GET", path, &manager_))["items"];
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["id"], tonight_);
  EXPECT_EQ(all[0]["booked"], 4);
  EXPECT_EQ(all[1]["id"], gala);
  auto mine = Json(Send("GET", path, &greg_session_))["items"];
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["id"], tonight_);
  EXPECT_EQ(Send("GET",
                 "/api/v1/equipment/" + std::to_string(speakers_) +
                     "/missions?from=2026-11-01T00:00:00Z&to=2028-01-01T00:00:00Z",
                 &manager_)
                ->status,
            422);
  EXPECT_EQ(Send("GET", path, &other_)->status, 404);
}

TEST_F(Inventory, CategoriesAreAManagedListRenamedOnTheirItems) {
  // Items typed with a category put it on the list.
  auto lyre = Send("POST", "/api/v1/equipment", &manager_,
                   {{"name", "Lyre Beam 230"},
                    {"category", "Lumière"},
                    {"brand", "Showtec"},
                    {"model", "Shark Beam"},
                    {"vat_rate_bp", 2000},
                    {"replacement_value_cents", 89900},
                    {"weight_grams", 15500}});
  ASSERT_EQ(lyre->status, 201) << lyre->body;
  const auto item = Json(lyre);
  EXPECT_EQ(item["brand"], "Showtec");
  EXPECT_EQ(item["replacement_value_cents"], 89900);
  EXPECT_EQ(item["weight_grams"], 15500);
  EXPECT_TRUE(
      Json(Send("GET", "/api/v1/equipment/" + std::to_string(speakers_), &manager_))["vat_rate_bp"]
          .is_null());
  // Found by brand and model.
  EXPECT_EQ(Json(Send("GET", "/api/v1/equipment?q=shark", &manager_))["total"], 1);
  EXPECT_EQ(Send("POST", "/api/v1/equipment", &manager_,
                 {{"name", "X"}, {"vat_rate_bp", 10001}, {"weight_grams", -1}})
                ->status,
            422);

  auto list = Json(Send("GET", "/api/v1/equipment-categories", &manager_))["items"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["name"], "Lumière");
  EXPECT_EQ(list[0]["items"], 1);
  const long long light = list[0]["id"].get<long long>();

  auto video = Send("POST", "/api/v1/equipment-categories", &manager_,
                    {{"name", " Vidéo "}, {"position", 2}});
  ASSERT_EQ(video->status, 201) << video->body;
  EXPECT_EQ(Json(video)["name"], "Vidéo");
  EXPECT_EQ(Send("POST", "/api/v1/equipment-categories", &manager_, {{"name", "Vidéo"}})->status,
            409);
  EXPECT_EQ(Send("POST", "/api/v1/equipment-categories", &manager_, {{"name", ""}})->status, 422);
  EXPECT_EQ(Send("POST", "/api/v1/equipment-categories", &greg_session_, {{"name", "Son"}})->status,
            403);

  // Renamed: its items follow, and are found under the new name.
  auto renamed = Send("PATCH", "/api/v1/equipment-categories/" + std::to_string(light), &manager_,
                      {{"name", "Éclairage"}, {"position", 1}});
  ASSERT_EQ(renamed->status, 200) << renamed->body;
  EXPECT_EQ(Json(Send("GET", "/api/v1/equipment/" + item["id"].dump(), &manager_))["category"],
            "Éclairage");
  EXPECT_EQ(Json(Send("GET", "/api/v1/equipment?q=eclairage", &manager_))["total"], 1);
  EXPECT_EQ(Send("PATCH", "/api/v1/equipment-categories/" + std::to_string(light), &manager_,
                 {{"name", "Vidéo"}})
                ->status,
            409);
  auto names = Json(Send("GET", "/api/v1/equipment/categories", &manager_))["items"];
  EXPECT_EQ(names, (nlohmann::json{"Éclairage", "Vidéo"}));

  // A category holding items stays; an empty one goes.
  EXPECT_EQ(
      Send("DELETE", "/api/v1/equipment-categories/" + std::to_string(light), &manager_)->status,
      409);
  EXPECT_EQ(
      Send("DELETE", "/api/v1/equipment-categories/" + Json(video)["id"].dump(), &manager_)->status,
      204);
  EXPECT_EQ(
      Send("DELETE", "/api/v1/equipment-categories/" + std::to_string(light), &other_)->status,
      404);
}

TEST_F(Inventory, TheInventoryFiltersByDepotAndByState) {
  auto names = [&](const std::string& query) {
    auto res = Send("GET", "/api/v1/equipment?" + query, &manager_);
    EXPECT_EQ(res->status, 200) << query << ": " << res->body;
    std::vector<std::string> out;
    const auto body = Json(res);
    for (const auto& row : body["items"]) out.push_back(row["name"].get<std::string>());
    return out;
  };
  const std::vector<std::string> cables{"Câble XLR 10 m"};
  const std::vector<std::string> speakers{"Enceinte 12\""};
  ASSERT_EQ(Send("POST", "/api/v1/equipment/" + std::to_string(cables_) + "/transfer", &manager_,
                 {{"from_site_id", depot_}, {"to_site_id", annex_}, {"quantity", 5}})
                ->status,
            200);
  EXPECT_EQ(names("site_id=" + std::to_string(annex_)), cables);
  EXPECT_EQ(names("site_id=" + std::to_string(depot_)).size(), 2U);
  ASSERT_EQ(Move("check-out", {{{"item_id", speakers_}, {"quantity", 2}}}, manager_)->status, 200);
  EXPECT_EQ(names("state=out"), speakers);
  ASSERT_EQ(Send("POST", "/api/v1/equipment/" + std::to_string(cables_) + "/maintenance", &manager_,
                 {{"kind", "repair"}, {"quantity", 1}})
                ->status,
            201);
  EXPECT_EQ(names("state=maintenance"), cables);
  EXPECT_EQ(names("state=available").size(), 2U);
  EXPECT_TRUE(names("state=retired").empty());
  EXPECT_EQ(names("state=out&site_id=" + std::to_string(annex_)).size(), 0U);
  EXPECT_EQ(Send("GET", "/api/v1/equipment?state=lost", &manager_)->status, 422);
  EXPECT_EQ(Send("GET", "/api/v1/equipment?site_id=x", &manager_)->status, 422);
}

TEST_F(Inventory, UnitsLostFromTheDepotAndFoundAgain) {
  const std::string cables = "/api/v1/equipment/" + std::to_string(cables_);
  // 20 owned, 8 out with tonight's wedding: 12 on the shelf may be declared lost.
  ASSERT_EQ(Move("check-out", {{{"item_id", cables_}, {"quantity", 8}}}, manager_)->status, 200);
  EXPECT_EQ(Send("POST", cables + "/loss", &manager_, {{"quantity", 13}})->status, 409);
  EXPECT_EQ(Send("POST", cables + "/loss", &manager_, {{"quantity", 0}})->status, 422);
  EXPECT_EQ(Send("POST", cables + "/loss", &manager_, {{"quantity", "x"}})->status, 422);
  EXPECT_EQ(Send("POST", cables + "/loss", &greg_session_, {{"quantity", 1}})->status, 403);
  EXPECT_EQ(Send("POST", cables + "/loss", &other_, {{"quantity", 1}})->status, 404);
  auto lost = Send("POST", cables + "/loss", &manager_, {{"quantity", 2}, {"notes", "Volés"}});
  ASSERT_EQ(lost->status, 200) << lost->body;
  EXPECT_EQ(Json(lost)["quantity_owned"], 18);
  // Found again: never more than was lost.
  EXPECT_EQ(Send("POST", cables + "/found", &manager_, {{"quantity", 3}})->status, 409);
  auto found = Send("POST", cables + "/found", &manager_, {{"quantity", 2}});
  ASSERT_EQ(found->status, 200) << found->body;
  EXPECT_EQ(Json(found)["quantity_owned"], 20);
  const auto journal = Json(Send("GET", cables + "/movements", &manager_));
  EXPECT_EQ(journal["items"][0]["kind"], "found");
  EXPECT_EQ(journal["items"][1]["kind"], "loss");
  EXPECT_EQ(journal["items"][1]["notes"], "Volés");
}

}  // namespace
}  // namespace planify::testing
