// The real `planify serve` binary under SIGTERM: in-flight requests finish, exit code 0.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "support/process.hpp"
#include "support/test_support.hpp"

namespace planify::testing {
namespace {

// Starts `planify serve` on a free port with its own data dir; waits for "listening on".
Child StartServer(const TempDir& dir, const std::vector<std::string>& extra_env = {},
                  bool wait_listening = true) {
  std::vector<std::string> env = {"PLANIFY_LISTEN=127.0.0.1:0",
                                  "PLANIFY_DATA_DIR=" + dir.path().string(),
                                  "PLANIFY_WEB_DIR=" + (dir.path() / "no-web").string()};
  env.insert(env.end(), extra_env.begin(), extra_env.end());
  Child child = SpawnPlanify({"serve"}, env, dir.path() / "serve.log");
  if (wait_listening) WaitListening(child);
  return child;
}

int Connect(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

std::string ReadAll(int fd) {
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string out;
  char buf[4096];
  for (;;) {
    auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

TEST(GracefulShutdown, SigtermFinishesInFlightRequestsAndExitsZero) {
  TempDir dir;
  Child child = StartServer(dir);
  ASSERT_GT(child.port, 0) << "server did not start; see " << child.log;

  // A burst: clients hammering a database-backed endpoint on keep-alive connections.
  std::atomic<bool> stop{false};
  std::atomic<int> ok{0};
  std::atomic<int> bad_status{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < 8; ++i) {
    clients.emplace_back([&] {
      httplib::Client client("127.0.0.1", child.port);
      client.set_keep_alive(true);
      while (!stop) {
        auto res = client.Get("/api/v1/setup");
        if (!res) continue;  // refused or closed once the server stops accepting: expected
        if (res->status == 200 && res->body.find("\"needed\"") != std::string::npos) {
          ++ok;
        } else {
          ++bad_status;
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));

  // An upload in flight: headers and half the body sent before the signal, the rest after.
  std::string body = R"({"organization_name":"Sono Lumière","owner_email":"greg@example.fr",)"
                     R"("owner_display_name":"Greg","owner_password":"correct horse battery"})";
  int fd = Connect(child.port);
  ASSERT_GE(fd, 0);
  std::string head =
      "POST /api/v1/setup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Connection: close\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  std::string first_half = head + body.substr(0, body.size() / 2);
  ASSERT_GT(::send(fd, first_half.data(), first_half.size(), MSG_NOSIGNAL), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));

  ASSERT_EQ(::kill(child.pid, SIGTERM), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  std::string rest = body.substr(body.size() / 2);
  ASSERT_GT(::send(fd, rest.data(), rest.size(), MSG_NOSIGNAL), 0);
  std::string answer = ReadAll(fd);
  ::close(fd);

  std::chrono::milliseconds took{0};
  int code = WaitExit(child.pid, &took);
  stop = true;
  for (auto& t : clients) t.join();

  EXPECT_EQ(answer.rfind("HTTP/1.1 201", 0), 0u) << answer;
  EXPECT_NE(answer.find("\"sono-lumiere\""), std::string::npos) << answer;
  EXPECT_EQ(code, 0) << "see " << child.log;
  EXPECT_LT(took, std::chrono::seconds(10));
  EXPECT_GT(ok.load(), 0);
  EXPECT_EQ(bad_status.load(), 0);

  // The write made during shutdown is durable: a restarted server sees it.
  Child again = StartServer(dir);
  ASSERT_GT(again.port, 0);
  httplib::Client client("127.0.0.1", again.port);
  auto res = client.Get("/api/v1/setup");
  ASSERT_TRUE(res);
  EXPECT_NE(res->body.find("false"), std::string::npos) << res->body;
  ::kill(again.pid, SIGINT);
  EXPECT_EQ(WaitExit(again.pid, &took), 0);
}

TEST(Startup, BadConfigurationExitsWithCode2NamingTheVariable) {
  TempDir dir;
  Child child = StartServer(dir, {"PLANIFY_LOG_FORMAT=yaml"}, /*wait_listening=*/false);
  std::chrono::milliseconds took{0};
  EXPECT_EQ(WaitExit(child.pid, &took), 2);
  std::ifstream in(child.log);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("PLANIFY_LOG_FORMAT"), std::string::npos) << text.str();
}

}  // namespace
}  // namespace planify::testing
