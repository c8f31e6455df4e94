#include "domain/online_payments.hpp"

#include <gtest/gtest.h>

namespace planify::domain {
namespace {

TEST(OnlinePayments, KnowsTheEventsItActsOn) {
  EXPECT_EQ(ProviderEventKindOf("checkout.session.completed"),
            ProviderEventKind::kCheckoutCompleted);
  EXPECT_EQ(ProviderEventKindOf("charge.dispute.created"), ProviderEventKind::kDisputeCreated);
  EXPECT_EQ(ProviderEventKindOf("customer.created"), ProviderEventKind::kOther);
  EXPECT_EQ(ProviderEventKindOf(""), ProviderEventKind::kOther);
}

TEST(OnlinePayments, AnUnpaidCompletedCheckoutIsNotMoneyYet) {
  ProviderEvent event;
  event.kind = ProviderEventKind::kCheckoutCompleted;
  event.payment_status = "unpaid";  // SEPA debit: the money comes later
  EXPECT_FALSE(IsPaymentReceived(event));
  event.payment_status = "paid";
  EXPECT_TRUE(IsPaymentReceived(event));
  event.kind = ProviderEventKind::kPaymentFailed;
  EXPECT_FALSE(IsPaymentReceived(event));
  event.kind = ProviderEventKind::kPaymentSucceeded;
  EXPECT_TRUE(IsPaymentReceived(event));
}

TEST(OnlinePayments, APaymentAboveWhatIsDueIsSplitIntoAnOverpayment) {
  InvoiceMoney money{100000, 30000, 0, 20000};  // 500 € still due
  EXPECT_EQ(SplitPayment(money, 50000).applied_cents, 50000);
  EXPECT_EQ(SplitPayment(money, 50000).overpaid_cents, 0);
  EXPECT_EQ(SplitPayment(money, 70001).applied_cents, 50000);
  EXPECT_EQ(SplitPayment(money, 70001).overpaid_cents, 20001);
  money.paid_cents = 70000;  // already paid in full: everything is overpaid
  EXPECT_EQ(SplitPayment(money, 100).applied_cents, 0);
  EXPECT_EQ(SplitPayment(money, 100).overpaid_cents, 100);
}

TEST(OnlinePayments, OnlyAnIssuedInvoiceWithMoneyLeftCanBePaidOnline) {
  InvoiceMoney money{12000, 0, 0, 2000};
  EXPECT_EQ(*OnlineAmountDue(InvoiceStatus::kPartiallyPaid, money, false), 10000);
  EXPECT_EQ(OnlineAmountDue(InvoiceStatus::kDraft, money, false).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(OnlineAmountDue(InvoiceStatus::kCancelled, money, false).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(OnlineAmountDue(InvoiceStatus::kIssued, money, true).error().code,
            ErrorCode::kConflict);
  money.paid_cents = 12000;
  EXPECT_EQ(OnlineAmountDue(InvoiceStatus::kPaid, money, false).error().code, ErrorCode::kConflict);
}

TEST(OnlinePayments, TheDepositDueCountsInvoicesAndHeldMoney) {
  EXPECT_EQ(*DepositAmountDue(QuoteStatus::kAccepted, 30000, 0, 0), 30000);
  EXPECT_EQ(*DepositAmountDue(QuoteStatus::kAccepted, 30000, 10000, 5000), 15000);
  EXPECT_FALSE(DepositAmountDue(QuoteStatus::kAccepted, 30000, 30000, 0));
  EXPECT_FALSE(DepositAmountDue(QuoteStatus::kAccepted, 0, 0, 0));
  EXPECT_FALSE(DepositAmountDue(QuoteStatus::kSent, 30000, 0, 0));
}

TEST(OnlinePayments, CumulativeRefundsOnlyEverGrow) {
  EXPECT_EQ(RefundIncrease(10000, 0, 2500), 2500);
  EXPECT_EQ(RefundIncrease(10000, 2500, 2500), 0);      // the same event again
  EXPECT_EQ(RefundIncrease(10000, 6000, 2500), 0);      // an older event, late
  EXPECT_EQ(RefundIncrease(10000, 2500, 99999), 7500);  // never past the payment
}

TEST(OnlinePayments, RefundsAreBoundedByWhatIsLeft) {
  EXPECT_TRUE(CheckRefund("stripe", "succeeded", 10000, 2000, 3000, 5000));
  auto over = CheckRefund("stripe", "succeeded", 10000, 2000, 3000, 5001);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, ErrorCode::kValidation);
  EXPECT_EQ(over.error().fields.at(0).field, "amount_cents");
  EXPECT_FALSE(CheckRefund("stripe", "succeeded", 10000, 0, 0, 0));
  EXPECT_EQ(CheckRefund("manual", "succeeded", 10000, 0, 0, 100).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(CheckRefund("stripe", "pending", 10000, 0, 0, 100).error().code, ErrorCode::kConflict);
  EXPECT_EQ(CheckRefund("stripe", "succeeded", 10000, 10000, 0, 1).error().code,
            ErrorCode::kConflict);
}

TEST(OnlinePayments, RecognisesStripeKeysAndHidesThem) {
  EXPECT_TRUE(IsStripeSecretKey("sk_test_51Nabcdefghijklmnop"));
  EXPECT_TRUE(IsStripeSecretKey("rk_live_51Nabcdefghijklmnop"));
  EXPECT_FALSE(IsStripeSecretKey("pk_test_51Nabcdefghijklmnop"));  // publishable
  EXPECT_FALSE(IsStripeSecretKey("sk_test_51N abc defghijklmnop"));
  EXPECT_FALSE(IsStripeSecretKey("sk_test_"));
  EXPECT_TRUE(IsStripeLiveKey("sk_live_51Nabcdefghijklmnop"));
  EXPECT_FALSE(IsStripeLiveKey("rk_test_51Nabcdefghijklmnop"));
  EXPECT_TRUE(IsStripeWebhookSecret("whsec_abcdefghijklmnop0123"));
  EXPECT_FALSE(IsStripeWebhookSecret("sk_test_abcdefghijklmnop"));
  EXPECT_EQ(StripeKeyHint("sk_test_51Nabcdefghijkl4242"), "sk_test_…4242");
}

}  // namespace
}  // namespace planify::domain
