#include "domain/local_time.hpp"
#include "domain/time.hpp"

#include <gtest/gtest.h>

namespace planify::domain {
namespace {

Timestamp At(const char* iso) { return ParseIsoUtc(iso).value(); }

TEST(LocalTime, ParisSwitchesToSummerTimeOnTheLastSundayOfMarchAt0100Utc) {
  EXPECT_EQ(UtcOffset("Europe/Paris", At("2027-03-28T00:59:59.000Z")).count(), 60);
  EXPECT_EQ(UtcOffset("Europe/Paris", At("2027-03-28T01:00:00.000Z")).count(), 120);
  EXPECT_EQ(UtcOffset("Europe/Paris", At("2027-10-31T00:59:59.000Z")).count(), 120);
  EXPECT_EQ(UtcOffset("Europe/Paris", At("2027-10-31T01:00:00.000Z")).count(), 60);
  EXPECT_EQ(UtcOffset("Indian/Reunion", At("2027-07-01T00:00:00.000Z")).count(), 240);
  EXPECT_EQ(UtcOffset("America/Montreal", At("2027-07-01T00:00:00.000Z")).count(), -240);
  EXPECT_EQ(UtcOffset("America/Montreal", At("2027-01-01T00:00:00.000Z")).count(), -300);
}

TEST(LocalTime, WallClockTimesBecomeInstants) {
  using namespace std::chrono;
  auto local = [](int y, unsigned m, unsigned d, int h, int mi) {
    return local_days{year{y} / month{m} / day{d}} + hours{h} + minutes{mi};
  };
  EXPECT_EQ(FormatIsoUtc(FromLocal("Europe/Paris", local(2027, 6, 12, 18, 0))),
            "2027-06-12T16:00:00.000Z");
  EXPECT_EQ(FormatIsoUtc(FromLocal("Europe/Paris", local(2027, 1, 12, 18, 0))),
            "2027-01-12T17:00:00.000Z");
  // 02:30 does not exist on 28 March 2027: read as 03:30 summer time.
  EXPECT_EQ(FormatIsoUtc(FromLocal("Europe/Paris", local(2027, 3, 28, 2, 30))),
            "2027-03-28T01:30:00.000Z");
  // 02:30 exists twice on 31 October 2027: the first (summer) one.
  EXPECT_EQ(FormatIsoUtc(FromLocal("Europe/Paris", local(2027, 10, 31, 2, 30))),
            "2027-10-31T00:30:00.000Z");
}

TEST(LocalTime, FormatsInFrench) {
  EXPECT_EQ(FormatLocalDateTime(At("2027-06-12T16:00:00.000Z"), "Europe/Paris"),
            "sam. 12 juin 2027 18:00");
  EXPECT_EQ(FormatLocalRange(At("2027-06-12T16:00:00.000Z"), At("2027-06-13T00:00:00.000Z"),
                             "Europe/Paris"),
            "du sam. 12 juin 2027 18:00 au dim. 13 juin 2027 02:00");
  EXPECT_EQ(FormatLocalRange(At("2027-02-03T13:00:00.000Z"), At("2027-02-03T17:00:00.000Z"),
                             "Europe/Paris"),
            "le mer. 3 févr. 2027 de 14:00 à 18:00");
}

TEST(LocalTime, ParsesTheInstantsTheApiAccepts) {
  EXPECT_EQ(FormatIsoUtc(*ParseApiInstant("2027-06-12T16:00:00.000Z")), "2027-06-12T16:00:00.000Z");
  EXPECT_EQ(FormatIsoUtc(*ParseApiInstant("2027-06-12T16:00Z")), "2027-06-12T16:00:00.000Z");
  EXPECT_EQ(FormatIsoUtc(*ParseApiInstant("2027-06-12T18:00:00+02:00")),
            "2027-06-12T16:00:00.000Z");
  EXPECT_EQ(FormatIsoUtc(*ParseApiInstant("2027-06-12T16:00:00.5Z")), "2027-06-12T16:00:00.500Z");
  EXPECT_FALSE(ParseApiInstant("2027-06-12T18:00"));  // no offset: ambiguous
  EXPECT_FALSE(ParseApiInstant("2027-02-30T18:00Z"));
  EXPECT_FALSE(ParseApiInstant("2027-06-12T25:00Z"));
  EXPECT_FALSE(ParseApiInstant("demain soir"));
  EXPECT_FALSE(ParseApiInstant(""));
  // Only instants whose UTC form is stored and read back (years 1970 to 9999 in UTC).
  EXPECT_EQ(FormatIsoUtc(*ParseApiInstant("9999-12-31T23:59:59.999Z")), "9999-12-31T23:59:59.999Z");
  EXPECT_FALSE(ParseApiInstant("9999-12-31T23:59:59.999-11:59"));  // year 10000 in UTC
  EXPECT_EQ(FormatIsoUtc(*ParseApiInstant("1970-01-01T00:00Z")), "1970-01-01T00:00:00.000Z");
  EXPECT_FALSE(ParseApiInstant("1970-01-01T00:00+05:00"));  // 1969 in UTC
}

TEST(HttpDate, IsTheImfFixdateInGmt) {
  auto t = ParseIsoUtc("2026-12-02T01:23:38.999Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(FormatHttpDate(*t), "Wed, 02 Dec 2026 01:23:38 GMT");
  auto leap = ParseIsoUtc("2028-02-29T23:59:59.000Z");
  ASSERT_TRUE(leap);
  EXPECT_EQ(FormatHttpDate(*leap), "Tue, 29 Feb 2028 23:59:59 GMT");
}

}  // namespace
}  // namespace planify::domain
