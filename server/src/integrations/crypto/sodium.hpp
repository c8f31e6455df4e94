#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "app/ports.hpp"

namespace planify::integrations {

// Initialises libsodium once; throws std::runtime_error if the library cannot start.
void InitSodium();

// Argon2id (libsodium crypto_pwhash_str). Also verifies the legacy app's werkzeug hashes so
// imported accounts can sign in; NeedsRehash then asks for an Argon2id replacement.
// `fast` lowers the cost for tests only.
class SodiumPasswordHasher final : public app::PasswordHasher {
 public:
  explicit SodiumPasswordHasher(bool fast = false);
  [[nodiscard]] std::string Hash(std::string_view password) const override;
  [[nodiscard]] bool Verify(std::string_view password, std::string_view hash) const override;
  [[nodiscard]] bool NeedsRehash(std::string_view hash) const override;

 private:
  unsigned long long ops_;
  std::size_t mem_;
};

// HMAC-SHA256 of `message` under `key`, as lower-case hex (webhook signatures).
[[nodiscard]] std::string HmacSha256Hex(std::string_view key, std::string_view message);

// n random bytes as lower-case hex.
[[nodiscard]] std::string RandomHex(std::size_t bytes);

// SHA-256 of data given piece by piece (a file read in chunks), as lower-case hex.
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;
  void Update(std::string_view bytes);
  // The digest of everything given so far; the stream is spent afterwards.
  [[nodiscard]] std::string Hex();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace planify::integrations
