#include "integrations/stripe/stripe_webhooks.hpp"

#include <gtest/gtest.h>

#include "integrations/stripe/stripe_client.hpp"

namespace planify::integrations {
namespace {

const domain::Timestamp kNow = *domain::ParseIsoUtc("2026-11-25T14:00:00.000Z");
constexpr const char* kSecret = "whsec_test_secret_0123456789";

TEST(StripeSignature, AcceptsAnyMatchingV1WithinFiveMinutes) {
  const std::string body = R"({"id":"evt_1"})";
  const std::string header = StripeSignatureHeader(kSecret, body, kNow);
  EXPECT_EQ(header.rfind("t=1795615200,v1=", 0), 0u) << header;
  EXPECT_TRUE(VerifyStripeSignature(kSecret, header, body, kNow));
  EXPECT_TRUE(VerifyStripeSignature(kSecret, header, body, kNow + std::chrono::seconds(300)));
  // During a secret rotation Stripe signs with both: one match is enough.
  const std::string old_first =
      "t=1795615200,v1=" + std::string(64, '0') + "," + header.substr(header.find("v1="));
  EXPECT_TRUE(VerifyStripeSignature(kSecret, old_first, body, kNow));
}

TEST(StripeSignature, RefusesForgedStaleAndMalformedHeaders) {
  const std::string body = R"({"id":"evt_1"})";
  const std::string header = StripeSignatureHeader(kSecret, body, kNow);
  auto expect_refused = [&](const std::string& h, const std::string& b, domain::Timestamp now) {
    auto verdict = VerifyStripeSignature(kSecret, h, b, now);
    ASSERT_FALSE(verdict) << h;
    EXPECT_EQ(verdict.error().code, ErrorCode::kBadRequest);
  };
  expect_refused(header, body + " ", kNow);
  expect_refused(StripeSignatureHeader("whsec_other_secret_000000", body, kNow), body, kNow);
  expect_refused(header, body, kNow + std::chrono::seconds(301));
  expect_refused(header, body, kNow - std::chrono::seconds(301));
  expect_refused("", body, kNow);
  expect_refused("t=abc,v1=00", body, kNow);
  expect_refused("t=1795615200", body, kNow);
  expect_refused(header.substr(0, header.size() - 1), body, kNow);
  // Found by the fuzzer: a timestamp past year 9999 overflowed the millisecond clock.
  expect_refused("t=17951611795615200,v1=" + std::string(64, '0'), body, kNow);
  expect_refused("t=-5,v1=" + std::string(64, '0'), body, kNow);
  EXPECT_FALSE(VerifyStripeSignature("", header, body, kNow));
}

TEST(StripeEvents, ReadsWhatPlanifyActsOn) {
  auto event = ParseStripeEvent(R"({
    "id": "evt_1", "type": "checkout.session.completed", "created": 1795615200, "livemode": false,
    "data": {"object": {"object": "checkout.session", "id": "cs_1", "payment_intent": "pi_1",
      "payment_status": "paid", "amount_total": 36000, "currency": "eur",
      "payment_method_types": ["sepa_debit", "card"],
      "metadata": {"planify_organization": "7", "planify_session": "12", "planify_quote": "3"}}}})");
  ASSERT_TRUE(event) << event.error().message;
  EXPECT_EQ(event->kind, domain::ProviderEventKind::kCheckoutCompleted);
  EXPECT_EQ(event->created, kNow);
  EXPECT_EQ(event->session_id, "cs_1");
  EXPECT_EQ(event->payment_intent_id, "pi_1");
  EXPECT_EQ(event->amount_cents, 36000);
  EXPECT_EQ(event->payment_method, "sepa_debit");
  EXPECT_EQ(event->organization_id, 7);
  EXPECT_EQ(event->checkout_session_id, 12);
  EXPECT_EQ(event->quote_id, 3);
  EXPECT_FALSE(event->invoice_id);

  auto refund = ParseStripeEvent(R"({"id": "evt_2", "type": "charge.refunded", "data": {"object":
    {"object": "charge", "payment_intent": {"id": "pi_1"}, "amount_captured": 36000,
     "amount_refunded": 1000, "metadata": {"planify_session": "-4"}}}})");
  ASSERT_TRUE(refund);
  EXPECT_EQ(refund->payment_intent_id, "pi_1") << "an expanded reference is read too";
  EXPECT_EQ(refund->amount_refunded_cents, 1000);
  EXPECT_FALSE(refund->checkout_session_id) << "metadata ids must be positive integers";

  auto junk = ParseStripeEvent(
      R"({"id":"evt_3","type":"x","created":17951611795615200,"data":{"object":{}}})");
  ASSERT_TRUE(junk);
  EXPECT_EQ(junk->created, domain::Timestamp{}) << "out of range: unknown, never an overflow";

  for (const char* bad : {"", "[]", R"({"id":"evt"})", R"({"id":"evt","type":"x","data":{}})",
                          R"({"type":"x","data":{"object":{}}})"}) {
    auto parsed = ParseStripeEvent(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::kBadRequest);
  }
}

TEST(StripeClient, ScrubsAnythingShapedLikeASecret) {
  EXPECT_EQ(ScrubStripeSecrets("Invalid API Key provided: sk_test_51abc****1234 for rk_live_x"),
            "Invalid API Key provided: … for …");
  EXPECT_EQ(ScrubStripeSecrets("whsec_abc is wrong"), "… is wrong");
  EXPECT_EQ(ScrubStripeSecrets("No such payment_intent: pi_123"), "No such payment_intent: pi_123");
}

}  // namespace
}  // namespace planify::integrations
