#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/time.hpp"

namespace planify::domain {

// The rules behind the reports page (docs/reports.md), free of I/O.

// A period of local days, both ends included.
struct DayPeriod {
  std::chrono::year_month_day from;
  std::chrono::year_month_day to;
  [[nodiscard]] int Days() const {
    return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count()) + 1;
  }
};

// The period to compare with: "previous" (as many days, just before), "last_year" (the same
// days a year before; 29 February becomes the 28th); nullopt for "none".
[[nodiscard]] std::optional<DayPeriod> ComparisonPeriod(const DayPeriod& period,
                                                        std::string_view compare);

// The overdue-ageing bucket of an invoice due on `due` seen on `today`: "not_due", "1_30",
// "31_60", "61_90" or "over_90" (days past the due date).
[[nodiscard]] std::string_view AgeingBucket(std::chrono::year_month_day due,
                                            std::chrono::year_month_day today);

// Whole days a booking [starts, ends) holds gear within [from, to): a started day counts.
[[nodiscard]] int DaysHeld(Timestamp starts, Timestamp ends, Timestamp from, Timestamp to);

// The VAT franchise (CGI art. 293 B, 2026 values, ../shared/domain/facts.md): services (and
// mixed activities' services) 37,500 € base / 41,250 € upper; everything 85,000 € / 93,500 €.
struct FranchiseThresholds {
  long long services_base_cents = 3'750'000;
  long long services_upper_cents = 4'125'000;
  long long total_base_cents = 8'500'000;
  long long total_upper_cents = 9'350'000;
};
inline constexpr FranchiseThresholds kFranchise2026{};

// Where a micro-entrepreneur stands: "over_upper" (the franchise ends from the day the upper
// threshold is crossed), "over_base" (it ends on 1 January of next year), "approaching" (80 % of
// a base threshold reached), "ok".
[[nodiscard]] std::string_view FranchiseStatus(long long services_cents, long long total_cents,
                                               const FranchiseThresholds& t = kFranchise2026);

}  // namespace planify::domain
