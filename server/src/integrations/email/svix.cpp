#include "integrations/email/svix.hpp"

#include <sodium.h>

#include <charconv>

#include "store/emails_repository.hpp"

namespace planify::integrations {

namespace {

std::optional<std::string> SecretKey(const std::string& secret) {
  std::string encoded = secret.rfind("whsec_", 0) == 0 ? secret.substr(6) : secret;
  return store::Base64Decode(encoded);
}

std::string Hmac(const std::string& key, const std::string& message) {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  return std::string(reinterpret_cast<const char*>(mac), sizeof mac);
}

Unexpected Refuse(std::string why) { return Fail(ErrorCode::kUnauthenticated, std::move(why)); }

}  // namespace

std::string SvixSign(const std::string& secret, const std::string& id, const std::string& timestamp,
                     const std::string& body) {
  auto key = SecretKey(secret).value_or("");
  return "v1," + store::Base64Encode(Hmac(key, id + "." + timestamp + "." + body));
}

Result<void> VerifySvixSignature(const std::string& secret, const std::string& id,
                                 const std::string& timestamp, const std::string& signatures,
                                 const std::string& body, domain::Timestamp now,
                                 std::chrono::seconds tolerance) {
  if (id.empty() || timestamp.empty() || signatures.empty()) {
    return Refuse("missing svix-id, svix-timestamp or svix-signature header");
  }
  long long seconds = 0;
  auto [ptr, ec] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), seconds);
  if (ec != std::errc() || ptr != timestamp.data() + timestamp.size())
    return Refuse("bad svix-timestamp");
  auto sent = domain::Timestamp{std::chrono::seconds(seconds)};
  auto skew = now > sent ? now - sent : sent - now;
  if (skew > tolerance) return Refuse("svix-timestamp too far from now (stale or replayed)");
  auto key = SecretKey(secret);
  if (!key || key->empty()) return Fail(ErrorCode::kInternal, "webhook secret is not valid base64");
  const std::string expected = Hmac(*key, id + "." + timestamp + "." + body);
  // Space-separated entries "v1,<base64>"; any match is enough (secret rotation).
  std::size_t i = 0;
  while (i < signatures.size()) {
    auto end = signatures.find(' ', i);
    if (end == std::string::npos) end = signatures.size();
    std::string entry = signatures.substr(i, end - i);
    if (entry.rfind("v1,", 0) == 0) {
      auto given = store::Base64Decode(entry.substr(3));
      if (given && given->size() == expected.size() &&
          sodium_memcmp(given->data(), expected.data(), expected.size()) == 0) {
        return {};
      }
    }
    i = end + 1;
  }
  return Refuse("signature does not match");
}

}  // namespace planify::integrations
