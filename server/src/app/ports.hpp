#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/time.hpp"

namespace planify::app {

// The only source of "now": injected so tests are deterministic.
class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual domain::Timestamp Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  [[nodiscard]] domain::Timestamp Now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
  }
};

// The system clock moved to start at a chosen instant, then running at real speed: the
// end-to-end suite pins "today" with it (PLANIFY_TEST_CLOCK_START) so it gives the same
// result on any date, while timeouts and job delays still elapse.
class ShiftedClock final : public Clock {
 public:
  explicit ShiftedClock(domain::Timestamp start) : offset_(start - SystemClock().Now()) {}
  [[nodiscard]] domain::Timestamp Now() const override { return SystemClock().Now() + offset_; }

 private:
  std::chrono::milliseconds offset_;
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(domain::Timestamp now) : now_(now) {}
  [[nodiscard]] domain::Timestamp Now() const override { return now_; }
  void Set(domain::Timestamp now) { now_ = now; }

 private:
  domain::Timestamp now_;
};

// One-way password hashing with a self-describing, salted encoding.
class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;
  [[nodiscard]] virtual std::string Hash(std::string_view password) const = 0;
  [[nodiscard]] virtual bool Verify(std::string_view password, std::string_view hash) const = 0;
  // True when a verified hash should be replaced by a fresh Hash() (legacy scheme, old cost).
  [[nodiscard]] virtual bool NeedsRehash(std::string_view hash) const = 0;
};

// Reversible authenticated encryption for secrets stored in the database (bank details).
class Cipher {
 public:
  virtual ~Cipher() = default;
  // "v1:<base64>" of a fresh nonce and the ciphertext.
  [[nodiscard]] virtual std::string Seal(std::string_view plaintext) const = 0;
  // nullopt when the text was not sealed by this key (or was altered).
  [[nodiscard]] virtual std::optional<std::string> Open(std::string_view sealed) const = 0;
};

}  // namespace planify::app
