#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace planify::http {

using SteadyClock = std::chrono::steady_clock;

// A connection's socket as httplib reads and writes it, with two limits: each wait for the
// client is at most the read (or write) timeout, and the whole exchange — the request read to
// its last byte, handled, and its response written — ends at a deadline. A client trickling a
// byte just inside the read timeout is cut at the deadline instead of holding a thread for ever.
// Reads are buffered (httplib reads a request line byte by byte).
class DeadlineStream final : public httplib::Stream {
 public:
  DeadlineStream(int sock, std::chrono::milliseconds read_timeout,
                 std::chrono::milliseconds write_timeout);

  // Bytes already read for this connection (the headers the idle set collected).
  void Prime(std::string bytes);
  // Starts one request: from now until `deadline`.
  void StartRequest(SteadyClock::time_point deadline);
  [[nodiscard]] bool expired() const { return expired_; }
  // Bytes already read from the socket and not yet given to httplib (a pipelined request).
  [[nodiscard]] bool HasBuffered() const { return begin_ < end_; }

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return sock_; }

 private:
  // Waits for `events` on the socket up to min(timeout, deadline); false when it did not come.
  bool Wait(short events, std::chrono::milliseconds timeout) const;

  int sock_;
  std::chrono::milliseconds read_timeout_;
  std::chrono::milliseconds write_timeout_;
  SteadyClock::time_point deadline_ = SteadyClock::time_point::max();
  mutable bool expired_ = false;
  std::string buffer_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
};

// Connections waiting for their next request, watched by one epoll thread instead of one worker
// thread each: new connections, keep-alive ones between requests, and clients still sending
// their request line and headers. A thousand idle or slow clients cost file descriptors, not
// threads. The thread reads what arrives without blocking and hands the connection back
// (`resume`, with the bytes read) once the headers are complete (an empty line). A connection
// that sends nothing for `idle_timeout` is closed; one that started its headers must finish them
// within `header_timeout` of its first byte, and within kMaxHeaderBytes (request line, headers
// and cookies together; beyond: 431 and closed — httplib 0.11 refuses a line over 8 KiB, but
// only after reading all of it).
class IdleConnections {
 public:
  static constexpr std::size_t kMaxHeaderBytes = std::size_t{16} * 1024;
  using Resume = std::function<void(int sock, int served, std::string bytes)>;
  IdleConnections(std::chrono::milliseconds idle_timeout, std::chrono::milliseconds header_timeout,
                  Resume resume);
  ~IdleConnections();
  IdleConnections(const IdleConnections&) = delete;
  IdleConnections& operator=(const IdleConnections&) = delete;

  // Takes `sock` (and its count of requests served so far); false once stopped, and the caller
  // keeps the socket.
  bool Park(int sock, int served);
  // Stops watching: a parked connection whose headers are complete is resumed (served, then
  // closed), the others are closed. Parking is refused from now on.
  void Stop();
  [[nodiscard]] std::size_t parked() const;

 private:
  struct Entry {
    SteadyClock::time_point until;
    int served = 0;
    std::string bytes;  // the request read so far
  };
  void Loop();
  void Close(int sock);
  enum class Headers { kWaiting, kComplete, kClosed, kTooLarge };
  // Reads what `sock` has without blocking.
  static Headers ReadHeaders(int sock, Entry& entry, std::chrono::milliseconds header_timeout);
  // Answers 431 and closes.
  void RefuseTooLarge(int sock);

  std::chrono::milliseconds idle_timeout_;
  std::chrono::milliseconds header_timeout_;
  Resume resume_;
  int epoll_ = -1;
  int wake_ = -1;  // eventfd: wakes the loop to stop
  mutable std::mutex mutex_;
  std::map<int, Entry> parked_;
  bool stopped_ = false;
  std::thread thread_;
};

}  // namespace planify::http
