#include "domain/missions.hpp"

#include <gtest/gtest.h>

namespace planify::domain {
namespace {

using S = MissionStatus;

TEST(MissionStatus, ForwardOneStepCancelFromAnyOpenStatus) {
  EXPECT_TRUE(CanTransition(S::kDraft, S::kPlanned));
  EXPECT_TRUE(CanTransition(S::kPlanned, S::kConfirmed));
  EXPECT_TRUE(CanTransition(S::kPlanned, S::kDraft));
  EXPECT_TRUE(CanTransition(S::kConfirmed, S::kInProgress));
  EXPECT_TRUE(CanTransition(S::kInProgress, S::kCompleted));
  EXPECT_FALSE(CanTransition(S::kDraft, S::kConfirmed));
  EXPECT_FALSE(CanTransition(S::kConfirmed, S::kPlanned));
  EXPECT_FALSE(CanTransition(S::kDraft, S::kCompleted));
  for (S open : {S::kDraft, S::kPlanned, S::kConfirmed, S::kInProgress}) {
    EXPECT_TRUE(CanTransition(open, S::kCanceled));
  }
  for (S final_status : {S::kCompleted, S::kCanceled}) {
    for (S to :
         {S::kDraft, S::kPlanned, S::kConfirmed, S::kInProgress, S::kCompleted, S::kCanceled}) {
      EXPECT_FALSE(CanTransition(final_status, to));
    }
  }
}

TEST(MissionStatus, NamesRoundTrip) {
  for (S s : {S::kDraft, S::kPlanned, S::kConfirmed, S::kInProgress, S::kCompleted, S::kCanceled}) {
    EXPECT_EQ(ParseMissionStatus(MissionStatusName(s)), s);
  }
  EXPECT_EQ(MissionStatusName(S::kInProgress), "in_progress");
  EXPECT_FALSE(ParseMissionStatus("en_cours").has_value());
}

}  // namespace
}  // namespace planify::domain
