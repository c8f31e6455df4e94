#pragma once

#include <chrono>
#include <string>

#include "domain/time.hpp"

namespace planify::domain {

// How a failed job is retried: exponential backoff from `base`, capped, with +/- jitter so
// that jobs failing together (a provider outage) do not all come back at the same instant.
struct RetryPolicy {
  std::chrono::milliseconds base{std::chrono::seconds(10)};
  std::chrono::milliseconds cap{std::chrono::hours(1)};
  double jitter = 0.2;  // fraction of the delay, each side
};

// Delay before attempt `attempt + 1` after `attempt` failed attempts (attempt >= 1).
// `unit_random` in [0, 1) picks the point within the jitter band; pass a fixed value in tests.
[[nodiscard]] std::chrono::milliseconds BackoffDelay(int attempt, const RetryPolicy& policy,
                                                     double unit_random);

// What to do with a job whose attempt failed.
struct FailureDecision {
  bool dead = false;   // no attempts left: keep it for an admin to inspect and re-run
  Timestamp retry_at;  // when not dead
};

[[nodiscard]] FailureDecision DecideAfterFailure(int attempts, int max_attempts, Timestamp now,
                                                 const RetryPolicy& policy, double unit_random);

// Job types are dotted lower-case names ("email.send", "system.noop").
[[nodiscard]] bool IsValidJobType(std::string_view type);

}  // namespace planify::domain
