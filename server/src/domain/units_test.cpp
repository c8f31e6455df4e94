#include "domain/units.hpp"

#include <gtest/gtest.h>

namespace planify::domain {
namespace {

UnitNow Unit(UnitStatus status, std::optional<long long> mission = std::nullopt) {
  return {12, 3, UnitLabel("Enceinte PRX815", "SN-1", 12), status, mission, "Mariage Dupont"};
}

TEST(Units, NamesRoundTrip) {
  for (auto s : {UnitStatus::kAvailable, UnitStatus::kOut, UnitStatus::kMaintenance,
                 UnitStatus::kLost, UnitStatus::kRetired}) {
    EXPECT_EQ(ParseUnitStatus(UnitStatusName(s)), s);
  }
  EXPECT_EQ(ParseTracking("unit"), Tracking::kUnit);
  EXPECT_EQ(ParseTracking("stock"), Tracking::kStock);
  EXPECT_FALSE(ParseTracking("units"));
  EXPECT_FALSE(ParseUnitStatus("Out"));
}

TEST(Units, ValidationTrimsAndNamesTheFields) {
  auto ok = ValidateUnit({"  SN-1 ", " 4006381333931 ", " note "});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->serial_number, "SN-1");
  EXPECT_EQ(ok->barcode, "4006381333931");
  EXPECT_EQ(ok->notes, "note");
  EXPECT_TRUE(ValidateUnit({"", "", ""}));

  auto bad = ValidateUnit({std::string(101, 'x'), "a b", std::string(1001, 'n')});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kValidation);
  ASSERT_EQ(bad.error().fields.size(), 3U);
  EXPECT_EQ(bad.error().fields[0].field, "serial_number");
  EXPECT_EQ(bad.error().fields[1].field, "barcode");
  EXPECT_EQ(bad.error().fields[2].field, "notes");
  EXPECT_FALSE(ValidateUnit({"SN\n1", "", ""}));
}

TEST(Units, AUnitAlreadyOutIsRefusedNamingTheMission) {
  EXPECT_TRUE(CheckUnitCheckOut(Unit(UnitStatus::kAvailable), 7));
  auto out = CheckUnitCheckOut(Unit(UnitStatus::kOut, 5), 7);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, ErrorCode::kConflict);
  EXPECT_NE(out.error().message.find("Mariage Dupont"), std::string::npos);
  EXPECT_NE(out.error().message.find("SN-1"), std::string::npos);
  EXPECT_NE(CheckUnitCheckOut(Unit(UnitStatus::kOut, 7), 7).error().message.find("déjà sortie"),
            std::string::npos);
  EXPECT_FALSE(CheckUnitCheckOut(Unit(UnitStatus::kMaintenance), 7));
  EXPECT_FALSE(CheckUnitCheckOut(Unit(UnitStatus::kLost), 7));
  EXPECT_FALSE(CheckUnitCheckOut(Unit(UnitStatus::kRetired), 7));
}

TEST(Units, OnlyAUnitOutWithTheMissionComesBackFromIt) {
  EXPECT_TRUE(CheckUnitReturn(Unit(UnitStatus::kOut, 7), 7));
  auto other = CheckUnitReturn(Unit(UnitStatus::kOut, 5), 7);
  ASSERT_FALSE(other);
  EXPECT_NE(other.error().message.find("Mariage Dupont"), std::string::npos);
  EXPECT_FALSE(CheckUnitReturn(Unit(UnitStatus::kAvailable), 7));
  EXPECT_FALSE(CheckUnitReturn(Unit(UnitStatus::kMaintenance), 7));
}

TEST(Units, RetiringNeedsTheUnitHome) {
  EXPECT_TRUE(CheckUnitRetire(Unit(UnitStatus::kAvailable)));
  EXPECT_TRUE(CheckUnitRetire(Unit(UnitStatus::kLost)));
  EXPECT_FALSE(CheckUnitRetire(Unit(UnitStatus::kOut, 5)));
  EXPECT_FALSE(CheckUnitRetire(Unit(UnitStatus::kMaintenance)));
  EXPECT_FALSE(CheckUnitRetire(Unit(UnitStatus::kRetired)));
}

TEST(Units, LabelsAndPicks) {
  EXPECT_EQ(UnitLabel("Lyre", "", 4), "« Lyre » (UNI-4)");
  EXPECT_EQ(UnitLabel("Lyre", "A7", 4), "« Lyre » n° A7");
  EXPECT_EQ(PickUnits({1, 2, 3, 4}, {2}, 2), (std::vector<long long>{1, 3}));
  EXPECT_EQ(PickUnits({1, 2}, {1, 2}, 1), (std::vector<long long>{}));
  EXPECT_EQ(PickUnits({1, 2, 3}, {}, 5), (std::vector<long long>{1, 2, 3}));
}

}  // namespace
}  // namespace planify::domain
