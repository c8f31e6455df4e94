// The iCalendar writer: escaping, folding at 75 octets on UTF-8 boundaries, UTC instants
// across the summer-time changes, all-day events, cancelled events. The feed as a whole is read
// back by an independent parser in tests/http/calendar_feeds_test.cpp.
#include "domain/icalendar.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "domain/local_time.hpp"

namespace planify::domain {
namespace {

using std::chrono::local_days;
using namespace std::chrono_literals;

Timestamp Paris(std::chrono::year_month_day day, std::chrono::hours h) {
  return FromLocal("Europe/Paris", local_days{day} + h);
}

// The logical line back from folded text: every CRLF followed by a space removed.
std::string Unfold(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    out.push_back(text[i]);
  }
  return out;
}

TEST(ICalendar, TextIsEscaped) {
  EXPECT_EQ(EscapeICalendarText("Mariage, Durand; salle \\ B\nligne 2\r\nligne 3"),
            "Mariage\\, Durand\\; salle \\\\ B\\nligne 2\\nligne 3");
  EXPECT_EQ(EscapeICalendarText(std::string("a\x01"
                                            "b\tc")),
            "ab c");
}

TEST(ICalendar, LinesFoldAt75OctetsWithoutSplittingACharacter) {
  std::string value;
  for (int i = 0; i < 60; ++i) value += "é€";  // 2 + 3 octets each
  const std::string line = "DESCRIPTION:" + value;
  const std::string folded = FoldICalendarLine(line);
  std::istringstream in(folded);
  std::string physical;
  int count = 0;
  while (std::getline(in, physical)) {
    ASSERT_FALSE(physical.empty());
    ASSERT_EQ(physical.back(), '\r');
    physical.pop_back();
    EXPECT_LE(physical.size(), 75U);
    if (count > 0) {
      EXPECT_EQ(physical[0], ' ');
    }
    // No physical line starts or ends inside a UTF-8 sequence.
    const auto first = static_cast<unsigned char>(physical[count > 0 ? 1 : 0]);
    EXPECT_NE(first & 0xC0, 0x80) << count;
    ++count;
  }
  EXPECT_GT(count, 4);
  EXPECT_EQ(Unfold(folded), line + "\r\n");
  EXPECT_EQ(FoldICalendarLine("SUMMARY:court"), "SUMMARY:court\r\n");
  // Exactly 75 octets stays on one line; 76 folds.
  EXPECT_EQ(FoldICalendarLine(std::string(75, 'a')).find("\r\n "), std::string::npos);
  EXPECT_NE(FoldICalendarLine(std::string(76, 'a')).find("\r\n "), std::string::npos);
}

TEST(ICalendar, TimesAreUtcAcrossTheSummerTimeChanges) {
  using std::chrono::March;
  using std::chrono::October;
  // 20:00 in Paris the evening before and after each change.
  EXPECT_EQ(ICalendarUtc(Paris(2027y / March / 27, 20h)), "20270327T190000Z");
  EXPECT_EQ(ICalendarUtc(Paris(2027y / March / 28, 20h)), "20270328T180000Z");
  EXPECT_EQ(ICalendarUtc(Paris(2027y / October / 30, 20h)), "20271030T180000Z");
  EXPECT_EQ(ICalendarUtc(Paris(2027y / October / 31, 20h)), "20271031T190000Z");
}

TEST(ICalendar, AFeedWithTimedAllDayAndCancelledEvents) {
  using std::chrono::June;
  CalendarFeed feed;
  feed.name = "Planify — Claire";
  feed.time_zone = "Europe/Paris";
  CalendarEvent mission;
  mission.uid = "mission-42@planify.test";
  mission.sequence = 3;
  mission.stamp = Paris(2027y / June / 1, 10h);
  mission.starts_at = Paris(2027y / June / 12, 18h);
  mission.ends_at = Paris(2027y / June / 13, 2h);
  mission.summary = "Mariage Durand";
  mission.location = "Château de la Loire, 37000 Tours";
  mission.url = "https://planify.test/missions/42";
  CalendarEvent off;
  off.uid = "off-7@planify.test";
  off.stamp = mission.stamp;
  off.all_day = true;
  off.first_day = 2027y / June / 20;
  off.end_day = 2027y / June / 22;
  off.summary = "Indisponible";
  CalendarEvent canceled = mission;
  canceled.uid = "mission-43@planify.test";
  canceled.status = CalendarEventStatus::kCancelled;
  canceled.busy = false;
  feed.events = {mission, off, canceled};
  const std::string text = WriteICalendar(feed);
  EXPECT_EQ(text.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0), 0U);
  EXPECT_NE(text.find("DTSTART:20270612T160000Z\r\nDTEND:20270613T000000Z\r\n"), std::string::npos);
  EXPECT_NE(text.find("SEQUENCE:3\r\n"), std::string::npos);
  EXPECT_NE(text.find("LOCATION:Château de la Loire\\, 37000 Tours\r\n"), std::string::npos);
  EXPECT_NE(text.find("DTSTART;VALUE=DATE:20270620\r\nDTEND;VALUE=DATE:20270622\r\n"),
            std::string::npos);
  EXPECT_NE(text.find("STATUS:CANCELLED\r\nTRANSP:TRANSPARENT\r\n"), std::string::npos);
  EXPECT_EQ(text.substr(text.size() - 15), "END:VCALENDAR\r\n");
  // Every line ends with CRLF: no bare LF.
  for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) {
    ASSERT_EQ(text[at - 1], '\r');
  }
}

}  // namespace
}  // namespace planify::domain
