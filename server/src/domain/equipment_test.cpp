#include "domain/equipment.hpp"

#include <gtest/gtest.h>

namespace planify::domain {
namespace {

Timestamp At(const char* iso) {
  auto t = ParseIsoUtc(iso);
  EXPECT_TRUE(t.has_value()) << iso;
  return t.value_or(Timestamp{});
}

ItemNow Speakers(int owned, int out_of_service, int out) {
  return {100, "Enceinte 12\"", EquipmentStatus::kAvailable, owned, out_of_service, out};
}

MissionNow Saturday(MissionStatus status = MissionStatus::kConfirmed, int out_here = 0) {
  return {7, status, {At("2026-06-13T16:00:00.000Z"), At("2026-06-13T23:00:00.000Z")}, out_here};
}

const Timestamp kFriday = At("2026-06-12T10:00:00.000Z");

ErrorCode CodeOf(const Result<void>& r) { return r ? ErrorCode::kInternal : r.error().code; }

TEST(Equipment, OnTheShelfIsOwnedLessOutOfServiceLessOut) {
  EXPECT_EQ(OnShelf(Speakers(6, 1, 2)), 3);
  EXPECT_EQ(OnShelf(Speakers(2, 1, 2)), 0);  // never negative
}

TEST(Equipment, CheckOutTakesAtMostWhatIsOnTheShelf) {
  EXPECT_TRUE(CheckCheckOut(Speakers(6, 1, 2), Saturday(), 3, kFriday));
  auto more = CheckCheckOut(Speakers(6, 1, 2), Saturday(), 4, kFriday);
  ASSERT_FALSE(more);
  EXPECT_EQ(more.error().code, ErrorCode::kConflict);
  EXPECT_NE(more.error().message.find("Seulement 3 unités"), std::string::npos)
      << more.error().message;
  auto none = CheckCheckOut(Speakers(2, 0, 2), Saturday(), 1, kFriday);
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find("Plus aucune unité"), std::string::npos);
}

TEST(Equipment, CheckOutRefusesCanceledDraftAndLongFinishedMissions) {
  EXPECT_EQ(
      CodeOf(CheckCheckOut(Speakers(6, 0, 0), Saturday(MissionStatus::kCanceled), 1, kFriday)),
      ErrorCode::kConflict);
  EXPECT_EQ(CodeOf(CheckCheckOut(Speakers(6, 0, 0), Saturday(MissionStatus::kDraft), 1, kFriday)),
            ErrorCode::kConflict);
  // Ended Saturday 23:00: Monday 22:59 is within 48 h, Monday 23:01 is not.
  EXPECT_TRUE(CheckCheckOut(Speakers(6, 0, 0), Saturday(MissionStatus::kCompleted), 1,
                            At("2026-06-15T22:59:00.000Z")));
  EXPECT_EQ(CodeOf(CheckCheckOut(Speakers(6, 0, 0), Saturday(), 1, At("2026-06-15T23:01:00.000Z"))),
            ErrorCode::kConflict);
}

TEST(Equipment, CheckOutRefusesItemsInMaintenanceOrRetiredAndBadQuantities) {
  auto item = Speakers(6, 0, 0);
  item.status = EquipmentStatus::kMaintenance;
  EXPECT_EQ(CodeOf(CheckCheckOut(item, Saturday(), 1, kFriday)), ErrorCode::kConflict);
  item.status = EquipmentStatus::kRetired;
  EXPECT_EQ(CodeOf(CheckCheckOut(item, Saturday(), 1, kFriday)), ErrorCode::kConflict);
  auto zero = CheckCheckOut(Speakers(6, 0, 0), Saturday(), 0, kFriday);
  ASSERT_FALSE(zero);
  EXPECT_EQ(zero.error().code, ErrorCode::kValidation);
  ASSERT_EQ(zero.error().fields.size(), 1u);
  EXPECT_EQ(zero.error().fields[0].field, "quantity");
  EXPECT_EQ(CodeOf(CheckCheckOut(Speakers(6, 0, 0), Saturday(), 10001, kFriday)),
            ErrorCode::kValidation);
}

TEST(Equipment, PartialReturnsUpToWhatTheMissionHasOut) {
  // 3 out with the mission: 2 back, then 1, then nothing more.
  EXPECT_TRUE(CheckReturn(Speakers(6, 0, 3), Saturday(MissionStatus::kConfirmed, 3), 2));
  EXPECT_TRUE(CheckReturn(Speakers(6, 0, 1), Saturday(MissionStatus::kConfirmed, 1), 1));
  auto extra = CheckReturn(Speakers(6, 0, 1), Saturday(MissionStatus::kConfirmed, 1), 2);
  ASSERT_FALSE(extra);
  EXPECT_EQ(extra.error().code, ErrorCode::kConflict);
  auto never = CheckReturn(Speakers(6, 0, 0), Saturday(), 1);
  ASSERT_FALSE(never);
  EXPECT_NE(never.error().message.find("n'est pas sorti"), std::string::npos);
  // A canceled mission's gear still comes back.
  EXPECT_TRUE(CheckReturn(Speakers(6, 0, 2), Saturday(MissionStatus::kCanceled, 2), 2));
}

TEST(Equipment, MaintenanceAndFoundStayWithinWhatExists) {
  EXPECT_TRUE(CheckMaintenanceIn(Speakers(6, 1, 2), 3));
  EXPECT_EQ(CodeOf(CheckMaintenanceIn(Speakers(6, 1, 2), 4)), ErrorCode::kConflict);
  EXPECT_TRUE(CheckMaintenanceOut(Speakers(6, 2, 0), 2));
  EXPECT_EQ(CodeOf(CheckMaintenanceOut(Speakers(6, 2, 0), 3)), ErrorCode::kConflict);
  EXPECT_TRUE(CheckLoss(Speakers(6, 1, 2), 3));
  EXPECT_EQ(CodeOf(CheckLoss(Speakers(6, 1, 2), 4)), ErrorCode::kConflict);
  EXPECT_EQ(CodeOf(CheckLoss(Speakers(6, 1, 2), 0)), ErrorCode::kValidation);
  EXPECT_TRUE(CheckFound(Speakers(5, 0, 0), 1, 1));
  EXPECT_EQ(CodeOf(CheckFound(Speakers(5, 0, 0), 0, 1)), ErrorCode::kConflict);
}

TEST(Equipment, KindsAndConditionsRoundTrip) {
  for (auto k :
       {MovementKind::kCheckOut, MovementKind::kReturn, MovementKind::kLoss, MovementKind::kFound,
        MovementKind::kMaintenanceIn, MovementKind::kMaintenanceOut, MovementKind::kTransfer}) {
    EXPECT_EQ(ParseMovementKind(MovementKindName(k)), k);
  }
  for (auto c : {ReturnCondition::kOk, ReturnCondition::kDamaged, ReturnCondition::kMissing}) {
    EXPECT_EQ(ParseReturnCondition(ReturnConditionName(c)), c);
  }
  EXPECT_FALSE(ParseMovementKind("transfert"));
  EXPECT_FALSE(ParseReturnCondition("OK"));
}

}  // namespace
}  // namespace planify::domain
