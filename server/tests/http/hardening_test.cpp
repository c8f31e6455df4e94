// Hostile input: no request crashes the server, every refusal is a clean 4xx with the standard
// error shape, and nothing is written.
#include <gtest/gtest.h>

#include <string>

#include "http/auth_fixture.hpp"

namespace planify::testing {
namespace {

class Hardening : public AuthFixture {
 protected:
  void SetUp() override {
    // The production body limit: the deep bodies below must reach the JSON reader.
    Start([](http::ServerOptions& o) { o.body_limit_bytes = std::size_t{10} * 1024 * 1024; });
    org_ = SeedOrganization("Sono Lumière");
    SeedMember(org_, "greg@sono.fr", "owner");
    owner_ = SignIn("greg@sono.fr");
  }

  httplib::Result Raw(const std::string& method, const std::string& path, const std::string& body,
                      const BrowserSession* session) {
    auto client = Client();
    httplib::Headers headers = {{"Origin", Origin()}};
    if (session != nullptr) {
      headers.emplace("Cookie", session->CookieHeader());
      headers.emplace("X-CSRF-Token", session->csrf);
    }
    if (method == "POST") return client.Post(path, headers, body, "application/json");
    if (method == "PUT") return client.Put(path, headers, body, "application/json");
    if (method == "PATCH") return client.Patch(path, headers, body, "application/json");
    return client.Delete(path, headers, body, "application/json");
  }

  static void ExpectErrorShape(const httplib::Result& res, const std::string& context) {
    ASSERT_TRUE(res) << context;
    EXPECT_GE(res->status, 400) << context << ": " << res->body;
    EXPECT_LT(res->status, 500) << context << ": " << res->body;
    auto body = Json(res);
    ASSERT_TRUE(body.is_object()) << context << ": " << res->body;
    EXPECT_TRUE(body["error"]["code"].is_string()) << context;
    EXPECT_TRUE(body["error"]["message"].is_string()) << context;
    EXPECT_TRUE(body["error"]["fields"].is_array()) << context;
  }

  void ExpectAlive() {
    auto res = Client().Get("/healthz");
    ASSERT_TRUE(res) << "the server died";
    EXPECT_EQ(res->status, 200);
  }

  OrganizationId org_;
  BrowserSession owner_;
};

std::string Nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// A path from a route pattern, every parameter given a plausible value.
std::string Concrete(const std::string& pattern) {
  std::string out;
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == ':') {
      auto end = pattern.find('/', i);
      if (end == std::string::npos) end = pattern.size();
      std::string name = pattern.substr(i + 1, end - i - 1);
      out += name == "token" ? std::string(64, 'a') : "1";
      i = end;
    } else {
      out.push_back(pattern[i++]);
    }
  }
  return out;
}

TEST_F(Hardening, AHundredThousandLevelsDeepBodyIsRefusedOnEveryWriteRouteAndTheServerLives) {
  const std::string deep = Nested(100'000);
  const std::string deep_in_object = "{\"reason\":" + Nested(100'000) + "}";
  int tried = 0;
  for (const auto& route : server_->router().Routes()) {
    if (route.method == "GET") continue;
    const bool is_public = route.access.kind == http::Access::Kind::kPublic;
    std::string path = Concrete(route.pattern);
    // Public routes anonymously, the others signed in as the owner (who may call them all).
    const BrowserSession* session = is_public ? nullptr : &owner_;
    for (const auto* body : {&deep, &deep_in_object}) {
      auto res = Raw(route.method, path, *body, session);
      ExpectErrorShape(res, route.method + " " + route.pattern);
      ++tried;
    }
    ExpectAlive();
  }
  EXPECT_GT(tried, 100);
}

TEST_F(Hardening, DepthAndSizeLimitsAnswerWithTheStandardError) {
  auto deep = Raw("POST", "/api/v1/clients", "{\"name\":" + Nested(65) + "}", &owner_);
  ASSERT_TRUE(deep);
  EXPECT_EQ(deep->status, 400);
  EXPECT_NE(Json(deep)["error"]["message"].get<std::string>().find("64 niveaux"),
            std::string::npos);
  // 64 levels in all is still JSON we read (the field is then refused for its type).
  auto ok_depth = Raw("POST", "/api/v1/clients", "{\"name\":" + Nested(63) + "}", &owner_);
  ASSERT_TRUE(ok_depth);
  EXPECT_EQ(ok_depth->status, 422);

  std::string many = "{\"name\":\"X\",\"tags\":[";
  for (int i = 0; i < 250'000; ++i) many += i == 0 ? "0" : ",0";
  many += "]}";
  auto too_many = Raw("POST", "/api/v1/clients", many, &owner_);
  ASSERT_TRUE(too_many);
  EXPECT_EQ(too_many->status, 413);
  EXPECT_EQ(Count("clients"), 0);
}

TEST_F(Hardening, NulCharactersAndInvalidUtf8AreRefused) {
  auto nul = Raw("POST", "/api/v1/clients", R"({"name":"Dupont\u0000 SA"})", &owner_);
  ExpectErrorShape(nul, "NUL");
  EXPECT_EQ(nul->status, 400);
  auto bad_utf8 = Raw("POST", "/api/v1/clients", "{\"name\":\"Dupont \xC3\x28\"}", &owner_);
  ExpectErrorShape(bad_utf8, "invalid UTF-8");
  EXPECT_EQ(bad_utf8->status, 400);
  // An escaped backslash followed by "u0000" is text, not a NUL.
  auto text = Raw("POST", "/api/v1/clients", R"({"name":"C:\\u0000"})", &owner_);
  ASSERT_TRUE(text);
  EXPECT_EQ(text->status, 201) << text->body;
  EXPECT_EQ(Count("clients"), 1);
}

TEST_F(Hardening, BooleansAreTrueOrFalseAndNothingElse) {
  for (const std::string value : {"\"true\"", "1", "[]", "{}", "\"false\""}) {
    auto res =
        Raw("POST", "/api/v1/clients",
            R"({"name":"Dupont","contacts":[{"name":"Ana","primary":)" + value + "}]}", &owner_);
    ExpectErrorShape(res, "primary " + value);
    EXPECT_EQ(res->status, 422) << value;
    EXPECT_EQ(Json(res)["error"]["fields"][0]["field"], "contacts[0]") << res->body;
    auto dup = Raw("POST", "/api/v1/clients",
                   R"({"name":"Dupont","allow_duplicate":)" + value + "}", &owner_);
    ExpectErrorShape(dup, "allow_duplicate " + value);
    EXPECT_EQ(dup->status, 422) << value;
  }
  EXPECT_EQ(Count("clients"), 0);
  auto ok = Raw("POST", "/api/v1/clients",
                R"({"name":"Dupont","contacts":[{"name":"Ana","primary":true}]})", &owner_);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 201) << ok->body;
}

TEST_F(Hardening, IntegersBeyondInt64AreOutOfRangeNotNegativeIds) {
  for (const std::string n : {"9223372036854775808", "18446744073709551615",
                              "99999999999999999999999", "-9223372036854775809", "1.5", "1e3"}) {
    auto res = Raw("POST", "/api/v1/missions",
                   R"({"title":"Soirée","starts_at":"2027-06-12T18:00:00+02:00",)"
                   R"("ends_at":"2027-06-12T23:00:00+02:00","client_id":)" +
                       n + "}",
                   &owner_);
    ExpectErrorShape(res, "client_id " + n);
    EXPECT_EQ(res->status, 422) << n << " " << res->body;
    EXPECT_EQ(Json(res)["error"]["fields"][0]["field"], "client_id") << res->body;
  }
  EXPECT_EQ(Count("missions"), 0);
}

TEST_F(Hardening, PhonesNeedDigitsAndFrenchPostalCodesFiveDigits) {
  auto phone = Send("POST", "/api/v1/clients", &owner_,
                    {{"name", "Dupont"}, {"contacts", {{{"name", "Ana"}, {"phone", "abc"}}}}});
  ASSERT_TRUE(phone);
  EXPECT_EQ(phone->status, 422) << phone->body;
  EXPECT_EQ(Json(phone)["error"]["fields"][0]["field"], "contacts[0].phone");
  auto postal = Send("POST", "/api/v1/clients", &owner_,
                     {{"name", "Dupont"}, {"billing_address", {{"postal_code", "7501"}}}});
  ASSERT_TRUE(postal);
  EXPECT_EQ(postal->status, 422) << postal->body;
  EXPECT_EQ(Json(postal)["error"]["fields"][0]["field"], "billing.postal_code");
  EXPECT_EQ(Count("clients"), 0);
  auto fine = Send("POST", "/api/v1/clients", &owner_,
                   {{"name", "Dupont"},
                    {"billing_address", {{"postal_code", "75011"}}},
                    {"contacts", {{{"name", "Ana"}, {"phone", "+33 (0)6 12.34-56/78"}}}}});
  ASSERT_TRUE(fine);
  EXPECT_EQ(fine->status, 201) << fine->body;
  auto abroad = Send("POST", "/api/v1/clients", &owner_,
                     {{"name", "Smith"},
                      {"allow_duplicate", true},
                      {"billing_address", {{"postal_code", "SW1A 1AA"}, {"country", "GB"}}}});
  ASSERT_TRUE(abroad);
  EXPECT_EQ(abroad->status, 201) << abroad->body;
}

TEST_F(Hardening, CancelReadsItsDocumentedBodyStrictlyAndKeepsTheReason) {
  auto client = Send("POST", "/api/v1/clients", &owner_, {{"name", "Mariage Dupont"}});
  ASSERT_EQ(client->status, 201) << client->body;
  nlohmann::json quote = {{"client_id", Json(client)["id"]},
                          {"title", "Mariage"},
                          {"lines",
                           {{{"kind", "service"},
                             {"description", "Animation DJ"},
                             {"unit", "hour"},
                             {"quantity_milli", 1000},
                             {"unit_price_cents", 10000},
                             {"vat_rate_bp", 2000}}}}};
  auto created = Send("POST", "/api/v1/quotes", &owner_, quote);
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string path = "/api/v1/quotes/" + std::to_string(Json(created)["id"].get<long long>());

  auto malformed = Raw("POST", path + "/cancel", "{\"reason\": ", &owner_);
  ExpectErrorShape(malformed, "malformed cancel body");
  EXPECT_EQ(malformed->status, 400);
  auto wrong_type = Raw("POST", path + "/cancel", R"({"reason": 42})", &owner_);
  ExpectErrorShape(wrong_type, "reason of the wrong type");
  EXPECT_EQ(wrong_type->status, 422);
  EXPECT_EQ(Json(Send("GET", path, &owner_))["status"], "draft") << "nothing was done";

  auto cancelled = Send("POST", path + "/cancel", &owner_, {{"reason", "Le client a annulé"}});
  ASSERT_EQ(cancelled->status, 200) << cancelled->body;
  EXPECT_EQ(Json(cancelled)["status"], "cancelled");
  auto lease = db_->Acquire();
  std::string details;
  **lease << "SELECT details FROM audit_log WHERE action = 'quotes.cancelled'", soci::into(details);
  EXPECT_NE(details.find("Le client a annulé"), std::string::npos) << details;
}

TEST_F(Hardening, AnUnknownReferenceIsARefusalWithoutDriverText) {
  auto client = Send("POST", "/api/v1/clients", &owner_, {{"name", "Mariage Dupont"}});
  ASSERT_EQ(client->status, 201);
  for (const char* field : {"catalogue_item_id", "equipment_item_id"}) {
    nlohmann::json quote = {{"client_id", Json(client)["id"]},
                            {"title", "Mariage"},
                            {"lines",
                             {{{"kind", "rental"},
                               {"description", "Enceinte"},
                               {"unit", "day"},
                               {"quantity_milli", 1000},
                               {"unit_price_cents", 4500},
                               {"vat_rate_bp", 2000},
                               {field, 987654}}}}};
    auto res = Send("POST", "/api/v1/quotes", &owner_, quote);
    ExpectErrorShape(res, field);
    EXPECT_EQ(res->status, 422) << res->body;
    for (const char* leak : {"sqlite", "FOREIGN KEY", "constraint", "soci", "SELECT", "INSERT",
                             "postgres", "database error"}) {
      EXPECT_EQ(res->body.find(leak), std::string::npos) << leak << " in " << res->body;
    }
  }
  EXPECT_EQ(Count("quotes"), 0);
}

}  // namespace
}  // namespace planify::testing
