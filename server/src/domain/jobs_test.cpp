#include "domain/jobs.hpp"

#include <gtest/gtest.h>

namespace planify::domain {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(Backoff, DoublesFromTheBaseAndStopsAtTheCap) {
  RetryPolicy policy{seconds(10), seconds(300), 0.0};
  EXPECT_EQ(BackoffDelay(1, policy, 0.5), seconds(10));
  EXPECT_EQ(BackoffDelay(2, policy, 0.5), seconds(20));
  EXPECT_EQ(BackoffDelay(5, policy, 0.5), seconds(160));
  EXPECT_EQ(BackoffDelay(6, policy, 0.5), seconds(300));
  EXPECT_EQ(BackoffDelay(60, policy, 0.5), seconds(300));
}

TEST(Backoff, JitterStaysInItsBand) {
  RetryPolicy policy{seconds(10), seconds(3600), 0.2};
  EXPECT_EQ(BackoffDelay(1, policy, 0.0), seconds(8));
  EXPECT_EQ(BackoffDelay(1, policy, 0.5), seconds(10));
  EXPECT_EQ(BackoffDelay(1, policy, 0.999999), milliseconds(12000));
}

TEST(DecideAfterFailure, RetriesUntilMaxAttemptsThenDead) {
  RetryPolicy policy{seconds(10), seconds(3600), 0.0};
  Timestamp now = *ParseIsoUtc("2026-11-25T10:00:00.000Z");
  auto retry = DecideAfterFailure(1, 3, now, policy, 0.5);
  EXPECT_FALSE(retry.dead);
  EXPECT_EQ(FormatIsoUtc(retry.retry_at), "2026-11-25T10:00:10.000Z");
  EXPECT_TRUE(DecideAfterFailure(3, 3, now, policy, 0.5).dead);
}

TEST(JobType, AcceptsDottedLowerCaseNames) {
  EXPECT_TRUE(IsValidJobType("email.send"));
  EXPECT_TRUE(IsValidJobType("system.noop"));
  EXPECT_FALSE(IsValidJobType(""));
  EXPECT_FALSE(IsValidJobType("Email.Send"));
  EXPECT_FALSE(IsValidJobType(".x"));
  EXPECT_FALSE(IsValidJobType("a b"));
}

}  // namespace
}  // namespace planify::domain
