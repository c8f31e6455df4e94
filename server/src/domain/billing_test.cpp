#include "domain/billing.hpp"

#include <gtest/gtest.h>

#include "support/images.hpp"

namespace planify::domain {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

BillingLine Line(LineKind kind, const char* text, long long qty_milli, long long price,
                 int rate = 2000) {
  BillingLine line;
  line.kind = kind;
  line.description = text;
  line.quantity_milli = qty_milli;
  line.unit_price_cents = price;
  line.vat_rate_bp = rate;
  return line;
}

bool HasField(const Error& error, const std::string& field) {
  for (const auto& f : error.fields) {
    if (f.field == field) return true;
  }
  return false;
}

TEST(Billing, LegacyExampleThroughLines) {
  DocumentContent c;
  c.title = "  Mariage Dupont ";
  c.lines = {Line(LineKind::kText, "Prestation DJ", 0, 0),
             Line(LineKind::kService, "Animation DJ", 6000, 10000),
             Line(LineKind::kTravel, "Frais de déplacement", 1000, 5000)};
  c.discount.bp = 1000;
  auto priced = PriceDocument(c, DepositRequest{3000, 0}, VatTreatment::kStandard);
  ASSERT_TRUE(priced) << priced.error().message;
  EXPECT_EQ(priced->content.title, "Mariage Dupont");
  EXPECT_EQ(priced->content.lines[0].net_cents, 0);
  EXPECT_EQ(priced->content.lines[1].net_cents, 60000);
  EXPECT_EQ(priced->content.lines[2].net_cents, 5000);
  EXPECT_EQ(priced->totals.net_cents, 58500);
  EXPECT_EQ(priced->totals.vat_cents, 11700);
  EXPECT_EQ(priced->totals.gross_cents, 70200);
  EXPECT_EQ(priced->totals.deposit_cents, 21060);
}

TEST(Billing, FranchiseAndReverseChargePutEveryRateAtZero) {
  DocumentContent c;
  c.title = "Soirée";
  c.lines = {Line(LineKind::kService, "DJ", 1000, 50000, 2000),
             Line(LineKind::kProduct, "Livre", 1000, 1000, 550)};
  for (auto treatment : {VatTreatment::kFranchise, VatTreatment::kReverseCharge}) {
    auto priced = PriceDocument(c, {}, treatment);
    ASSERT_TRUE(priced);
    EXPECT_EQ(priced->totals.vat_cents, 0);
    EXPECT_EQ(priced->totals.gross_cents, 51000);
    EXPECT_EQ(priced->content.lines[1].vat_rate_bp, 0);
  }
}

TEST(Billing, RefusesBadContentNamingEveryField) {
  DocumentContent c;
  c.lines = {Line(LineKind::kService, " ", 1000, 100), Line(LineKind::kFee, "Frais", 1000, -500),
             Line(LineKind::kService, "x", 1000, 100)};
  c.lines[2].unit = "litre";
  auto priced = PriceDocument(c, {}, VatTreatment::kStandard);
  ASSERT_FALSE(priced);
  EXPECT_EQ(priced.error().code, ErrorCode::kValidation);
  for (const char* f :
       {"title", "lines[0].description", "lines[1].unit_price_cents", "lines[2].unit"}) {
    EXPECT_TRUE(HasField(priced.error(), f)) << f;
  }
  DocumentContent only_text;
  only_text.title = "Vide";
  only_text.lines = {Line(LineKind::kText, "Titre", 0, 0)};
  auto empty = PriceDocument(only_text, {}, VatTreatment::kStandard);
  ASSERT_FALSE(empty);
  EXPECT_TRUE(HasField(empty.error(), "lines"));
}

TEST(Billing, DiscountLinesAreNegativeWhateverTheSignTyped) {
  DocumentContent c;
  c.title = "Remise";
  c.lines = {Line(LineKind::kService, "DJ", 1000, 100000),
             Line(LineKind::kDiscount, "Geste commercial", 1000, 10000)};
  auto priced = PriceDocument(c, {}, VatTreatment::kStandard);
  ASSERT_TRUE(priced);
  EXPECT_EQ(priced->content.lines[1].unit_price_cents, -10000);
  EXPECT_EQ(priced->totals.net_cents, 90000);
}

TEST(Billing, DocumentNumbers) {
  EXPECT_EQ(FormatDocumentNumber("FAC-{YYYY}-{NNNN}", 2026, 7), "FAC-2026-0007");
  EXPECT_EQ(FormatDocumentNumber("FAC-{YYYY}-{NNNN}", 2026, 12345), "FAC-2026-12345");
  EXPECT_EQ(FormatDocumentNumber("{YYYY}/AV/{NNN}", 2027, 1), "2027/AV/001");
}

TEST(Billing, IsoDates) {
  auto d = ParseIsoDate("2026-02-28");
  ASSERT_TRUE(d);
  EXPECT_EQ(FormatIsoDate(*d), "2026-02-28");
  EXPECT_FALSE(ParseIsoDate("2026-02-29"));
  EXPECT_FALSE(ParseIsoDate("2026-2-28"));
  EXPECT_FALSE(ParseIsoDate("26-02-2028"));
}

TEST(Billing, QuoteStateMachine) {
  using S = QuoteStatus;
  using A = QuoteAction;
  EXPECT_EQ(*QuoteTransition(S::kDraft, A::kSend), S::kSent);
  EXPECT_EQ(*QuoteTransition(S::kSent, A::kSend), S::kSent);
  EXPECT_EQ(*QuoteTransition(S::kSent, A::kEdit), S::kDraft);
  EXPECT_EQ(*QuoteTransition(S::kExpired, A::kEdit), S::kDraft);
  EXPECT_EQ(*QuoteTransition(S::kSent, A::kAccept), S::kAccepted);
  EXPECT_EQ(*QuoteTransition(S::kSent, A::kDecline), S::kDeclined);
  EXPECT_EQ(*QuoteTransition(S::kSent, A::kExpire), S::kExpired);
  EXPECT_EQ(*QuoteTransition(S::kDraft, A::kCancel), S::kCancelled);
  EXPECT_FALSE(QuoteTransition(S::kDraft, A::kAccept));
  EXPECT_FALSE(QuoteTransition(S::kExpired, A::kSend));
  EXPECT_FALSE(QuoteTransition(S::kDraft, A::kExpire));
  for (auto locked : {S::kAccepted, S::kDeclined, S::kCancelled}) {
    for (auto action : {A::kEdit, A::kSend, A::kAccept, A::kDecline, A::kExpire, A::kCancel}) {
      auto next = QuoteTransition(locked, action);
      ASSERT_FALSE(next);
      EXPECT_EQ(next.error().code, ErrorCode::kConflict);
    }
  }
}

TEST(Billing, InvoiceMoneyAndStatus) {
  InvoiceMoney m{120000, 36000, 0, 0};
  EXPECT_EQ(m.Due(), 84000);
  EXPECT_EQ(SettledStatus(m), InvoiceStatus::kIssued);
  m.paid_cents = 10000;
  EXPECT_EQ(SettledStatus(m), InvoiceStatus::kPartiallyPaid);
  m.paid_cents = 84000;
  EXPECT_EQ(SettledStatus(m), InvoiceStatus::kPaid);
  InvoiceMoney credited{120000, 0, 120000, 0};
  EXPECT_EQ(SettledStatus(credited), InvoiceStatus::kCancelled);
  InvoiceMoney credited_after_payment{120000, 0, 20000, 100000};
  EXPECT_EQ(SettledStatus(credited_after_payment), InvoiceStatus::kPaid);
  year_month_day due{year{2026}, month{11}, day{24}};
  year_month_day today{year{2026}, month{11}, day{25}};
  EXPECT_TRUE(IsOverdue(InvoiceStatus::kIssued, due, today));
  EXPECT_FALSE(IsOverdue(InvoiceStatus::kIssued, today, today));
  EXPECT_FALSE(IsOverdue(InvoiceStatus::kPaid, due, today));
  EXPECT_TRUE(CheckInvoiceEditable(InvoiceStatus::kDraft));
  EXPECT_EQ(CheckInvoiceEditable(InvoiceStatus::kIssued).error().code, ErrorCode::kConflict);
}

TEST(Billing, DepositSplitOverRatesAddsUpToTheGross) {
  // 20 %: 1,000.00 net + 200.00; 5.5 %: 200.00 net + 11.00 → gross 1,411.00; 30 % = 423.30.
  std::vector<VatBreakdown> vat{{2000, 100000, 0, 20000}, {550, 20000, 0, 1100}};
  auto shares = SplitGrossOverRates(vat, 42330);
  ASSERT_EQ(shares.size(), 2u);
  EXPECT_EQ(shares[0].gross_cents + shares[1].gross_cents, 42330);
  EXPECT_EQ(shares[0].rate_bp, 2000);
  EXPECT_EQ(shares[0].gross_cents, 36000);  // 42330 × 1200/1411 = 36000.0
  EXPECT_EQ(shares[0].net_cents, 30000);
  EXPECT_EQ(shares[1].gross_cents, 6330);
  EXPECT_EQ(shares[1].net_cents, 6000);  // 6330 / 1.055 = 6000
  auto lines = LinesForShares(shares, "Acompte de 30 % sur le devis DEV-2026-0001");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].description, "Acompte de 30 % sur le devis DEV-2026-0001 — TVA 20 %");
  EXPECT_EQ(lines[1].description, "Acompte de 30 % sur le devis DEV-2026-0001 — TVA 5,5 %");
  // The legacy deposit: 210.60 at 20 % → 175.50 + 35.10.
  auto single = SplitGrossOverRates({{2000, 58500, 0, 11700}}, 21060);
  ASSERT_EQ(single.size(), 1u);
  EXPECT_EQ(single[0].net_cents, 17550);
  EXPECT_EQ(LinesForShares(single, "Acompte")[0].description, "Acompte");
}

TEST(Billing, SharesAddUpToTheAmountOnceEachRateRoundsItsVat) {
  // 700 € at 20 %, 90 € at 10 %, 33.33 € at 5.5 % (× 1.5): a credit of 120.00 € used to come
  // out as 120.01 € (86.23 net at 20 % gives 103.48, not the 103.47 share).
  std::vector<VatBreakdown> vat{
      {2000, 105000, 0, 21000}, {1000, 13500, 0, 1350}, {550, 5000, 0, 275}};
  for (long long amount = 1; amount <= 20000; ++amount) {
    auto shares = SplitGrossOverRates(vat, amount);
    long long total = 0;
    for (const auto& s : shares) {
      EXPECT_EQ(s.gross_cents, s.net_cents + DivideRounded(s.net_cents * s.rate_bp, 10000));
      total += s.gross_cents;
    }
    ASSERT_EQ(total, amount) << "amount " << amount;
  }
}

TEST(Billing, CreditsStayWithinWhatIsLeft) {
  InvoiceMoney m{70200, 21060, 0, 0};
  EXPECT_TRUE(CheckCredit(InvoiceStatus::kIssued, m, 49140));
  auto over = CheckCredit(InvoiceStatus::kIssued, m, 49141);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, ErrorCode::kValidation);
  EXPECT_EQ(CheckCredit(InvoiceStatus::kDraft, m, 100).error().code, ErrorCode::kConflict);
  EXPECT_EQ(CheckCredit(InvoiceStatus::kCancelled, m, 100).error().code, ErrorCode::kConflict);
  m.credited_cents = 49140;
  EXPECT_EQ(CheckCredit(InvoiceStatus::kIssued, m, 1).error().code, ErrorCode::kConflict);
}

TEST(Billing, PaymentsNeverExceedWhatRemains) {
  year_month_day today{year{2026}, month{11}, day{25}};
  ManualPayment p;
  p.method = PaymentMethod::kBankTransfer;
  p.amount_cents = 10000;
  p.reference = "VIR 123";
  p.received_on = today;
  InvoiceMoney m{106080, 0, 0, 0};
  EXPECT_TRUE(CheckPayment(p, InvoiceStatus::kIssued, m, 0, today));
  EXPECT_EQ(CheckPayment(p, InvoiceStatus::kDraft, m, 0, today).error().code, ErrorCode::kConflict);
  EXPECT_EQ(CheckPayment(p, InvoiceStatus::kIssued, m, 100000, today).error().code,
            ErrorCode::kConflict);
  ManualPayment bad = p;
  bad.reference = "";
  bad.amount_cents = 0;
  bad.received_on = year_month_day{year{2026}, month{11}, day{26}};
  auto refused = CheckPayment(bad, InvoiceStatus::kIssued, m, 0, today);
  ASSERT_FALSE(refused);
  for (const char* f : {"amount_cents", "reference", "received_on"}) {
    EXPECT_TRUE(HasField(refused.error(), f)) << f;
  }
  ManualPayment cash = bad;
  cash.method = PaymentMethod::kCash;
  cash.amount_cents = 500;
  cash.received_on = today;
  EXPECT_TRUE(CheckPayment(cash, InvoiceStatus::kPartiallyPaid, m, 0, today));
}

TEST(Billing, VatTreatmentFollowsSellerAndBuyer) {
  OrganizationSettings seller;
  ClientInput buyer;
  buyer.kind = ClientKind::kCompany;
  buyer.billing.country = "BE";
  buyer.vat_number = "BE0123456789";
  EXPECT_EQ(VatTreatmentFor(seller, buyer), VatTreatment::kReverseCharge);
  buyer.billing.country = "FR";
  EXPECT_EQ(VatTreatmentFor(seller, buyer), VatTreatment::kStandard);
  seller.vat_regime = VatRegime::kFranchise;
  EXPECT_EQ(VatTreatmentFor(seller, buyer), VatTreatment::kFranchise);
}

TEST(Billing, PaymentProofsArePdfPngOrJpegByTheirBytes) {
  EXPECT_EQ(SniffProofType("%PDF-1.7\n..."), "application/pdf");
  EXPECT_EQ(SniffProofType(testing::TestPng(2, 2)), "image/png");
  EXPECT_EQ(SniffProofType(testing::TestJpeg(2, 2)), "image/jpeg");
  // A signature alone is not an image (images_test.cpp reads the structures in detail).
  EXPECT_FALSE(SniffProofType(std::string("\x89PNG\r\n\x1a\n....", 12)));
  EXPECT_FALSE(SniffProofType(std::string("\xFF\xD8\xFF\xE0", 4)));
  EXPECT_FALSE(SniffProofType("GIF89a"));
  EXPECT_FALSE(SniffProofType("<html>%PDF-"));
  EXPECT_FALSE(SniffProofType(""));
}

}  // namespace
}  // namespace planify::domain
