// Connections the way an attacker or a bad network holds them: idle, sending headers a byte at
// a time, trickling a body. None of them may keep the server from answering everyone else, and
// each is cut by a limit (docs/security.md, "Connections").
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "http/server_fixture.hpp"

namespace planify::testing {
namespace {

class Connections : public ServerFixture {
 protected:
  void SetUp() override {
    // Enough descriptors for a few hundred connections on both ends, in this one process.
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, 8192);
    ::setrlimit(RLIMIT_NOFILE, &limit);
  }
  void TearDown() override {
    for (int fd : open_) ::close(fd);
    Shutdown();
  }

  int Connect() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port_));
    ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    open_.push_back(fd);
    return fd;
  }

  static void SendText(int fd, const std::string& text) {
    ::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
  }

  // True once the server has closed `fd` (readable with nothing to read), collecting anything
  // it wrote into `answer`.
  static bool ClosedByServer(int fd, std::string& answer) {
    pollfd p{fd, POLLIN, 0};
    while (::poll(&p, 1, 0) > 0) {
      char buf[4096];
      const auto n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
      if (n <= 0) return true;
      answer.append(buf, static_cast<std::size_t>(n));
    }
    return false;
  }

  // Sends `text` one byte every 200 ms (well inside the 1 s read timeout) until the server
  // closes the connection; false if it never did.
  static bool TrickleUntilCut(int fd, const std::string& text, std::string& answer) {
    for (char c : text) {
      if (ClosedByServer(fd, answer)) return true;
      SendText(fd, std::string(1, c));
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, 5000) > 0 && ClosedByServer(fd, answer);
  }

  static std::string Exchange(int fd, const std::string& request) {
    SendText(fd, request);
    std::string out;
    pollfd p{fd, POLLIN, 0};
    while (out.find("\r\n\r\n") == std::string::npos && ::poll(&p, 1, 30000) > 0) {
      char buf[4096];
      const auto n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
  }

  std::vector<int> open_;
};

TEST_F(Connections, HeadersSentAByteAtATimeAreCutWithoutAnAnswer) {
  Start([](http::ServerOptions& o) { o.read_timeout = std::chrono::seconds(1); });
  // Each byte comes before the 1 s read timeout; the headers as a whole must be in within it.
  const int fd = Connect();
  std::string answer;
  EXPECT_TRUE(
      TrickleUntilCut(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n" + std::string(200, 'a'), answer));
  EXPECT_EQ(answer.find("HTTP/1.1 200"), std::string::npos) << answer;
}

TEST_F(Connections, ABodyTrickledPastTheRequestDeadlineIsCut) {
  Start([](http::ServerOptions& o) {
    o.read_timeout = std::chrono::seconds(1);
    o.request_deadline = std::chrono::seconds(2);
  });
  const int fd = Connect();
  SendText(fd,
           "POST /api/v1/auth/sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
           "Content-Length: 400\r\n\r\n");
  std::string answer;
  EXPECT_TRUE(TrickleUntilCut(fd, std::string(400, ' '), answer));
  EXPECT_EQ(answer.find("HTTP/1.1"), std::string::npos) << "cut, not answered: " << answer;
  // The server is fine.
  auto health = Client().Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST_F(Connections, IdleAndSlowClientsDoNotHoldTheWorkers) {
  // Two worker threads, and connections allowed to idle (and headers to take) 60 s: were each
  // connection to hold a worker while it waits, the first two would stall everyone for a minute.
  Start([](http::ServerOptions& o) {
    o.threads = 2;
    o.keep_alive_timeout = std::chrono::seconds(60);
    o.read_timeout = std::chrono::seconds(60);
  });
  std::vector<int> idle;
  for (int i = 0; i < 250; ++i) idle.push_back(Connect());
  std::vector<int> slow;
  for (int i = 0; i < 150; ++i) {
    slow.push_back(Connect());
    SendText(slow.back(), "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ");
  }
  // Everyone else is answered, on new connections and on kept-alive ones.
  for (int i = 0; i < 20; ++i) {
    auto client = Client();
    client.set_read_timeout(30, 0);
    auto res = client.Get("/api/v1/auth/session");
    ASSERT_TRUE(res) << "request " << i << " not answered";
    EXPECT_EQ(res->status, 401);
  }
  // The idle ones were waiting, not dropped: each can still send its request.
  for (int fd : {idle.front(), idle[125], idle.back()}) {
    auto answer = Exchange(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer;
  }
  // And a slow one that finally finishes its headers is served.
  auto finished = Exchange(slow.front(), "1\r\n\r\n");
  EXPECT_EQ(finished.rfind("HTTP/1.1 200", 0), 0u) << finished;
}

TEST_F(Connections, HeadersAreLimitedToSixteenKibCookiesIncluded) {
  Start({});
  // 14 KiB of headers (httplib takes a line up to 8 KiB): served.
  const int fits = Connect();
  auto answer =
      Exchange(fits, "GET /healthz HTTP/1.1\r\nHost: x\r\nCookie: a=" + std::string(7 * 1024, 'a') +
                         "\r\nX-More: " + std::string(7 * 1024, 'b') + "\r\n\r\n");
  EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer.substr(0, 200);
  // 21 KiB: refused before any worker reads them, with the error shape, and closed.
  const int big = Connect();
  answer =
      Exchange(big, "GET /healthz HTTP/1.1\r\nHost: x\r\nCookie: a=" + std::string(7 * 1024, 'a') +
                        "\r\nX-A: " + std::string(7 * 1024, 'b') +
                        "\r\nX-B: " + std::string(7 * 1024, 'c') + "\r\n\r\n");
  EXPECT_EQ(answer.rfind("HTTP/1.1 431", 0), 0u) << answer.substr(0, 200);
  std::string rest;
  pollfd p{big, POLLIN, 0};
  while (::poll(&p, 1, 30000) > 0 && !ClosedByServer(big, rest)) {
  }
  EXPECT_NE(answer.find("\"PAYLOAD_TOO_LARGE\""), std::string::npos) << answer + rest;
  // A header line that never ends is cut at the same size, not read for ever.
  const int endless = Connect();
  SendText(endless, "GET /healthz HTTP/1.1\r\nX-Endless: " + std::string(64 * 1024, 'a'));
  answer.clear();
  p.fd = endless;
  while (::poll(&p, 1, 30000) > 0 && !ClosedByServer(endless, answer)) {
  }
  EXPECT_EQ(answer.rfind("HTTP/1.1 431", 0), 0u) << answer.substr(0, 200);
}

TEST_F(Connections, PipelinedRequestsAreAllAnswered) {
  Start({});
  const int fd = Connect();
  std::string two = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  two += two;
  SendText(fd, two + "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::string out;
  char buf[4096];
  pollfd p{fd, POLLIN, 0};
  while (::poll(&p, 1, 30000) > 0) {
    const auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  std::size_t answers = 0;
  for (auto at = out.find("HTTP/1.1 200"); at != std::string::npos;
       at = out.find("HTTP/1.1 200", at + 1)) {
    ++answers;
  }
  EXPECT_EQ(answers, 3u) << out;
}

TEST_F(Connections, AMalformedRequestEndsItsConnection) {
  Start({});
  // httplib stops reading at a request line whose method it does not know: what follows is not
  // a request, so the connection is closed after the 405 instead of reading the rest as the
  // next request.
  const int fd = Connect();
  auto answer = Exchange(fd, "BREW /healthz HTTP/1.1\r\nHost: x\r\nX-A: GET /healthz\r\n\r\n");
  EXPECT_EQ(answer.rfind("HTTP/1.1 405", 0), 0u) << answer;
  std::string rest;
  pollfd p{fd, POLLIN, 0};
  ASSERT_GT(::poll(&p, 1, 30000), 0);
  while (!ClosedByServer(fd, rest)) ::poll(&p, 1, 30000);
  EXPECT_EQ(rest.find("HTTP/1.1"), std::string::npos) << rest;
}

}  // namespace
}  // namespace planify::testing
