#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/conflicts.hpp"
#include "domain/ids.hpp"
#include "domain/missions.hpp"
#include "store/database.hpp"
#include "store/planning_repository.hpp"

namespace planify::store {

struct MissionRow {
  long long id = 0;
  domain::MissionInput mission;
  std::string client_name;
  std::string venue_name;
  std::map<long long, std::string> crew_names;  // user id → display name
  std::map<long long, std::string> item_names;  // equipment id → name
  std::string cancellation_reason;
  int sequence = 0;  // RFC 5545 SEQUENCE, bumped on each change
  std::string created_at;
  std::string updated_at;
};

struct MissionFilter {
  std::string query;                            // folded
  std::vector<domain::MissionStatus> statuses;  // empty: every status
  long long client = 0;
  long long crew_member = 0;  // only missions this user is on (0: everyone's)
  std::string from;           // overlapping [from, to) when both are set
  std::string to;
  bool newest_first = false;
  bool with_details = false;  // equipment lines and custom fields too
  long long limit = 50;
  long long offset = 0;
};

// What a calendar cell shows (docs/api.md, GET /api/v1/calendar), read straight from the rows.
struct CalendarCrew {
  long long line = 0;  // the crew line's id: the order after the lead
  long long user = 0;
  std::string name;
  std::string position;
  bool lead = false;
};

struct CalendarMission {
  long long id = 0;
  std::string title;
  std::string status;
  std::optional<long long> client;
  std::string client_name;
  std::optional<long long> venue;
  std::string venue_name;
  std::string starts_at;  // ISO-8601 UTC
  std::string ends_at;
  std::vector<CalendarCrew> crew;  // the lead first
};

// Missions with their crew and equipment lines, always within one organisation. Runs on the
// caller's lease and transaction.
class MissionsRepository {
 public:
  explicit MissionsRepository(Lease& lease) : lease_(lease) {}

  [[nodiscard]] long long Insert(OrganizationId organization, const domain::MissionInput& mission,
                                 UserId created_by, const std::string& now);
  // Replaces every field, the crew and the equipment lines (the status is left as is).
  bool Update(OrganizationId organization, long long id, const domain::MissionInput& mission,
              const std::string& now);
  bool Reschedule(OrganizationId organization, long long id, domain::Timestamp start,
                  domain::Timestamp end, const std::string& now);
  bool SetStatus(OrganizationId organization, long long id, domain::MissionStatus status,
                 const std::string& reason, const std::string& now);
  [[nodiscard]] std::optional<MissionRow> Find(OrganizationId organization, long long id);
  [[nodiscard]] Page<MissionRow> List(OrganizationId organization, const MissionFilter& filter);
  // Calls `each` for the missions overlapping [filter.from, filter.to) (both required) in start
  // order, at most filter.limit, with their crew (the lead first); filter.query, offset and
  // details are ignored. Two queries whatever the number of missions, stepped together, and one
  // structure reused for every mission: a calendar costs no memory per row. True when more than
  // filter.limit missions matched.
  [[nodiscard]] bool Calendar(OrganizationId organization, const MissionFilter& filter,
                              const std::function<void(const CalendarMission&)>& each);
  // Missions that hold resources (planned, confirmed, in progress) and overlap [from, to),
  // with their crew and equipment, for the conflict engine.
  [[nodiscard]] std::vector<domain::BookedMission> Booked(OrganizationId organization,
                                                          domain::Timestamp from,
                                                          domain::Timestamp to);
  // Serialises planning writes of one organisation until the transaction ends, so two
  // concurrent saves cannot both pass the conflict check (PostgreSQL advisory lock; SQLite
  // write transactions are already serial).
  void LockPlanning(OrganizationId organization);
  [[nodiscard]] bool IsCrewMember(OrganizationId organization, long long mission, long long user);

 private:
  void ReplaceLines(OrganizationId organization, long long id, const domain::MissionInput& mission,
                    const std::string& now);
  void LoadCrew(OrganizationId organization, std::vector<MissionRow>& rows);
  void LoadEquipment(OrganizationId organization, std::vector<MissionRow>& rows);
  Lease& lease_;
};

}  // namespace planify::store
