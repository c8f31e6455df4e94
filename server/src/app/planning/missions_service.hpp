#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "store/missions_repository.hpp"

namespace planify::app {

struct ConflictItem {
  domain::Conflict conflict;
  std::string message;  // one French sentence, in the organisation's time zone
};

struct MissionDetails {
  store::MissionRow row;
  // What the mission collides with now: warnings, and conflicts a manager overrode.
  std::vector<ConflictItem> conflicts;
};

// Everything a calendar range shows.
// What a calendar range holds besides its missions (which Calendar hands over one at a time).
struct CalendarRest {
  bool truncated = false;  // more missions matched than filter.limit
  std::vector<store::UnavailabilityRow> unavailability;
};

// A plan to check without saving it (the calendar's live check while dragging).
struct PlanCheck {
  long long mission = 0;  // the stored mission being moved, 0 for a new one
  domain::Timestamp starts_at{};
  domain::Timestamp ends_at{};
  std::vector<long long> crew;
  std::vector<domain::EquipmentLine> equipment;
  std::optional<long long> venue;
};

// Missions of the caller's organisation. Crew (no missions.read_all) see only the missions they
// are on: anything else is NOT_FOUND, lists are filtered. Saving a mission that holds resources
// runs the conflict engine inside the write transaction (serialised per organisation) and is
// refused with CONFLICT when anything blocks, unless `override_reason` is given: the override
// is audited with the conflicts it overrode.
class MissionsService {
 public:
  MissionsService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  [[nodiscard]] Result<MissionDetails> Create(const Principal& actor, const RequestMeta& meta,
                                              domain::MissionInput input,
                                              const std::string& override_reason);
  // Create inside the caller's open write transaction on `lease` (a booking request's accept
  // creates client, mission and quote in one): nothing is committed here.
  [[nodiscard]] Result<MissionDetails> CreateWithin(store::Lease& lease, const Principal& actor,
                                                    const RequestMeta& meta,
                                                    domain::MissionInput input,
                                                    const std::string& override_reason);
  // Replaces the fields, crew and equipment; the status changes through ChangeStatus only.
  [[nodiscard]] Result<MissionDetails> Update(const Principal& actor, const RequestMeta& meta,
                                              long long id, domain::MissionInput input,
                                              const std::string& override_reason);
  [[nodiscard]] Result<MissionDetails> Reschedule(const Principal& actor, const RequestMeta& meta,
                                                  long long id, domain::Timestamp starts_at,
                                                  domain::Timestamp ends_at,
                                                  const std::string& override_reason);
  [[nodiscard]] Result<MissionDetails> ChangeStatus(const Principal& actor, const RequestMeta& meta,
                                                    long long id, domain::MissionStatus to,
                                                    const std::string& reason,
                                                    const std::string& override_reason);
  [[nodiscard]] Result<MissionDetails> Get(const Principal& actor, long long id);
  [[nodiscard]] Result<store::Page<store::MissionRow>> List(const Principal& actor,
                                                            store::MissionFilter filter);
  // Missions overlapping [filter.from, filter.to) with their crew, and the crew's days off in
  // that range (only the caller's own, for crew).
  [[nodiscard]] Result<CalendarRest> Calendar(
      const Principal& actor, store::MissionFilter filter,
      const std::function<void(const store::CalendarMission&)>& each);
  // The conflicts of a plan, nothing saved. VALIDATION naming the field when the mission, the
  // venue, a crew member or an item is not the organisation's ("crew[1].user_id").
  [[nodiscard]] Result<std::vector<ConflictItem>> Check(const Principal& actor,
                                                        const PlanCheck& plan);
  [[nodiscard]] Result<std::vector<store::AuditRow>> History(const Principal& actor, long long id);

  [[nodiscard]] Result<std::vector<domain::CustomFieldDefinition>> Fields(const Principal& actor);
  [[nodiscard]] Result<std::vector<domain::CustomFieldDefinition>> ReplaceFields(
      const Principal& actor, const RequestMeta& meta,
      std::vector<domain::CustomFieldDefinition> definitions);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace planify::app
