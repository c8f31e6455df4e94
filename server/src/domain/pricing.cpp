#include "domain/pricing.hpp"

#include <algorithm>
#include <utility>

#include "domain/documents.hpp"
#include "domain/local_time.hpp"
#include "domain/validation.hpp"

namespace planify::domain {

namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

// Easter Sunday (anonymous Gregorian algorithm).
year_month_day Easter(std::chrono::year y) {
  int n = static_cast<int>(y);
  int a = n % 19;
  int b = n / 100;
  int c = n % 100;
  int d = b / 4;
  int e = b % 4;
  int f = (b + 8) / 25;
  int g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4;
  int k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31;
  int day = (h + l - 7 * m + 114) % 31 + 1;
  return year_month_day{y, std::chrono::month{static_cast<unsigned>(month)},
                        std::chrono::day{static_cast<unsigned>(day)}};
}

year_month_day Md(std::chrono::year y, unsigned m, unsigned d) {
  return year_month_day{y, std::chrono::month{m}, std::chrono::day{d}};
}

// Minutes since local midnight of an instant in `zone`.
std::chrono::local_time<std::chrono::minutes> Local(Timestamp t, std::string_view zone) {
  return std::chrono::local_time<std::chrono::minutes>{
      std::chrono::floor<std::chrono::minutes>(t.time_since_epoch() + UtcOffset(zone, t))};
}

}  // namespace

std::vector<year_month_day> FrenchPublicHolidays(std::chrono::year y) {
  auto easter = sys_days{Easter(y)};
  std::vector<year_month_day> out = {Md(y, 1, 1),
                                     year_month_day{easter + days(1)},
                                     Md(y, 5, 1),
                                     Md(y, 5, 8),
                                     year_month_day{easter + days(39)},
                                     year_month_day{easter + days(50)},
                                     Md(y, 7, 14),
                                     Md(y, 8, 15),
                                     Md(y, 11, 1),
                                     Md(y, 11, 11),
                                     Md(y, 12, 25)};
  std::sort(out.begin(), out.end());
  return out;
}

bool IsFrenchPublicHoliday(year_month_day day) {
  auto list = FrenchPublicHolidays(day.year());
  return std::find(list.begin(), list.end(), day) != list.end();
}

Result<PricingRule> ValidatePricingRule(PricingRule r) {
  FieldErrors errors;
  RequireText(errors, "name", r.name, 100);
  r.name = Trim(r.name);
  CleanText(errors, "event_type", r.event_type, 60);
  r.event_type = FoldForSearch(r.event_type);
  auto money = [&](const char* field, long long v) {
    if (v < 0 || v > 100'000'000) errors.Add(field, "Montant de 0 à 1 000 000,00 €.");
  };
  money("hourly_rate_cents", r.hourly_rate_cents);
  money("travel_base_cents", r.travel_base_cents);
  money("travel_per_km_cents", r.travel_per_km_cents);
  auto surcharge = [&](const char* field, int v) {
    if (v < 0 || v > 30000) errors.Add(field, "Majoration de 0 à 300 %.");
  };
  surcharge("weekend_surcharge_bp", r.weekend_surcharge_bp);
  surcharge("holiday_surcharge_bp", r.holiday_surcharge_bp);
  surcharge("night_surcharge_bp", r.night_surcharge_bp);
  if (r.minimum_minutes < 0 || r.minimum_minutes > 48 * 60) {
    errors.Add("minimum_minutes", "Durée minimale de 0 à 48 heures.");
  }
  for (auto [field, value] : {std::pair{"night_start_minutes", r.night_start_minutes},
                              std::pair{"night_end_minutes", r.night_end_minutes}}) {
    if (value < 0 || value >= 24 * 60) errors.Add(field, "Heure de 00:00 à 23:59 (en minutes).");
  }
  if (r.free_km < 0 || r.free_km > 2000) errors.Add("free_km", "De 0 à 2 000 km.");
  if (r.vat_rate_bp < 0 || r.vat_rate_bp > 10000) errors.Add("vat_rate_bp", "TVA de 0 à 100 %.");
  if (!errors.empty()) return Fail(errors.ToError());
  return r;
}

PricedMission PriceMission(const PricingRule& rule, Timestamp start, Timestamp end,
                           std::string_view zone, int distance_km) {
  PricedMission p;
  auto local_start = Local(start, zone);
  auto start_day = std::chrono::floor<days>(local_start);
  std::chrono::weekday wd{start_day};
  p.weekend = wd == std::chrono::Saturday || wd == std::chrono::Sunday;
  p.holiday = IsFrenchPublicHoliday(year_month_day{start_day});
  // Night: any minute in 22:00–06:00 local. Walk the local days the mission touches.
  auto local_end = Local(end, zone);
  // The window starts each evening at night_start and ends at night_end, the next morning when
  // it is earlier than the start (22:00 → 06:00), the same day otherwise (00:00 → 05:00).
  const auto from = std::chrono::minutes(rule.night_start_minutes);
  const auto to = std::chrono::minutes(rule.night_end_minutes);
  for (auto day = start_day - days(1); day <= std::chrono::floor<days>(local_end); day += days(1)) {
    auto night_from = day + from;
    auto night_to =
        rule.night_end_minutes > rule.night_start_minutes ? day + to : day + days(1) + to;
    if (local_start < night_to && local_end > night_from) p.night = true;
  }
  long long minutes = std::chrono::duration_cast<std::chrono::minutes>(end - start).count();
  p.billed_minutes = std::max<long long>(std::max<long long>(minutes, 0), rule.minimum_minutes);
  long long rate = rule.hourly_rate_cents;
  if (rule.additive) {
    long long bp = (p.weekend ? rule.weekend_surcharge_bp : 0) +
                   (p.holiday ? rule.holiday_surcharge_bp : 0) +
                   (p.night ? rule.night_surcharge_bp : 0);
    rate = DivideRounded(rate * (10000 + bp), 10000);
  } else {
    if (p.weekend) rate = DivideRounded(rate * (10000 + rule.weekend_surcharge_bp), 10000);
    if (p.holiday) rate = DivideRounded(rate * (10000 + rule.holiday_surcharge_bp), 10000);
    if (p.night) rate = DivideRounded(rate * (10000 + rule.night_surcharge_bp), 10000);
  }
  p.hourly_rate_cents = rate;
  p.billed_hours_milli = DivideRounded(p.billed_minutes * 1000, 60);
  p.performance_cents = DivideRounded(p.billed_hours_milli * rate, 1000);
  if (distance_km > rule.free_km) {
    p.travel_km = distance_km - rule.free_km;
    p.travel_cents = rule.travel_base_cents + p.travel_km * rule.travel_per_km_cents;
  }
  return p;
}

}  // namespace planify::domain
