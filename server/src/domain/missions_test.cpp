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

namespace planify::domain {
namespace {

MissionInput AMission() {
  MissionInput m;
  m.title = "  Mariage Dupont ";
  m.starts_at = ParseIsoUtc("2027-06-12T14:00:00.000Z").value();
  m.ends_at = ParseIsoUtc("2027-06-13T02:00:00.000Z").value();
  m.crew = {{7, "dj", "", true}, {8, "technician", "lumière", false}};
  m.equipment = {{100, 2}};
  return m;
}

bool HasField(const Error& e, const std::string& field) {
  for (const auto& f : e.fields) {
    if (f.field == field) return true;
  }
  return false;
}

TEST(MissionValidation, AcceptsAnOvernightMissionAndTrims) {
  auto m = ValidateMission(AMission(), {});
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->title, "Mariage Dupont");
}

TEST(MissionValidation, RefusesEveryBadFieldAtOnce) {
  auto m = AMission();
  m.title = " ";
  m.ends_at = m.starts_at;
  m.crew.push_back({7, "pilot", "", true});
  m.equipment.push_back({100, 0});
  m.guest_count = -1;
  m.status = MissionStatus::kCompleted;
  auto r = ValidateMission(m, {});
  ASSERT_FALSE(r);
  for (const char* f : {"title", "ends_at", "crew[2].user_id", "crew[2].position", "crew",
                        "equipment[1].item_id", "equipment[1].quantity", "guest_count", "status"}) {
    EXPECT_TRUE(HasField(r.error(), f)) << f;
  }
}

TEST(MissionValidation, RefusesMissionsLongerThanAMonth) {
  auto m = AMission();
  m.ends_at = m.starts_at + std::chrono::days(32);
  auto r = ValidateMission(m, {});
  ASSERT_FALSE(r);
  EXPECT_TRUE(HasField(r.error(), "ends_at"));
}

TEST(MissionValidation, ChecksCustomFieldsAgainstTheirDefinitions) {
  std::vector<CustomFieldDefinition> defs = {
      {"ambiance", "Ambiance", "select", {"Lounge", "Club"}, true},
      {"budget", "Budget", "number", {}, false},
      {"rdv", "Rendez-vous", "date", {}, false},
  };
  auto m = AMission();
  m.custom_fields = {{"ambiance", "Club"}, {"budget", "1500,50"}, {"rdv", "2027-05-01"}};
  auto ok = ValidateMission(m, defs);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->custom_fields.at("budget"), "1500.50");

  m.custom_fields = {
      {"ambiance", "Disco"}, {"budget", "beaucoup"}, {"rdv", "01/05/2027"}, {"inconnu", "x"}};
  auto bad = ValidateMission(m, defs);
  ASSERT_FALSE(bad);
  for (const char* f : {"custom_fields.ambiance", "custom_fields.budget", "custom_fields.rdv",
                        "custom_fields.inconnu"}) {
    EXPECT_TRUE(HasField(bad.error(), f)) << f;
  }
  m.custom_fields = {};
  auto missing = ValidateMission(m, defs);
  ASSERT_FALSE(missing);
  EXPECT_TRUE(HasField(missing.error(), "custom_fields.ambiance"));
}

TEST(MissionValidation, FieldDefinitionsNeedCleanUniqueKeys) {
  auto ok = ValidateFieldDefinitions({{"ambiance", "Ambiance", "select", {"Lounge"}, false}});
  ASSERT_TRUE(ok);
  auto bad = ValidateFieldDefinitions({{"Ambiance!", "", "color", {}, false},
                                       {"x", "X", "select", {}, false},
                                       {"x", "Y", "text", {}, false}});
  ASSERT_FALSE(bad);
  for (const char* f : {"fields[0].key", "fields[0].label", "fields[0].type", "fields[1].options",
                        "fields[2].key"}) {
    EXPECT_TRUE(HasField(bad.error(), f)) << f;
  }
}

TEST(MissionValidation, ConflictsReadAsSentencesInParisTime) {
  ConflictNames names;
  names.users[7] = "Greg Martin";
  names.items[100] = "Enceinte JBL PRX815";
  Conflict busy{Conflict::Kind::kCrewBusy,
                true,
                7,
                {ParseIsoUtc("2027-06-12T16:00:00.000Z").value(),
                 ParseIsoUtc("2027-06-13T00:00:00.000Z").value()},
                3,
                "Mariage Dupont",
                0,
                0,
                ""};
  EXPECT_EQ(DescribeConflict(busy, names, "Europe/Paris"),
            "Greg Martin est déjà sur « Mariage Dupont » du sam. 12 juin 2027 18:00 au dim. 13 "
            "juin 2027 02:00.");
  Conflict gear = busy;
  gear.kind = Conflict::Kind::kEquipmentShortage;
  gear.resource = 100;
  gear.requested = 4;
  gear.available = 2;
  EXPECT_EQ(DescribeConflict(gear, names, "Europe/Paris"),
            "Enceinte JBL PRX815 : 4 demandés, 2 disponibles du sam. 12 juin 2027 18:00 au dim. "
            "13 juin 2027 02:00 (déjà sur « Mariage Dupont »).");
}

}  // namespace
}  // namespace planify::domain
