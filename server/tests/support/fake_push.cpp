#include "support/fake_push.hpp"

#include <openssl/rand.h>

#include <chrono>
#include <stdexcept>

#include "integrations/oidc/jwt.hpp"
#include "integrations/push/web_push.hpp"

namespace planify::testing {

namespace {

constexpr const char* kPushPrefix = "/push/";
constexpr std::size_t kMaxBody = 4096;

std::string RandomBase64Url(std::size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(raw.size())) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  return integrations::Base64UrlEncode(raw);
}

bool IsDigits(const std::string& text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

FakePush::FakePush() {
  server_.Post(".*",
               [this](const httplib::Request& req, httplib::Response& res) { Handle(req, res); });
  port_ = server_.bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

FakePush::~FakePush() {
  server_.stop();
  thread_.join();
}

std::string FakePush::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

FakePush::Device FakePush::NewDevice() {
  const integrations::push::VapidKeys keys = integrations::push::GenerateVapidKeys();
  const std::string id = RandomBase64Url(12);
  Device device{base_url() + kPushPrefix + id, keys.public_key, RandomBase64Url(16),
                keys.private_key};
  std::lock_guard lock(mutex_);
  devices_[id] = Subscription{device, false};
  return device;
}

void FakePush::MarkGone(const std::string& endpoint) {
  const std::string prefix = base_url() + kPushPrefix;
  std::lock_guard lock(mutex_);
  if (endpoint.rfind(prefix, 0) != 0) return;
  auto found = devices_.find(endpoint.substr(prefix.size()));
  if (found != devices_.end()) found->second.gone = true;
}

void FakePush::SetNow(long long unix_seconds) {
  std::lock_guard lock(mutex_);
  now_ = unix_seconds;
}

std::vector<FakePush::Message> FakePush::messages() {
  std::lock_guard lock(mutex_);
  return messages_;
}

int FakePush::requests() {
  std::lock_guard lock(mutex_);
  return requests_;
}

void FakePush::Handle(const httplib::Request& req, httplib::Response& res) {
  std::lock_guard lock(mutex_);
  ++requests_;
  auto reply = [&res](int status, const std::string& reason) {
    res.status = status;
    res.set_content(reason, "text/plain");
  };

  const std::string prefix = kPushPrefix;
  if (req.path.rfind(prefix, 0) != 0) return reply(404, "no such endpoint");
  auto found = devices_.find(req.path.substr(prefix.size()));
  if (found == devices_.end()) return reply(404, "no such subscription");
  if (found->second.gone) return reply(410, "subscription expired or unsubscribed");
  const Device& device = found->second.device;

  // RFC 8030 §5.2: TTL is mandatory; §5.3: Urgency, when present, is one of four values.
  if (!req.has_header("TTL") || !IsDigits(req.get_header_value("TTL"))) {
    return reply(400, "missing or invalid TTL header");
  }
  const std::string urgency = req.get_header_value("Urgency");
  if (req.has_header("Urgency") && urgency != "very-low" && urgency != "low" &&
      urgency != "normal" && urgency != "high") {
    return reply(400, "invalid Urgency header");
  }
  const std::string authorization = req.get_header_value("Authorization");
  const long long now = now_.value_or(std::chrono::duration_cast<std::chrono::seconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count());
  if (!integrations::push::VerifyVapid(authorization, base_url(), now)) {
    return reply(401, "missing or invalid VAPID authorization");
  }
  if (req.body.size() > kMaxBody) return reply(413, "payload too large");

  std::string plaintext;
  // A push without a payload carries no encryption header (RFC 8030 §5).
  if (!req.body.empty()) {
    if (req.get_header_value("Content-Encoding") != "aes128gcm") {
      return reply(400, "Content-Encoding must be aes128gcm");
    }
    auto decrypted = integrations::push::DecryptPayload(req.body, device.private_key, device.p256dh,
                                                        device.auth);
    if (!decrypted) return reply(400, "payload does not decrypt: " + decrypted.error().message);
    plaintext = std::move(*decrypted);
  }
  messages_.push_back(Message{device.endpoint, std::move(plaintext), urgency, authorization});
  res.set_header("Location", base_url() + "/message/" + std::to_string(++message_count_));
  reply(201, "");
}

}  // namespace planify::testing
