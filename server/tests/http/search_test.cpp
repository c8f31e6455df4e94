// The search box over HTTP (docs/search.md): every kind, accents, case, prefixes, amounts,
// numbers and dates; what each role finds; another organisation never shows; the index follows
// renames, archives and erasure.

#include <gtest/gtest.h>

#include <set>

#include "payments_fixture.hpp"

namespace planify::testing {
namespace {

using nlohmann::json;

class Search : public PaymentsFixture {
 protected:
  void SetUp() override {
    PaymentsFixture::SetUp();
    business_ = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
    dj_user_ = SeedMember(business_.org, "lea@sono-lumiere.fr", "dj").value;
    dj_ = SignIn("lea@sono-lumiere.fr");
    rival_ = SeedBusiness("Festiv'Son", "boss@festiv.fr");

    company_ = Create("/api/v1/clients",
                      {{"kind", "company"},
                       {"name", "Société Éléonore Événements"},
                       {"siret", "732 829 320 00074"},
                       {"billing_address", {{"line1", "2 quai Gambetta"}, {"city", "Mâcon"}}},
                       {"contacts",
                        {{{"name", "Hélène Roux"},
                          {"email", "helene@eleonore.fr"},
                          {"phone", "06 12 34 56 78"}}}}});
    venue_ =
        Create("/api/v1/venues", {{"name", "Château de Candé"},
                                  {"address", {{"line1", "Route de Candé"}, {"city", "Monts"}}}});
    // The Durand wedding at the castle with Léa, and a gala Léa is not on.
    wedding_ = Create("/api/v1/missions",
                      {{"title", "Soirée dansante"},
                       {"status", "confirmed"},
                       {"client_id", business_.client_id},
                       {"venue_id", venue_},
                       {"starts_at", "2027-06-12T18:00:00+02:00"},
                       {"ends_at", "2027-06-13T02:00:00+02:00"},
                       {"crew", {{{"user_id", dj_user_}, {"position", "dj"}, {"lead", true}}}}});
    gala_ = Create("/api/v1/missions", {{"title", "Gala Durand Industries"},
                                        {"status", "planned"},
                                        {"client_id", company_},
                                        {"starts_at", "2027-06-20T18:00:00+02:00"},
                                        {"ends_at", "2027-06-20T23:00:00+02:00"}});
    speakers_ = Create("/api/v1/equipment", {{"name", "Enceinte façade"},
                                             {"brand", "L-Acoustics"},
                                             {"model", "X12"},
                                             {"barcode", "3760123456789"},
                                             {"quantity_owned", 2}});
    lyres_ = Create("/api/v1/equipment",
                    {{"name", "Lyre Beam 230"}, {"quantity_owned", 1}, {"tracking", "unit"}});
    // 585 € excl. VAT at 20 %: 702,00 € incl. VAT.
    invoice_ = IssuedInvoice(business_, 58500, "Mariage au château").first;
    other_invoice_ = IssuedInvoice(business_, 10000, "Anniversaire").first;
    quote_ = SentQuote(business_, 125000).first;

    // The rival has its own Durand, wedding, speaker and invoice of the same amount.
    ASSERT_EQ(Send("POST", "/api/v1/clients", &rival_.owner,
                   {{"kind", "individual"}, {"name", "Durand Rival"}})
                  ->status,
              201);
    ASSERT_EQ(Send("POST", "/api/v1/equipment", &rival_.owner,
                   {{"name", "Enceinte rivale"}, {"quantity_owned", 1}})
                  ->status,
              201);
    IssuedInvoice(rival_, 58500, "Mariage rival");
  }

  long long Create(const std::string& path, const json& body) {
    auto res = Send("POST", path, &business_.owner, body);
    EXPECT_EQ(res->status, 201) << path << ": " << res->body;
    return Json(res)["id"].get<long long>();
  }

  static std::string Encode(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
      if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_') {
        out.push_back(static_cast<char>(c));
      } else {
        char hex[4];
        std::snprintf(hex, sizeof hex, "%%%02X", c);
        out += hex;
      }
    }
    return out;
  }

  json Find(const std::string& q, const BrowserSession& who, const std::string& extra = "") {
    auto res = Send("GET", "/api/v1/search?q=" + Encode(q) + extra, &who);
    EXPECT_EQ(res->status, 200) << q << ": " << res->body;
    return Json(res);
  }

  // The ids found of one kind, best first.
  static std::vector<long long> Ids(const json& found, const std::string& kind) {
    std::vector<long long> ids;
    for (const auto& g : found["groups"]) {
      if (g["kind"] != kind) continue;
      for (const auto& item : g["items"]) ids.push_back(item["id"].get<long long>());
    }
    return ids;
  }

  static std::vector<std::string> Kinds(const json& found) {
    std::vector<std::string> kinds;
    for (const auto& g : found["groups"]) kinds.push_back(g["kind"]);
    return kinds;
  }

  Seeded business_;
  Seeded rival_;
  long long dj_user_ = 0;
  BrowserSession dj_;
  long long company_ = 0;
  long long venue_ = 0;
  long long wedding_ = 0;
  long long gala_ = 0;
  long long speakers_ = 0;
  long long lyres_ = 0;
  long long invoice_ = 0;
  long long other_invoice_ = 0;
  long long quote_ = 0;
};

using Ids_ = std::vector<long long>;

TEST_F(Search, ClientsAreFoundByNameContactSiretAndCityWithoutAccentsOrCase) {
  const auto& owner = business_.owner;
  for (const std::string q : {"eleonore", "ÉLÉONORE", "Éléo", "socie even", "helene@eleonore",
                              "Hélène", "0612", "732 829 320", "macon"}) {
    EXPECT_EQ(Ids(Find(q, owner), "clients"), Ids_{company_}) << q;
  }
  // The seeded client, by its contact's address; prefixes as the user types.
  EXPECT_EQ(Ids(Find("claire@durand.fr", owner), "clients"), Ids_{business_.client_id});
  EXPECT_EQ(Ids(Find("mariage dur", owner), "clients"), Ids_{business_.client_id});
  EXPECT_TRUE(Ids(Find("eleonorex", owner), "clients").empty());
  // A blank or one-letter query finds nothing, without an error.
  EXPECT_TRUE(Find("", owner)["groups"].empty());
  EXPECT_TRUE(Find("e", owner)["groups"].empty());
}

TEST_F(Search, MissionsAreFoundByTitleClientVenueAndDate) {
  const auto& owner = business_.owner;
  EXPECT_EQ(Ids(Find("soiree dans", owner), "missions"), Ids_{wedding_});
  // By the client: the seeded "Mariage Durand" and the gala titled "Durand Industries".
  auto durand = Ids(Find("durand", owner), "missions");
  EXPECT_EQ(std::set<long long>(durand.begin(), durand.end()),
            (std::set<long long>{wedding_, gala_}));
  EXPECT_EQ(Ids(Find("Candé", owner), "missions"), Ids_{wedding_});
  EXPECT_EQ(Ids(Find("Candé", owner), "venues"), Ids_{venue_});
  // By its day in Paris, typed the French way, with or without the year.
  EXPECT_EQ(Ids(Find("12/06/2027", owner), "missions"), Ids_{wedding_});
  EXPECT_EQ(Ids(Find("2027-06-20", owner), "missions"), Ids_{gala_});
  EXPECT_TRUE(Ids(Find("13/06/2027", owner), "missions").empty()) << "it starts on the 12th";
  auto item = Find("soiree", owner)["groups"][0]["items"][0];
  EXPECT_EQ(item["title"], "Soirée dansante");
  EXPECT_EQ(item["subtitle"], "Mariage Durand · Château de Candé");
  EXPECT_EQ(item["date"], "2027-06-12T16:00:00.000Z");
  EXPECT_EQ(item["status"], "confirmed");
}

TEST_F(Search, DocumentsAreFoundByNumberFirstAndByAmountAsTyped) {
  const auto& owner = business_.owner;
  auto invoice = Json(Send("GET", "/api/v1/invoices/" + std::to_string(invoice_), &owner));
  const std::string number = invoice["number"];
  ASSERT_EQ(number, "FAC-2026-0001");
  // The exact number ranks first, and its group first, ahead of other invoices of the year.
  auto found = Find(number, owner);
  EXPECT_EQ(Kinds(found).front(), "invoices");
  EXPECT_EQ(Ids(found, "invoices").front(), invoice_);
  EXPECT_EQ(found["groups"][0]["items"][0]["rank"], 0);
  EXPECT_EQ(Ids(Find("fac-2026-0001", owner), "invoices").front(), invoice_);
  // 702 € incl. VAT, typed several ways; the rival's invoice of the same amount never shows.
  for (const std::string q : {"702", "702,00", "702.00", "702 €"}) {
    auto hits = Find(q, owner);
    EXPECT_EQ(Ids(hits, "invoices"), Ids_{invoice_}) << q;
    EXPECT_EQ(Kinds(hits).front(), "invoices") << q;
    auto item = hits["groups"][0]["items"][0];
    EXPECT_EQ(item["amount_cents"], 70200) << q;
    EXPECT_EQ(item["title"], number) << q;
    EXPECT_EQ(item["subtitle"], "Mariage Durand · Mariage au château") << q;
  }
  EXPECT_TRUE(Ids(Find("702,01", owner), "invoices").empty());
  // By title or client, the quote too (1 250 € + 20 %).
  EXPECT_EQ(Ids(Find("chateau", owner), "invoices"), Ids_{invoice_});
  EXPECT_EQ(Ids(Find("1 500,00", owner), "quotes"), Ids_{quote_});
  auto both = Find("durand", owner);
  EXPECT_EQ(Ids(both, "invoices").size(), 2u);
  EXPECT_EQ(Ids(both, "quotes"), Ids_{quote_});
}

TEST_F(Search, EquipmentIsFoundByNameBrandBarcodeAndUnitSerial) {
  const auto& owner = business_.owner;
  for (const std::string q : {"FAÇADE", "enceinte fac", "acoustics", "3760123456789", "x12"}) {
    EXPECT_EQ(Ids(Find(q, owner), "equipment"), Ids_{speakers_}) << q;
  }
  auto units = Json(Send("GET", "/api/v1/equipment/" + std::to_string(lyres_) + "/units", &owner));
  ASSERT_EQ(units["items"].size(), 1u) << units.dump();
  auto named = Send("PATCH", "/api/v1/equipment/units/" + units["items"][0]["id"].dump(), &owner,
                    {{"serial_number", "LB230-0042"}});
  ASSERT_EQ(named->status, 200) << named->body;
  EXPECT_EQ(Ids(Find("LB230-0042", owner), "equipment"), Ids_{lyres_});
  EXPECT_EQ(Ids(Find("lb230", owner), "equipment"), Ids_{lyres_});
}

TEST_F(Search, CrewFindTheirOwnMissionsAndNothingCommercial) {
  // Léa is on the wedding, not on the gala; she reads equipment but no client, venue, quote or
  // invoice.
  auto found = Find("durand", dj_);
  EXPECT_EQ(Kinds(found), std::vector<std::string>{"missions"});
  EXPECT_EQ(Ids(found, "missions"), Ids_{wedding_});
  EXPECT_TRUE(Find("702", dj_)["groups"].empty());
  EXPECT_TRUE(Find("FAC-2026-0001", dj_)["groups"].empty());
  EXPECT_TRUE(Find("eleonore", dj_)["groups"].empty());
  EXPECT_TRUE(Ids(Find("20/06/2027", dj_), "missions").empty()) << "the gala is not hers";
  EXPECT_EQ(Ids(Find("12/06/2027", dj_), "missions"), Ids_{wedding_});
  EXPECT_EQ(Ids(Find("enceinte", dj_), "equipment"), Ids_{speakers_});
  for (const std::string kind : {"clients", "invoices", "quotes", "venues"}) {
    auto res = Send("GET", "/api/v1/search?q=durand&kind=" + kind, &dj_);
    EXPECT_EQ(res->status, 403) << kind << ": " << res->body;
  }
  EXPECT_EQ(Send("GET", "/api/v1/search?q=durand&kind=missions", &dj_)->status, 200);
}

TEST_F(Search, AnotherOrganisationNeverShows) {
  auto ours = Find("durand", business_.owner);
  EXPECT_EQ(Ids(ours, "clients"), Ids_{business_.client_id});
  // The rival's own "Mariage Durand" and "Durand Rival", never ours.
  auto theirs = Find("durand", rival_.owner);
  EXPECT_EQ(Ids(theirs, "clients").size(), 2u);
  for (long long id : Ids(theirs, "clients")) EXPECT_NE(id, business_.client_id);
  EXPECT_TRUE(Ids(theirs, "missions").empty());
  EXPECT_EQ(Ids(Find("702", rival_.owner), "invoices").size(), 1u);
  EXPECT_NE(Ids(Find("702", rival_.owner), "invoices")[0], invoice_);
  EXPECT_TRUE(Ids(Find("facade", rival_.owner), "equipment").empty());
  EXPECT_TRUE(Find("eleonore", rival_.owner)["groups"].empty());
  EXPECT_TRUE(Find("cande", rival_.owner)["groups"].empty());
  for (const std::string q : {"FAC-2026-0001", "702,00"}) {
    const json found = Find(q, rival_.owner);
    for (const auto& g : found["groups"]) {
      for (const auto& item : g["items"]) {
        EXPECT_NE(item["subtitle"].get<std::string>().find("rival"), std::string::npos) << q;
      }
    }
  }
}

TEST_F(Search, TheIndexFollowsRenamesArchivesAndErasure) {
  const auto& owner = business_.owner;
  const std::string client = "/api/v1/clients/" + std::to_string(company_);
  auto before = Json(Send("GET", client, &owner));
  before["name"] = "Maison Valois";
  auto renamed = Send("PUT", client, &owner, before);
  ASSERT_EQ(renamed->status, 200) << renamed->body;
  EXPECT_TRUE(Ids(Find("societe", owner), "clients").empty());
  EXPECT_EQ(Ids(Find("valois", owner), "clients"), Ids_{company_});
  // The gala follows its client's new name.
  EXPECT_EQ(Ids(Find("valois", owner), "missions"), Ids_{gala_});

  // A renamed venue takes its missions along.
  auto venue = Json(Send("GET", "/api/v1/venues/" + std::to_string(venue_), &owner));
  venue["name"] = "Domaine des Roches";
  ASSERT_EQ(Send("PUT", "/api/v1/venues/" + std::to_string(venue_), &owner, venue)->status, 200);
  EXPECT_TRUE(Ids(Find("chateau", owner), "missions").empty());
  EXPECT_EQ(Ids(Find("roches", owner), "missions"), Ids_{wedding_});
  EXPECT_EQ(Ids(Find("roches", owner), "venues"), Ids_{venue_});

  // A mission moved to another client is found under that client only.
  auto mission = Json(Send("GET", "/api/v1/missions/" + std::to_string(gala_), &owner));
  json edit = {{"title", mission["title"]},
               {"status", mission["status"]},
               {"client_id", business_.client_id},
               {"starts_at", mission["starts_at"]},
               {"ends_at", mission["ends_at"]}};
  auto moved = Send("PUT", "/api/v1/missions/" + std::to_string(gala_), &owner, edit);
  ASSERT_EQ(moved->status, 200) << moved->body;
  EXPECT_TRUE(Ids(Find("valois", owner), "missions").empty());

  // Archived clients still show, marked; erased ones are found by nothing they held.
  ASSERT_EQ(Send("POST", client + "/archive", &owner)->status, 204);
  auto archived = Find("valois", owner);
  ASSERT_EQ(Ids(archived, "clients"), Ids_{company_});
  EXPECT_EQ(archived["groups"][0]["items"][0]["status"], "archived");
  auto erased = Send("POST", client + "/erase", &owner, {{"confirm_name", "Maison Valois"}});
  ASSERT_EQ(erased->status, 200) << erased->body;
  for (const std::string q : {"valois", "helene", "0612345678", "macon"}) {
    EXPECT_TRUE(Ids(Find(q, owner), "clients").empty()) << q;
  }
}

TEST_F(Search, BadInputGetsAFieldError) {
  const auto& owner = business_.owner;
  auto too_long = Send("GET", "/api/v1/search?q=" + std::string(201, 'a'), &owner);
  ASSERT_EQ(too_long->status, 422) << too_long->body;
  EXPECT_EQ(Json(too_long)["error"]["fields"][0]["field"], "q");
  auto kind = Send("GET", "/api/v1/search?q=durand&kind=users", &owner);
  ASSERT_EQ(kind->status, 422) << kind->body;
  EXPECT_EQ(Json(kind)["error"]["fields"][0]["field"], "kind");
  auto limit = Send("GET", "/api/v1/search?q=durand&limit=0", &owner);
  ASSERT_EQ(limit->status, 422) << limit->body;
  EXPECT_EQ(Json(limit)["error"]["fields"][0]["field"], "limit");
  EXPECT_EQ(Send("GET", "/api/v1/search?q=durand", nullptr)->status, 401);
  // One kind, more than the page: `more` says so.
  for (int i = 0; i < 3; ++i) {
    Create("/api/v1/clients", {{"kind", "individual"}, {"name", "Durand " + std::to_string(i)}});
  }
  auto page = Find("durand", owner, "&kind=clients&limit=2");
  ASSERT_EQ(page["groups"].size(), 1u);
  EXPECT_EQ(page["groups"][0]["items"].size(), 2u);
  EXPECT_EQ(page["groups"][0]["more"], true);
}

}  // namespace
}  // namespace planify::testing
