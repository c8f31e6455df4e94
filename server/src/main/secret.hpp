#pragma once

#include <string>

#include "domain/result.hpp"
#include "main/config.hpp"

namespace planify {

// The instance secret (signs sessions and links): PLANIFY_SECRET_KEY if set, else the
// contents of data_dir/secret.key, created (mode 0600, 32 random bytes hex) on first run.
[[nodiscard]] Result<std::string> EnsureSecretKey(const Config& config);

}  // namespace planify
