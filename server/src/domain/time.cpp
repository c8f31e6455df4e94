#include "domain/time.hpp"

#include <date/date.h>

#include <cstdio>

namespace planify::domain {

namespace {

void TwoDigits(char* at, unsigned value) {
  at[0] = static_cast<char>('0' + value / 10);
  at[1] = static_cast<char>('0' + value % 10);
}

}  // namespace

void FormatIsoUtc(Timestamp t, char (&out)[kIsoUtcLength]) {
  auto day = date::floor<date::days>(t);
  date::year_month_day ymd(day);
  auto ms = static_cast<unsigned>((t - day).count());  // 0 .. 86'399'999
  auto year = static_cast<unsigned>(static_cast<int>(ymd.year()) % 10000);
  TwoDigits(out, year / 100);
  TwoDigits(out + 2, year % 100);
  out[4] = '-';
  TwoDigits(out + 5, static_cast<unsigned>(ymd.month()));
  out[7] = '-';
  TwoDigits(out + 8, static_cast<unsigned>(ymd.day()));
  out[10] = 'T';
  TwoDigits(out + 11, ms / 3'600'000);
  out[13] = ':';
  TwoDigits(out + 14, ms / 60'000 % 60);
  out[16] = ':';
  TwoDigits(out + 17, ms / 1000 % 60);
  out[19] = '.';
  out[20] = static_cast<char>('0' + ms / 100 % 10);
  TwoDigits(out + 21, ms % 100);
  out[23] = 'Z';
}

std::string FormatIsoUtc(Timestamp t) {
  char out[kIsoUtcLength];
  FormatIsoUtc(t, out);
  return {out, kIsoUtcLength};
}

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
