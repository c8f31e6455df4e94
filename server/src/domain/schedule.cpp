#include "domain/schedule.hpp"

#include <date/date.h>

namespace planify::domain {

namespace {

using date::days;
using date::sys_days;

// The instant DST starts (last Sunday of March, 01:00 UTC) or ends (last Sunday of October).
Timestamp LastSundayAt1Utc(int year, unsigned month) {
  sys_days last = sys_days{
      date::year_month_day_last{date::year{year}, date::month_day_last{date::month{month}}}};
  auto weekday = date::weekday{last};
  sys_days sunday = last - (weekday - date::Sunday);
  return Timestamp{sunday.time_since_epoch() + std::chrono::hours{1}};
}

}  // namespace

std::chrono::minutes ParisOffset(Timestamp utc) {
  int year = static_cast<int>(date::year_month_day{date::floor<days>(utc)}.year());
  bool summer = utc >= LastSundayAt1Utc(year, 3) && utc < LastSundayAt1Utc(year, 10);
  return std::chrono::minutes(summer ? 120 : 60);
}

Timestamp ParisLocalToUtc(int year, unsigned month, unsigned day, int hour, int minute) {
  date::year_month_day ymd{date::year{year}, date::month{month}, date::day{day}};
  Timestamp wall{sys_days{ymd}.time_since_epoch() + std::chrono::hours{hour} +
                 std::chrono::minutes{minute}};
  // Try summer time first (the first occurrence of a repeated hour is in summer time), then
  // winter time; a wall time that neither maps back to is in the spring gap.
  for (auto offset : {std::chrono::minutes(120), std::chrono::minutes(60)}) {
    Timestamp candidate = wall - offset;
    if (ParisOffset(candidate) == offset) return candidate;
  }
  // Spring gap (02:00-03:00 does not exist): shift forward by the gap, i.e. read it as winter time.
  return wall - std::chrono::minutes(60);
}

Timestamp NextDue(const Recurrence& rule, Timestamp after) {
  if (const auto* interval = std::get_if<EveryInterval>(&rule)) {
    auto step = std::chrono::duration_cast<std::chrono::milliseconds>(interval->every);
    if (step.count() <= 0) step = std::chrono::minutes(1);
    auto since = after.time_since_epoch();
    return Timestamp{(since / step + 1) * step};
  }
  const auto& daily = std::get<DailyAtParisTime>(rule);
  // The Paris calendar day of `after`, then the next days until the due time is after it.
  Timestamp paris_wall = after + ParisOffset(after);
  date::year_month_day day{date::floor<days>(paris_wall)};
  for (int i = 0; i < 3; ++i) {
    date::year_month_day d{sys_days{day} + days{i}};
    Timestamp due = ParisLocalToUtc(static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                                    static_cast<unsigned>(d.day()), daily.hour, daily.minute);
    if (due > after) return due;
  }
  return after + std::chrono::hours(24);  // unreachable: some day within three is later
}

}  // namespace planify::domain
