#pragma once

#include <string>

#include "domain/auth.hpp"
#include "domain/result.hpp"
#include "store/auth_repository.hpp"

namespace planify::app {

// RATE_LIMITED (with Retry-After seconds) when one more event of `rule` for `key` is not
// allowed now; reads the bucket's recent events from the database, so every instance on one
// database shares the limit.
[[nodiscard]] Result<void> EnforceRate(store::AuthRepository& repo, const domain::RateRule& rule,
                                       const std::string& key, domain::Timestamp now,
                                       bool exponential = false);
// Counts one event of `rule` for `key` (inside the caller's transaction).
void CountRate(store::AuthRepository& repo, const domain::RateRule& rule, const std::string& key,
               const std::string& now);

}  // namespace planify::app
