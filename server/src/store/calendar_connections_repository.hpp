#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/ids.hpp"
#include "store/database.hpp"

namespace planify::store {

struct CalendarConnectionRow {
  long long id = 0;
  OrganizationId organization;
  UserId user;
  std::string scope;  // personal, organization
  std::string account_email;
  std::string calendar_id;
  std::string refresh_token_sealed;
  std::string status;  // active, broken
  std::string last_error;
  std::string last_synced_at;
  std::string created_at;
  bool import_busy = false;  // free/busy read into crew_unavailability (source google)
  std::string busy_synced_at;
  std::string disconnected_at;  // set: the member disconnected; the sync job cleans up
};

// A connection's state for one mission (the mission page: "synchronisé avec Google").
struct MissionSyncRow {
  long long connection = 0;
  UserId user;
  std::string user_name;
  std::string scope;
  std::string status;       // active, broken
  bool pushed = false;      // the mission's event is in the calendar
  bool up_to_date = false;  // ... as of the mission's latest change
  std::string synced_at;    // when that event was last written
};

// A busy period read from a connected calendar.
struct BusyRow {
  std::string starts_at;
  std::string ends_at;
};

// Which provider event stands for a mission on a connection.
struct EventLinkRow {
  long long mission = 0;
  std::string event_id;
  int generation = 0;
  int pushed_sequence = 0;  // the mission's ical_sequence last pushed; -1 once deleted
  std::string etag;
};

// Calendar connections and their event links. Runs on the caller's lease and transaction.
class CalendarConnectionsRepository {
 public:
  explicit CalendarConnectionsRepository(Lease& lease) : lease_(lease) {}

  [[nodiscard]] long long Insert(OrganizationId organization, UserId user, const std::string& scope,
                                 const std::string& account_email, const std::string& calendar_id,
                                 const std::string& refresh_token_sealed, const std::string& now);
  // A connection by id, whatever its organisation (the sync job knows only the id).
  [[nodiscard]] std::optional<CalendarConnectionRow> Find(long long id);
  [[nodiscard]] std::vector<CalendarConnectionRow> ListForUser(OrganizationId organization,
                                                               UserId user);
  // The organisation's connections still working: the ones a mission change concerns.
  [[nodiscard]] std::vector<long long> ActiveIds(OrganizationId organization);
  // The member's connection of this scope, disconnecting or not.
  [[nodiscard]] std::optional<CalendarConnectionRow> FindFor(OrganizationId organization,
                                                             UserId user, const std::string& scope);
  // A new grant on an existing connection: working again, on this account and calendar.
  void Reconnect(long long id, const std::string& account_email, const std::string& calendar_id,
                 const std::string& refresh_token_sealed, bool import_busy);
  void SetImportBusy(long long id, bool import_busy);
  void MarkBroken(long long id, const std::string& message);
  void MarkSynced(long long id, const std::string& now);
  void MarkDisconnected(long long id, const std::string& now);
  void Delete(long long id);
  // Every working connection of every organisation (the periodic sweep).
  [[nodiscard]] std::vector<CalendarConnectionRow> AllActive();
  // Events currently in the calendar, per connection of the member.
  [[nodiscard]] std::map<long long, int> EventCounts(OrganizationId organization, UserId user);
  // The connections that concern a mission: personal ones of its crew, organisation ones.
  [[nodiscard]] std::vector<MissionSyncRow> ForMission(OrganizationId organization,
                                                       long long mission, int sequence);

  // Replaces the connection's busy periods ending after `from` by `periods` (source google).
  void ReplaceBusy(OrganizationId organization, long long connection, UserId user,
                   const std::string& from, const std::vector<BusyRow>& periods,
                   const std::string& now);
  void MarkBusySynced(long long id, const std::string& now);

  [[nodiscard]] std::map<long long, EventLinkRow> Links(OrganizationId organization,
                                                        long long connection);
  // Inserts or replaces the link of (connection, mission).
  void SaveLink(OrganizationId organization, long long connection, const EventLinkRow& link,
                const std::string& now);
  // Forgets the connection's events (a new account or calendar: the old ones are out of reach).
  void ClearLinks(long long connection);

 private:
  Lease& lease_;
};

}  // namespace planify::store
