// Resend delivery webhooks over HTTP: Svix signatures, stale and replayed deliveries, and
// e-mail statuses that only move forward.
#include <gtest/gtest.h>

#include "app/email/email_service.hpp"
#include "http/server_fixture.hpp"
#include "integrations/email/svix.hpp"
#include "store/emails_repository.hpp"

namespace planify::testing {
namespace {

class ResendWebhook : public ServerFixture {
 protected:
  // An e-mail already handed to Resend as `message_id`.
  long long SentEmail(const std::string& message_id) {
    auto lease = db_->Acquire();
    domain::EmailDraft draft{
        "client@example.fr", "", "Sono Lumière", std::nullopt, "Devis", "<p>x</p>", "x",
        std::nullopt,        {}};
    store::WriteTransaction tx(*lease);
    auto id = app::QueueEmail(*lease, std::nullopt, draft, "2026-11-25T13:00:00.000Z");
    EXPECT_TRUE(id);
    store::EmailsRepository(*lease).MarkSent(*id, "resend", message_id, "2026-11-25T13:00:01.000Z");
    tx.Commit();
    return *id;
  }

  std::string Status(long long id) {
    auto lease = db_->Acquire();
    return store::EmailsRepository(*lease).Find(id)->status;
  }

  long long Events() {
    auto lease = db_->Acquire();
    long long n = 0;
    **lease << "SELECT count(*) FROM email_events", soci::into(n);
    return n;
  }

  // The fixture's clock says 2026-11-25T14:00:00Z.
  static std::string Now(long long offset_seconds = 0) {
    return std::to_string(1795615200LL + offset_seconds);
  }

  httplib::Result Deliver(const std::string& event_id, const std::string& type,
                          const std::string& message_id, const std::string& timestamp = Now(),
                          const std::string& secret = kWebhookSecret) {
    std::string body =
        nlohmann::json{{"type", type},
                       {"created_at", "2026-11-25T13:59:00.000Z"},
                       {"data", {{"email_id", message_id}, {"to", {"client@example.fr"}}}}}
            .dump();
    httplib::Headers headers = {
        {"svix-id", event_id},
        {"svix-timestamp", timestamp},
        {"svix-signature", "v1,bm90LXRoZS1zaWduYXR1cmU= " +
                               integrations::SvixSign(secret, event_id, timestamp, body)}};
    return Client().Post("/api/v1/webhooks/resend", headers, body, "application/json");
  }
};

TEST_F(ResendWebhook, ClockIsWhatTheTestsAssume) {
  EXPECT_EQ(domain::FormatIsoUtc(domain::Timestamp{std::chrono::seconds(std::stoll(Now()))}),
            "2026-11-25T14:00:00.000Z");
}

TEST_F(ResendWebhook, ASignedDeliveryEventMarksTheEmailDelivered) {
  long long id = SentEmail("re_msg_1");
  auto res = Deliver("msg_evt_1", "email.delivered", "re_msg_1");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(Status(id), "delivered");
  EXPECT_EQ(Events(), 1);
}

TEST_F(ResendWebhook, RefusesAForgedOrStaleSignature) {
  long long id = SentEmail("re_msg_2");
  auto forged = Deliver("msg_evt_2", "email.bounced", "re_msg_2", Now(),
                        "whsec_QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB");
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 401);
  EXPECT_NE(forged->body.find("UNAUTHENTICATED"), std::string::npos);
  auto stale = Deliver("msg_evt_3", "email.bounced", "re_msg_2", Now(-6 * 60));
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 401);
  auto unsigned_request = Client().Post("/api/v1/webhooks/resend", "{}", "application/json");
  ASSERT_TRUE(unsigned_request);
  EXPECT_EQ(unsigned_request->status, 401);
  EXPECT_EQ(Status(id), "sent");
  EXPECT_EQ(Events(), 0);
}

TEST_F(ResendWebhook, AReplayedEventIsAcknowledgedOnce) {
  long long id = SentEmail("re_msg_3");
  ASSERT_EQ(Deliver("msg_evt_4", "email.bounced", "re_msg_3")->status, 200);
  auto replay = Deliver("msg_evt_4", "email.bounced", "re_msg_3");
  ASSERT_TRUE(replay);
  EXPECT_EQ(replay->status, 200);
  EXPECT_NE(replay->body.find("\"duplicate\":true"), std::string::npos);
  EXPECT_EQ(Events(), 1);
  EXPECT_EQ(Status(id), "bounced");
}

TEST_F(ResendWebhook, OutOfOrderEventsNeverMoveAStatusBack) {
  long long id = SentEmail("re_msg_4");
  ASSERT_EQ(Deliver("evt_a", "email.delivered", "re_msg_4")->status, 200);
  ASSERT_EQ(Deliver("evt_b", "email.sent", "re_msg_4")->status, 200);
  ASSERT_EQ(Deliver("evt_c", "email.delivery_delayed", "re_msg_4")->status, 200);
  ASSERT_EQ(Deliver("evt_d", "email.opened", "re_msg_4")->status, 200);
  EXPECT_EQ(Status(id), "delivered");
  ASSERT_EQ(Deliver("evt_e", "email.complained", "re_msg_4")->status, 200);
  EXPECT_EQ(Status(id), "complained");
  EXPECT_EQ(Events(), 5);
}

TEST_F(ResendWebhook, AnEventForAnUnknownMessageIsRecordedAndAcknowledged) {
  auto res = Deliver("evt_unknown", "email.delivered", "re_from_elsewhere");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(Events(), 1);
}

TEST_F(ResendWebhook, ASignedButMalformedEventIs400) {
  std::string body = R"({"hello":"world"})";
  std::string ts = Now();
  httplib::Headers headers = {
      {"svix-id", "evt_bad"},
      {"svix-timestamp", ts},
      {"svix-signature", integrations::SvixSign(kWebhookSecret, "evt_bad", ts, body)}};
  auto res = Client().Post("/api/v1/webhooks/resend", headers, body, "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(Events(), 0);
}

}  // namespace
}  // namespace planify::testing
