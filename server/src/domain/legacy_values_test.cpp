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

TEST(LegacyValues, SplitsAFreeTextAddressWithoutLosingAWord) {
  auto a = SplitLegacyAddress("20 Rue de Rivoli, 75004 Paris");
  EXPECT_EQ(a.line1, "20 Rue de Rivoli");
  EXPECT_EQ(a.postal_code, "75004");
  EXPECT_EQ(a.city, "Paris");
  EXPECT_EQ(a.country, "FR");
  a = SplitLegacyAddress("Stock Paris Centre, 20 Rue de Rivoli, 75004 Paris");
  EXPECT_EQ(a.line1, "Stock Paris Centre, 20 Rue de Rivoli");
  a = SplitLegacyAddress("Hôtel de Ville, Paris");  // no postcode: all of it stays a line
  EXPECT_EQ(a.line1, "Hôtel de Ville, Paris");
  EXPECT_EQ(a.postal_code, "");
  a = SplitLegacyAddress("Salle des fêtes\n12 chemin des Vignes\n13100 Aix-en-Provence");
  EXPECT_EQ(a.line1, "Salle des fêtes");
  EXPECT_EQ(a.line2, "12 chemin des Vignes");
  EXPECT_EQ(a.postal_code, "13100");
  EXPECT_EQ(a.city, "Aix-en-Provence");
  a = SplitLegacyAddress("Entrepôt 123456 Lyon");  // six digits are not a postcode
  EXPECT_EQ(a.line1, "Entrepôt 123456 Lyon");
  EXPECT_EQ(a.city, "");
  a = SplitLegacyAddress("75002");  // a postcode without a city stays text
  EXPECT_EQ(a.line1, "75002");
  EXPECT_EQ(SplitLegacyAddress("  ").line1, "");
}

TEST(LegacyValues, RecognisesTheLegacyTestRows) {
  for (const char* label : {"AUDIT-FAC-001", "AUDIT Local A", "TEST SORTIE (aujourd'hui)",
                            "DEV-TEST-001", "FACT-TEST-3", "DEV-LOAD-17", "audit_admin", "Test"}) {
    EXPECT_TRUE(IsLegacyTestLabel(label)) << label;
  }
  for (const char* label : {"FAC-2026-0001", "Testament & Co", "Auditorium de Lyon", "Contest DJ",
                            "Salle Pleyel", "DEV-2026-0005", ""}) {
    EXPECT_FALSE(IsLegacyTestLabel(label)) << label;
  }
}

TEST(LegacyValues, ReadsPercentagesAndHoursWithTheSameDecimalRule) {
  EXPECT_EQ(LegacyDecimal(20.0, 2), 2000);
  EXPECT_EQ(LegacyDecimal(5.5, 2), 550);
  EXPECT_EQ(LegacyDecimal(3.3333333333333335, 3), 3333);
  EXPECT_EQ(LegacyDecimal(4.0005, 3), 4001);
  EXPECT_EQ(LegacyDecimal(1.5, 0), 2);
  EXPECT_FALSE(LegacyDecimal(1.0, 7).has_value());
  EXPECT_FALSE(LegacyDecimal(1e13, 6).has_value()) << "beyond a long long";
  EXPECT_FALSE(ParseLegacyLocalTime("0001-01-01 10:00").has_value()) << "no legacy row's year";
  EXPECT_FALSE(ParseLegacyLocalTime("9999-12-31").has_value());
  EXPECT_TRUE(ParseLegacyLocalTime("2199-12-31").has_value());
}

TEST(LegacyValues, RebuildsTheLinesOfALegacyDocument) {
  // DEV-2026-0001 of the sample: 120 €/h × 4 h + 20 € travel + 108 € equipment = 608 € HT.
  LegacyPricing p{"Mariage Dupont", 12000, 4000, 2000, 10800, 0, 0, 2000};
  auto built = RebuildLegacyLines(p, 60800);
  ASSERT_EQ(built.lines.size(), 3U);
  EXPECT_EQ(built.lines[0].kind, LineKind::kService);
  EXPECT_EQ(built.lines[0].description, "Mariage Dupont");
  EXPECT_EQ(built.lines[0].quantity_milli, 4000);
  EXPECT_EQ(built.lines[0].net_cents, 48000);
  EXPECT_EQ(built.lines[1].kind, LineKind::kTravel);
  EXPECT_EQ(built.lines[2].kind, LineKind::kRental);
  EXPECT_EQ(built.recomputed_net_cents, 60800);
  EXPECT_EQ(built.adjustment_cents, 0);
  for (const auto& line : built.lines) EXPECT_EQ(line.vat_rate_bp, 2000);

  // The percentage wins over the amount, rounded half away from zero.
  p = {"Soirée", 9999, 3000, 0, 0, 1250, 5000, 2000};
  built = RebuildLegacyLines(p, 26247);
  ASSERT_EQ(built.lines.size(), 2U);
  EXPECT_EQ(built.lines[1].kind, LineKind::kDiscount);
  EXPECT_EQ(built.lines[1].description, "Remise 12,5 %");
  EXPECT_EQ(built.lines[1].net_cents, -3750);  // 29,997 × 12.5 % = 3,749.6
  EXPECT_EQ(built.recomputed_net_cents, 26247);

  // A discount above the total: the net stops at 0, as the legacy max(0, …) did.
  p = {"Geste", 10000, 1000, 0, 0, 0, 50000, 2000};
  built = RebuildLegacyLines(p, 0);
  EXPECT_EQ(built.recomputed_net_cents, 0);
  EXPECT_EQ(built.lines.back().net_cents, -10000);
}

TEST(LegacyValues, TheIssuedAmountStandsAndTheDifferenceIsALine) {
  // The equipment cost was recalculated after the document was issued: 5 € less was issued.
  LegacyPricing p{"Mariage", 12000, 4000, 0, 10000, 0, 0, 2000};
  auto built = RebuildLegacyLines(p, 57500);
  EXPECT_EQ(built.recomputed_net_cents, 58000);
  EXPECT_EQ(built.adjustment_cents, -500);
  ASSERT_EQ(built.lines.size(), 3U);
  EXPECT_EQ(built.lines[2].kind, LineKind::kDiscount);
  EXPECT_EQ(built.lines[2].net_cents, -500);
  // More was issued than the formula gives: a fee line.
  built = RebuildLegacyLines(p, 58001);
  EXPECT_EQ(built.lines.back().kind, LineKind::kFee);
  EXPECT_EQ(built.lines.back().net_cents, 1);
  long long sum = 0;
  for (const auto& line : built.lines) sum += line.net_cents;
  EXPECT_EQ(sum, 58001);
  // Nothing to rebuild from (every amount 0) but an issued total: one line carries it.
  built = RebuildLegacyLines({"Forfait", 0, 0, 0, 0, 0, 0, 2000}, 15000);
  ASSERT_EQ(built.lines.size(), 1U);
  EXPECT_EQ(built.lines[0].net_cents, 15000);
}

}  // namespace
}  // namespace planify::domain
