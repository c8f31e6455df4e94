// Accounting through a real server (docs/accounting.md): the FEC of a year read back line by
// line and checked against the API's documents, the VAT summary on receipts and on debits,
// Settings → Comptabilité.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "http/payments_fixture.hpp"

namespace planify::testing {
namespace {

using nlohmann::json;

class AccountingHttp : public PaymentsFixture {
 protected:
  static std::vector<std::vector<std::string>> Rows(const std::string& text) {
    std::vector<std::vector<std::string>> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      std::vector<std::string> fields;
      std::size_t start = 0;
      for (;;) {
        auto tab = line.find('\t', start);
        fields.push_back(line.substr(start, tab - start));
        if (tab == std::string::npos) break;
        start = tab + 1;
      }
      out.push_back(fields);
    }
    return out;
  }

  static long long Cents(const std::string& amount) {
    const auto comma = amount.find(',');
    return std::stoll(amount.substr(0, comma)) * 100 + std::stoll(amount.substr(comma + 1));
  }
};

TEST_F(AccountingHttp, TheFecOfTheYearBalancesAndMatchesTheDocuments) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  const long long a = IssuedInvoiceWithLines(business, {{100000, 2000}, {20000, 1000}});
  const long long b = IssuedInvoiceWithLines(business, {{8000, 550}});
  auto paid = Send("POST", "/api/v1/invoices/" + std::to_string(a) + "/payments", &business.owner,
                   {{"method", "bank_transfer"},
                    {"amount_cents", 50000},
                    {"reference", "VIR"},
                    {"received_on", "2026-11-25"}});
  ASSERT_EQ(paid->status, 201) << paid->body;
  auto credit = Send("POST", "/api/v1/invoices/" + std::to_string(b) + "/credit-notes",
                     &business.owner, {{"reason", "Annulation"}});
  ASSERT_EQ(credit->status, 201) << credit->body;

  auto res = Send("GET", "/api/v1/accounting/fec?from=2026-01-01&to=2026-12-31", &business.owner);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_NE(res->get_header_value("Content-Disposition").find("732829320FEC20261231.txt"),
            std::string::npos);
  auto rows = Rows(res->body);
  ASSERT_GE(rows.size(), 2u);
  EXPECT_EQ(rows[0].size(), 18u);
  EXPECT_EQ(rows[0][0], "JournalCode");
  EXPECT_EQ(rows[0][17], "Idevise");
  std::map<std::string, std::pair<long long, long long>> entries;
  std::map<std::string, long long> accounts;  // credit − debit
  for (std::size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 18u) << i;
    const long long debit = Cents(rows[i][11]);
    const long long credit_cents = Cents(rows[i][12]);
    entries[rows[i][2]].first += debit;
    entries[rows[i][2]].second += credit_cents;
    accounts[rows[i][4]] += credit_cents - debit;
    EXPECT_EQ(rows[i][3], "20261125");
  }
  EXPECT_EQ(entries.size(), 4u) << "two invoices, a credit note, a payment";
  for (const auto& [n, sides] : entries) EXPECT_EQ(sides.first, sides.second) << n;

  auto doc = [&](const std::string& path) { return Json(Send("GET", path, &business.owner)); };
  const auto inv_a = doc("/api/v1/invoices/" + std::to_string(a));
  const auto inv_b = doc("/api/v1/invoices/" + std::to_string(b));
  EXPECT_EQ(
      accounts["706200"] + accounts["706100"] + accounts["706055"],
      inv_a["total_net_cents"].get<long long>() + inv_b["total_net_cents"].get<long long>() - 8000);
  EXPECT_EQ(accounts["445720"] + accounts["445710"] + accounts["445705"],
            inv_a["total_vat_cents"].get<long long>())
      << "b's VAT is credited back";
  EXPECT_EQ(-accounts["512000"], 50000);

  // VAT on receipts (the default for services): what the payment contains.
  auto vat =
      Json(Send("GET", "/api/v1/accounting/vat?from=2026-11-01&to=2026-11-30", &business.owner));
  EXPECT_EQ(vat["basis"], "receipts");
  EXPECT_EQ(vat["base_cents"].get<long long>() + vat["vat_cents"].get<long long>(), 50000);
  EXPECT_EQ(vat["counted"], 1);

  // On debits (the option taken in Settings → Comptabilité): what the documents charged.
  auto settings = Json(Send("GET", "/api/v1/accounting/settings", &business.owner));
  EXPECT_EQ(settings["client_account"], "411000");
  settings["vat_on_debits"] = true;
  auto saved = Send("PUT", "/api/v1/accounting/settings", &business.owner, settings);
  ASSERT_EQ(saved->status, 200) << saved->body;
  vat = Json(Send("GET", "/api/v1/accounting/vat?from=2026-11-01&to=2026-11-30", &business.owner));
  EXPECT_EQ(vat["basis"], "debits");
  EXPECT_EQ(vat["vat_cents"], inv_a["total_vat_cents"]);
  EXPECT_EQ(vat["base_cents"], inv_a["total_net_cents"]);
}

TEST_F(AccountingHttp, BadPeriodsAndAccountsAreRefusedAndNothingIsWritten) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  const long long audit = Count("audit_log");
  EXPECT_EQ(Send("GET", "/api/v1/accounting/fec", &business.owner)->status, 422);
  EXPECT_EQ(
      Send("GET", "/api/v1/accounting/fec?from=2026-12-31&to=2026-01-01", &business.owner)->status,
      422);
  EXPECT_EQ(
      Send("GET", "/api/v1/accounting/vat?from=2020-01-01&to=2026-12-31", &business.owner)->status,
      422);
  auto bad = Send("PUT", "/api/v1/accounting/settings", &business.owner,
                  {{"client_account", "ABC"}, {"sales_journal", "TOOLONGJ"}});
  ASSERT_EQ(bad->status, 422) << bad->body;
  EXPECT_EQ(Count("accounting_settings"), 0);
  EXPECT_EQ(Count("audit_log"), audit);
}

}  // namespace
}  // namespace planify::testing
