// The search box on SQLite (FTS5) and PostgreSQL (tsvector + GIN) alike (docs/search.md): the
// same query finds the same objects on both, the index follows writes made after it was built,
// crew find their own missions, and another organisation's rows never show.
#include <gtest/gtest.h>

#include <set>

#include "http/payments_fixture.hpp"

namespace planify::testing {
namespace {

using nlohmann::json;

class SearchBackends : public PaymentsFixture,
                       public ::testing::WithParamInterface<store::Dialect> {
 protected:
  void SetUp() override {
    auto url = BackendUrl(GetParam() == store::Dialect::kPostgres, dir_);
    if (!url) GTEST_SKIP() << "PLANIFY_TEST_POSTGRES_URL unset";
    database_url_ = *url;
    PaymentsFixture::SetUp();
    business_ = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
    rival_ = SeedBusiness("Festiv'Son", "boss@festiv.fr");
  }

  long long Create(const Seeded& who, const std::string& path, const json& body) {
    auto res = Send("POST", path, &who.owner, body);
    EXPECT_EQ(res->status, 201) << path << ": " << res->body;
    return Json(res)["id"].get<long long>();
  }

  std::set<long long> Ids(const std::string& query, const std::string& kind,
                          const BrowserSession& who) {
    auto res = Send("GET", "/api/v1/search?q=" + query, &who);
    EXPECT_EQ(res->status, 200) << res->body;
    std::set<long long> ids;
    const json found = Json(res);
    for (const auto& g : found["groups"]) {
      if (g["kind"] != kind) continue;
      for (const auto& item : g["items"]) ids.insert(item["id"].get<long long>());
    }
    return ids;
  }

  Seeded business_;
  Seeded rival_;
};

TEST_P(SearchBackends, FindsTheSameObjectsAndFollowsWrites) {
  const auto& owner = business_.owner;
  const long long dj = SeedMember(business_.org, "lea@sono-lumiere.fr", "dj").value;
  auto lea = SignIn("lea@sono-lumiere.fr");
  const long long company = Create(business_, "/api/v1/clients",
                                   {{"kind", "company"},
                                    {"name", "Société Éléonore"},
                                    {"contacts", {{{"phone", "06 12 34 56 78"}}}}});
  const long long venue =
      Create(business_, "/api/v1/venues", {{"name", "Château de Candé"}, {"notes", ""}});
  const long long wedding = Create(business_, "/api/v1/missions",
                                   {{"title", "Soirée dansante"},
                                    {"status", "confirmed"},
                                    {"client_id", business_.client_id},
                                    {"venue_id", venue},
                                    {"starts_at", "2027-06-12T18:00:00+02:00"},
                                    {"ends_at", "2027-06-13T02:00:00+02:00"},
                                    {"crew", {{{"user_id", dj}, {"position", "dj"}}}}});
  const long long gala = Create(business_, "/api/v1/missions",
                                {{"title", "Gala annuel"},
                                 {"status", "planned"},
                                 {"client_id", company},
                                 {"starts_at", "2027-06-20T18:00:00+02:00"},
                                 {"ends_at", "2027-06-20T23:00:00+02:00"}});
  const long long speakers =
      Create(business_, "/api/v1/equipment", {{"name", "Enceinte façade"}, {"quantity_owned", 2}});
  const long long invoice = IssuedInvoice(business_, 58500, "Mariage au château").first;
  IssuedInvoice(rival_, 58500, "Mariage rival");
  Create(rival_, "/api/v1/clients", {{"kind", "individual"}, {"name", "Éléonore Rival"}});

  using S = std::set<long long>;
  EXPECT_EQ(Ids("ELEON", "clients", owner), S{company});
  EXPECT_EQ(Ids("0612345678", "clients", owner), S{company});
  EXPECT_EQ(Ids("durand", "missions", owner), S{wedding});
  EXPECT_EQ(Ids("cand", "missions", owner), S{wedding});
  EXPECT_EQ(Ids("cand", "venues", owner), S{venue});
  EXPECT_EQ(Ids("soc", "missions", owner), S{gala});
  EXPECT_EQ(Ids("12%2F06%2F2027", "missions", owner), S{wedding});
  EXPECT_EQ(Ids("fa%C3%A7", "equipment", owner), S{speakers});
  EXPECT_EQ(Ids("702%2C00", "invoices", owner), S{invoice});
  EXPECT_EQ(Ids("FAC-2026-0001", "invoices", owner), S{invoice});
  EXPECT_EQ(Ids("chateau", "invoices", owner), S{invoice});
  // Crew: their mission, nothing commercial.
  EXPECT_EQ(Ids("durand", "missions", lea), S{wedding});
  EXPECT_TRUE(Ids("soc", "missions", lea).empty());
  EXPECT_TRUE(Ids("durand", "clients", lea).empty());
  EXPECT_TRUE(Ids("702", "invoices", lea).empty());
  // The rival finds its own only.
  EXPECT_EQ(Ids("eleonore", "clients", rival_.owner).size(), 1u);
  EXPECT_FALSE(Ids("eleonore", "clients", rival_.owner).contains(company));
  EXPECT_FALSE(Ids("702", "invoices", rival_.owner).contains(invoice));
  EXPECT_TRUE(Ids("cand", "missions", rival_.owner).empty());

  // Writes after the index was built: a renamed client or venue carries its missions along;
  // an erased client is found by nothing it held.
  auto client = Json(Send("GET", "/api/v1/clients/" + std::to_string(company), &owner));
  client["name"] = "Maison Valois";
  ASSERT_EQ(Send("PUT", "/api/v1/clients/" + std::to_string(company), &owner, client)->status, 200);
  EXPECT_TRUE(Ids("eleonore", "clients", owner).empty());
  EXPECT_EQ(Ids("valois", "clients", owner), S{company});
  EXPECT_EQ(Ids("valois", "missions", owner), S{gala});
  auto venue_json = Json(Send("GET", "/api/v1/venues/" + std::to_string(venue), &owner));
  venue_json["name"] = "Domaine des Roches";
  ASSERT_EQ(Send("PUT", "/api/v1/venues/" + std::to_string(venue), &owner, venue_json)->status,
            200);
  EXPECT_TRUE(Ids("cand", "missions", owner).empty());
  EXPECT_EQ(Ids("roches", "missions", owner), S{wedding});
  auto erased = Send("POST", "/api/v1/clients/" + std::to_string(company) + "/erase", &owner,
                     {{"confirm_name", "Maison Valois"}});
  ASSERT_EQ(erased->status, 200) << erased->body;
  EXPECT_TRUE(Ids("valois", "clients", owner).empty());
  EXPECT_TRUE(Ids("0612345678", "clients", owner).empty());
}

std::string BackendName(const ::testing::TestParamInfo<store::Dialect>& param) {
  return param.param == store::Dialect::kPostgres ? "PostgreSQL" : "SQLite";
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchBackends,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         BackendName);

}  // namespace
}  // namespace planify::testing
