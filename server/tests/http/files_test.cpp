#include <gtest/gtest.h>

#include "http/auth_fixture.hpp"
#include "support/images.hpp"

namespace planify::testing {
namespace {

// Well-formed images: the server reads type and size from their structure, not the claim.
const std::string kPng = TestPng(64, 4);
const std::string kJpeg = TestJpeg(320, 240);

class Files : public AuthFixture {
 protected:
  void SetUp() override {
    // E-mail templates only embed https images (mail clients block the others).
    services_tweak_ = [](http::Services& s) { s.public_url = "https://planify.test"; };
    AuthFixture::SetUp();
    org_ = SeedOrganization("Sono Pro");
    SeedMember(org_, "owner@sono.fr", "owner");
    SeedMember(org_, "dj@sono.fr", "dj");
    admin_ = SignIn("owner@sono.fr");
  }

  httplib::Result Upload(const std::string& path, const BrowserSession& session,
                         const std::string& bytes, const std::string& type) {
    auto client = Client();
    return client.Put(
        path,
        {{"Cookie", session.CookieHeader()}, {"X-CSRF-Token", session.csrf}, {"Origin", Origin()}},
        bytes, type);
  }

  OrganizationId org_;
  BrowserSession admin_;
};

TEST_F(Files, LogoIsCheckedStoredServedAndUsedInEmails) {
  auto svg = Upload("/api/v1/organization/logo", admin_,
                    "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
                    "image/png");
  EXPECT_EQ(svg->status, 422) << "the claimed type is not trusted";
  // A PNG signature and garbage, a truncated PNG, a 1×20000 canvas: refused, nothing stored.
  for (const std::string& bad : {std::string("\x89PNG\r\n\x1a\n", 8) + std::string(200, 'p'),
                                 kPng.substr(0, kPng.size() - 12), TestPng(1, 20000),
                                 std::string("\xFF\xD8\xFF\xE0", 4) + std::string(300, 'j')}) {
    auto refused = Upload("/api/v1/organization/logo", admin_, bad, "image/png");
    ASSERT_EQ(refused->status, 422) << refused->body;
    EXPECT_EQ(Json(refused)["error"]["fields"][0]["field"], "logo");
  }
  EXPECT_EQ(Count("files"), 0);
  auto big = Upload("/api/v1/organization/logo", admin_, kPng + std::string(1024 * 1024, 'x'),
                    "image/png");
  // Over the server's body limit (413) or over the 1 MiB image limit (422).
  EXPECT_TRUE(big->status == 413 || big->status == 422) << big->status;

  auto saved = Upload("/api/v1/organization/logo", admin_, kPng, "image/png");
  ASSERT_EQ(saved->status, 200) << saved->body;
  std::string url = Json(saved)["logo_url"];
  auto served = Client().Get(url);
  ASSERT_EQ(served->status, 200);
  EXPECT_EQ(served->body, kPng);
  EXPECT_EQ(served->get_header_value("Content-Type"), "image/png");
  EXPECT_NE(served->get_header_value("Cache-Control").find("immutable"), std::string::npos);
  EXPECT_EQ(Client().Get(url.substr(0, url.size() - 1) + "0")->status, 404) << "hash is part";
  EXPECT_EQ(Json(Send("GET", "/api/v1/auth/session", &admin_))["organization"]["logo_url"], url);
  EXPECT_EQ(Json(Send("GET", "/api/v1/organization", &admin_))["logo_url"], url);

  ASSERT_EQ(
      Send("POST", "/api/v1/invitations", &admin_, {{"email", "x@y.fr"}, {"role", "dj"}})->status,
      201);
  {
    auto lease = db_->Acquire();
    std::string html;
    **lease << "SELECT html_body FROM emails ORDER BY id DESC LIMIT 1", soci::into(html);
    EXPECT_NE(html.find("https://planify.test" + url), std::string::npos);
  }

  // Replacing deletes the old file; removing leaves none.
  auto replaced = Upload("/api/v1/organization/logo", admin_, kJpeg, "image/jpeg");
  ASSERT_EQ(replaced->status, 200);
  EXPECT_EQ(Client().Get(url)->status, 404);
  EXPECT_EQ(Count("files"), 1);
  EXPECT_EQ(Send("DELETE", "/api/v1/organization/logo", &admin_)->status, 204);
  EXPECT_EQ(Count("files"), 0);
  EXPECT_TRUE(Json(Send("GET", "/api/v1/organization", &admin_))["logo_url"].is_null());

  auto dj = SignIn("dj@sono.fr");
  EXPECT_EQ(Upload("/api/v1/organization/logo", dj, kPng, "image/png")->status, 403);
}

TEST_F(Files, EveryoneSetsTheirOwnPhoto) {
  auto dj = SignIn("dj@sono.fr");
  auto saved = Upload("/api/v1/me/avatar", dj, kJpeg, "image/jpeg");
  ASSERT_EQ(saved->status, 200) << saved->body;
  std::string url = Json(saved)["avatar_url"];
  EXPECT_EQ(Json(Send("GET", "/api/v1/auth/session", &dj))["user"]["avatar_url"], url);
  EXPECT_TRUE(Json(Send("GET", "/api/v1/auth/session", &admin_))["user"]["avatar_url"].is_null());
  // CSRF applies to uploads too.
  auto client = Client();
  auto no_token =
      client.Put("/api/v1/me/avatar", {{"Cookie", dj.CookieHeader()}, {"Origin", Origin()}}, kPng,
                 "image/png");
  EXPECT_EQ(no_token->status, 403);
  EXPECT_EQ(Send("DELETE", "/api/v1/me/avatar", &dj)->status, 204);
  EXPECT_EQ(Client().Get(url)->status, 404);
}

}  // namespace
}  // namespace planify::testing
