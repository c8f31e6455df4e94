#include "app/auth/rate_limits.hpp"

namespace planify::app {

namespace {

std::string Bucket(const domain::RateRule& rule, const std::string& key) {
  return std::string(rule.name) + ":" + key;
}

}  // namespace

Result<void> EnforceRate(store::AuthRepository& repo, const domain::RateRule& rule,
                         const std::string& key, domain::Timestamp now, bool exponential) {
  auto stored = repo.RateEventsSince(Bucket(rule, key), domain::FormatIsoUtc(now - rule.window));
  std::vector<domain::Timestamp> events;
  events.reserve(stored.size());
  for (const auto& s : stored) {
    if (auto t = domain::ParseIsoUtc(s)) events.push_back(*t);
  }
  auto decision = domain::DecideRate(rule, std::move(events), now, exponential);
  if (decision.allowed) return {};
  Error error = MakeError(ErrorCode::kRateLimited,
                          "Trop de tentatives. Réessayez dans " +
                              std::to_string(decision.retry_after.count()) + " secondes.");
  error.retry_after_seconds = static_cast<int>(decision.retry_after.count());
  return Fail(std::move(error));
}

void CountRate(store::AuthRepository& repo, const domain::RateRule& rule, const std::string& key,
               const std::string& now) {
  repo.RecordRateEvent(Bucket(rule, key), now);
}

}  // namespace planify::app
