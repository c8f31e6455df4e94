#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace planify::integrations {

struct ChildOutcome {
  int exit_code = -1;       // 128 + signal when it was killed
  std::string stderr_tail;  // its last 16 KiB of standard error, for the message
};

// Runs `argv[0]` (looked up in PATH) to completion with this process's environment plus
// `extra_env` ("NAME=value", overriding), standard input from /dev/null, standard output to
// `stdout_path` (created or truncated; /dev/null when empty), and each line of standard error given
// to `on_stderr_line` as it comes (pg_dump's
// --verbose lines become progress). Stop signals blocked in the caller are unblocked in the
// child. UNAVAILABLE when the program cannot be started (not installed).
[[nodiscard]] Result<ChildOutcome> RunChild(
    const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
    const std::function<void(std::string_view line)>& on_stderr_line = {},
    const std::string& stdout_path = {});

}  // namespace planify::integrations
