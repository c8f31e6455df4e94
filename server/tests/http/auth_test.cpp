#include <gtest/gtest.h>

#include "http/auth_fixture.hpp"

namespace planify::testing {
namespace {

class Auth : public AuthFixture {
 protected:
  void SetUp() override {
    AuthFixture::SetUp();
    org_ = SeedOrganization("Sono Pro");
    admin_ = SeedMember(org_, "admin@sono.fr", "owner");
  }
  OrganizationId org_;
  UserId admin_;
};

// A fresh instance with no user yet.
using FreshInstance = AuthFixture;

TEST_F(FreshInstance, SetupSignsTheOwnerInWithSafeCookies) {
  nlohmann::json body = {{"organization_name", "Sono Pro"},
                         {"owner_email", "greg@sono.fr"},
                         {"owner_display_name", "Greg"},
                         {"owner_password", "un mot de passe solide"}};
  auto res =
      Client().Post("/api/v1/setup", {{"Origin", Origin()}}, body.dump(), "application/json");
  ASSERT_EQ(res->status, 201) << res->body;
  std::string cookie = CookieFrom(res, "planify_session");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("Path=/"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "http public URL: no Secure flag";
  std::string csrf = CookieFrom(res, "planify_csrf");
  EXPECT_EQ(csrf.find("HttpOnly"), std::string::npos) << "the web app must read it";
  BrowserSession session{CookieValueOf(cookie), CookieValueOf(csrf)};
  auto me = Send("GET", "/api/v1/auth/session", &session);
  ASSERT_EQ(me->status, 200) << me->body;
  auto json = Json(me);
  EXPECT_EQ(json["user"]["email"], "greg@sono.fr");
  EXPECT_EQ(json["role"], "owner");
  EXPECT_EQ(json["organization"]["name"], "Sono Pro");
  EXPECT_EQ(json["csrf_token"], session.csrf);
  EXPECT_NE(std::find(json["permissions"].begin(), json["permissions"].end(), "members.manage"),
            json["permissions"].end());
  // The token is stored hashed, never in clear.
  auto lease = db_->Acquire();
  std::string stored;
  **lease << "SELECT token_hash FROM sessions", soci::into(stored);
  EXPECT_NE(stored, session.session);
  EXPECT_EQ(stored.size(), 64u);
}

TEST_F(Auth, HttpsPublicUrlAddsSecure) {
  Shutdown();
  services_tweak_ = [](http::Services& s) { s.public_url = "https://planify.example.fr"; };
  Start({});
  auto res = SignInRaw("admin@sono.fr", kPassword);
  // Origin is http://127.0.0.1 while the public URL is https://planify.example.fr, but the
  // Host matches: accepted.
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_NE(CookieFrom(res, "planify_session").find("; Secure"), std::string::npos);
  EXPECT_NE(CookieFrom(res, "planify_csrf").find("; Secure"), std::string::npos);
}

TEST_F(Auth, WrongPasswordAndUnknownAccountLookTheSame) {
  auto wrong = SignInRaw("admin@sono.fr", "pas le bon mot de passe");
  auto unknown = SignInRaw("nobody@sono.fr", "pas le bon mot de passe");
  ASSERT_EQ(wrong->status, 401);
  ASSERT_EQ(unknown->status, 401);
  EXPECT_EQ(Json(wrong)["error"]["message"], Json(unknown)["error"]["message"]);
  EXPECT_TRUE(CookieFrom(wrong, "planify_session").empty());
  auto missing = SignInRaw("", "");
  EXPECT_EQ(missing->status, 422);
  EXPECT_EQ(Json(missing)["error"]["fields"].size(), 2u);
  // Audited for the organisation's admins.
  auto lease = db_->Acquire();
  long long failures = 0;
  **lease << "SELECT count(*) FROM audit_log WHERE action = 'auth.sign_in_failed'",
      soci::into(failures);
  EXPECT_EQ(failures, 1);
}

TEST_F(Auth, EleventhWrongPasswordFromOneIpIsThrottled) {
  Shutdown();
  trusted_proxies_ = {"127.0.0.1"};  // so the test can speak as several client addresses
  Start({});
  for (int i = 1; i <= 10; ++i) {
    auto res = SignInRaw("admin@sono.fr", "mauvais mot de passe", "203.0.113.9");
    ASSERT_EQ(res->status, 401) << "attempt " << i;
  }
  auto blocked = SignInRaw("admin@sono.fr", "mauvais mot de passe", "203.0.113.9");
  ASSERT_EQ(blocked->status, 429);
  EXPECT_EQ(Json(blocked)["error"]["code"], "RATE_LIMITED");
  int retry = std::stoi(blocked->get_header_value("Retry-After"));
  EXPECT_GT(retry, 0);
  EXPECT_LE(retry, 60);
  // Even the right password is refused from the throttled address...
  EXPECT_EQ(SignInRaw("admin@sono.fr", kPassword, "203.0.113.9")->status, 429);
  // ...but works from another one.
  EXPECT_EQ(SignInRaw("admin@sono.fr", kPassword, "198.51.100.7")->status, 200);
  // A minute later the first address may try again.
  clock_.Set(clock_.Now() + std::chrono::seconds(61));
  EXPECT_EQ(SignInRaw("admin@sono.fr", kPassword, "203.0.113.9")->status, 200);
}

TEST_F(Auth, ForgedForwardedForIsIgnoredWithoutTrustedProxy) {
  for (int i = 1; i <= 10; ++i) {
    auto res = SignInRaw("admin@sono.fr", "mauvais mot de passe", "10.0.0." + std::to_string(i));
    ASSERT_EQ(res->status, 401);
  }
  EXPECT_EQ(SignInRaw("admin@sono.fr", "mauvais mot de passe", "10.9.9.9")->status, 429);
}

TEST_F(Auth, CsrfTokenAndOriginAreRequiredForCookieWrites) {
  auto session = SignIn("admin@sono.fr");
  auto no_token =
      Send("POST", "/api/v1/me/sessions/revoke-others", &session, nullptr, {{"X-CSRF-Token", ""}});
  EXPECT_EQ(no_token->status, 403);
  auto wrong_token = Send("POST", "/api/v1/me/sessions/revoke-others", &session, nullptr,
                          {{"X-CSRF-Token", std::string(64, 'a')}});
  EXPECT_EQ(wrong_token->status, 403);
  auto foreign = Send("POST", "/api/v1/me/sessions/revoke-others", &session, nullptr,
                      {{"Origin", "https://evil.example"}});
  EXPECT_EQ(foreign->status, 403);
  EXPECT_EQ(Json(foreign)["error"]["code"], "FORBIDDEN");
  auto null_origin =
      Send("POST", "/api/v1/me/sessions/revoke-others", &session, nullptr, {{"Origin", "null"}});
  EXPECT_EQ(null_origin->status, 403);
  // Reads need no token.
  EXPECT_EQ(Send("GET", "/api/v1/auth/session", &session, nullptr, {{"X-CSRF-Token", ""}})->status,
            200);
  // A foreign site cannot post a sign-in form either.
  auto client = Client();
  auto login_csrf = client.Post("/api/v1/auth/sign-in", {{"Origin", "https://evil.example"}},
                                R"({"email":"admin@sono.fr","password":"x"})", "application/json");
  EXPECT_EQ(login_csrf->status, 403);
  auto ok = Send("POST", "/api/v1/me/sessions/revoke-others", &session);
  EXPECT_EQ(ok->status, 200) << ok->body;
}

TEST_F(Auth, SignOutRevokesTheSession) {
  auto session = SignIn("admin@sono.fr");
  auto out = Send("POST", "/api/v1/auth/sign-out", &session);
  ASSERT_EQ(out->status, 204);
  EXPECT_NE(CookieFrom(out, "planify_session").find("Max-Age=0"), std::string::npos);
  auto after = Send("GET", "/api/v1/auth/session", &session);
  EXPECT_EQ(after->status, 401);
  EXPECT_EQ(Json(after)["error"]["code"], "UNAUTHENTICATED");
  EXPECT_EQ(Send("GET", "/api/v1/auth/session", nullptr)->status, 401);
}

TEST_F(Auth, PasswordChangeRevokesOtherSessions) {
  auto laptop = SignIn("admin@sono.fr");
  auto phone = SignIn("admin@sono.fr");
  auto sessions = Send("GET", "/api/v1/me/sessions", &laptop);
  ASSERT_EQ(sessions->status, 200);
  EXPECT_EQ(Json(sessions)["items"].size(), 2u);

  auto weak = Send("POST", "/api/v1/me/password", &laptop,
                   {{"current_password", kPassword}, {"new_password", "azertyuiop"}});
  EXPECT_EQ(weak->status, 422);
  auto wrong = Send("POST", "/api/v1/me/password", &laptop,
                    {{"current_password", "pas le bon"}, {"new_password", "nouveau secret 2026"}});
  EXPECT_EQ(wrong->status, 422);
  EXPECT_EQ(Json(wrong)["error"]["fields"][0]["field"], "current_password");

  auto changed = Send("POST", "/api/v1/me/password", &laptop,
                      {{"current_password", kPassword}, {"new_password", "nouveau secret 2026"}});
  ASSERT_EQ(changed->status, 204) << changed->body;
  EXPECT_EQ(Send("GET", "/api/v1/auth/session", &phone)->status, 401);
  EXPECT_EQ(Send("GET", "/api/v1/auth/session", &laptop)->status, 200);
  EXPECT_EQ(SignInRaw("admin@sono.fr", kPassword)->status, 401);
  EXPECT_EQ(SignInRaw("admin@sono.fr", "nouveau secret 2026")->status, 200);
}

TEST_F(Auth, SessionsEndAfterTwoIdleWeeksAndCanBeRevokedOneByOne) {
  auto laptop = SignIn("admin@sono.fr");
  auto phone = SignIn("admin@sono.fr");
  auto list = Json(Send("GET", "/api/v1/me/sessions", &laptop));
  long long other = 0;
  for (const auto& s : list["items"]) {
    if (!s["current"].get<bool>()) other = s["id"];
  }
  ASSERT_GT(other, 0);
  EXPECT_EQ(Send("DELETE", "/api/v1/me/sessions/" + std::to_string(other), &laptop)->status, 204);
  EXPECT_EQ(Send("GET", "/api/v1/auth/session", &phone)->status, 401);
  EXPECT_EQ(Send("DELETE", "/api/v1/me/sessions/" + std::to_string(other), &laptop)->status, 404);

  clock_.Set(clock_.Now() + std::chrono::hours(24 * 13));
  EXPECT_EQ(Send("GET", "/api/v1/auth/session", &laptop)->status, 200);  // slides
  clock_.Set(clock_.Now() + std::chrono::hours(24 * 13));
  EXPECT_EQ(Send("GET", "/api/v1/auth/session", &laptop)->status, 200);
  clock_.Set(clock_.Now() + std::chrono::hours(24 * 15));
  EXPECT_EQ(Send("GET", "/api/v1/auth/session", &laptop)->status, 401);
}

TEST_F(Auth, LegacyWerkzeugAccountSignsInWithUsernameAndIsRehashed) {
  // The legacy admin of ../shared/legacy/sample-legacy.db, hash copied from that database.
  UserId legacy = SeedMember(org_, "admin@planify.local", "admin",
                             "pbkdf2:sha256:260000$Ko5NGmV0FNWjm59C$"
                             "6469fe4ee4eb1c63033299b7f5e3759addb133de0abfa5414bc50e316bc36246");
  {
    auto lease = db_->Acquire();
    long long id = legacy.value;
    **lease << "UPDATE users SET username = 'gnizery' WHERE id = :id", soci::use(id);
  }
  EXPECT_EQ(SignInRaw("gnizery", "wrong-password")->status, 401);
  auto res = SignInRaw("GNIZERY", "greg12345");
  ASSERT_EQ(res->status, 200) << res->body;
  auto lease = db_->Acquire();
  std::string hash;
  std::string details;
  **lease << "SELECT password_hash FROM users WHERE username = 'gnizery'", soci::into(hash);
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  **lease << "SELECT details FROM audit_log WHERE action = 'auth.sign_in' ORDER BY id DESC",
      soci::into(details);
  EXPECT_NE(details.find("\"legacy_hash_upgraded\":true"), std::string::npos) << details;
  // And the new hash works.
  EXPECT_EQ(SignInRaw("admin@planify.local", "greg12345")->status, 200);
}

TEST_F(Auth, DisabledAccountsCannotSignInAndLoseTheirSessions) {
  auto session = SignIn("admin@sono.fr");
  {
    auto lease = db_->Acquire();
    **lease << "UPDATE users SET disabled_at = '2026-11-25T14:00:00.000Z'";
  }
  EXPECT_EQ(Send("GET", "/api/v1/auth/session", &session)->status, 401);
  auto res = SignInRaw("admin@sono.fr", kPassword);
  EXPECT_EQ(res->status, 401);
}

}  // namespace
}  // namespace planify::testing
