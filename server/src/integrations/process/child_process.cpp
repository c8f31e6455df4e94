#include "integrations/process/child_process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX, for posix_spawnp

namespace planify::integrations {

namespace {

constexpr std::size_t kTail = std::size_t{16} * 1024;

std::string NameOf(const std::string& assignment) {
  return assignment.substr(0, assignment.find('='));
}

}  // namespace

Result<ChildOutcome> RunChild(const std::vector<std::string>& argv,
                              const std::vector<std::string>& extra_env,
                              const std::function<void(std::string_view line)>& on_stderr_line,
                              const std::string& stdout_path) {
  if (argv.empty()) return Fail(ErrorCode::kInternal, "RunChild: no program");
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    bool overridden = false;
    for (const auto& extra : extra_env) overridden = overridden || NameOf(extra) == NameOf(entry);
    if (!overridden) env.push_back(std::move(entry));
  }
  env.insert(env.end(), extra_env.begin(), extra_env.end());
  std::vector<char*> c_argv;
  c_argv.reserve(argv.size() + 1);
  for (const auto& a : argv) c_argv.push_back(const_cast<char*>(a.c_str()));
  c_argv.push_back(nullptr);
  std::vector<char*> c_env;
  c_env.reserve(env.size() + 1);
  for (const auto& e : env) c_env.push_back(const_cast<char*>(e.c_str()));
  c_env.push_back(nullptr);

  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    return Fail(ErrorCode::kUnavailable, std::string("pipe: ") + std::strerror(errno));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1,
                                   stdout_path.empty() ? "/dev/null" : stdout_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 2);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = -1;
  int spawned = posix_spawnp(&pid, c_argv[0], &actions, &attributes, c_argv.data(), c_env.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  ::close(pipe_fds[1]);
  if (spawned != 0) {
    ::close(pipe_fds[0]);
    return Fail(ErrorCode::kUnavailable,
                "cannot run " + argv[0] + ": " + std::strerror(spawned) +
                    (spawned == ENOENT ? " (is it installed and on the PATH?)" : ""));
  }
  ChildOutcome outcome;
  std::string pending;
  char buffer[4096];
  for (;;) {
    ssize_t got = ::read(pipe_fds[0], buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    std::string_view chunk(buffer, static_cast<std::size_t>(got));
    outcome.stderr_tail.append(chunk);
    if (outcome.stderr_tail.size() > kTail) {
      outcome.stderr_tail.erase(0, outcome.stderr_tail.size() - kTail);
    }
    pending.append(chunk);
    for (auto eol = pending.find('\n'); eol != std::string::npos; eol = pending.find('\n')) {
      if (on_stderr_line) on_stderr_line(std::string_view(pending).substr(0, eol));
      pending.erase(0, eol + 1);
    }
  }
  if (!pending.empty() && on_stderr_line) on_stderr_line(pending);
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return outcome;
}

}  // namespace planify::integrations
