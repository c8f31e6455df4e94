#include "domain/analytics.hpp"

#include <gtest/gtest.h>

namespace planify::domain {
namespace {

TEST(BusinessEventName, NamesWhatHappenedFromTheAuditedAction) {
  EXPECT_EQ(BusinessEventName("quotes.sent"), "quote_sent");
  EXPECT_EQ(BusinessEventName("quotes.signed"), "quote_signed");
  EXPECT_EQ(BusinessEventName("quotes.accepted"), "quote_signed");
  EXPECT_EQ(BusinessEventName("invoices.issued"), "invoice_issued");
  EXPECT_EQ(BusinessEventName("payments.received_online"), "payment_received");
  // A payment waiting for validation is not received yet; its validation is.
  EXPECT_EQ(BusinessEventName("payments.recorded"), "");
  EXPECT_EQ(BusinessEventName("payments.validated"), "payment_received");
  EXPECT_EQ(BusinessEventName("members.invitation_accepted"), "member_joined");
  EXPECT_EQ(BusinessEventName("missions.status_changed", "confirmed"), "mission_confirmed");
  EXPECT_EQ(BusinessEventName("missions.status_changed", "completed"), "mission_completed");
  EXPECT_EQ(BusinessEventName("missions.status_changed", "canceled"), "");
  EXPECT_EQ(BusinessEventName("auth.sign_in"), "");
}

TEST(IsForwardableProperty, FiguresAndCodesOnly) {
  EXPECT_TRUE(IsForwardableProperty("amount_cents"));
  EXPECT_TRUE(IsForwardableProperty("method"));
  EXPECT_FALSE(IsForwardableProperty("email"));
  EXPECT_FALSE(IsForwardableProperty("reason"));
  EXPECT_FALSE(IsForwardableProperty("name"));
}

}  // namespace
}  // namespace planify::domain
