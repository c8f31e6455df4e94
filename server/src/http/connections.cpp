#include "http/connections.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "http/errors.hpp"

namespace planify::http {

namespace {

void AddressOf(const sockaddr_storage& address, std::string& ip, int& port) {
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (address.ss_family == AF_INET) {
    sockaddr_in v4{};
    std::memcpy(&v4, &address, sizeof v4);
    ::inet_ntop(AF_INET, &v4.sin_addr, text.data(), text.size());
    port = ntohs(v4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    sockaddr_in6 v6{};
    std::memcpy(&v6, &address, sizeof v6);
    ::inet_ntop(AF_INET6, &v6.sin6_addr, text.data(), text.size());
    port = ntohs(v6.sin6_port);
  }
  ip = text.data();
}

void CloseSocket(int sock) {
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
}

}  // namespace

// ---- DeadlineStream

DeadlineStream::DeadlineStream(int sock, std::chrono::milliseconds read_timeout,
                               std::chrono::milliseconds write_timeout)
    : sock_(sock), read_timeout_(read_timeout), write_timeout_(write_timeout) {}

void DeadlineStream::Prime(std::string bytes) {
  buffer_ = std::move(bytes);
  begin_ = 0;
  end_ = buffer_.size();
}

void DeadlineStream::StartRequest(SteadyClock::time_point deadline) {
  deadline_ = deadline;
  expired_ = false;
}

bool DeadlineStream::Wait(short events, std::chrono::milliseconds timeout) const {
  while (true) {
    const auto now = SteadyClock::now();
    if (now >= deadline_) {
      expired_ = true;
      return false;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - now);
    const auto wait =
        std::max<std::chrono::milliseconds>(std::chrono::milliseconds(1), std::min(timeout, left));
    pollfd fd{sock_, events, 0};
    const int ready = ::poll(&fd, 1, static_cast<int>(wait.count()));
    if (ready > 0) return true;
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0 && wait < timeout) continue;  // woke at the deadline: the check above ends it
    return false;
  }
}

bool DeadlineStream::is_readable() const { return HasBuffered() || Wait(POLLIN, read_timeout_); }

bool DeadlineStream::is_writable() const { return Wait(POLLOUT, write_timeout_); }

ssize_t DeadlineStream::read(char* ptr, size_t size) {
  if (!HasBuffered()) {
    if (!Wait(POLLIN, read_timeout_)) return -1;
    buffer_.resize(4096);
    ssize_t n = 0;
    do {
      n = ::recv(sock_, buffer_.data(), buffer_.size(), 0);
    } while (n < 0 && errno == EINTR);
    if (n <= 0) return n;
    begin_ = 0;
    end_ = static_cast<std::size_t>(n);
  }
  const std::size_t count = std::min(size, end_ - begin_);
  std::memcpy(ptr, buffer_.data() + begin_, count);
  begin_ += count;
  return static_cast<ssize_t>(count);
}

ssize_t DeadlineStream::write(const char* ptr, size_t size) {
  if (!Wait(POLLOUT, write_timeout_)) return -1;
  ssize_t n = 0;
  do {
    n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  return n;
}

void DeadlineStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    AddressOf(address, ip, port);
  }
}

void DeadlineStream::get_local_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    AddressOf(address, ip, port);
  }
}

// ---- IdleConnections

IdleConnections::IdleConnections(std::chrono::milliseconds idle_timeout,
                                 std::chrono::milliseconds header_timeout, Resume resume)
    : idle_timeout_(idle_timeout), header_timeout_(header_timeout), resume_(std::move(resume)) {
  epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
  wake_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.fd = wake_;
  ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &event);
  thread_ = std::thread([this] { Loop(); });
}

IdleConnections::~IdleConnections() {
  Stop();
  ::close(wake_);
  ::close(epoll_);
}

bool IdleConnections::Park(int sock, int served) {
  std::lock_guard lock(mutex_);
  if (stopped_) return false;
  epoll_event event{};
  event.events = EPOLLIN | EPOLLRDHUP;
  event.data.fd = sock;
  if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, sock, &event) != 0) return false;
  parked_[sock] = Entry{SteadyClock::now() + idle_timeout_, served, {}};
  return true;
}

IdleConnections::Headers IdleConnections::ReadHeaders(int sock, Entry& entry,
                                                      std::chrono::milliseconds header_timeout) {
  std::array<char, 4096> chunk{};
  while (true) {
    const ssize_t n = ::recv(sock, chunk.data(), chunk.size(), MSG_DONTWAIT);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return Headers::kWaiting;
    if (n <= 0) return Headers::kClosed;  // before its headers were complete: nothing to serve
    if (entry.bytes.empty()) entry.until = SteadyClock::now() + header_timeout;
    // Search from just before the new bytes: the empty line may straddle two reads.
    const std::size_t from = entry.bytes.size() < 3 ? 0 : entry.bytes.size() - 3;
    entry.bytes.append(chunk.data(), static_cast<std::size_t>(n));
    const std::size_t end =
        std::min(entry.bytes.find("\r\n\r\n", from), entry.bytes.find("\n\n", from));
    if (end != std::string::npos) {
      return end < kMaxHeaderBytes ? Headers::kComplete : Headers::kTooLarge;
    }
    if (entry.bytes.size() >= kMaxHeaderBytes) return Headers::kTooLarge;
  }
}

void IdleConnections::RefuseTooLarge(int sock) {
  static const std::string kResponse = [] {
    const std::string body =
        ErrorBody(MakeError(ErrorCode::kPayloadTooLarge,
                            "En-têtes de requête trop longs (16 Kio au plus, cookies compris)."));
    return "HTTP/1.1 431 Request Header Fields Too Large\r\n"
           "Content-Type: application/json; charset=utf-8\r\n"
           "X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n"
           "Connection: close\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
  }();
  (void)::send(sock, kResponse.data(), kResponse.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  Close(sock);
}

std::size_t IdleConnections::parked() const {
  std::lock_guard lock(mutex_);
  return parked_.size();
}

void IdleConnections::Close(int sock) {
  ::epoll_ctl(epoll_, EPOLL_CTL_DEL, sock, nullptr);
  CloseSocket(sock);
}

void IdleConnections::Loop() {
  std::vector<epoll_event> events(256);
  while (true) {
    const int n = ::epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), 100);
    std::vector<std::pair<int, Entry>> ready;
    {
      std::lock_guard lock(mutex_);
      if (stopped_) return;
      for (int i = 0; i < n; ++i) {
        const int sock = events[static_cast<std::size_t>(i)].data.fd;
        auto it = parked_.find(sock);
        if (sock == wake_ || it == parked_.end()) continue;
        const Headers headers = ReadHeaders(sock, it->second, header_timeout_);
        if (headers == Headers::kWaiting) continue;
        if (headers == Headers::kComplete) {
          ::epoll_ctl(epoll_, EPOLL_CTL_DEL, sock, nullptr);
          ready.emplace_back(sock, std::move(it->second));
        } else if (headers == Headers::kTooLarge) {
          RefuseTooLarge(sock);
        } else {
          Close(sock);
        }
        parked_.erase(it);
      }
      // Silent for the keep-alive timeout, or headers not finished in time: closed unanswered.
      const auto now = SteadyClock::now();
      for (auto it = parked_.begin(); it != parked_.end();) {
        if (it->second.until <= now) {
          Close(it->first);
          it = parked_.erase(it);
        } else {
          ++it;
        }
      }
    }
    for (auto& [sock, entry] : ready) resume_(sock, entry.served, std::move(entry.bytes));
  }
}

void IdleConnections::Stop() {
  std::map<int, Entry> left;
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    stopped_ = true;
    left.swap(parked_);
  }
  std::uint64_t one = 1;
  (void)!::write(wake_, &one, sizeof one);
  if (thread_.joinable()) thread_.join();
  for (auto& [sock, entry] : left) {
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, sock, nullptr);
    if (ReadHeaders(sock, entry, header_timeout_) == Headers::kComplete) {
      resume_(sock, entry.served, std::move(entry.bytes));  // a request already sent is answered
    } else {
      CloseSocket(sock);
    }
  }
}

}  // namespace planify::http
