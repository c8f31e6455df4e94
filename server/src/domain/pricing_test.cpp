#include "domain/pricing.hpp"

#include <gtest/gtest.h>

namespace planify::domain {
namespace {

using namespace std::chrono;

Timestamp At(const char* iso) { return ParseIsoUtc(iso).value(); }

TEST(Pricing, FrenchPublicHolidaysFollowEaster) {
  auto y2027 = FrenchPublicHolidays(year{2027});
  ASSERT_EQ(y2027.size(), 11u);
  // Easter 2027 is 28 March: Monday 29 March, Ascension 6 May, Whit Monday 17 May.
  EXPECT_TRUE(IsFrenchPublicHoliday(year{2027} / March / 29));
  EXPECT_TRUE(IsFrenchPublicHoliday(year{2027} / May / 6));
  EXPECT_TRUE(IsFrenchPublicHoliday(year{2027} / May / 17));
  EXPECT_TRUE(IsFrenchPublicHoliday(year{2026} / April / 6));  // Easter 2026: 5 April
  EXPECT_TRUE(IsFrenchPublicHoliday(year{2026} / July / 14));
  EXPECT_FALSE(IsFrenchPublicHoliday(year{2027} / March / 28));  // Easter Sunday itself
  EXPECT_FALSE(IsFrenchPublicHoliday(year{2027} / December / 26));
}

PricingRule Grid() {
  PricingRule r;
  r.name = "Soirée DJ";
  r.hourly_rate_cents = 10000;
  r.weekend_surcharge_bp = 2000;
  r.holiday_surcharge_bp = 5000;
  r.night_surcharge_bp = 2500;
  r.minimum_minutes = 4 * 60;
  r.travel_base_cents = 3000;
  r.travel_per_km_cents = 50;
  r.free_km = 30;
  return r;
}

TEST(Pricing, AWeekdayAfternoonIsTheBaseRateWithTheMinimumDuration) {
  // Wednesday 9 June 2027, 14:00 → 16:00 Paris: 2 h billed as 4 h.
  auto p = PriceMission(Grid(), At("2027-06-09T12:00:00.000Z"), At("2027-06-09T14:00:00.000Z"),
                        "Europe/Paris", 20);
  EXPECT_FALSE(p.weekend || p.holiday || p.night);
  EXPECT_EQ(p.billed_minutes, 240);
  EXPECT_EQ(p.hourly_rate_cents, 10000);
  EXPECT_EQ(p.performance_cents, 40000);
  EXPECT_EQ(p.travel_cents, 0) << "within the free distance";
}

TEST(Pricing, SurchargesCompoundWeekendThenHolidayThenNight) {
  // Saturday 1 May 2027 (a holiday), 19:00 → 01:00: weekend, holiday and night.
  auto p = PriceMission(Grid(), At("2027-05-01T17:00:00.000Z"), At("2027-05-01T23:00:00.000Z"),
                        "Europe/Paris", 75);
  EXPECT_TRUE(p.weekend);
  EXPECT_TRUE(p.holiday);
  EXPECT_TRUE(p.night);
  // 100 € × 1.20 = 120 €, × 1.50 = 180 €, × 1.25 = 225 € an hour, 6 h.
  EXPECT_EQ(p.hourly_rate_cents, 22500);
  EXPECT_EQ(p.performance_cents, 135000);
  // 30 € + (75 − 30) km × 0.50 €.
  EXPECT_EQ(p.travel_km, 45);
  EXPECT_EQ(p.travel_cents, 5250);
}

TEST(Pricing, NightMeansTouching22To06LocalTime) {
  auto evening = PriceMission(Grid(), At("2027-06-09T16:00:00.000Z"),
                              At("2027-06-09T19:59:00.000Z"), "Europe/Paris", 0);
  EXPECT_FALSE(evening.night) << "18:00 → 21:59 Paris";
  auto late = PriceMission(Grid(), At("2027-06-09T16:00:00.000Z"), At("2027-06-09T20:30:00.000Z"),
                           "Europe/Paris", 0);
  EXPECT_TRUE(late.night) << "ends 22:30 Paris";
  auto early = PriceMission(Grid(), At("2027-06-09T03:30:00.000Z"), At("2027-06-09T06:00:00.000Z"),
                            "Europe/Paris", 0);
  EXPECT_TRUE(early.night) << "starts 05:30 Paris";
  // Odd minutes become hours to the thousandth, like a quote line: 100 min = 1.667 h, at
  // 100 € = 166.70 €.
  PricingRule flat = Grid();
  flat.minimum_minutes = 0;
  auto odd = PriceMission(flat, At("2027-06-09T08:00:00.000Z"), At("2027-06-09T09:40:00.000Z"),
                          "Europe/Paris", 0);
  EXPECT_EQ(odd.billed_hours_milli, 1667);
  EXPECT_EQ(odd.performance_cents, 16670);
}

TEST(Pricing, AdditiveSurchargesAndACustomNightWindow) {
  auto r = Grid();
  r.additive = true;
  // Saturday 1 May 2027 19:00 → 01:00: 100 € × (1 + 20 % + 50 % + 25 %) = 195 € an hour.
  auto p = PriceMission(r, At("2027-05-01T17:00:00.000Z"), At("2027-05-01T23:00:00.000Z"),
                        "Europe/Paris", 0);
  EXPECT_EQ(p.hourly_rate_cents, 19500);
  // A night from 00:00 to 05:00 only: 19:00 → 23:30 is not night any more.
  r.night_start_minutes = 0;
  r.night_end_minutes = 5 * 60;
  auto q = PriceMission(r, At("2027-06-09T17:00:00.000Z"), At("2027-06-09T21:30:00.000Z"),
                        "Europe/Paris", 0);
  EXPECT_FALSE(q.night);
  auto late = PriceMission(r, At("2027-06-09T17:00:00.000Z"), At("2027-06-09T22:30:00.000Z"),
                           "Europe/Paris", 0);
  EXPECT_TRUE(late.night) << "ends 00:30 Paris";
}

TEST(Pricing, RulesAreBounded) {
  auto r = Grid();
  r.name = "";
  r.weekend_surcharge_bp = -1;
  r.minimum_minutes = 49 * 60;
  r.vat_rate_bp = 12000;
  r.night_end_minutes = 1440;
  auto bad = ValidatePricingRule(r);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields.size(), 5u);
  auto ok = Grid();
  ok.event_type = " Mariage ";
  auto valid = ValidatePricingRule(ok);
  ASSERT_TRUE(valid);
  EXPECT_EQ(valid->event_type, "mariage");
}

}  // namespace
}  // namespace planify::domain
