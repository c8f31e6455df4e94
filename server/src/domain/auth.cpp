#include "domain/auth.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "domain/setup.hpp"
#include "domain/validation.hpp"

namespace planify::domain {

namespace {

// Common passwords of 10+ characters (leaked-password lists, French and English), compared
// case-insensitively. Shorter ones are already refused by the length rule.
constexpr std::array<std::string_view, 64> kCommonPasswords = {
    "1234567890",   "0123456789",  "12345678910",  "123456789a",    "1234567890a",  "0987654321",
    "1111111111",   "0000000000",  "1212121212",   "1122334455",    "qwertyuiop",   "azertyuiop",
    "azertyuiop1",  "qwerty1234",  "azerty1234",   "azerty12345",   "qwerty12345",  "1q2w3e4r5t",
    "1qaz2wsx3edc", "a1b2c3d4e5",  "password12",   "password123",   "password1234", "passw0rd123",
    "motdepasse",   "motdepasse1", "motdepasse12", "motdepasse123", "iloveyou12",   "jetaime123",
    "jetaime1234",  "soleil1234",  "bonjour123",   "bonjour1234",   "marseille13",  "doudou1234",
    "chouchou12",   "loulou1234",  "football123",  "liverpool1",    "basketball",   "superman123",
    "princess12",   "sunshine12",  "starwars12",   "administrator", "admin12345",   "admin123456",
    "changeme123",  "welcome123",  "letmein1234",  "trustno1234",   "dragon1234",   "monkey12345",
    "abcdefghij",   "abc1234567",  "abcd123456",   "qazwsxedcrfv",  "zaq12wsxcde",  "planify123",
    "planify2026",  "secret1234",  "test123456",   "testtest12",
};

bool IsTrivialPattern(std::string_view lower) {
  // One repeated character, or a run of consecutive characters ("abcdefghijk", "9876543210").
  bool same = std::all_of(lower.begin(), lower.end(), [&](char c) { return c == lower[0]; });
  if (same) return true;
  bool up = true;
  bool down = true;
  for (std::size_t i = 1; i < lower.size(); ++i) {
    up = up && lower[i] == lower[i - 1] + 1;
    down = down && lower[i] == lower[i - 1] - 1;
  }
  return up || down;
}

bool ParseLong(std::string_view text, long long& out) {
  if (text.empty()) return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size() && out > 0;
}

std::vector<std::string_view> Split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t pos = text.find(sep, start);
    parts.push_back(text.substr(start, pos == std::string_view::npos ? pos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return parts;
}

bool IsLowerHex(std::string_view text) {
  return !text.empty() && text.size() % 2 == 0 && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  });
}

}  // namespace

std::optional<std::string> PasswordProblem(std::string_view password, std::string_view email) {
  auto chars = Utf8Length(password);
  if (!chars) return "Le texte doit être encodé en UTF-8.";
  if (*chars < kMinPasswordChars) {
    return "Le mot de passe doit contenir au moins " + std::to_string(kMinPasswordChars) +
           " caractères.";
  }
  if (password.size() > kMaxPasswordBytes) return "Le mot de passe est trop long.";
  std::string lower = ToLowerAscii(password);
  bool common =
      std::find(kCommonPasswords.begin(), kCommonPasswords.end(), lower) != kCommonPasswords.end();
  if (common || IsTrivialPattern(lower)) {
    return "Ce mot de passe est trop courant : choisissez-en un autre.";
  }
  if (!email.empty()) {
    std::string mail = ToLowerAscii(email);
    std::string local = mail.substr(0, mail.find('@'));
    if (lower == mail || lower == local) {
      return "Le mot de passe ne doit pas reprendre l'adresse e-mail.";
    }
  }
  return std::nullopt;
}

bool SessionAlive(const SessionPolicy& policy, const SessionTimes& times, Timestamp now) {
  return now < times.absolute_expires_at && now < times.last_seen_at + policy.idle;
}

Timestamp SessionExpiry(const SessionPolicy& policy, const SessionTimes& times, Timestamp now) {
  return std::min<Timestamp>(now + policy.idle, times.absolute_expires_at);
}

RateDecision DecideRate(const RateRule& rule, std::vector<Timestamp> events, Timestamp now,
                        bool exponential) {
  std::erase_if(events, [&](Timestamp t) { return t <= now - rule.window || t > now; });
  if (static_cast<int>(events.size()) < rule.limit) return {};
  std::sort(events.begin(), events.end());
  // The event whose departure brings the count back under the limit.
  Timestamp frees_at = events[events.size() - static_cast<std::size_t>(rule.limit)] + rule.window;
  auto wait = std::chrono::duration_cast<std::chrono::seconds>(frees_at - now);
  if (exponential) {
    std::size_t beyond = events.size() - static_cast<std::size_t>(rule.limit);
    std::chrono::seconds backoff{30L << std::min<std::size_t>(beyond, 10)};
    auto since_last = std::chrono::duration_cast<std::chrono::seconds>(now - events.back());
    wait = std::min<std::chrono::seconds>(
        std::max<std::chrono::seconds>(wait, backoff - since_last), rule.window);
  }
  return {false, std::max(wait, std::chrono::seconds{1})};
}

std::string ClientIp(std::string_view remote_addr, std::string_view forwarded_for,
                     const std::vector<std::string>& trusted_proxies) {
  auto trusted = [&](std::string_view ip) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), ip) != trusted_proxies.end();
  };
  std::string peer(remote_addr);
  if (forwarded_for.empty() || !trusted(peer)) return peer;
  auto hops = Split(forwarded_for, ',');
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    std::string hop = Trim(*it);
    if (hop.empty()) break;
    if (!trusted(hop)) return hop;
  }
  return peer;
}

std::string OriginOf(std::string_view url) {
  std::string_view scheme_end = "://";
  auto pos = url.find(scheme_end);
  if (pos == std::string_view::npos) return "";
  std::string scheme = ToLowerAscii(url.substr(0, pos));
  if (scheme != "http" && scheme != "https") return "";
  auto rest = url.substr(pos + scheme_end.size());
  auto end = rest.find_first_of("/?#");
  auto host = rest.substr(0, end);
  if (host.empty() || host.find('@') != std::string_view::npos) return "";
  return scheme + "://" + ToLowerAscii(host);
}

std::optional<WerkzeugHash> ParseWerkzeugHash(std::string_view text) {
  auto parts = Split(text, '$');
  if (parts.size() != 3 || parts[1].empty() || !IsLowerHex(parts[2])) return std::nullopt;
  auto method = Split(parts[0], ':');
  WerkzeugHash hash;
  hash.salt = std::string(parts[1]);
  hash.hex = std::string(parts[2]);
  if (method[0] == "pbkdf2") {
    // werkzeug: "pbkdf2:<digest>[:<iterations>]", iterations defaulting to 600000 (3.x).
    if (method.size() < 2 || method.size() > 3) return std::nullopt;
    hash.method = WerkzeugHash::Method::kPbkdf2;
    hash.digest = std::string(method[1]);
    if (hash.digest != "sha256" && hash.digest != "sha512" && hash.digest != "sha1") {
      return std::nullopt;
    }
    hash.iterations = 600000;
    if (method.size() == 3 && !ParseLong(method[2], hash.iterations)) return std::nullopt;
    if (hash.iterations > 10'000'000) return std::nullopt;
    return hash;
  }
  if (method[0] == "scrypt") {
    // "scrypt[:n:r:p]", defaults 2^15, 8, 1.
    hash.method = WerkzeugHash::Method::kScrypt;
    hash.n = 32768;
    hash.r = 8;
    hash.p = 1;
    if (method.size() == 4) {
      if (!ParseLong(method[1], hash.n) || !ParseLong(method[2], hash.r) ||
          !ParseLong(method[3], hash.p)) {
        return std::nullopt;
      }
    } else if (method.size() != 1) {
      return std::nullopt;
    }
    if (hash.n > (1 << 20) || hash.r > 32 || hash.p > 16) return std::nullopt;
    return hash;
  }
  return std::nullopt;
}

}  // namespace planify::domain
