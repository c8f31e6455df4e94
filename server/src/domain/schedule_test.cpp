#include "domain/schedule.hpp"

#include <gtest/gtest.h>

namespace planify::domain {
namespace {

Timestamp T(const char* iso) { return *ParseIsoUtc(iso); }

TEST(ParisTime, WinterAndSummerOffsets) {
  EXPECT_EQ(FormatIsoUtc(ParisLocalToUtc(2026, 11, 25, 8, 0)), "2026-11-25T07:00:00.000Z");
  EXPECT_EQ(FormatIsoUtc(ParisLocalToUtc(2026, 7, 14, 22, 0)), "2026-07-14T20:00:00.000Z");
  EXPECT_EQ(ParisOffset(T("2026-03-29T00:59:59.999Z")), std::chrono::minutes(60));
  EXPECT_EQ(ParisOffset(T("2026-03-29T01:00:00.000Z")), std::chrono::minutes(120));
  EXPECT_EQ(ParisOffset(T("2026-10-25T00:59:59.999Z")), std::chrono::minutes(120));
  EXPECT_EQ(ParisOffset(T("2026-10-25T01:00:00.000Z")), std::chrono::minutes(60));
}

TEST(ParisTime, SpringGapShiftsForwardAndAutumnOverlapTakesTheFirst) {
  // 2026-03-29 02:30 does not exist in Paris: it becomes 03:30 CEST = 01:30Z.
  EXPECT_EQ(FormatIsoUtc(ParisLocalToUtc(2026, 3, 29, 2, 30)), "2026-03-29T01:30:00.000Z");
  // 2026-10-25 02:30 happens twice: the first is 02:30 CEST = 00:30Z.
  EXPECT_EQ(FormatIsoUtc(ParisLocalToUtc(2026, 10, 25, 2, 30)), "2026-10-25T00:30:00.000Z");
}

TEST(NextDue, IntervalsAlignOnTheEpoch) {
  Recurrence every15 = EveryInterval{std::chrono::minutes(15)};
  EXPECT_EQ(FormatIsoUtc(NextDue(every15, T("2026-11-25T10:07:12.000Z"))),
            "2026-11-25T10:15:00.000Z");
  EXPECT_EQ(FormatIsoUtc(NextDue(every15, T("2026-11-25T10:15:00.000Z"))),
            "2026-11-25T10:30:00.000Z");
}

TEST(NextDue, DailyAtAParisTimeAcrossDaysAndDst) {
  Recurrence at0730 = DailyAtParisTime{7, 30};
  EXPECT_EQ(FormatIsoUtc(NextDue(at0730, T("2026-11-25T05:00:00.000Z"))),
            "2026-11-25T06:30:00.000Z");
  EXPECT_EQ(FormatIsoUtc(NextDue(at0730, T("2026-11-25T06:30:00.000Z"))),
            "2026-11-26T06:30:00.000Z");
  // Late evening UTC is already the next day in Paris.
  EXPECT_EQ(FormatIsoUtc(NextDue(at0730, T("2026-07-13T23:30:00.000Z"))),
            "2026-07-14T05:30:00.000Z");
  // Over the spring change the UTC time moves an hour earlier.
  EXPECT_EQ(FormatIsoUtc(NextDue(at0730, T("2026-03-28T07:00:00.000Z"))),
            "2026-03-29T05:30:00.000Z");
}

}  // namespace
}  // namespace planify::domain
