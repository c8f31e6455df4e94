#include "domain/auth.hpp"

#include <gtest/gtest.h>

namespace planify::domain {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

Timestamp At(const char* iso) {
  auto t = ParseIsoUtc(iso);
  EXPECT_TRUE(t.has_value()) << iso;
  return t.value_or(Timestamp{});
}

TEST(PasswordPolicy, RefusesShortCommonTrivialAndEmailPasswords) {
  EXPECT_FALSE(PasswordProblem("un mot de passe solide").has_value());
  EXPECT_TRUE(PasswordProblem("court").has_value());
  EXPECT_TRUE(PasswordProblem("123456789").has_value());
  EXPECT_TRUE(PasswordProblem("AZERTYUIOP").has_value());  // common, any case
  EXPECT_TRUE(PasswordProblem("motdepasse123").has_value());
  EXPECT_TRUE(PasswordProblem("aaaaaaaaaaaa").has_value());
  EXPECT_TRUE(PasswordProblem("abcdefghijklm").has_value());
  EXPECT_TRUE(PasswordProblem("greg.dupont", "Greg.Dupont@example.fr").has_value());
  EXPECT_FALSE(PasswordProblem("greg.dupont!", "greg.dupont@example.fr").has_value());
  EXPECT_TRUE(PasswordProblem("\xff\xfe invalid utf8").has_value());
  EXPECT_TRUE(PasswordProblem(std::string(1025, 'x') + "y").has_value());
}

TEST(Sessions, IdleAndAbsoluteLimits) {
  SessionPolicy policy;
  SessionTimes t{At("2026-11-01T10:00:00.000Z"), At("2026-11-20T10:00:00.000Z"),
                 At("2026-12-01T10:00:00.000Z")};
  EXPECT_TRUE(SessionAlive(policy, t, At("2026-11-25T10:00:00.000Z")));
  // Idle for 14 days: over.
  EXPECT_FALSE(SessionAlive(policy, t, t.last_seen_at + hours(24 * 14)));
  // Active, but past the absolute end: over.
  t.last_seen_at = At("2026-12-01T09:59:00.000Z");
  EXPECT_FALSE(SessionAlive(policy, t, At("2026-12-01T10:00:00.000Z")));
  EXPECT_EQ(SessionExpiry(policy, t, At("2026-11-30T10:00:00.000Z")), t.absolute_expires_at);
  EXPECT_EQ(SessionExpiry(policy, t, At("2026-11-02T10:00:00.000Z")),
            At("2026-11-02T10:00:00.000Z") + policy.idle);
}

TEST(RateLimit, TenPerMinuteThenWaitForTheOldestToExpire) {
  Timestamp now = At("2026-11-25T14:00:30.000Z");
  std::vector<Timestamp> events;
  for (int i = 0; i < 9; ++i) events.push_back(At("2026-11-25T14:00:00.000Z") + seconds(i));
  EXPECT_TRUE(DecideRate(kSignInFailuresPerIp, events, now).allowed);
  events.push_back(At("2026-11-25T14:00:20.000Z"));
  auto decision = DecideRate(kSignInFailuresPerIp, events, now);
  EXPECT_FALSE(decision.allowed);
  EXPECT_EQ(decision.retry_after, seconds(30));  // the 14:00:00 failure leaves at 14:01:00
  // Events outside the window do not count.
  EXPECT_TRUE(DecideRate(kSignInFailuresPerIp, events, At("2026-11-25T14:01:01.000Z")).allowed);
}

TEST(RateLimit, ExponentialBackoffPerAccount) {
  Timestamp now = At("2026-11-25T14:10:00.000Z");
  std::vector<Timestamp> events;
  for (int i = 0; i < 20; ++i) events.push_back(At("2026-11-25T14:09:00.000Z") + seconds(i));
  auto first = DecideRate(kSignInFailuresPerAccount, events, now, true);
  EXPECT_FALSE(first.allowed);
  for (int i = 0; i < 5; ++i) events.push_back(At("2026-11-25T14:09:59.000Z"));
  auto later = DecideRate(kSignInFailuresPerAccount, events, now, true);
  EXPECT_FALSE(later.allowed);
  // 5 beyond the limit: 30 s doubled 5 times (16 min) exceeds the window, which caps it.
  EXPECT_EQ(later.retry_after, kSignInFailuresPerAccount.window);
  // Without backoff the wait is until the oldest counted failure leaves the 15-minute window.
  EXPECT_EQ(DecideRate(kSignInFailuresPerAccount, events, now, false).retry_after,
            seconds(15 * 60 - 60 + 5));
}

TEST(ClientIp, ForwardedForOnlyFromTrustedProxies) {
  std::vector<std::string> none;
  std::vector<std::string> proxy = {"127.0.0.1", "10.0.0.2"};
  EXPECT_EQ(ClientIp("203.0.113.9", "1.2.3.4", none), "203.0.113.9");  // forged: ignored
  EXPECT_EQ(ClientIp("127.0.0.1", "198.51.100.7", proxy), "198.51.100.7");
  // The client can prepend anything; the right-most untrusted hop is the real one.
  EXPECT_EQ(ClientIp("127.0.0.1", "6.6.6.6, 198.51.100.7, 10.0.0.2", proxy), "198.51.100.7");
  EXPECT_EQ(ClientIp("127.0.0.1", "", proxy), "127.0.0.1");
}

TEST(Origin, ExtractsSchemeAndHost) {
  EXPECT_EQ(OriginOf("https://Planify.example.fr/path?q"), "https://planify.example.fr");
  EXPECT_EQ(OriginOf("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
  EXPECT_EQ(OriginOf("ftp://example.fr"), "");
  EXPECT_EQ(OriginOf("https://user@evil.example/"), "");
  EXPECT_EQ(OriginOf("not a url"), "");
}

TEST(WerkzeugHash, ParsesLegacyFormats) {
  auto pbkdf2 = ParseWerkzeugHash(
      "pbkdf2:sha256:260000$Ko5NGmV0FNWjm59C$"
      "6469fe4ee4eb1c63033299b7f5e3759addb133de0abfa5414bc50e316bc36246");
  ASSERT_TRUE(pbkdf2.has_value());
  EXPECT_EQ(pbkdf2->method, WerkzeugHash::Method::kPbkdf2);
  EXPECT_EQ(pbkdf2->iterations, 260000);
  EXPECT_EQ(pbkdf2->salt, "Ko5NGmV0FNWjm59C");
  auto scrypt = ParseWerkzeugHash("scrypt:32768:8:1$salt$abcd");
  ASSERT_TRUE(scrypt.has_value());
  EXPECT_EQ(scrypt->n, 32768);
  EXPECT_FALSE(ParseWerkzeugHash("$argon2id$v=19$m=65536,t=2,p=1$abc$def").has_value());
  EXPECT_FALSE(ParseWerkzeugHash("pbkdf2:md5:1000$salt$abcd").has_value());
  EXPECT_FALSE(ParseWerkzeugHash("pbkdf2:sha256:x$salt$abcd").has_value());
  EXPECT_FALSE(ParseWerkzeugHash("plain-text-password").has_value());
}

}  // namespace
}  // namespace planify::domain
