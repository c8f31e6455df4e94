#include "domain/local_time.hpp"

#include <date/date.h>
#include <array>

namespace planify::domain {

namespace {

using std::chrono::hours;
using std::chrono::minutes;

enum class Rule { kNone, kEu, kNorthAmerica };

struct ZoneRule {
  std::string_view name;
  int standard_minutes;
  Rule rule;
};

constexpr std::array<ZoneRule, 14> kZones = {{
    {"Europe/Paris", 60, Rule::kEu},
    {"Europe/Brussels", 60, Rule::kEu},
    {"Europe/Luxembourg", 60, Rule::kEu},
    {"Europe/Zurich", 60, Rule::kEu},
    {"Europe/Monaco", 60, Rule::kEu},
    {"America/Guadeloupe", -240, Rule::kNone},
    {"America/Martinique", -240, Rule::kNone},
    {"America/Cayenne", -180, Rule::kNone},
    {"America/Miquelon", -180, Rule::kNorthAmerica},
    {"Indian/Reunion", 240, Rule::kNone},
    {"Indian/Mayotte", 180, Rule::kNone},
    {"Pacific/Noumea", 660, Rule::kNone},
    {"Pacific/Tahiti", -600, Rule::kNone},
    {"America/Montreal", -300, Rule::kNorthAmerica},
}};

ZoneRule Find(std::string_view zone) {
  for (const auto& z : kZones) {
    if (z.name == zone) return z;
  }
  return kZones[0];  // unknown zones read as Europe/Paris, the product's home
}

date::sys_days LastSunday(date::year y, date::month m) {
  return date::sys_days{date::year_month_weekday_last{y, m, date::weekday_last{date::Sunday}}};
}

date::sys_days NthSunday(date::year y, date::month m, unsigned n) {
  return date::sys_days{date::year_month_weekday{y, m, date::weekday_indexed{date::Sunday, n}}};
}

bool InSummer(const ZoneRule& z, Timestamp t) {
  auto day = date::floor<date::days>(t);
  date::year y = date::year_month_day{day}.year();
  switch (z.rule) {
    case Rule::kNone:
      return false;
    case Rule::kEu:
      return t >= LastSunday(y, date::March) + hours(1) &&
             t < LastSunday(y, date::October) + hours(1);
    case Rule::kNorthAmerica: {
      // 02:00 local standard time on the 2nd Sunday of March, 02:00 local summer time on the
      // 1st Sunday of November.
      auto start = NthSunday(y, date::March, 2) + hours(2) - minutes(z.standard_minutes);
      auto end = NthSunday(y, date::November, 1) + hours(2) - minutes(z.standard_minutes + 60);
      return t >= start && t < end;
    }
  }
  return false;
}

constexpr std::array<std::string_view, 7> kDays = {"dim.", "lun.", "mar.", "mer.",
                                                   "jeu.", "ven.", "sam."};
constexpr std::array<std::string_view, 12> kMonths = {"janv.", "févr.", "mars",  "avr.",
                                                      "mai",   "juin",  "juil.", "août",
                                                      "sept.", "oct.",  "nov.",  "déc."};

std::string Two(unsigned v) { return (v < 10 ? "0" : "") + std::to_string(v); }

std::string DayText(date::local_days day) {
  date::year_month_day ymd{day};
  date::weekday wd{day};
  return std::string(kDays[wd.c_encoding()]) + " " + std::to_string(unsigned(ymd.day())) + " " +
         std::string(kMonths[unsigned(ymd.month()) - 1]) + " " + std::to_string(int(ymd.year()));
}

std::string ClockText(date::local_time<std::chrono::milliseconds> local) {
  auto day = date::floor<date::days>(local);
  auto tod = date::hh_mm_ss{date::floor<minutes>(local - day)};
  return Two(static_cast<unsigned>(tod.hours().count())) + ":" +
         Two(static_cast<unsigned>(tod.minutes().count()));
}

date::local_time<std::chrono::milliseconds> ToLocal(Timestamp t, std::string_view zone) {
  return date::local_time<std::chrono::milliseconds>{t.time_since_epoch() + UtcOffset(zone, t)};
}

int Digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    value = value * 10 + (s[i] - '0');
  }
  return value;
}

}  // namespace

minutes UtcOffset(std::string_view zone, Timestamp t) {
  auto z = Find(zone);
  return minutes(z.standard_minutes + (InSummer(z, t) ? 60 : 0));
}

Timestamp FromLocal(std::string_view zone, std::chrono::local_seconds local) {
  auto z = Find(zone);
  auto as_utc = Timestamp{local.time_since_epoch()};
  // Try the standard offset and the summer offset; keep the reading that round-trips, the
  // earlier one when both do (the repeated autumn hour).
  auto standard = as_utc - minutes(z.standard_minutes);
  auto summer = standard - minutes(60);
  bool summer_ok = UtcOffset(zone, summer) == minutes(z.standard_minutes + 60);
  bool standard_ok = UtcOffset(zone, standard) == minutes(z.standard_minutes);
  if (summer_ok) return summer;
  if (standard_ok) return standard;
  return standard;  // in the spring gap: the same wall reading one hour later
}

std::string FormatLocalDateTime(Timestamp t, std::string_view zone) {
  auto local = ToLocal(t, zone);
  return DayText(date::floor<date::days>(local)) + " " + ClockText(local);
}

std::string FormatLocalRange(Timestamp start, Timestamp end, std::string_view zone) {
  auto a = ToLocal(start, zone);
  auto b = ToLocal(end, zone);
  auto day_a = date::floor<date::days>(a);
  if (day_a == date::floor<date::days>(b)) {
    return "le " + DayText(day_a) + " de " + ClockText(a) + " à " + ClockText(b);
  }
  return "du " + FormatLocalDateTime(start, zone) + " au " + FormatLocalDateTime(end, zone);
}

std::optional<Timestamp> ParseApiInstant(std::string_view s) {
  // YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)
  if (s.size() < 17 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') ||
      s[13] != ':') {
    return std::nullopt;
  }
  int y = Digits(s, 0, 4);
  int mo = Digits(s, 5, 2);
  int d = Digits(s, 8, 2);
  int h = Digits(s, 11, 2);
  int mi = Digits(s, 14, 2);
  if (y < 1970 || mo < 0 || d < 0 || h < 0 || h > 23 || mi < 0 || mi > 59) return std::nullopt;
  std::size_t pos = 16;
  int sec = 0;
  int ms = 0;
  if (pos < s.size() && s[pos] == ':') {
    sec = Digits(s, pos + 1, 2);
    if (sec < 0 || sec > 59) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      std::size_t start = ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      std::size_t n = pos - start;
      if (n == 0 || n > 9) return std::nullopt;
      ms = Digits(s, start, n < 3 ? n : 3);
      for (std::size_t k = n; k < 3; ++k) ms *= 10;
    }
  }
  int offset_minutes = 0;
  if (pos == s.size() - 1 && s[pos] == 'Z') {
    offset_minutes = 0;
  } else if (pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') && s[pos + 3] == ':') {
    int oh = Digits(s, pos + 1, 2);
    int om = Digits(s, pos + 4, 2);
    if (oh < 0 || oh > 14 || om < 0 || om > 59) return std::nullopt;
    offset_minutes = (s[pos] == '-' ? -1 : 1) * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(mo)},
                           date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  Timestamp t{date::sys_days{ymd}.time_since_epoch() + hours(h) + minutes(mi) +
              std::chrono::seconds(sec) + std::chrono::milliseconds(ms) - minutes(offset_minutes)};
  // The offset may carry the instant out of the years that are stored and read back
  // (9999-12-31T23:59-11:59 is in year 10000 in UTC, 1970-01-01T00:00+05:00 in 1969).
  static const Timestamp kFirst{date::sys_days{date::year{1970} / 1 / 1}.time_since_epoch()};
  static const Timestamp kEnd{date::sys_days{date::year{10000} / 1 / 1}.time_since_epoch()};
  if (t < kFirst || t >= kEnd) return std::nullopt;
  return t;
}

}  // namespace planify::domain
