#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/ids.hpp"
#include "store/database.hpp"

namespace planify::store {

struct CalendarFeedRow {
  long long id = 0;
  OrganizationId organization;
  UserId user;                 // the owner: the feed reads as them
  std::string scope;           // personal, organization
  std::string statuses;        // space-separated mission statuses; "" = all but drafts
  long long crew_user = 0;     // organization feeds: only this person's missions (0: everyone's)
  std::string crew_user_name;  // "" when crew_user is 0
  std::string token_sealed;
  std::string created_at;
  std::string last_fetched_at;
};

struct FeedCrew {
  std::string name;
  std::string position;
  bool lead = false;
};

// What a feed says of a mission: no internal notes, no prices.
struct FeedMission {
  long long id = 0;
  std::string title;
  std::string status;
  std::string starts_at;  // ISO-8601 UTC
  std::string ends_at;
  std::string updated_at;
  int sequence = 0;
  std::string description;  // the part written for the crew
  std::string event_type;
  std::string address;  // free address when there is no venue
  std::string venue_name;
  std::string venue_line1;
  std::string venue_postal_code;
  std::string venue_city;
  std::string client_name;
  std::vector<FeedCrew> crew;  // the lead first
};

struct FeedFilter {
  long long crew_member = 0;          // only missions this user is on (0: everyone's)
  std::vector<std::string> statuses;  // validated names; empty = all but drafts
  std::string ends_after;             // missions ending after this instant
  std::string canceled_since;         // canceled missions only when canceled since then
};

// Calendar feeds and what they publish. Runs on the caller's lease and transaction.
class CalendarFeedsRepository {
 public:
  explicit CalendarFeedsRepository(Lease& lease) : lease_(lease) {}

  [[nodiscard]] long long Insert(OrganizationId organization, UserId user, const std::string& scope,
                                 const std::string& statuses, long long crew_user,
                                 const std::string& token_hash, const std::string& token_sealed,
                                 const std::string& now);
  // The owner's live feeds, oldest first.
  [[nodiscard]] std::vector<CalendarFeedRow> ListLive(OrganizationId organization, UserId user);
  // A live feed of this owner.
  [[nodiscard]] std::optional<CalendarFeedRow> FindLive(OrganizationId organization, UserId user,
                                                        long long id);
  // A live feed by the hash of its token, whatever its organisation.
  [[nodiscard]] std::optional<CalendarFeedRow> FindLiveByHash(const std::string& token_hash);
  // False when it is not a live feed of this owner.
  bool Revoke(OrganizationId organization, UserId user, long long id, const std::string& now);
  void Touch(long long id, const std::string& now);

  // The missions a feed publishes, by start.
  [[nodiscard]] std::vector<FeedMission> Missions(OrganizationId organization,
                                                  const FeedFilter& filter);

 private:
  Lease& lease_;
};

}  // namespace planify::store
