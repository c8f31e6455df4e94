#pragma once

#include <chrono>
#include <string>
#include <variant>

#include "domain/time.hpp"

namespace planify::domain {

// Paris wall-clock time to the UTC instant, by the EU rule Europe/Paris follows (CET, CEST from
// the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC). A time skipped in
// spring shifts forward by the gap; a time repeated in autumn is its first occurrence — the same
// rule as the web app's date-time picker.
[[nodiscard]] Timestamp ParisLocalToUtc(int year, unsigned month, unsigned day, int hour,
                                        int minute);
// Offset of Paris from UTC at an instant: 1 h or 2 h.
[[nodiscard]] std::chrono::minutes ParisOffset(Timestamp utc);

// When a recurring job is due.
struct EveryInterval {
  std::chrono::minutes every;
};
struct DailyAtParisTime {
  int hour = 0;
  int minute = 0;
};
using Recurrence = std::variant<EveryInterval, DailyAtParisTime>;

// The first due time strictly after `after`. Intervals are aligned on the UTC epoch (so every
// instance computes the same due times).
[[nodiscard]] Timestamp NextDue(const Recurrence& rule, Timestamp after);

}  // namespace planify::domain
