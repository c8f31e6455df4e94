#include "domain/reports.hpp"

#include <gtest/gtest.h>

#include "domain/local_time.hpp"

namespace planify::domain {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

year_month_day D(int y, unsigned m, unsigned d) { return year{y} / month{m} / day{d}; }
Timestamp At(const std::string& iso) { return *ParseApiInstant(iso); }

TEST(ComparisonPeriod, PreviousIsAsManyDaysJustBefore) {
  auto p = ComparisonPeriod({D(2026, 3, 1), D(2026, 3, 31)}, "previous");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->from, D(2026, 1, 29));
  EXPECT_EQ(p->to, D(2026, 2, 28));
  EXPECT_EQ(p->Days(), 31);
}

TEST(ComparisonPeriod, LastYearIsTheSameDaysAndTheTwentyNinthOfFebruaryBecomesThe28th) {
  auto p = ComparisonPeriod({D(2028, 2, 1), D(2028, 2, 29)}, "last_year");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->from, D(2027, 2, 1));
  EXPECT_EQ(p->to, D(2027, 2, 28));
  EXPECT_FALSE(ComparisonPeriod({D(2028, 2, 1), D(2028, 2, 29)}, "none"));
}

TEST(AgeingBucket, CountsDaysPastTheDueDate) {
  const auto today = D(2026, 12, 31);
  EXPECT_EQ(AgeingBucket(D(2026, 12, 31), today), "not_due");
  EXPECT_EQ(AgeingBucket(D(2027, 1, 15), today), "not_due");
  EXPECT_EQ(AgeingBucket(D(2026, 12, 30), today), "1_30");
  EXPECT_EQ(AgeingBucket(D(2026, 12, 1), today), "1_30");
  EXPECT_EQ(AgeingBucket(D(2026, 11, 30), today), "31_60");
  EXPECT_EQ(AgeingBucket(D(2026, 11, 1), today), "31_60");
  EXPECT_EQ(AgeingBucket(D(2026, 10, 31), today), "61_90");
  EXPECT_EQ(AgeingBucket(D(2026, 10, 2), today), "61_90");
  EXPECT_EQ(AgeingBucket(D(2026, 10, 1), today), "over_90");
}

TEST(DaysHeld, AStartedDayCountsAndOnlyWithinThePeriod) {
  const auto from = At("2026-06-01T00:00:00Z");
  const auto to = At("2026-07-01T00:00:00Z");
  EXPECT_EQ(DaysHeld(At("2026-06-12T16:00:00Z"), At("2026-06-13T01:00:00Z"), from, to), 1);
  EXPECT_EQ(DaysHeld(At("2026-06-12T16:00:00Z"), At("2026-06-14T17:00:00Z"), from, to), 3);
  EXPECT_EQ(DaysHeld(At("2026-05-30T12:00:00Z"), At("2026-06-01T12:00:00Z"), from, to), 1);
  EXPECT_EQ(DaysHeld(At("2026-05-01T12:00:00Z"), At("2026-05-02T12:00:00Z"), from, to), 0);
}

TEST(FranchiseStatus, ThresholdsOfArticle293B) {
  EXPECT_EQ(FranchiseStatus(0, 0), "ok");
  EXPECT_EQ(FranchiseStatus(2'999'999, 2'999'999), "ok");
  EXPECT_EQ(FranchiseStatus(3'000'000, 3'000'000), "approaching");  // 80 % of 37,500 €
  EXPECT_EQ(FranchiseStatus(3'750'000, 3'750'000), "approaching");  // at the threshold: not over
  EXPECT_EQ(FranchiseStatus(3'750'001, 3'750'001), "over_base");
  EXPECT_EQ(FranchiseStatus(4'125'001, 4'125'001), "over_upper");
  // Goods only: the services thresholds do not apply.
  EXPECT_EQ(FranchiseStatus(0, 6'800'000), "approaching");
  EXPECT_EQ(FranchiseStatus(0, 8'500'001), "over_base");
  EXPECT_EQ(FranchiseStatus(0, 9'350'001), "over_upper");
}

}  // namespace
}  // namespace planify::domain
