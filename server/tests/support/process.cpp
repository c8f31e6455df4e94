#include "support/process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

namespace planify::testing {

Child SpawnPlanify(const std::vector<std::string>& args, const std::vector<std::string>& env,
                   const std::filesystem::path& log, const std::filesystem::path& stdin_path) {
  return SpawnProgram(PLANIFY_BINARY, args, env, log, stdin_path);
}

Child SpawnProgram(const std::filesystem::path& program, const std::vector<std::string>& args,
                   const std::vector<std::string>& env, const std::filesystem::path& log,
                   const std::filesystem::path& stdin_path) {
  Child child;
  child.log = log;
  // A previous run's log must not be read as this one's (the child truncates it only later).
  std::error_code ec;
  std::filesystem::remove(log, ec);
  child.pid = ::fork();
  if (child.pid == 0) {
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 2);
    ::dup2(fd, 1);
    if (!stdin_path.empty()) {
      int in = ::open(stdin_path.c_str(), O_RDONLY);
      ::dup2(in, 0);
    }
    ::unsetenv("PLANIFY_DATABASE_URL");
    for (const auto& kv : env) {
      auto eq = kv.find('=');
      ::setenv(kv.substr(0, eq).c_str(), kv.substr(eq + 1).c_str(), 1);
    }
    std::vector<char*> argv;
    const std::string path = program.string();
    argv.push_back(const_cast<char*>(path.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(path.c_str(), argv.data());
    ::_exit(127);
  }
  return child;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool WaitListening(Child& child, std::chrono::seconds timeout) {
  static const std::regex kListening("listening on 127\\.0\\.0\\.1:(\\d+)");
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    std::smatch m;
    auto text = ReadFile(child.log);
    if (std::regex_search(text, m, kListening)) {
      child.port = std::stoi(m[1]);
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

int WaitExit(pid_t pid, std::chrono::milliseconds* took, std::chrono::seconds timeout) {
  auto start = std::chrono::steady_clock::now();
  int status = 0;
  for (;;) {
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) break;
    if (std::chrono::steady_clock::now() - start > timeout) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  *took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                start);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

CommandResult RunPlanify(const std::vector<std::string>& args, const std::vector<std::string>& env,
                         const std::filesystem::path& log,
                         const std::filesystem::path& stdin_path) {
  Child child = SpawnPlanify(args, env, log, stdin_path);
  std::chrono::milliseconds took{0};
  CommandResult result;
  result.exit_code = WaitExit(child.pid, &took, std::chrono::seconds(120));
  result.output = ReadFile(log);
  return result;
}

}  // namespace planify::testing
