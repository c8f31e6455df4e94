#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"
#include "domain/time.hpp"

namespace planify::domain {

// French public holidays of a year (metropolitan list: 1 January, Easter Monday, 1 May,
// 8 May, Ascension, Whit Monday, 14 July, 15 August, 1 November, 11 November, 25 December),
// sorted.
[[nodiscard]] std::vector<std::chrono::year_month_day> FrenchPublicHolidays(std::chrono::year y);
[[nodiscard]] bool IsFrenchPublicHoliday(std::chrono::year_month_day day);

// The organisation's pricing grid (the legacy "grille tarifaire", made usable): an hourly
// base, surcharges that compound (weekend, then public holiday, then night, as the legacy
// model did), a minimum billed duration and travel fees beyond a free distance.
struct PricingRule {
  std::string name;                   // "Soirée DJ", "Mariage"
  std::string event_type;             // the missions' event type it prices ("mariage"); folded
  long long hourly_rate_cents = 0;    // excl. VAT
  int weekend_surcharge_bp = 0;       // Saturday and Sunday
  int holiday_surcharge_bp = 0;       // French public holidays
  int night_surcharge_bp = 0;         // any part of the mission in the night window
  bool additive = false;              // surcharges add up instead of compounding
  int night_start_minutes = 22 * 60;  // the night window, local time (minutes after midnight)
  int night_end_minutes = 6 * 60;
  int minimum_minutes = 0;            // billed at least this long
  long long travel_base_cents = 0;    // once the free distance is passed…
  long long travel_per_km_cents = 0;  // …plus this per km beyond it
  int free_km = 0;
  int vat_rate_bp = 2000;
};

// Checks a rule: name (100), event type (60, folded), amounts 0–1,000,000.00 €, surcharges
// 0–300 %, minimum 0–48 h, night window bounds 0–1,439 min, free distance 0–2,000 km,
// VAT 0–100 %.
[[nodiscard]] Result<PricingRule> ValidatePricingRule(PricingRule rule);

struct PricedMission {
  bool weekend = false;  // starts on a Saturday or a Sunday (local time)
  bool holiday = false;  // starts on a French public holiday (local time)
  bool night = false;    // touches the night window (22:00–06:00 by default, local time)
  long long billed_minutes = 0;
  long long billed_hours_milli = 0;  // billed time in thousandths of an hour (a quote quantity)
  long long hourly_rate_cents = 0;   // after the surcharges (compounding: rounded at each step)
  long long performance_cents = 0;   // billed hours (to the thousandth) × rate, rounded half up:
                                     // exactly the net of the quote line it becomes
  long long travel_km = 0;           // beyond the free distance
  long long travel_cents = 0;
};

// Prices a mission [start, end) in `zone` with a rule and the road distance in km. The result
// fills quote lines: the performance (billed hours at the surcharged rate) and the travel.
[[nodiscard]] PricedMission PriceMission(const PricingRule& rule, Timestamp start, Timestamp end,
                                         std::string_view zone, int distance_km);

}  // namespace planify::domain
