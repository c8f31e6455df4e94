#pragma once

#include <httplib.h>

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace planify::testing {

// A stand-in for a Web Push service (RFC 8030) over real HTTP: devices a test subscribes, each
// with its own endpoint and keys; POST /push/<id> checks what a real service checks (TTL,
// Content-Encoding: aes128gcm, a VAPID Authorization for this service's origin), decrypts the
// body as the browser would and records the message. Unknown endpoints answer 404, endpoints
// marked gone 410 (the browser unsubscribed), bad headers 400, bad VAPID 401, a body over 4096
// bytes 413, a body that does not decrypt 400; accepted messages 201.
class FakePush {
 public:
  // What a browser's PushSubscription holds: the endpoint, its p256dh key and auth secret
  // (base64url), and the private key only the browser knows.
  struct Device {
    std::string endpoint;
    std::string p256dh;
    std::string auth;
    std::string private_key;
  };
  struct Message {
    std::string endpoint;
    std::string plaintext;
    std::string urgency;  // "" when the request had no Urgency header
    std::string authorization;
  };

  FakePush();
  ~FakePush();
  FakePush(const FakePush&) = delete;
  FakePush& operator=(const FakePush&) = delete;

  [[nodiscard]] std::string base_url() const;

  // A new subscription: a fresh P-256 key pair, a 16-byte auth secret, base_url()/push/<id>.
  Device NewDevice();
  // The browser unsubscribed: pushes to this endpoint answer 410 Gone from now on.
  void MarkGone(const std::string& endpoint);
  // The time VAPID tokens are checked against (Unix seconds); the real clock until set.
  void SetNow(long long unix_seconds);

  // Messages accepted, in order.
  [[nodiscard]] std::vector<Message> messages();
  // Every request received, accepted or not.
  [[nodiscard]] int requests();

 private:
  void Handle(const httplib::Request& req, httplib::Response& res);

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mutex_;
  int requests_ = 0;
  int message_count_ = 0;
  std::optional<long long> now_;
  struct Subscription {
    Device device;
    bool gone = false;
  };
  std::map<std::string, Subscription> devices_;  // id → subscription
  std::vector<Message> messages_;
};

}  // namespace planify::testing
