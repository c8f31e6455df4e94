#include "domain/legacy_values.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace planify::domain {
namespace {

TEST(LegacyValues, EurosBecomeCentsByTheirShortestDecimal) {
  EXPECT_EQ(LegacyEurosToCents(121.60000000000001), 12160);
  EXPECT_EQ(LegacyEurosToCents(215.04), 21504);
  EXPECT_EQ(LegacyEurosToCents(702.0), 70200);
  EXPECT_EQ(LegacyEurosToCents(0.0), 0);
  // 1.005 is stored as 1.00499999999999989…: the decimal the user typed rounds up.
  EXPECT_EQ(LegacyEurosToCents(1.005), 101);
  EXPECT_EQ(LegacyEurosToCents(0.125), 13);
  EXPECT_EQ(LegacyEurosToCents(0.124), 12);
  EXPECT_EQ(LegacyEurosToCents(19.999), 2000);
  EXPECT_EQ(LegacyEurosToCents(0.1 + 0.2), 30);
  // Half away from zero for credits.
  EXPECT_EQ(LegacyEurosToCents(-1.005), -101);
  EXPECT_EQ(LegacyEurosToCents(-36.0), -3600);
  EXPECT_EQ(LegacyEurosToCents(1e-7), 0);
  EXPECT_EQ(LegacyEurosToCents(5e-324), 0);
  EXPECT_EQ(LegacyEurosToCents(-1e-300), 0);
  EXPECT_EQ(LegacyEurosToCents(9999999999999.99), 999999999999999);
  EXPECT_FALSE(LegacyEurosToCents(std::numeric_limits<double>::quiet_NaN()));
  EXPECT_FALSE(LegacyEurosToCents(std::numeric_limits<double>::infinity()));
  EXPECT_FALSE(LegacyEurosToCents(2e13));
}

TEST(LegacyValues, ReadsTheThreeDateFormats) {
  using namespace std::chrono;
  auto day = ParseLegacyLocalTime("2026-06-13");
  ASSERT_TRUE(day);
  EXPECT_EQ(*day, local_days{2026y / June / 13});
  auto seconds = ParseLegacyLocalTime("2026-06-13 20:30:05");
  ASSERT_TRUE(seconds);
  EXPECT_EQ(*seconds, local_days{2026y / June / 13} + 20h + 30min + 5s);
  auto micro = ParseLegacyLocalTime("2026-06-13 20:30:05.123456");
  ASSERT_TRUE(micro);
  EXPECT_EQ(*micro, local_days{2026y / June / 13} + 20h + 30min + 5s + 123ms);
  EXPECT_EQ(*ParseLegacyLocalTime("2026-06-13T20:30:05.5"),
            local_days{2026y / June / 13} + 20h + 30min + 5s + 500ms);
  EXPECT_EQ(*ParseLegacyLocalTime("2026-06-13 20:30"), local_days{2026y / June / 13} + 20h + 30min);
  for (auto bad : {"", "2026-6-13", "2026-02-30", "2026-06-13 24:00:00", "2026-06-13 20:61",
                   "2026-06-13 20:30:05.", "2026-06-13 20:30:05.1234567", "13/06/2026",
                   "2026-06-13x", "2026-06-13 20:30:05Z", "aaaa-bb-cc"}) {
    EXPECT_FALSE(ParseLegacyLocalTime(bad)) << bad;
  }
}

TEST(LegacyValues, InstantsFromUtcOrParisWallClocks) {
  // utcnow() columns are UTC already.
  EXPECT_EQ(FormatIsoUtc(*LegacyInstant("2026-07-01 10:00:00.250000", "UTC")),
            "2026-07-01T10:00:00.250Z");
  // date.today() / datetime.now() columns are Paris wall clocks: summer +2, winter +1.
  EXPECT_EQ(FormatIsoUtc(*LegacyInstant("2026-07-01 10:00:00", "Europe/Paris")),
            "2026-07-01T08:00:00.000Z");
  EXPECT_EQ(FormatIsoUtc(*LegacyInstant("2026-01-15", "Europe/Paris")), "2026-01-14T23:00:00.000Z");
  EXPECT_FALSE(LegacyInstant("hier", "UTC"));
}

TEST(LegacyValues, PythonReprOfAuditDetailsReadAsJson) {
  auto details = ParsePythonLiteral(
      "{'montant_ttc': 702.0, 'ok': True, 'motif': None, 'n': -3, 'lignes': [1, 2.5], "
      "'paire': (1, 'a'), \"l'avis\": 'C\\'est « parfait »\\n', 'vide': {}}");
  ASSERT_TRUE(details) << details.error().message;
  EXPECT_EQ((*details)["montant_ttc"], 702.0);
  EXPECT_EQ((*details)["ok"], true);
  EXPECT_TRUE((*details)["motif"].is_null());
  EXPECT_EQ((*details)["n"], -3);
  EXPECT_EQ((*details)["lignes"], nlohmann::json({1, 2.5}));
  EXPECT_EQ((*details)["paire"], nlohmann::json({1, "a"}));
  EXPECT_EQ((*details)["l'avis"], "C'est « parfait »\n");
  EXPECT_TRUE((*details)["vide"].is_object());
}

TEST(LegacyValues, PythonLiteralsOfEveryKind) {
  auto read = [](std::string_view text) {
    auto v = ParsePythonLiteral(text);
    EXPECT_TRUE(v) << text;
    return v ? v->dump() : std::string("?");
  };
  EXPECT_EQ(read("'caf\\xe9 \\u00e9t\\U0001F3B5'"), "\"café ét🎵\"");
  EXPECT_EQ(read("b'\\xc3\\xa9t\\xe9'"), "\"Ã©té\"") << "bytes that are not UTF-8 read as Latin-1";
  EXPECT_EQ(read("b'caf\\xc3\\xa9'"), "\"café\"");
  EXPECT_EQ(read("r'a\\nb'"), "\"a\\\\nb\"");
  EXPECT_EQ(read("{1, 2, 3}"), "[1,2,3]");
  EXPECT_EQ(read("{1: 'a', None: 'b', (1, 2): 'c', True: 'd'}"),
            "{\"1\":\"a\",\"None\":\"b\",\"True\":\"d\",\"[1,2]\":\"c\"}");
  EXPECT_EQ(read("(5)"), "5");
  EXPECT_EQ(read("(5,)"), "[5]");
  EXPECT_EQ(read("[1, [2, [3, []]],]"), "[1,[2,[3,[]]]]");
  EXPECT_EQ(read("  -inf "), "null");
  EXPECT_EQ(read("nan"), "null");
  EXPECT_EQ(read("1e+16"), "1e+16");
  EXPECT_EQ(read("123456789012345678901234567890"), "1.2345678901234568e+29");
  EXPECT_EQ(read("'\\ud800'"), "\"\xEF\xBF\xBD\"") << "a lone surrogate becomes U+FFFD";
}

TEST(LegacyValues, PythonLiteralsNeverRunCode) {
  for (auto bad : {"__import__('os').system('rm -rf /')", "datetime.datetime(2026, 1, 2)",
                   "{'a': 1", "[1, 2", "'open", "{'a' 1}", "1 + 1", "{'a': 1}}", "lambda: 0",
                   "Decimal('702.00')", "", "   ", "{,}", "[,]", "'\\x4'", "Truee", "--"}) {
    auto v = ParsePythonLiteral(bad);
    ASSERT_FALSE(v) << bad;
    EXPECT_EQ(v.error().code, ErrorCode::kValidation) << bad;
  }
  std::string deep(100, '[');
  deep += std::string(100, ']');
  EXPECT_FALSE(ParsePythonLiteral(deep)) << "nesting is bounded";
  EXPECT_FALSE(ParsePythonLiteral(std::string((1 << 20) + 1, ' '))) << "size is bounded";
}

TEST(LegacyValues, DocumentNumbersInASeriesOrNot) {
  auto invoice = ParseLegacyNumber("FAC-2026-0042");
  ASSERT_TRUE(invoice);
  EXPECT_EQ(invoice->prefix, "FAC");
  EXPECT_EQ(invoice->year, 2026);
  EXPECT_EQ(invoice->sequence, 42);
  EXPECT_EQ(ParseLegacyNumber("DEV-2025-12345")->sequence, 12345);
  EXPECT_EQ(ParseLegacyNumber("AV-2026-0001")->prefix, "AV");
  for (auto odd : {"AUDIT-FAC-001", "DEV-TEST-001", "FACT-TEST-3", "DEV-LOAD-0001", "FAC-26-0001",
                   "FAC-2026-", "FAC-2026-00a1", "fac-2026-0001", "FAC-2026-0000", "", "-2026-1",
                   "FAC2026-0001", "RES-20260613-4"}) {
    EXPECT_FALSE(ParseLegacyNumber(odd)) << odd;
  }
}

TEST(LegacyValues, StatusesWithOrWithoutAccentsAndCase) {
  EXPECT_EQ(FoldLegacyEnum(" Confirmée "), "confirmee");
  EXPECT_EQ(FoldLegacyEnum("En cours"), "en_cours");
  EXPECT_EQ(FoldLegacyEnum("PARTIELLEMENT-PAYÉE"), "partiellement_payee");
  EXPECT_EQ(LegacyStatus(LegacyEntity::kMission, "confirmee"), "confirmed");
  EXPECT_EQ(LegacyStatus(LegacyEntity::kMission, "Annulée"), "canceled");
  EXPECT_EQ(LegacyStatus(LegacyEntity::kQuote, "accepté"), "accepted");
  EXPECT_EQ(LegacyStatus(LegacyEntity::kQuote, "annule"), "cancelled");
  EXPECT_EQ(LegacyStatus(LegacyEntity::kInvoice, "en_retard"), "issued");
  EXPECT_EQ(LegacyStatus(LegacyEntity::kInvoice, "Payée"), "paid");
  EXPECT_EQ(LegacyStatus(LegacyEntity::kPayment, "annule"), "rejected");
  EXPECT_EQ(LegacyStatus(LegacyEntity::kPayment, "échoué"), "failed");
  EXPECT_EQ(LegacyStatus(LegacyEntity::kCreditNote, "émis"), "issued");
  EXPECT_EQ(LegacyStatus(LegacyEntity::kBooking, "en_attente_dj"), "in_discussion");
  EXPECT_EQ(LegacyStatus(LegacyEntity::kBooking, "confirmee"), "won");
  EXPECT_EQ(LegacyStatus(LegacyEntity::kEquipment, "reserve"), "available");
  EXPECT_EQ(LegacyStatus(LegacyEntity::kEquipment, "hors service"), "maintenance");
  // Unknown: the importer applies its default and reports the row.
  EXPECT_FALSE(LegacyStatus(LegacyEntity::kQuote, "en_negociation"));
  EXPECT_FALSE(LegacyStatus(LegacyEntity::kInvoice, ""));
  EXPECT_FALSE(LegacyStatus(LegacyEntity::kMission, "envoye")) << "each entity its own values";
}

}  // namespace
}  // namespace planify::domain
