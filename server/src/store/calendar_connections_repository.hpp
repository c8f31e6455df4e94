#pragma once

#include <map>
#include <optional>
#include <string>
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
  void MarkBroken(long long id, const std::string& message);
  void MarkSynced(long long id, const std::string& now);

  [[nodiscard]] std::map<long long, EventLinkRow> Links(OrganizationId organization,
                                                        long long connection);
  // Inserts or replaces the link of (connection, mission).
  void SaveLink(OrganizationId organization, long long connection, const EventLinkRow& link,
                const std::string& now);

 private:
  Lease& lease_;
};

}  // namespace planify::store
