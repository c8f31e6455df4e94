#include "domain/jobs.hpp"

#include <algorithm>
#include <cmath>

namespace planify::domain {

std::chrono::milliseconds BackoffDelay(int attempt, const RetryPolicy& policy, double unit_random) {
  const int exponent = std::clamp(attempt - 1, 0, 30);
  const double raw = static_cast<double>(policy.base.count()) * std::pow(2.0, exponent);
  const double capped = std::min(raw, static_cast<double>(policy.cap.count()));
  const double r = std::clamp(unit_random, 0.0, 1.0);
  const double factor = 1.0 - policy.jitter + 2.0 * policy.jitter * r;
  return std::chrono::milliseconds(static_cast<long long>(std::llround(capped * factor)));
}

FailureDecision DecideAfterFailure(int attempts, int max_attempts, Timestamp now,
                                   const RetryPolicy& policy, double unit_random) {
  FailureDecision decision;
  if (attempts >= max_attempts) {
    decision.dead = true;
    decision.retry_at = now;
    return decision;
  }
  decision.retry_at = now + BackoffDelay(attempts, policy, unit_random);
  return decision;
}

bool IsValidJobType(std::string_view type) {
  if (type.empty() || type.size() > 100 || type.front() == '.' || type.back() == '.') return false;
  for (char c : type) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace planify::domain
