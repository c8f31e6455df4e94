#include <gtest/gtest.h>

#include "http/auth_fixture.hpp"
#include "store/jobs_repository.hpp"

namespace planify::testing {
namespace {

class Admin : public AuthFixture {
 protected:
  void SetUp() override {
    AuthFixture::SetUp();
    org_ = SeedOrganization("Sono Pro");
    SeedMember(org_, "owner@sono.fr", "owner");
    admin_ = SignIn("owner@sono.fr");
  }
  OrganizationId org_;
  BrowserSession admin_;
};

TEST_F(Admin, AQueuedEmailAppearsInTheOutboxWithItsRenderedHtml) {
  ASSERT_EQ(Send("POST", "/api/v1/invitations", &admin_,
                 {{"email", "lea@example.fr"}, {"role", "technician"}})
                ->status,
            201);
  auto list = Json(Send("GET", "/api/v1/admin/emails", &admin_));
  ASSERT_EQ(list["items"].size(), 1u) << list.dump();
  const auto& item = list["items"][0];
  EXPECT_EQ(item["to"], "lea@example.fr");
  EXPECT_EQ(item["template"], "auth.invitation");
  EXPECT_EQ(item["status"], "queued");
  EXPECT_TRUE(list["next_before"].is_null());

  auto detail =
      Send("GET", "/api/v1/admin/emails/" + std::to_string(item["id"].get<long long>()), &admin_);
  ASSERT_EQ(detail->status, 200);
  auto email = Json(detail);
  std::string html = email["html"];
  EXPECT_NE(html.find("<html"), std::string::npos);
  EXPECT_NE(html.find("Sono Pro"), std::string::npos);
  EXPECT_NE(html.find("http://planify.test/invitation?jeton="), std::string::npos);
  EXPECT_NE(email["text"].get<std::string>().find("/invitation?jeton="), std::string::npos);
  EXPECT_EQ(email["from_name"], "Sono Pro");
  EXPECT_TRUE(email["attachments"].empty());
  EXPECT_EQ(Send("GET", "/api/v1/admin/emails/999999", &admin_)->status, 404);
  EXPECT_EQ(Send("GET", "/api/v1/admin/emails?limit=0", &admin_)->status, 422);
}

TEST_F(Admin, TemplatePreviewRendersSampleDataWithTheOrganisationsName) {
  auto names = Json(Send("GET", "/api/v1/admin/email-templates", &admin_));
  EXPECT_EQ(names["items"].size(), 30u);
  auto preview = Send("GET", "/api/v1/admin/email-templates/quote.sent/preview?locale=en", &admin_);
  ASSERT_EQ(preview->status, 200) << preview->body;
  auto json = Json(preview);
  EXPECT_NE(json["html"].get<std::string>().find("Sono Pro"), std::string::npos);
  EXPECT_FALSE(json["subject"].get<std::string>().empty());
  EXPECT_EQ(Send("GET", "/api/v1/admin/email-templates/nope/preview", &admin_)->status, 404);
  EXPECT_EQ(
      Send("GET", "/api/v1/admin/email-templates/quote.sent/preview?locale=de", &admin_)->status,
      422);
}

TEST_F(Admin, DeadJobsAreListedAndCanBeRerunOnce) {
  long long id = 0;
  {
    auto lease = db_->Acquire();
    store::JobsRepository jobs(*lease);
    store::NewJob job;
    job.organization = org_;
    job.type = "email.send";
    job.payload = R"({"email_id":1})";
    id = *jobs.Enqueue(job, "2026-11-25T09:00:00.000Z");
    **lease << "UPDATE jobs SET status = 'dead', attempts = 8, last_error = 'smtp: 550 refused' "
               "WHERE id = :id",
        soci::use(id);
  }
  auto list = Json(Send("GET", "/api/v1/admin/jobs", &admin_));
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["last_error"], "smtp: 550 refused");
  auto retry = Send("POST", "/api/v1/admin/jobs/" + std::to_string(id) + "/retry", &admin_);
  ASSERT_EQ(retry->status, 202) << retry->body;
  EXPECT_EQ(Send("POST", "/api/v1/admin/jobs/" + std::to_string(id) + "/retry", &admin_)->status,
            409);
  EXPECT_TRUE(Json(Send("GET", "/api/v1/admin/jobs", &admin_))["items"].empty());
  auto audit = Json(Send("GET", "/api/v1/audit?action=jobs.", &admin_));
  ASSERT_EQ(audit["items"].size(), 1u);
  EXPECT_EQ(audit["items"][0]["action"], "jobs.retried");
}

}  // namespace
}  // namespace planify::testing
