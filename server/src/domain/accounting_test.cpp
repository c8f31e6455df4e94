// The FEC rule by rule (LPF A47 A-1, BOFiP BOI-CF-IOR-60-40-20) and the VAT collected, on a year
// with invoices at 20 %, 10 % and 5.5 %, a deposit and its final invoice, a credit note, payments
// by transfer and in cash, and a refund.
#include "domain/accounting.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

namespace planify::domain {
namespace {

VatBreakdown At(int rate, long long base, long long vat) { return {rate, base, 0, vat}; }

SaleDocument Doc(SaleDocument::Kind kind, std::string number, std::string date,
                 std::vector<VatBreakdown> vat) {
  SaleDocument d;
  d.kind = kind;
  d.number = std::move(number);
  d.date = std::move(date);
  d.client_code = "C000001";
  d.client_name = "Mariage Durand";
  d.vat = std::move(vat);
  for (const auto& v : d.vat) d.gross_cents += v.base_cents + v.vat_cents;
  return d;
}

MoneyMove Move(std::string number, std::string date, long long cents, bool cash = false,
               bool refund = false) {
  MoneyMove m;
  m.number = std::move(number);
  m.date = std::move(date);
  m.client_code = "C000001";
  m.client_name = "Mariage Durand";
  m.amount_cents = cents;
  m.cash = cash;
  m.refund = refund;
  return m;
}

class Fec : public ::testing::Test {
 protected:
  void SetUp() override {
    using K = SaleDocument::Kind;
    // A deposit of 30 % on a 1,000 € + 20 % job, then its final invoice deducting it.
    auto deposit = Doc(K::kDepositInvoice, "FAC-2027-0001", "2027-02-01", {At(2000, 30000, 6000)});
    auto final_invoice = Doc(K::kInvoice, "FAC-2027-0003", "2027-06-13", {At(2000, 100000, 20000)});
    final_invoice.deducted_deposits = {deposit.vat};
    documents_ = {
        deposit,
        Doc(K::kInvoice, "FAC-2027-0002", "2027-03-10",
            {At(2000, 45000, 9000), At(1000, 12000, 1200), At(550, 8000, 440)}),
        final_invoice,
        Doc(K::kCreditNote, "AV-2027-0001", "2027-03-20", {At(1000, 12000, 1200)}),
    };
    moves_ = {Move("PAY-0001", "2027-02-03", 36000), Move("PAY-0002", "2027-03-15", 62640),
              Move("PAY-0003", "2027-06-14", 84000, true),
              Move("PAY-0002", "2027-03-21", 13200, false, true)};
    lines_ = BuildFecLines(DefaultAccountingSettings(), documents_, moves_);
  }

  std::vector<SaleDocument> documents_;
  std::vector<MoneyMove> moves_;
  std::vector<FecLine> lines_;
};

TEST_F(Fec, EighteenColumnsInTheLegalOrderWithTheirNamesFirst) {
  const std::string text = WriteFec(lines_);
  std::istringstream in(text);
  std::string header;
  std::getline(in, header);
  EXPECT_EQ(header,
            "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\t"
            "CompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\t"
            "ValidDate\tMontantdevise\tIdevise\r");
  std::string line;
  int rows = 0;
  while (std::getline(in, line)) {
    ASSERT_EQ(line.back(), '\r') << "CRLF line ends";
    line.pop_back();
    EXPECT_EQ(std::count(line.begin(), line.end(), '\t'), 17) << line;
    ++rows;
  }
  EXPECT_EQ(rows, static_cast<int>(lines_.size()));
}

TEST_F(Fec, DatesAreYyyymmddAndAmountsUseADecimalComma) {
  const std::string text = WriteFec(lines_);
  // The deposit invoice's first line: 360,00 € to the client's account.
  EXPECT_NE(text.find("VT\tJournal des ventes\t1\t20270201\t411000\tClients\tC000001\tMariage "
                      "Durand\tFAC-2027-0001\t20270201\tFacture d'acompte FAC-2027-0001 Mariage "
                      "Durand\t360,00\t0,00\t\t\t20270201\t\t\r\n"),
            std::string::npos)
      << text;
  for (const auto& l : lines_) {
    EXPECT_EQ(l.entry_date.size(), 8u);
    EXPECT_EQ(l.entry_date.find('-'), std::string::npos);
    EXPECT_TRUE(l.debit_cents == 0 || l.credit_cents == 0) << "one side per line";
    EXPECT_GE(l.debit_cents, 0);
    EXPECT_GE(l.credit_cents, 0);
  }
}

TEST_F(Fec, EntriesAreChronologicalNumberedWithoutGapsAndEachBalanced) {
  std::map<long long, std::pair<long long, long long>> totals;
  std::string previous_date;
  long long previous = 0;
  for (const auto& l : lines_) {
    const long long n = std::stoll(l.entry_number);
    EXPECT_TRUE(n == previous || n == previous + 1) << "continuous: " << n << " after " << previous;
    EXPECT_GE(l.entry_date, previous_date) << "chronological";
    previous = n;
    previous_date = l.entry_date;
    totals[n].first += l.debit_cents;
    totals[n].second += l.credit_cents;
  }
  EXPECT_EQ(previous, 8) << "4 documents and 4 money moves";
  for (const auto& [n, sides] : totals) {
    EXPECT_EQ(sides.first, sides.second) << "entry " << n << " is not balanced";
  }
}

TEST_F(Fec, AccountTotalsEqualTheDocumentsTotals) {
  std::map<std::string, long long> balance;  // credit − debit
  for (const auto& l : lines_) balance[l.account] += l.credit_cents - l.debit_cents;
  // Revenue per rate: the invoices' bases (the final one in full), less the credit note.
  EXPECT_EQ(balance["706200"], 45000 + 100000);
  EXPECT_EQ(balance["706100"], 12000 - 12000);
  EXPECT_EQ(balance["706055"], 8000);
  // The deposit's advance is cleared by the final invoice.
  EXPECT_EQ(balance["419100"], 0);
  // VAT per rate: what the documents charged, each once.
  EXPECT_EQ(balance["445720"], 9000 + 20000);
  EXPECT_EQ(balance["445710"], 0);
  EXPECT_EQ(balance["445705"], 440);
  // The client owes what was invoiced less credited, paid and refunded.
  const long long invoiced = 36000 + 75640 + 120000 - 36000 - 13200;
  EXPECT_EQ(-balance["411000"], invoiced - 36000 - 62640 - 84000 + 13200);
  EXPECT_EQ(-balance["512000"], 36000 + 62640 - 13200);
  EXPECT_EQ(-balance["530000"], 84000);
  long long sum = 0;
  for (const auto& [account, b] : balance) sum += b;
  EXPECT_EQ(sum, 0) << "debits equal credits over the file";

  auto vat = VatOnDebits(documents_);
  std::map<int, long long> by_rate;
  for (const auto& v : vat) by_rate[v.rate_bp] = v.vat_cents;
  EXPECT_EQ(by_rate[2000], balance["445720"]);
  EXPECT_EQ(by_rate[1000], balance["445710"]);
  EXPECT_EQ(by_rate[550], balance["445705"]);
}

TEST_F(Fec, APipeSeparatesFieldsWhenATextHoldsATabAndLineBreaksBecomeSpaces) {
  documents_[1].client_name = "Durand\tet fils\nSA";
  const std::string text = WriteFec(BuildFecLines(DefaultAccountingSettings(), documents_, {}));
  EXPECT_EQ(text.rfind("JournalCode|JournalLib|EcritureNum|", 0), 0u) << text.substr(0, 60);
  EXPECT_NE(text.find("Durand\tet fils SA"), std::string::npos);
}

TEST(FecFile, IsNamedAfterTheSirenAndTheClosingDay) {
  EXPECT_EQ(FecFileName("732829320", "2027-12-31"), "732829320FEC20271231.txt");
}

TEST(AccountingSettings, AccountsAndJournalsAreChecked) {
  auto s = DefaultAccountingSettings();
  EXPECT_TRUE(ValidateAccountingSettings(s));
  s.client_account = "41A";
  s.bank_journal = "VT";
  s.vat_by_rate[2000] = "9999";
  auto bad = ValidateAccountingSettings(s);
  ASSERT_FALSE(bad);
  std::set<std::string> fields;
  for (const auto& f : bad.error().fields) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"client_account", "bank_journal", "vat_by_rate.2000"}));
}

TEST(VatOnReceipts, EachPaymentIsSplitAcrossRatesToTheCent) {
  // 1,000 € at 20 % and 100 € at 5.5 %: 1,305.50 € in all; a third paid, then 10 € refunded.
  std::vector<VatBreakdown> pays = {At(2000, 100000, 20000), At(550, 10000, 550)};
  auto vat = VatOnReceipts({{43517, false, pays}, {1000, true, pays}});
  ASSERT_EQ(vat.size(), 2u);
  long long total = 0;
  for (const auto& v : vat) total += v.base_cents + v.vat_cents;
  EXPECT_EQ(total, 43517 - 1000) << "every cent of the payments, no more";
  EXPECT_EQ(vat[0].rate_bp, 2000);
  // 43517 × 120000 / 130550 = 40000.2 → 40000, of which VAT 40000 × 20000 / 120000 = 6666.67.
  EXPECT_EQ(vat[0].vat_cents, 6667 - 153);
  EXPECT_EQ(vat[1].rate_bp, 550);
}

TEST(LessDeposits, AFinalInvoiceChargesWhatItsDepositsDidNot) {
  auto left = LessDeposits({At(2000, 100000, 20000)}, {{At(2000, 30000, 6000)}});
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].base_cents, 70000);
  EXPECT_EQ(left[0].vat_cents, 14000);
}

}  // namespace
}  // namespace planify::domain
