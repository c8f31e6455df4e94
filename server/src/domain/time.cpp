#include "domain/time.hpp"

#include <date/date.h>

#include <cstdio>

namespace planify::domain {

std::string FormatIsoUtc(Timestamp t) { return date::format("%FT%TZ", t); }

std::string FormatHttpDate(Timestamp t) {
  // Fixed English names: the header's grammar, whatever the process locale.
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto day = date::floor<date::days>(t);
  date::year_month_day ymd(day);
  date::weekday wd(day);
  date::hh_mm_ss clock(date::floor<std::chrono::seconds>(t - day));
  char out[40];
  std::snprintf(out, sizeof out, "%s, %02u %s %04d %02d:%02d:%02d GMT", kDays[wd.c_encoding()],
                static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(ymd.year()), static_cast<int>(clock.hours().count()),
                static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return out;
}

namespace {

// Digits at [pos, pos+n) as a number; -1 when any is not a digit.
int Digits(std::string_view s, std::size_t pos, std::size_t n) {
  int value = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    value = value * 10 + (s[i] - '0');
  }
  return value;
}

}  // namespace

std::optional<Timestamp> ParseIsoUtc(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS.mmmZ
  if (text.size() != 24 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != '.' || text[23] != 'Z') {
    return std::nullopt;
  }
  int y = Digits(text, 0, 4);
  int mo = Digits(text, 5, 2);
  int d = Digits(text, 8, 2);
  int h = Digits(text, 11, 2);
  int mi = Digits(text, 14, 2);
  int s = Digits(text, 17, 2);
  int ms = Digits(text, 20, 3);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0 || ms < 0) return std::nullopt;
  if (h > 23 || mi > 59 || s > 59) return std::nullopt;
  date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(mo)},
                           date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;  // rejects 2026-02-30 and friends
  return Timestamp{date::sys_days{ymd}.time_since_epoch() + std::chrono::hours{h} +
                   std::chrono::minutes{mi} + std::chrono::seconds{s} +
                   std::chrono::milliseconds{ms}};
}

}  // namespace planify::domain
