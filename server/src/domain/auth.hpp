#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"
#include "domain/time.hpp"

namespace planify::domain {

// ---- passwords

// Empty when the password is acceptable; otherwise the French reason shown at the field:
// at least 10 characters, at most 1 KiB, valid UTF-8, not a common password, not the e-mail.
[[nodiscard]] std::optional<std::string> PasswordProblem(std::string_view password,
                                                         std::string_view email = {});

// ---- sessions

struct SessionPolicy {
  std::chrono::hours idle{24 * 14};      // sliding: unused this long, the session ends
  std::chrono::hours absolute{24 * 30};  // whatever the activity, sign in again after this
  std::chrono::minutes touch_every{5};   // last-seen is written at most this often
};

struct SessionTimes {
  Timestamp created_at;
  Timestamp last_seen_at;
  Timestamp absolute_expires_at;
};

// True when a session with these times is still valid at `now`.
[[nodiscard]] bool SessionAlive(const SessionPolicy& policy, const SessionTimes& times,
                                Timestamp now);
// When the session, used now, expires (the cookie's lifetime): min(now + idle, absolute end).
[[nodiscard]] Timestamp SessionExpiry(const SessionPolicy& policy, const SessionTimes& times,
                                      Timestamp now);

// ---- rate limits

// "At most `limit` events per `window` in one bucket." A bucket is a key such as
// "signin-failure:ip:203.0.113.9".
struct RateRule {
  std::string_view name;
  int limit = 0;
  std::chrono::seconds window{60};
};

inline constexpr RateRule kSignInFailuresPerIp{"signin-failure:ip", 10, std::chrono::seconds{60}};
// Higher than the per-IP limit so an attacker spread over many addresses cannot lock the
// owner out as quickly as one address is; beyond it, each failure doubles the wait.
inline constexpr RateRule kSignInFailuresPerAccount{"signin-failure:account", 20,
                                                    std::chrono::seconds{15 * 60}};
inline constexpr RateRule kEmailLinksPerIp{"email-link:ip", 10, std::chrono::seconds{15 * 60}};
inline constexpr RateRule kEmailLinksPerAccount{"email-link:account", 3,
                                                std::chrono::seconds{15 * 60}};
inline constexpr RateRule kInvitationsPerUser{"invitation:user", 30, std::chrono::seconds{3600}};

struct RateDecision {
  bool allowed = true;
  std::chrono::seconds retry_after{0};  // when refused: wait this long
};

// Given the times of the bucket's events still inside the window (any order), may one more
// happen now? When the limit is reached the caller waits until the oldest counted event
// leaves the window; `exponential` adds doubling backoff per event beyond the limit
// (capped at the window).
[[nodiscard]] RateDecision DecideRate(const RateRule& rule, std::vector<Timestamp> events,
                                      Timestamp now, bool exponential = false);

// ---- client address

// The client's IP. X-Forwarded-For is believed only when the peer is a trusted proxy: then
// the right-most address that is not itself a trusted proxy is the client.
[[nodiscard]] std::string ClientIp(std::string_view remote_addr, std::string_view forwarded_for,
                                   const std::vector<std::string>& trusted_proxies);

// ---- CSRF

// Scheme://host[:port] of an Origin or Referer value; empty when it is not an http(s) URL.
[[nodiscard]] std::string OriginOf(std::string_view url);

// ---- legacy password hashes

// A werkzeug hash: "pbkdf2:sha256:260000$salt$hex" or "scrypt:32768:8:1$salt$hex".
struct WerkzeugHash {
  enum class Method { kPbkdf2, kScrypt };
  Method method = Method::kPbkdf2;
  std::string digest = "sha256";  // pbkdf2 only: sha256 | sha512 | sha1
  long long iterations = 0;       // pbkdf2
  long long n = 0, r = 0, p = 0;  // scrypt
  std::string salt;               // used as text, as werkzeug does
  std::string hex;                // expected derived key, lower-case hex
};

// nullopt when the text is not a werkzeug hash this code can check.
[[nodiscard]] std::optional<WerkzeugHash> ParseWerkzeugHash(std::string_view text);

}  // namespace planify::domain
