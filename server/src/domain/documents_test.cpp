#include "domain/documents.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace planify::domain {
namespace {

// Golden cases: one JSON file per document under tests/golden/document-totals, with the
// expected totals computed independently (Python's Decimal, ROUND_HALF_UP).
std::filesystem::path GoldenDir() {
  return std::filesystem::path(PLANIFY_SOURCE_DIR) / "tests" / "golden" / "document-totals";
}

DocumentLine LineOf(const nlohmann::json& j) {
  DocumentLine l;
  l.text = j.value("text", false);
  l.quantity_milli = j.value("quantity_milli", 1000LL);
  l.unit_price_cents = j.value("unit_price_cents", 0LL);
  l.vat_rate_bp = j.value("vat_rate_bp", 2000);
  l.discount_bp = j.value("discount_bp", 0);
  l.discount_cents = j.value("discount_cents", 0LL);
  return l;
}

TEST(DocumentTotals, GoldenCases) {
  int cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(GoldenDir())) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream file(entry.path());
    auto c = nlohmann::json::parse(file);
    SCOPED_TRACE(entry.path().filename().string() + ": " + c["name"].get<std::string>());
    std::vector<DocumentLine> lines;
    for (const auto& l : c["lines"]) lines.push_back(LineOf(l));
    DocumentDiscount discount{c.value("/discount/bp"_json_pointer, 0),
                              c.value("/discount/cents"_json_pointer, 0LL)};
    DepositRequest deposit{c.value("/deposit/bp"_json_pointer, 0),
                           c.value("/deposit/cents"_json_pointer, 0LL)};
    auto totals = ComputeTotals(lines, discount, deposit);
    ASSERT_TRUE(totals) << totals.error().message;
    const auto& e = c["expected"];
    EXPECT_EQ(totals->line_nets, e["line_nets"].get<std::vector<long long>>());
    EXPECT_EQ(totals->lines_net_cents, e["lines_net_cents"].get<long long>());
    EXPECT_EQ(totals->discount_cents, e["discount_cents"].get<long long>());
    EXPECT_EQ(totals->net_cents, e["net_cents"].get<long long>());
    EXPECT_EQ(totals->vat_cents, e["vat_cents"].get<long long>());
    EXPECT_EQ(totals->gross_cents, e["gross_cents"].get<long long>());
    EXPECT_EQ(totals->deposit_cents, e["deposit_cents"].get<long long>());
    ASSERT_EQ(totals->vat.size(), e["vat"].size());
    for (std::size_t i = 0; i < totals->vat.size(); ++i) {
      EXPECT_EQ(totals->vat[i].rate_bp, e["vat"][i]["rate_bp"].get<int>());
      EXPECT_EQ(totals->vat[i].base_cents, e["vat"][i]["base_cents"].get<long long>());
      EXPECT_EQ(totals->vat[i].discount_cents, e["vat"][i]["discount_cents"].get<long long>());
      EXPECT_EQ(totals->vat[i].vat_cents, e["vat"][i]["vat_cents"].get<long long>());
    }
    ++cases;
  }
  EXPECT_GE(cases, 12);
}

TEST(DocumentTotals, TheLegacyExampleToTheCent) {
  auto t = ComputeTotals({{false, 6000, 10000, 2000, 0, 0}, {false, 1000, 5000, 2000, 0, 0}},
                         {1000, 0}, {3000, 0});
  ASSERT_TRUE(t);
  EXPECT_EQ(t->net_cents, 58500);
  EXPECT_EQ(t->vat_cents, 11700);
  EXPECT_EQ(t->gross_cents, 70200);
  EXPECT_EQ(t->deposit_cents, 21060);
}

TEST(DocumentTotals, DivisionRoundsHalfAwayFromZero) {
  EXPECT_EQ(DivideRounded(495, 1000), 0);
  EXPECT_EQ(DivideRounded(500, 1000), 1);
  EXPECT_EQ(DivideRounded(-500, 1000), -1);
  EXPECT_EQ(DivideRounded(-499, 1000), 0);
  EXPECT_EQ(DivideRounded(4995, 1000), 5);
}

TEST(DocumentTotals, RefusesImpossibleDocuments) {
  auto bad = ComputeTotals({{false, -1, 100, 2000, 0, 0},
                            {false, 1000, 100, 12000, 0, 0},
                            {false, 1000, 100, 2000, 500, 10},
                            {false, 1000, 100, 2000, 0, 200}},
                           {0, 0}, {0, 0});
  ASSERT_FALSE(bad);
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields) fields.push_back(f.field);
  for (const char* f : {"lines[0].quantity_milli", "lines[1].vat_rate_bp",
                        "lines[2].discount_cents", "lines[3].discount_cents"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f;
  }
  // A discount above the lines, a deposit above the total, a negative base.
  EXPECT_FALSE(ComputeTotals({{false, 1000, 100, 2000, 0, 0}}, {0, 101}, {0, 0}));
  EXPECT_FALSE(ComputeTotals({{false, 1000, 100, 2000, 0, 0}}, {0, 0}, {0, 121}));
  EXPECT_FALSE(ComputeTotals({{false, 1000, -100, 2000, 0, 0}}, {0, 0}, {0, 0}));
  EXPECT_FALSE(ComputeTotals({{false, 1000, 100, 2000, 0, 0}}, {1000, 10}, {0, 0}));
}

}  // namespace
}  // namespace planify::domain
