#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "domain/time.hpp"

namespace planify::domain {

// A mission's life: draft → planned → confirmed → in_progress → completed; canceled from any
// status that is not final (legacy-app.md b.13, plus draft).
enum class MissionStatus { kDraft, kPlanned, kConfirmed, kInProgress, kCompleted, kCanceled };

// Planned, confirmed and in-progress missions hold their crew and equipment; drafts, completed
// and canceled missions do not.
[[nodiscard]] bool HoldsResources(MissionStatus status);

// [start, end): a mission ending at 18:00 and another starting at 18:00 do not overlap.
struct TimeRange {
  Timestamp start;
  Timestamp end;
};

struct EquipmentLine {
  long long item = 0;
  int quantity = 0;
};

// The mission being created, moved or confirmed.
struct MissionPlan {
  long long id = 0;  // 0 for a new mission; its own stored version is then not compared to it
  TimeRange when;
  std::vector<long long> crew;  // user ids; crew profiles as domain/crew_profiles.hpp says
  std::vector<EquipmentLine> equipment;
  std::optional<long long> venue;
};

// Another mission of the organisation, as stored.
struct BookedMission {
  long long id = 0;
  std::string title;
  MissionStatus status = MissionStatus::kPlanned;
  TimeRange when;
  std::vector<long long> crew;
  std::vector<EquipmentLine> equipment;
  std::optional<long long> venue;
};

// A crew member's holiday or day off.
struct Unavailability {
  long long user = 0;
  TimeRange when;
  std::string reason;
};

struct EquipmentStock {
  long long item = 0;
  std::string name;
  int owned = 0;           // quantity in stock
  int out_of_service = 0;  // in maintenance, broken or lost: not lendable
};

// Quantities still out from an earlier mission: unavailable until they come back.
struct Unreturned {
  long long item = 0;
  int quantity = 0;
  long long mission = 0;
};

struct ConflictPolicy {
  std::chrono::minutes crew_travel_buffer{0};  // crew need this long between two missions
  std::chrono::minutes equipment_prep{720};    // gear leaves this long before a mission…
  std::chrono::minutes equipment_return{720};  // …and is back and checked this long after
};

struct Conflict {
  enum class Kind { kCrewBusy, kCrewUnavailable, kEquipmentShortage, kVenueDoubleBooked };
  Kind kind = Kind::kCrewBusy;
  bool blocking = true;            // venue double booking is a warning
  long long resource = 0;          // user, item or venue id
  TimeRange when;                  // the overlapping period
  std::optional<long long> other;  // the other mission, when one is involved
  std::string other_title;
  int requested = 0;   // equipment: quantity asked for
  int available = 0;   // equipment: quantity free over the whole window
  std::string detail;  // unavailability reason
};

// Every conflict the plan has with the organisation's other missions, crew unavailability
// and equipment stock. Equipment is counted as the peak of concurrent use over the plan's real
// time window widened by the prep and return buffers (not by calendar date), minus items out of
// service and quantities not yet returned. Pure and deterministic: results are sorted by kind,
// resource and time.
[[nodiscard]] std::vector<Conflict> FindConflicts(const MissionPlan& plan,
                                                  const std::vector<BookedMission>& others,
                                                  const std::vector<Unavailability>& unavailability,
                                                  const std::vector<EquipmentStock>& stock,
                                                  const std::vector<Unreturned>& unreturned,
                                                  const ConflictPolicy& policy);

// What an item can lend over `period`: owned, out of service, still out from missions that do
// not hold it within the period (late returns), the peak of concurrent bookings (missions
// holding resources, widened by the prep and return buffers), and what is left.
struct ItemAvailability {
  long long item = 0;
  int owned = 0;
  int out_of_service = 0;
  int still_out = 0;
  int booked_peak = 0;
  TimeRange peak_when{};  // when the peak is reached (the period when nothing is booked)
  int available = 0;
};

// One entry per item of `stock`, in its order. `missions` may hold any missions: those not
// holding resources or outside the period are ignored.
[[nodiscard]] std::vector<ItemAvailability> Availability(const TimeRange& period,
                                                         const std::vector<BookedMission>& missions,
                                                         const std::vector<EquipmentStock>& stock,
                                                         const std::vector<Unreturned>& unreturned,
                                                         const ConflictPolicy& policy);

// True when any conflict is blocking.
[[nodiscard]] bool HasBlockingConflict(const std::vector<Conflict>& conflicts);

}  // namespace planify::domain
