#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace planify::testing {

// A `planify` child process started by a test, its output going to `log`.
struct Child {
  pid_t pid = -1;
  int port = 0;
  std::filesystem::path log;
};

// Starts `planify <args>` with the given "KEY=VALUE" environment overrides (on top of the test's
// environment, with PLANIFY_DATABASE_URL cleared first); stdout and stderr go to `log`, and
// standard input comes from `stdin_path` when given.
Child SpawnPlanify(const std::vector<std::string>& args, const std::vector<std::string>& env,
                   const std::filesystem::path& log, const std::filesystem::path& stdin_path = {});

// The same for any program (HAProxy in the scale-out test).
Child SpawnProgram(const std::filesystem::path& program, const std::vector<std::string>& args,
                   const std::vector<std::string>& env, const std::filesystem::path& log,
                   const std::filesystem::path& stdin_path = {});

// Waits for the "listening on 127.0.0.1:PORT" line and records the port; false on time-out.
bool WaitListening(Child& child, std::chrono::seconds timeout = std::chrono::seconds(10));

// Waits for the process; its exit code (128 + signal when killed), -1 after `timeout` (then it
// is killed). `took` receives the time waited.
int WaitExit(pid_t pid, std::chrono::milliseconds* took,
             std::chrono::seconds timeout = std::chrono::seconds(20));

// Runs `planify <args>` to completion; exit code and combined output.
struct CommandResult {
  int exit_code = -1;
  std::string output;
};
CommandResult RunPlanify(const std::vector<std::string>& args, const std::vector<std::string>& env,
                         const std::filesystem::path& log,
                         const std::filesystem::path& stdin_path = {});

std::string ReadFile(const std::filesystem::path& path);

}  // namespace planify::testing
