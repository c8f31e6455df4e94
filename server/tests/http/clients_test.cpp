#include <gtest/gtest.h>

#include "http/auth_fixture.hpp"

namespace planify::testing {
namespace {

class Clients : public AuthFixture {
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

TEST_F(Clients, CreateValidateSearchAndEdit) {
  auto bad = Send("POST", "/api/v1/clients", &manager_,
                  {{"kind", "company"},
                   {"name", ""},
                   {"siren", "732829321"},
                   {"contacts", {{{"email", "pas-une-adresse"}}}}});
  ASSERT_EQ(bad->status, 422);
  auto fields = Json(bad)["error"]["fields"];
  EXPECT_EQ(fields.size(), 3u) << fields.dump();
  EXPECT_EQ(Count("clients"), 0);

  auto created = Send("POST", "/api/v1/clients", &manager_,
                      {{"kind", "company"},
                       {"name", "Château de la Loire SAS"},
                       {"siret", "732 829 320 00074"},
                       {"vat_number", "FR44732829320"},
                       {"billing_address", {{"line1", "1 rue du Parc"}, {"city", "Amboise"}}},
                       {"contacts",
                        {{{"name", "Éléonore Martin"},
                          {"role", "Responsable événements"},
                          {"email", "Eleonore@Chateau.fr"},
                          {"phone", "06 12 34 56 78"}}}},
                       {"tags", {"VIP", "Mariages", "vip"}}});
  ASSERT_EQ(created->status, 201) << created->body;
  auto client = Json(created);
  EXPECT_EQ(client["siren"], "732829320") << "derived from the SIRET";
  EXPECT_EQ(client["contacts"][0]["email"], "eleonore@chateau.fr");
  EXPECT_EQ(client["contacts"][0]["phone"], "0612345678");
  EXPECT_EQ(client["contacts"][0]["primary"], true);
  EXPECT_EQ(client["tags"].size(), 2u);
  std::string id = std::to_string(client["id"].get<long long>());

  // Accent- and case-insensitive, every word must match.
  for (const char* q : {"chateau", "ELEONORE", "éléonore martin", "amboise", "0612"}) {
    auto found =
        Json(Send("GET", std::string("/api/v1/clients?q=") + httplib::detail::encode_query_param(q),
                  &manager_));
    EXPECT_EQ(found["total"], 1) << q;
  }
  EXPECT_EQ(Json(Send("GET", "/api/v1/clients?q=chateau+paris", &manager_))["total"], 0);

  // Edit: the whole client is replaced.
  client["name"] = "Château de la Loire";
  client["contacts"].push_back({{"name", "Paul"}, {"email", "paul@chateau.fr"}});
  auto updated = Send("PUT", "/api/v1/clients/" + id, &manager_, client);
  ASSERT_EQ(updated->status, 200) << updated->body;
  EXPECT_EQ(Json(updated)["contacts"].size(), 2u);

  // Archive hides it from the list; restore brings it back.
  EXPECT_EQ(Send("POST", "/api/v1/clients/" + id + "/archive", &manager_)->status, 204);
  EXPECT_EQ(Json(Send("GET", "/api/v1/clients", &manager_))["total"], 0);
  EXPECT_EQ(Json(Send("GET", "/api/v1/clients?archived=true", &manager_))["total"], 1);
  EXPECT_EQ(Send("POST", "/api/v1/clients/" + id + "/restore", &manager_)->status, 204);
  EXPECT_EQ(Json(Send("GET", "/api/v1/clients", &manager_))["total"], 1);
}

TEST_F(Clients, DuplicatesAreFlaggedUnlessConfirmed) {
  nlohmann::json first = {{"name", "Julie Bernard"},
                          {"contacts", {{{"email", "julie@example.fr"}, {"phone", "0611223344"}}}}};
  ASSERT_EQ(Send("POST", "/api/v1/clients", &manager_, first)->status, 201);
  nlohmann::json same_phone = {{"name", "J. Bernard"},
                               {"contacts", {{{"phone", "06 11 22 33 44"}}}}};
  auto duplicate = Send("POST", "/api/v1/clients", &manager_, same_phone);
  ASSERT_EQ(duplicate->status, 409) << duplicate->body;
  EXPECT_NE(Json(duplicate)["error"]["message"].get<std::string>().find("Julie Bernard"),
            std::string::npos);
  same_phone["allow_duplicate"] = true;
  EXPECT_EQ(Send("POST", "/api/v1/clients", &manager_, same_phone)->status, 201);
  EXPECT_EQ(Count("clients"), 2);
}

TEST_F(Clients, CrewCannotSeeClients) {
  auto dj = SignIn("dj@sono.fr");
  EXPECT_EQ(Send("GET", "/api/v1/clients", &dj)->status, 403);
  EXPECT_EQ(Send("POST", "/api/v1/clients", &dj, {{"name", "X"}})->status, 403);
  EXPECT_EQ(Send("GET", "/api/v1/clients?limit=0", &manager_)->status, 422);
  EXPECT_EQ(Send("GET", "/api/v1/clients/abc", &manager_)->status, 404);
}

}  // namespace
}  // namespace planify::testing
