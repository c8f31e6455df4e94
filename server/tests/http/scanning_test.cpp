// Labels and scanning over HTTP (docs/equipment.md, "Labels and scanning"): printed QR sheets
// read back with a real decoder, legacy labels, codes from any host, the scan view.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "http/auth_fixture.hpp"
#include "store/legacy_import_repository.hpp"
#include "store/logistics_repository.hpp"

namespace planify::testing {
namespace {

class Scanning : public AuthFixture {
 protected:
  void SetUp() override {
    AuthFixture::SetUp();
    org_ = SeedOrganization("Sono Pro");
    SeedMember(org_, "owner@sono.fr", "owner");
    SeedMember(org_, "manager@sono.fr", "manager");
    greg_ = SeedMember(org_, "greg@sono.fr", "dj").value;
    SeedMember(org_, "tom@sono.fr", "technician");
    SeedMember(SeedOrganization("Sono B"), "owner@b.fr", "owner");
    manager_ = SignIn("manager@sono.fr");
    greg_session_ = SignIn("greg@sono.fr");
    tom_ = SignIn("tom@sono.fr");
    other_ = SignIn("owner@b.fr");
    speakers_ = Item("Enceinte 12\"", "");
  }

  long long Item(const std::string& name, const std::string& barcode) {
    nlohmann::json body{{"name", name}, {"category", "Son"}, {"quantity_owned", 6}};
    if (!barcode.empty()) body["barcode"] = barcode;
    auto res = Send("POST", "/api/v1/equipment", &manager_, body);
    EXPECT_EQ(res->status, 201) << res->body;
    return Json(res)["id"].get<long long>();
  }

  long long Mission(const std::string& title, const std::string& starts_at,
                    const std::string& ends_at) {
    auto res = Send("POST", "/api/v1/missions", &manager_,
                    {{"title", title},
                     {"status", "confirmed"},
                     {"starts_at", starts_at},
                     {"ends_at", ends_at},
                     {"crew", {{{"user_id", greg_}, {"position", "dj"}, {"lead", true}}}},
                     {"equipment", {{{"item_id", speakers_}, {"quantity", 2}}}}});
    EXPECT_EQ(res->status, 201) << res->body;
    return Json(res)["id"].get<long long>();
  }

  httplib::Result Lookup(const std::string& code, const BrowserSession& who) {
    return Send("GET", "/api/v1/equipment/lookup?code=" + httplib::detail::encode_query_param(code),
                &who);
  }

  // Every QR code a real decoder finds on the PDF's pages, rasterised at 200 dpi.
  std::multiset<std::string> DecodeQrCodes(const std::string& pdf, const std::string& name) {
    auto path = dir_.path() / (name + ".pdf");
    std::ofstream(path, std::ios::binary) << pdf;
    auto prefix = dir_.path() / name;
    std::string raster =
        "pdftoppm -r 200 -gray -png '" + path.string() + "' '" + prefix.string() + "'";
    EXPECT_EQ(std::system(raster.c_str()), 0) << raster;
    std::multiset<std::string> codes;
    for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
      const auto file = entry.path().filename().string();
      if (file.rfind(name + "-", 0) != 0 || entry.path().extension() != ".png") continue;
      std::string decode = "zbarimg --quiet --raw -Sdisable -Sqrcode.enable '" +
                           entry.path().string() + "' 2>/dev/null";
      FILE* pipe = popen(decode.c_str(), "r");
      EXPECT_NE(pipe, nullptr) << "zbarimg (zbar-tools, installed by scripts/bootstrap)";
      if (pipe == nullptr) continue;
      std::string output;
      char buffer[4096];
      while (auto n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
      EXPECT_EQ(pclose(pipe), 0) << decode << "\n" << output;
      std::istringstream lines(output);
      for (std::string line; std::getline(lines, line);) {
        if (!line.empty()) codes.insert(line);
      }
    }
    return codes;
  }

  int Pages(const std::string& name) {
    int pages = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
      const auto file = entry.path().filename().string();
      if (file.rfind(name + "-", 0) == 0 && entry.path().extension() == ".png") ++pages;
    }
    return pages;
  }

  static std::string Url(long long id) {
    return "http://planify.test/scanner/materiel/" + std::to_string(id);
  }

  OrganizationId org_;
  long long greg_ = 0;
  long long speakers_ = 0;
  BrowserSession manager_, greg_session_, tom_, other_;
};

TEST_F(Scanning, ALegacyLabelReachesItsItemOnceTheImportMappedIt) {
  // A phone's camera app opens the printed URL: the server sends it to the web scanner.
  auto hop = Send("GET", "/materiels/scan/selection/17", nullptr);
  ASSERT_EQ(hop->status, 302) << hop->body;
  // (httplib's client hands the Location header over percent-decoded.)
  EXPECT_EQ(hop->get_header_value("Location"), "/scanner?code=/materiels/scan/selection/17");
  auto action = Send("GET", "/materiels/qrcode/scan/17", nullptr);
  ASSERT_EQ(action->status, 302);
  EXPECT_EQ(action->get_header_value("Location"), "/scanner?code=/materiels/qrcode/scan/17");
  EXPECT_EQ(Send("GET", "/materiels/scan/selection/abc", nullptr)->status, 404);

  // Before the import, the label names nothing; after, the scanner resolves it, whatever host
  // the old app printed.
  const std::string printed = "http://192.168.1.20:5000/materiels/scan/selection/17";
  EXPECT_EQ(Lookup(printed, manager_)->status, 404);
  {
    auto lease = db_->Acquire();
    store::LegacyImportRepository(*lease).Map(org_, "materiels", 17, speakers_);
  }
  for (const std::string& code : {printed, std::string("/materiels/scan/selection/17"),
                                  std::string("https://old.example/materiels/qrcode/scan/17")}) {
    auto found = Lookup(code, manager_);
    ASSERT_EQ(found->status, 200) << code << " " << found->body;
    EXPECT_EQ(Json(found)["item_id"], speakers_);
    EXPECT_EQ(Json(found)["matched_by"], "legacy_label");
  }
  // The mapping belongs to the organisation that imported it.
  EXPECT_EQ(Lookup(printed, other_)->status, 404);
  // Without a session, the API says nothing.
  EXPECT_EQ(
      Send("GET", "/api/v1/equipment/lookup?code=%2Fmateriels%2Fscan%2Fselection%2F17", nullptr)
          ->status,
      401);
}

TEST_F(Scanning, LabelsShortCodesAndBarcodesNameTheirItem) {
  const long long mixer = Item("Table de mixage", "3760123456789");
  auto by_barcode = Lookup("  3760123456789\r\n", greg_session_);
  ASSERT_EQ(by_barcode->status, 200) << by_barcode->body;
  EXPECT_EQ(Json(by_barcode)["item_id"], mixer);
  EXPECT_EQ(Json(by_barcode)["matched_by"], "barcode");
  for (const std::string& code :
       {"MAT-" + std::to_string(mixer), Url(mixer),
        "https://192.168.0.4/scanner/materiel/" + std::to_string(mixer)}) {
    auto found = Lookup(code, greg_session_);
    ASSERT_EQ(found->status, 200) << code;
    EXPECT_EQ(Json(found)["item_id"], mixer);
    EXPECT_EQ(Json(found)["matched_by"], "label");
  }
  auto item = Json(Send("GET", "/api/v1/equipment/" + std::to_string(mixer), &manager_));
  EXPECT_EQ(item["barcode"], "3760123456789");
  EXPECT_EQ(item["short_code"], "MAT-" + std::to_string(mixer));

  EXPECT_EQ(Lookup("inconnu-42", manager_)->status, 404);
  EXPECT_EQ(Lookup("MAT-" + std::to_string(mixer), other_)->status, 404);
  auto empty = Lookup("  ", manager_);
  EXPECT_EQ(empty->status, 422);
  EXPECT_EQ(Json(empty)["error"]["fields"][0]["field"], "code");

  // One barcode, one item: a second is refused and nothing is written.
  const long long before = Count("equipment_items");
  auto twice = Send("POST", "/api/v1/equipment", &manager_,
                    {{"name", "Autre table"}, {"quantity_owned", 1}, {"barcode", "3760123456789"}});
  ASSERT_EQ(twice->status, 409) << twice->body;
  EXPECT_EQ(Json(twice)["error"]["fields"][0]["field"], "barcode");
  auto spaced = Send("POST", "/api/v1/equipment", &manager_,
                     {{"name", "Autre table"}, {"quantity_owned", 1}, {"barcode", "37 60"}});
  EXPECT_EQ(spaced->status, 422);
  EXPECT_EQ(Count("equipment_items"), before);
  // Moving a barcode onto another item is refused too; keeping one's own is fine.
  auto moved =
      Send("PUT", "/api/v1/equipment/" + std::to_string(speakers_), &manager_,
           {{"name", "Enceinte 12\""}, {"quantity_owned", 6}, {"barcode", "3760123456789"}});
  EXPECT_EQ(moved->status, 409);
  auto kept =
      Send("PUT", "/api/v1/equipment/" + std::to_string(mixer), &manager_,
           {{"name", "Table de mixage DJM"}, {"quantity_owned", 6}, {"barcode", "3760123456789"}});
  EXPECT_EQ(kept->status, 200) << kept->body;
  // Another organisation may use the same barcode for its own gear.
  EXPECT_EQ(Send("POST", "/api/v1/equipment", &other_,
                 {{"name", "Table"}, {"quantity_owned", 1}, {"barcode", "3760123456789"}})
                ->status,
            201);
}

TEST_F(Scanning, TheScanViewShowsWhoHasTheItemAndWhereItMayGo) {
  // The fixture's clock reads 25 Nov 2026 14:00 UTC.
  const long long last_night =
      Mission("Mariage Martin", "2026-11-24T18:00:00Z", "2026-11-24T23:00:00Z");
  const long long tomorrow = Mission("Gala", "2026-11-26T18:00:00Z", "2026-11-26T23:00:00Z");
  Mission("Festival", "2026-12-20T18:00:00Z", "2026-12-20T23:00:00Z");  // too far ahead
  auto out = Send("POST", "/api/v1/missions/" + std::to_string(last_night) + "/gear/check-out",
                  &greg_session_, {{"items", {{{"item_id", speakers_}, {"quantity", 2}}}}});
  ASSERT_EQ(out->status, 200) << out->body;

  const std::string path = "/api/v1/equipment/" + std::to_string(speakers_) + "/scan";
  auto view = Json(Send("GET", path, &greg_session_));
  EXPECT_EQ(view["item"]["id"], speakers_);
  EXPECT_EQ(view["on_shelf"], 4);
  ASSERT_EQ(view["out"].size(), 1u);
  EXPECT_EQ(view["out"][0]["mission_id"], last_night);
  EXPECT_EQ(view["out"][0]["quantity"], 2);
  EXPECT_EQ(view["out_elsewhere"], 0);
  ASSERT_EQ(view["missions"].size(), 2u) << view.dump();
  EXPECT_EQ(view["missions"][0]["id"], last_night);
  EXPECT_EQ(view["missions"][0]["out"], 2);
  EXPECT_EQ(view["missions"][1]["id"], tomorrow);
  EXPECT_EQ(view["missions"][1]["booked"], 2);

  // A technician on none of these missions sees the counts, not the missions.
  auto outsider = Json(Send("GET", path, &tom_));
  EXPECT_TRUE(outsider["out"].empty());
  EXPECT_EQ(outsider["out_elsewhere"], 2);
  EXPECT_TRUE(outsider["missions"].empty());
  EXPECT_EQ(Send("GET", path, &other_)->status, 404);
}

TEST_F(Scanning, EveryQrCodeOnAPrintedSheetDecodesToItsItem) {
  std::vector<long long> ids{speakers_, Item("Lyre Beam 230", ""),
                             Item("Câble XLR 10 m — lot de 12 avec un nom très long pour voir", ""),
                             Item("Pied d'enceinte", "4006381333931")};
  std::string list;
  for (long long id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);

  auto small = Send("GET", "/api/v1/equipment/labels?layout=4x10&skip=2&ids=" + list, &manager_);
  ASSERT_EQ(small->status, 200) << small->body;
  EXPECT_EQ(small->get_header_value("Content-Type"), "application/pdf");
  ASSERT_EQ(small->body.rfind("%PDF-", 0), 0u);
  std::multiset<std::string> expected;
  for (long long id : ids) expected.insert(Url(id));
  EXPECT_EQ(DecodeQrCodes(small->body, "small"), expected);

  // A whole catalogue on 3 × 8 sheets: 30 labels, two pages, each code once.
  for (int i = 0; i < 26; ++i) ids.push_back(Item("Projecteur PAR " + std::to_string(i), ""));
  auto sheet = Send("GET", "/api/v1/equipment/labels?layout=3x8", &manager_);
  ASSERT_EQ(sheet->status, 200) << sheet->body;
  expected.clear();
  for (long long id : ids) expected.insert(Url(id));
  EXPECT_EQ(DecodeQrCodes(sheet->body, "sheet"), expected);
  EXPECT_EQ(Pages("sheet"), 2);

  // One label per page for a label printer.
  auto single = Send("GET", "/api/v1/equipment/labels?layout=single&ids=" + std::to_string(ids[1]),
                     &manager_);
  ASSERT_EQ(single->status, 200);
  EXPECT_EQ(DecodeQrCodes(single->body, "single"), std::multiset<std::string>{Url(ids[1])});
  EXPECT_EQ(Pages("single"), 1);

  // A kit's label with two items' on one sheet: the kit's code names the kit.
  auto kit =
      Send("POST", "/api/v1/equipment/kits", &manager_,
           {{"name", "Flight case DJ 1"}, {"items", {{{"item_id", ids[0]}, {"quantity", 2}}}}});
  ASSERT_EQ(kit->status, 201) << kit->body;
  const long long kit_id = Json(kit)["id"].get<long long>();
  auto mixed = Send("GET",
                    "/api/v1/equipment/labels?layout=4x10&ids=" + std::to_string(ids[1]) + "," +
                        std::to_string(ids[2]) + "&kit_ids=" + std::to_string(kit_id),
                    &manager_);
  ASSERT_EQ(mixed->status, 200) << mixed->body;
  EXPECT_EQ(
      DecodeQrCodes(mixed->body, "mixed"),
      (std::multiset<std::string>{Url(ids[1]), Url(ids[2]),
                                  "http://planify.test/scanner/kit/" + std::to_string(kit_id)}));
  auto kit_only = Send(
      "GET", "/api/v1/equipment/labels?layout=single&kit_ids=" + std::to_string(kit_id), &manager_);
  ASSERT_EQ(kit_only->status, 200) << kit_only->body;
  EXPECT_EQ(
      DecodeQrCodes(kit_only->body, "kit_only"),
      std::multiset<std::string>{"http://planify.test/scanner/kit/" + std::to_string(kit_id)});
  EXPECT_EQ(Pages("kit_only"), 1);
  EXPECT_EQ(Send("GET", "/api/v1/equipment/labels?kit_ids=987654", &manager_)->status, 422);

  // Units of an item tracked by unit: each label names its unit.
  auto lyres = Send("POST", "/api/v1/equipment", &manager_,
                    {{"name", "Lyre"}, {"quantity_owned", 2}, {"tracking", "unit"}});
  ASSERT_EQ(lyres->status, 201) << lyres->body;
  auto units = Json(Send(
      "GET", "/api/v1/equipment/" + std::to_string(Json(lyres)["id"].get<long long>()) + "/units",
      &manager_));
  ASSERT_EQ(units["items"].size(), 2U);
  const long long u1 = units["items"][0]["id"].get<long long>();
  const long long u2 = units["items"][1]["id"].get<long long>();
  auto unit_sheet = Send("GET",
                         "/api/v1/equipment/labels?unit_ids=" + std::to_string(u1) + "," +
                             std::to_string(u2) + "&kit_ids=" + std::to_string(kit_id),
                         &manager_);
  ASSERT_EQ(unit_sheet->status, 200) << unit_sheet->body;
  EXPECT_EQ(
      DecodeQrCodes(unit_sheet->body, "units"),
      (std::multiset<std::string>{"http://planify.test/scanner/unite/" + std::to_string(u1),
                                  "http://planify.test/scanner/unite/" + std::to_string(u2),
                                  "http://planify.test/scanner/kit/" + std::to_string(kit_id)}));
  EXPECT_EQ(Send("GET", "/api/v1/equipment/labels?unit_ids=987654", &manager_)->status, 422);
}

// A scanner app (the legacy api_scanner.py's callers) works with an API token: it looks codes
// up and creates the items it does not know, with the same validation as the web app.
TEST_F(Scanning, AScannerAppWithAnApiTokenLooksUpAndCreatesItems) {
  auto owner = SignIn("owner@sono.fr");
  auto issue = [&](nlohmann::json scopes) {
    auto created = Send("POST", "/api/v1/api-tokens", &owner,
                        {{"name", "Douchette"}, {"scopes", std::move(scopes)}});
    EXPECT_EQ(created->status, 201) << created->body;
    return Json(created)["token"].get<std::string>();
  };
  const std::string token = issue({"equipment.read", "equipment.manage"});
  auto call = [&](const std::string& method, const std::string& path, const std::string& bearer,
                  const nlohmann::json& body = nullptr) {
    auto client = Client();
    httplib::Headers headers = {{"Authorization", "Bearer " + bearer}};
    if (method == "GET") return client.Get(path, headers);
    return client.Post(path, headers, body.dump(), "application/json");
  };
  const std::string lookup = "/api/v1/equipment/lookup?code=4006381333931";
  EXPECT_EQ(call("GET", lookup, token)->status, 404);
  auto created =
      call("POST", "/api/v1/equipment", token,
           {{"name", "Pied d'enceinte"}, {"quantity_owned", 4}, {"barcode", "4006381333931"}});
  ASSERT_EQ(created->status, 201) << created->body;
  auto found = call("GET", lookup, token);
  ASSERT_EQ(found->status, 200);
  EXPECT_EQ(Json(found)["item_id"], Json(created)["id"]);
  auto again = call("POST", "/api/v1/equipment", token,
                    {{"name", "Autre"}, {"quantity_owned", 1}, {"barcode", "4006381333931"}});
  EXPECT_EQ(again->status, 409);
  EXPECT_EQ(call("POST", "/api/v1/equipment", token, {{"quantity_owned", 1}})->status, 422);
  // A read-only token reads, and creates nothing.
  const std::string reader = issue({"equipment.read"});
  EXPECT_EQ(call("GET", lookup, reader)->status, 200);
  EXPECT_EQ(
      call("POST", "/api/v1/equipment", reader, {{"name", "X"}, {"quantity_owned", 1}})->status,
      403);
}

TEST_F(Scanning, ALabelRequestThatCannotBePrintedIsRefused) {
  auto field = [&](const std::string& query) {
    auto res = Send("GET", "/api/v1/equipment/labels?" + query, &manager_);
    EXPECT_EQ(res->status, 422) << query << " " << res->body;
    return Json(res)["error"]["fields"][0]["field"].get<std::string>();
  };
  EXPECT_EQ(field("layout=5x5"), "layout");
  EXPECT_EQ(field("layout=3x8&skip=24"), "skip");
  EXPECT_EQ(field("skip=-1"), "skip");
  EXPECT_EQ(field("ids=1,abc"), "ids");
  EXPECT_EQ(field("ids=,"), "ids");
  EXPECT_EQ(field("ids=" + std::to_string(speakers_) + ",999999"), "ids");
  // Another organisation's gear is not printed for us.
  auto theirs = Send("GET", "/api/v1/equipment/labels?ids=" + std::to_string(speakers_), &other_);
  EXPECT_EQ(theirs->status, 422);
  EXPECT_EQ(Send("GET", "/api/v1/equipment/labels", &other_)->status, 422);  // nothing to print
  EXPECT_EQ(Send("GET", "/api/v1/equipment/labels", &greg_session_)->status, 403);
}

}  // namespace
}  // namespace planify::testing
