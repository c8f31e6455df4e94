#include <gtest/gtest.h>

#include <regex>

#include "http/auth_fixture.hpp"

namespace planify::testing {
namespace {

class EmailLinks : public AuthFixture {
 protected:
  void SetUp() override {
    AuthFixture::SetUp();
    org_ = SeedOrganization("Sono Pro");
    owner_ = SeedMember(org_, "owner@sono.fr", "owner");
    SeedMember(org_, "manager@sono.fr", "manager");
  }

  // The newest queued e-mail to `to`: its template and the token of the link it carries.
  struct Sent {
    std::string template_name;
    std::string subject;
    std::string token;
    std::string link;
  };
  std::optional<Sent> LastEmailTo(const std::string& to) {
    auto lease = db_->Acquire();
    soci::rowset<soci::row> rows =
        ((*lease)->prepare << "SELECT template, subject, text_body FROM emails WHERE to_address = "
                              ":to ORDER BY id DESC LIMIT 1",
         soci::use(to));
    for (const auto& row : rows) {
      Sent sent{row.get<std::string>(0), row.get<std::string>(1), "", ""};
      std::string text = row.get<std::string>(2);
      std::smatch m;
      if (std::regex_search(text, m, std::regex(R"((http\S+jeton=([0-9a-f]{64})))"))) {
        sent.link = m[1];
        sent.token = m[2];
      }
      return sent;
    }
    return std::nullopt;
  }

  OrganizationId org_;
  UserId owner_;
};

TEST_F(EmailLinks, MagicLinkSignsInOnceWithinFifteenMinutes) {
  auto res = Send("POST", "/api/v1/auth/magic-link", nullptr, {{"email", " Owner@Sono.fr "}});
  ASSERT_EQ(res->status, 202) << res->body;
  auto sent = LastEmailTo("owner@sono.fr");
  ASSERT_TRUE(sent.has_value());
  EXPECT_EQ(sent->template_name, "auth.magic_link");
  ASSERT_EQ(sent->token.size(), 64u);
  EXPECT_EQ(sent->link.rfind("http", 0), 0u);
  EXPECT_NE(sent->link.find("/connexion/lien?jeton="), std::string::npos);

  auto consumed =
      Send("POST", "/api/v1/auth/magic-link/consume", nullptr, {{"token", sent->token}});
  ASSERT_EQ(consumed->status, 200) << consumed->body;
  EXPECT_EQ(Json(consumed)["user"]["email"], "owner@sono.fr");
  EXPECT_FALSE(CookieFrom(consumed, "planify_session").empty());
  // Single use.
  auto again = Send("POST", "/api/v1/auth/magic-link/consume", nullptr, {{"token", sent->token}});
  EXPECT_EQ(again->status, 401);

  // Expired after 15 minutes.
  ASSERT_EQ(Send("POST", "/api/v1/auth/magic-link", nullptr, {{"email", "owner@sono.fr"}})->status,
            202);
  auto late = LastEmailTo("owner@sono.fr");
  clock_.Set(clock_.Now() + std::chrono::minutes(16));
  EXPECT_EQ(
      Send("POST", "/api/v1/auth/magic-link/consume", nullptr, {{"token", late->token}})->status,
      401);
  // The token is stored hashed.
  auto lease = db_->Acquire();
  long long clear = 0;
  **lease << "SELECT count(*) FROM auth_tokens WHERE token_hash = :t", soci::use(late->token),
      soci::into(clear);
  EXPECT_EQ(clear, 0);
}

TEST_F(EmailLinks, UnknownAddressesGetTheSameAnswerAndNoMail) {
  auto res = Send("POST", "/api/v1/auth/magic-link", nullptr, {{"email", "nobody@sono.fr"}});
  EXPECT_EQ(res->status, 202);
  EXPECT_EQ(Count("emails"), 0);
  EXPECT_EQ(
      Send("POST", "/api/v1/auth/magic-link", nullptr, {{"email", "pas une adresse"}})->status,
      422);
  // Three links per address per 15 minutes, whether or not it exists.
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(
        Send("POST", "/api/v1/auth/magic-link", nullptr, {{"email", "nobody@sono.fr"}})->status,
        202);
  }
  auto limited = Send("POST", "/api/v1/auth/magic-link", nullptr, {{"email", "nobody@sono.fr"}});
  EXPECT_EQ(limited->status, 429);
  EXPECT_FALSE(limited->get_header_value("Retry-After").empty());
}

TEST_F(EmailLinks, PasswordResetReplacesThePasswordAndEndsOtherSessions) {
  auto old_session = SignIn("owner@sono.fr");
  ASSERT_EQ(
      Send("POST", "/api/v1/auth/password-reset", nullptr, {{"email", "owner@sono.fr"}})->status,
      202);
  auto sent = LastEmailTo("owner@sono.fr");
  ASSERT_TRUE(sent && !sent->token.empty());
  EXPECT_EQ(sent->template_name, "auth.password_reset");

  auto weak = Send("POST", "/api/v1/auth/password-reset/complete", nullptr,
                   {{"token", sent->token}, {"new_password", "0123456789"}});
  EXPECT_EQ(weak->status, 422);
  auto done = Send("POST", "/api/v1/auth/password-reset/complete", nullptr,
                   {{"token", sent->token}, {"new_password", "nouveau secret 2026"}});
  ASSERT_EQ(done->status, 200) << done->body;  // the weak attempt did not spend the link
  EXPECT_EQ(Send("GET", "/api/v1/auth/session", &old_session)->status, 401);
  EXPECT_EQ(SignInRaw("owner@sono.fr", kPassword)->status, 401);
  EXPECT_EQ(SignInRaw("owner@sono.fr", "nouveau secret 2026")->status, 200);
  EXPECT_EQ(Send("POST", "/api/v1/auth/password-reset/complete", nullptr,
                 {{"token", sent->token}, {"new_password", "encore un autre 2026"}})
                ->status,
            401);
}

TEST_F(EmailLinks, InvitedTechnicianCreatesAnAccountAndGetsTechnicianRights) {
  auto admin = SignIn("owner@sono.fr");
  auto invited = Send("POST", "/api/v1/invitations", &admin,
                      {{"email", "Lea.Tech@Example.fr"}, {"role", "technician"}});
  ASSERT_EQ(invited->status, 201) << invited->body;
  EXPECT_EQ(Json(invited)["email"], "lea.tech@example.fr");
  auto open = Json(Send("GET", "/api/v1/invitations", &admin));
  ASSERT_EQ(open["items"].size(), 1u);

  auto sent = LastEmailTo("lea.tech@example.fr");
  ASSERT_TRUE(sent && !sent->token.empty());
  EXPECT_EQ(sent->template_name, "auth.invitation");
  EXPECT_NE(sent->subject.find("Sono Pro"), std::string::npos) << sent->subject;

  auto lookup = Send("POST", "/api/v1/invitations/lookup", nullptr, {{"token", sent->token}});
  ASSERT_EQ(lookup->status, 200);
  EXPECT_EQ(Json(lookup)["organization_name"], "Sono Pro");
  EXPECT_EQ(Json(lookup)["role"], "technician");
  EXPECT_EQ(Json(lookup)["account_exists"], false);

  auto weak = Send("POST", "/api/v1/invitations/accept", nullptr,
                   {{"token", sent->token}, {"display_name", "Léa"}, {"password", "court"}});
  EXPECT_EQ(weak->status, 422);
  auto accepted =
      Send("POST", "/api/v1/invitations/accept", nullptr,
           {{"token", sent->token}, {"display_name", "Léa Martin"}, {"password", kPassword}});
  ASSERT_EQ(accepted->status, 201) << accepted->body;
  auto json = Json(accepted);
  EXPECT_EQ(json["role"], "technician");
  EXPECT_EQ(json["organization"]["name"], "Sono Pro");
  BrowserSession tech{CookieValueOf(CookieFrom(accepted, "planify_session")),
                      CookieValueOf(CookieFrom(accepted, "planify_csrf"))};
  EXPECT_EQ(Send("GET", "/api/v1/members", &tech)->status, 403);
  EXPECT_EQ(Send("GET", "/api/v1/audit", &tech)->status, 403);
  EXPECT_EQ(Send("GET", "/api/v1/auth/session", &tech)->status, 200);
  // Used up.
  EXPECT_EQ(Send("POST", "/api/v1/invitations/lookup", nullptr, {{"token", sent->token}})->status,
            404);
  EXPECT_EQ(Json(Send("GET", "/api/v1/invitations", &admin))["items"].size(), 0u);
  auto members = Json(Send("GET", "/api/v1/members", &admin));
  EXPECT_EQ(members["items"].size(), 3u);
  // Inviting a member again is refused.
  EXPECT_EQ(Send("POST", "/api/v1/invitations", &admin,
                 {{"email", "lea.tech@example.fr"}, {"role", "dj"}})
                ->status,
            409);
}

TEST_F(EmailLinks, ExistingAccountAcceptsWhileSignedInAndOthersCannot) {
  auto other_org = SeedOrganization("Autre Sono");
  SeedMember(other_org, "dj@autre.fr", "dj");
  auto admin = SignIn("owner@sono.fr");
  ASSERT_EQ(Send("POST", "/api/v1/invitations", &admin, {{"email", "dj@autre.fr"}, {"role", "dj"}})
                ->status,
            201);
  auto sent = LastEmailTo("dj@autre.fr");
  ASSERT_TRUE(sent && !sent->token.empty());
  EXPECT_EQ(Json(Send("POST", "/api/v1/invitations/lookup", nullptr,
                      {{"token", sent->token}}))["account_exists"],
            true);
  // Creating a second account for the address is refused.
  EXPECT_EQ(Send("POST", "/api/v1/invitations/accept", nullptr,
                 {{"token", sent->token}, {"display_name", "X"}, {"password", kPassword}})
                ->status,
            409);
  // Someone else, signed in, cannot take it.
  EXPECT_EQ(Send("POST", "/api/v1/invitations/accept-signed-in", &admin, {{"token", sent->token}})
                ->status,
            403);
  auto dj = SignIn("dj@autre.fr");
  auto joined = Send("POST", "/api/v1/invitations/accept-signed-in", &dj, {{"token", sent->token}});
  ASSERT_EQ(joined->status, 200) << joined->body;
  auto json = Json(joined);
  EXPECT_EQ(json["organization"]["name"], "Sono Pro");
  EXPECT_EQ(json["role"], "dj");
  EXPECT_EQ(json["memberships"].size(), 2u);
  // And can switch back.
  auto back =
      Send("POST", "/api/v1/auth/organization", &dj, {{"organization_id", other_org.value}});
  ASSERT_EQ(back->status, 200);
  EXPECT_EQ(Json(back)["organization"]["name"], "Autre Sono");
}

TEST_F(EmailLinks, InvitationsCanBeRevokedAndOnlyOwnersInviteNoOne) {
  auto admin = SignIn("owner@sono.fr");
  EXPECT_EQ(
      Send("POST", "/api/v1/invitations", &admin, {{"email", "x@y.fr"}, {"role", "owner"}})->status,
      422);
  auto created =
      Json(Send("POST", "/api/v1/invitations", &admin, {{"email", "x@y.fr"}, {"role", "dj"}}));
  auto sent = LastEmailTo("x@y.fr");
  std::string id = std::to_string(created["id"].get<long long>());
  EXPECT_EQ(Send("DELETE", "/api/v1/invitations/" + id, &admin)->status, 204);
  EXPECT_EQ(Send("DELETE", "/api/v1/invitations/" + id, &admin)->status, 404);
  EXPECT_EQ(Send("POST", "/api/v1/invitations/lookup", nullptr, {{"token", sent->token}})->status,
            404);
  auto manager = SignIn("manager@sono.fr");
  EXPECT_EQ(
      Send("POST", "/api/v1/invitations", &manager, {{"email", "x@y.fr"}, {"role", "dj"}})->status,
      403);
}

}  // namespace
}  // namespace planify::testing
