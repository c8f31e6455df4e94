#include "domain/reports.hpp"

namespace planify::domain {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;
using std::chrono::years;

std::optional<DayPeriod> ComparisonPeriod(const DayPeriod& period, std::string_view compare) {
  if (compare == "previous") {
    const days length{period.Days()};
    return DayPeriod{year_month_day{sys_days{period.from} - length},
                     year_month_day{sys_days{period.from} - days(1)}};
  }
  if (compare == "last_year") {
    auto back = [](year_month_day d) {
      year_month_day shifted = d - years(1);
      if (!shifted.ok()) shifted = shifted.year() / shifted.month() / std::chrono::last;
      return shifted;
    };
    return DayPeriod{back(period.from), back(period.to)};
  }
  return std::nullopt;
}

std::string_view AgeingBucket(year_month_day due, year_month_day today) {
  const auto late = (sys_days{today} - sys_days{due}).count();
  if (late <= 0) return "not_due";
  if (late <= 30) return "1_30";
  if (late <= 60) return "31_60";
  if (late <= 90) return "61_90";
  return "over_90";
}

int DaysHeld(Timestamp starts, Timestamp ends, Timestamp from, Timestamp to) {
  const Timestamp a = starts > from ? starts : from;
  const Timestamp b = ends < to ? ends : to;
  if (b <= a) return 0;
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(b - a).count();
  constexpr long long kDay = 86'400;
  return static_cast<int>((seconds + kDay - 1) / kDay);
}

std::string_view FranchiseStatus(long long services_cents, long long total_cents,
                                 const FranchiseThresholds& t) {
  if (services_cents > t.services_upper_cents || total_cents > t.total_upper_cents) {
    return "over_upper";
  }
  if (services_cents > t.services_base_cents || total_cents > t.total_base_cents) {
    return "over_base";
  }
  // 80 %: compared in cents, exactly.
  if (services_cents * 5 >= t.services_base_cents * 4 ||
      total_cents * 5 >= t.total_base_cents * 4) {
    return "approaching";
  }
  return "ok";
}

}  // namespace planify::domain
