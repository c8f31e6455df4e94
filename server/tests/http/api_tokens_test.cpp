#include <gtest/gtest.h>

#include "http/auth_fixture.hpp"

namespace planify::testing {
namespace {

class ApiTokens : public AuthFixture {
 protected:
  void SetUp() override {
    AuthFixture::SetUp();
    org_ = SeedOrganization("Sono Pro");
    SeedMember(org_, "owner@sono.fr", "owner");
    manager_ = SeedMember(org_, "manager@sono.fr", "admin");
    admin_ = SignIn("owner@sono.fr");
  }

  httplib::Result WithToken(const std::string& method, const std::string& path,
                            const std::string& token, const nlohmann::json& body = nullptr) {
    auto client = Client();
    httplib::Headers headers = {{"Authorization", "Bearer " + token}};
    if (method == "GET") return client.Get(path, headers);
    return client.Post(path, headers, body.is_null() ? "{}" : body.dump(), "application/json");
  }

  OrganizationId org_;
  UserId manager_;
  BrowserSession admin_;
};

TEST_F(ApiTokens, ATokenActsWithinItsScopesOnlyAndIsShownOnce) {
  auto created = Send("POST", "/api/v1/api-tokens", &admin_,
                      {{"name", "Comptabilité"}, {"scopes", {"members.read"}}});
  ASSERT_EQ(created->status, 201) << created->body;
  std::string token = Json(created)["token"];
  ASSERT_EQ(token.rfind("plf_", 0), 0u);
  auto list = Json(Send("GET", "/api/v1/api-tokens", &admin_));
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_FALSE(list["items"][0].contains("token")) << "never shown again";
  EXPECT_EQ(list["items"][0]["prefix"], token.substr(0, 12));

  EXPECT_EQ(WithToken("GET", "/api/v1/members", token)->status, 200);
  EXPECT_EQ(WithToken("GET", "/api/v1/audit", token)->status, 403);         // not in its scopes
  EXPECT_EQ(WithToken("GET", "/api/v1/auth/session", token)->status, 403);  // account routes
  // No CSRF header needed: bearer requests carry no ambient credentials.
  EXPECT_EQ(WithToken("POST", "/api/v1/invitations", token, {{"email", "x@y.fr"}, {"role", "dj"}})
                ->status,
            403);
  EXPECT_EQ(WithToken("GET", "/api/v1/members", "plf_" + std::string(64, '0'))->status, 401);
  EXPECT_EQ(WithToken("GET", "/api/v1/members", "garbage")->status, 401);
  auto used = Json(Send("GET", "/api/v1/api-tokens", &admin_));
  EXPECT_FALSE(used["items"][0]["last_used_at"].is_null());

  std::string id = std::to_string(list["items"][0]["id"].get<long long>());
  EXPECT_EQ(Send("DELETE", "/api/v1/api-tokens/" + id, &admin_)->status, 204);
  EXPECT_EQ(WithToken("GET", "/api/v1/members", token)->status, 401);
  auto lease = db_->Acquire();
  long long clear = 0;
  **lease << "SELECT count(*) FROM api_tokens WHERE token_hash = :t", soci::use(token),
      soci::into(clear);
  EXPECT_EQ(clear, 0) << "stored hashed";
}

TEST_F(ApiTokens, ScopesCannotExceedTheCreatorsRoleNowOrLater) {
  EXPECT_EQ(Send("POST", "/api/v1/api-tokens", &admin_, {{"name", "X"}, {"scopes", {"everything"}}})
                ->status,
            422);
  auto other_admin = SignIn("manager@sono.fr");
  auto created = Send("POST", "/api/v1/api-tokens", &other_admin,
                      {{"name", "Outil"}, {"scopes", {"members.read", "audit.read"}}});
  ASSERT_EQ(created->status, 201);
  std::string token = Json(created)["token"];
  EXPECT_EQ(WithToken("GET", "/api/v1/audit", token)->status, 200);
  // The creator becomes a technician: the token loses what the role lost.
  ASSERT_EQ(Send("PATCH", "/api/v1/members/" + std::to_string(manager_.value), &admin_,
                 {{"role", "technician"}})
                ->status,
            200);
  EXPECT_EQ(WithToken("GET", "/api/v1/audit", token)->status, 403);
  // Removed from the organisation: the token ends.
  ASSERT_EQ(Send("DELETE", "/api/v1/members/" + std::to_string(manager_.value), &admin_)->status,
            204);
  EXPECT_EQ(WithToken("GET", "/api/v1/members", token)->status, 401);
}

}  // namespace
}  // namespace planify::testing
