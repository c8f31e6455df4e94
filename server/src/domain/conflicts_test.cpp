#include "domain/conflicts.hpp"

#include <gtest/gtest.h>

namespace planify::domain {
namespace {

using std::chrono::minutes;

Timestamp At(const char* iso) {
  auto t = ParseIsoUtc(iso);
  EXPECT_TRUE(t.has_value()) << iso;
  return t.value_or(Timestamp{});
}

TimeRange Range(const char* from, const char* to) { return {At(from), At(to)}; }

constexpr long long kDj = 7;
constexpr long long kOtherDj = 8;
constexpr long long kSpeaker = 100;

ConflictPolicy NoBuffers() { return {minutes(0), minutes(0), minutes(0)}; }

BookedMission Booked(long long id, TimeRange when, std::vector<long long> crew,
                     std::vector<EquipmentLine> gear = {},
                     MissionStatus status = MissionStatus::kConfirmed) {
  return {
      id,          "Mission " + std::to_string(id), status, when, std::move(crew), std::move(gear),
      std::nullopt};
}

std::vector<EquipmentStock> Speakers(int owned, int out_of_service = 0) {
  return {{kSpeaker, "Enceinte 12\"", owned, out_of_service}};
}

TEST(Conflicts, OvernightMissionsOverlapAcrossMidnight) {
  // 31 Dec 21:00 → 1 Jan 03:00 UTC; the legacy app stored one date and missed this.
  auto nye = Booked(1, Range("2026-12-31T21:00:00.000Z", "2027-01-01T03:00:00.000Z"), {kDj});
  MissionPlan plan{
      0, Range("2027-01-01T01:00:00.000Z", "2027-01-01T05:00:00.000Z"), {kDj}, {}, std::nullopt};
  auto conflicts = FindConflicts(plan, {nye}, {}, {}, {}, NoBuffers());
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].kind, Conflict::Kind::kCrewBusy);
  EXPECT_EQ(conflicts[0].resource, kDj);
  EXPECT_EQ(conflicts[0].other, 1);
  EXPECT_EQ(conflicts[0].when.start, At("2027-01-01T01:00:00.000Z"));
  EXPECT_EQ(conflicts[0].when.end, At("2027-01-01T03:00:00.000Z"));
}

TEST(Conflicts, GearReturnedLateAtNightIsNotReadyNextMorning) {
  // Ends 23:00 with both speakers; the next mission starts 09:00 (10 h later). With the 12 h
  // return and prep buffers the gear is still busy; a calendar-date check would miss it.
  auto wedding = Booked(1, Range("2026-06-13T16:00:00.000Z", "2026-06-13T23:00:00.000Z"),
                        {kOtherDj}, {{kSpeaker, 2}});
  MissionPlan brunch{0,
                     Range("2026-06-14T09:00:00.000Z", "2026-06-14T12:00:00.000Z"),
                     {kDj},
                     {{kSpeaker, 1}},
                     std::nullopt};
  auto conflicts = FindConflicts(brunch, {wedding}, {}, Speakers(2), {}, ConflictPolicy{});
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].kind, Conflict::Kind::kEquipmentShortage);
  EXPECT_EQ(conflicts[0].requested, 1);
  EXPECT_EQ(conflicts[0].available, 0);
  EXPECT_EQ(conflicts[0].other, 1);
  // Without buffers the two do not touch.
  EXPECT_TRUE(FindConflicts(brunch, {wedding}, {}, Speakers(2), {}, NoBuffers()).empty());
}

TEST(Conflicts, PeakQuantityNotTheSumOfEveryOverlappingLine) {
  // 10 speakers. 10–14h: 4, 12–18h: 3, 16–20h: 4. Over 11–19h the peak in use is 7 (12–14h and
  // 16–18h), not 11: 3 are free.
  std::vector<BookedMission> day = {
      Booked(1, Range("2026-07-04T10:00:00.000Z", "2026-07-04T14:00:00.000Z"), {}, {{kSpeaker, 4}}),
      Booked(2, Range("2026-07-04T12:00:00.000Z", "2026-07-04T18:00:00.000Z"), {}, {{kSpeaker, 3}}),
      Booked(3, Range("2026-07-04T16:00:00.000Z", "2026-07-04T20:00:00.000Z"), {},
             {{kSpeaker, 4}})};
  MissionPlan plan{0,
                   Range("2026-07-04T11:00:00.000Z", "2026-07-04T19:00:00.000Z"),
                   {},
                   {{kSpeaker, 3}},
                   std::nullopt};
  EXPECT_TRUE(FindConflicts(plan, day, {}, Speakers(10), {}, NoBuffers()).empty());
  plan.equipment = {{kSpeaker, 2}, {kSpeaker, 2}};  // two lines of the same item add up
  auto conflicts = FindConflicts(plan, day, {}, Speakers(10), {}, NoBuffers());
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].requested, 4);
  EXPECT_EQ(conflicts[0].available, 3);
  EXPECT_EQ(conflicts[0].when.start, At("2026-07-04T12:00:00.000Z"));
}

TEST(Conflicts, ItemsInMaintenanceAndUnreturnedQuantitiesAreNotLendable) {
  MissionPlan plan{0,
                   Range("2026-07-04T10:00:00.000Z", "2026-07-04T14:00:00.000Z"),
                   {},
                   {{kSpeaker, 3}},
                   std::nullopt};
  auto maintenance =
      FindConflicts(plan, {}, {}, Speakers(4, /*out_of_service=*/2), {}, NoBuffers());
  ASSERT_EQ(maintenance.size(), 1u);
  EXPECT_EQ(maintenance[0].available, 2);

  // Two speakers never came back from last week's mission 99 (completed, so not "holding").
  std::vector<Unreturned> missing = {{kSpeaker, 2, 99}};
  auto unreturned = FindConflicts(plan, {}, {}, Speakers(4), missing, NoBuffers());
  ASSERT_EQ(unreturned.size(), 1u);
  EXPECT_EQ(unreturned[0].available, 2);

  // When the mission still out is itself overlapping, its quantity is not counted twice.
  auto running = Booked(99, Range("2026-07-04T08:00:00.000Z", "2026-07-04T11:00:00.000Z"), {},
                        {{kSpeaker, 2}}, MissionStatus::kInProgress);
  plan.equipment = {{kSpeaker, 2}};
  EXPECT_TRUE(FindConflicts(plan, {running}, {}, Speakers(4), missing, NoBuffers()).empty());
}

TEST(Conflicts, CanceledDraftAndCompletedMissionsHoldNothing) {
  TimeRange when = Range("2026-07-04T10:00:00.000Z", "2026-07-04T14:00:00.000Z");
  std::vector<BookedMission> others = {
      Booked(1, when, {kDj}, {{kSpeaker, 2}}, MissionStatus::kCanceled),
      Booked(2, when, {kDj}, {{kSpeaker, 2}}, MissionStatus::kDraft),
      Booked(3, when, {kDj}, {{kSpeaker, 2}}, MissionStatus::kCompleted)};
  MissionPlan plan{0, when, {kDj}, {{kSpeaker, 2}}, std::nullopt};
  EXPECT_TRUE(FindConflicts(plan, others, {}, Speakers(2), {}, ConflictPolicy{}).empty());
  // A mission being moved is not in conflict with its own stored version.
  others.push_back(Booked(4, when, {kDj}, {{kSpeaker, 2}}));
  plan.id = 4;
  EXPECT_TRUE(FindConflicts(plan, others, {}, Speakers(2), {}, ConflictPolicy{}).empty());
}

TEST(Conflicts, BackToBackIsAllowedUnlessATravelBufferIsSet) {
  auto morning = Booked(1, Range("2026-07-04T10:00:00.000Z", "2026-07-04T14:00:00.000Z"), {kDj});
  MissionPlan afternoon{
      0, Range("2026-07-04T14:00:00.000Z", "2026-07-04T18:00:00.000Z"), {kDj}, {}, std::nullopt};
  EXPECT_TRUE(FindConflicts(afternoon, {morning}, {}, {}, {}, NoBuffers()).empty());
  ConflictPolicy travel = NoBuffers();
  travel.crew_travel_buffer = minutes(30);
  auto conflicts = FindConflicts(afternoon, {morning}, {}, {}, {}, travel);
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].kind, Conflict::Kind::kCrewBusy);
}

TEST(Conflicts, HolidaysBlockCrewAndSharedVenuesOnlyWarn) {
  MissionPlan plan{0, Range("2026-08-10T18:00:00.000Z", "2026-08-10T23:00:00.000Z"), {kDj}, {}, 42};
  std::vector<Unavailability> off = {
      {kDj, Range("2026-08-08T00:00:00.000Z", "2026-08-15T00:00:00.000Z"), "Congés"}};
  auto other = Booked(5, Range("2026-08-10T20:00:00.000Z", "2026-08-11T01:00:00.000Z"), {kOtherDj});
  other.venue = 42;
  auto conflicts = FindConflicts(plan, {other}, off, {}, {}, NoBuffers());
  ASSERT_EQ(conflicts.size(), 2u);
  EXPECT_EQ(conflicts[0].kind, Conflict::Kind::kCrewUnavailable);
  EXPECT_EQ(conflicts[0].detail, "Congés");
  EXPECT_TRUE(conflicts[0].blocking);
  EXPECT_EQ(conflicts[1].kind, Conflict::Kind::kVenueDoubleBooked);
  EXPECT_FALSE(conflicts[1].blocking);
  EXPECT_TRUE(HasBlockingConflict(conflicts));
  conflicts.erase(conflicts.begin());
  EXPECT_FALSE(HasBlockingConflict(conflicts));
}

TEST(Conflicts, GearAlreadyOutWithThePlannedMissionIsNotMissingForIt) {
  // The mission has 2 of its 3 speakers loaded already; re-checking it must not count them
  // against itself.
  MissionPlan plan{5,
                   Range("2026-06-13T16:00:00.000Z", "2026-06-13T23:00:00.000Z"),
                   {kDj},
                   {{kSpeaker, 3}},
                   std::nullopt};
  EXPECT_TRUE(FindConflicts(plan, {}, {}, Speakers(3), {{kSpeaker, 2, 5}}, NoBuffers()).empty());
  // The same two out with another mission are missing.
  auto short_of = FindConflicts(plan, {}, {}, Speakers(3), {{kSpeaker, 2, 6}}, NoBuffers());
  ASSERT_EQ(short_of.size(), 1u);
  EXPECT_EQ(short_of[0].available, 1);
}

TEST(Availability, PeakWithBuffersMaintenanceAndStillOutUnits) {
  // 6 speakers, 1 at the repairer, 2 still out from last night's mission 90 (over, not in the
  // period); in June: missions 1 and 2 overlap once the 12 h buffers widen them (3 + 2), and
  // mission 3 is a draft (holds nothing).
  auto a = Booked(1, Range("2026-06-13T16:00:00.000Z", "2026-06-13T23:00:00.000Z"), {kDj},
                  {{kSpeaker, 3}});
  auto b = Booked(2, Range("2026-06-14T09:00:00.000Z", "2026-06-14T12:00:00.000Z"), {kOtherDj},
                  {{kSpeaker, 2}});
  auto draft = Booked(3, Range("2026-06-13T18:00:00.000Z", "2026-06-13T20:00:00.000Z"), {kDj},
                      {{kSpeaker, 6}}, MissionStatus::kDraft);
  auto later = Booked(4, Range("2026-06-20T18:00:00.000Z", "2026-06-20T23:00:00.000Z"), {kDj},
                      {{kSpeaker, 1}});
  std::vector<Unreturned> out = {{kSpeaker, 2, 90}, {kSpeaker, 1, 4}};
  auto june = Range("2026-06-01T00:00:00.000Z", "2026-07-01T00:00:00.000Z");
  auto result = Availability(june, {a, b, draft, later}, Speakers(6, 1), out, ConflictPolicy{});
  ASSERT_EQ(result.size(), 1u);
  EXPECT_EQ(result[0].owned, 6);
  EXPECT_EQ(result[0].out_of_service, 1);
  // Mission 4's unit already out is part of its booking, not a late return.
  EXPECT_EQ(result[0].still_out, 2);
  EXPECT_EQ(result[0].booked_peak, 5);
  EXPECT_EQ(result[0].peak_when.start, At("2026-06-13T21:00:00.000Z"));
  EXPECT_EQ(result[0].available, 0);

  // Without buffers the two missions no longer overlap: the peak is mission 1's 3.
  auto bare = Availability(june, {a, b, draft, later}, Speakers(6, 1), out, NoBuffers());
  EXPECT_EQ(bare[0].booked_peak, 3);
  EXPECT_EQ(bare[0].available, 0);  // 6 - 1 - 2 - 3
  // The last week of June: only mission 4.
  auto week = Availability(Range("2026-06-19T00:00:00.000Z", "2026-06-26T00:00:00.000Z"),
                           {a, b, draft, later}, Speakers(6, 1), out, NoBuffers());
  EXPECT_EQ(week[0].booked_peak, 1);
  EXPECT_EQ(week[0].available, 2);  // 6 - 1 - 2 - 1
}

TEST(Availability, NeverBelowZeroAndOneEntryPerItem) {
  std::vector<EquipmentStock> stock = {{kSpeaker, "Enceinte", 2, 0}, {200, "Câble XLR", 40, 0}};
  auto a = Booked(1, Range("2026-06-13T16:00:00.000Z", "2026-06-13T23:00:00.000Z"), {kDj},
                  {{kSpeaker, 3}, {200, 12}});
  auto result = Availability(Range("2026-06-13T00:00:00.000Z", "2026-06-14T00:00:00.000Z"), {a},
                             stock, {}, NoBuffers());
  ASSERT_EQ(result.size(), 2u);
  EXPECT_EQ(result[0].item, kSpeaker);
  EXPECT_EQ(result[0].available, 0);
  EXPECT_EQ(result[1].item, 200);
  EXPECT_EQ(result[1].available, 28);
}

}  // namespace
}  // namespace planify::domain
