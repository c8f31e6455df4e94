#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/ids.hpp"
#include "domain/kits.hpp"
#include "store/database.hpp"
#include "store/logistics_repository.hpp"

namespace planify::store {

// One line of a mission on a depot's wall display: an item of the depot it books.
struct DisplayLine {
  long long item = 0;
  std::string name;
  int booked = 0;
  int out = 0;
};

struct DisplayMission {
  long long mission = 0;
  std::string title;
  std::string status;
  std::string starts_at;
  std::string ends_at;
  std::string address;
  std::string lead_name;
  std::vector<DisplayLine> lines;
};

// An item whose periodic check may be due (docs/equipment.md, "Periodic checks").
struct CheckCandidate {
  long long item = 0;
  std::string name;
  std::string category;
  std::optional<int> interval_days;
  std::string created_at;
  std::string next_due_on;    // from the last closed record, "" when none
  std::string last_check_on;  // the last done check or cleaning, "" when none
  bool open_record = false;   // a record is open now (the check is under way)
};

// Where stock lines live (equipment_stock: the units away from their home depot), depots'
// wall display tokens, and what a display shows.
class DepotsRepository {
 public:
  explicit DepotsRepository(Lease& lease) : lease_(lease) {}

  // Units of `item` kept away from its home depot, depot by depot (by id).
  [[nodiscard]] std::vector<domain::SiteStock> Away(OrganizationId organization, long long item);
  // The same for many items at once.
  [[nodiscard]] std::map<long long, std::vector<domain::SiteStock>> AwayOf(
      OrganizationId organization, const std::vector<long long>& items);
  // Replaces the item's away rows.
  void SetAway(OrganizationId organization, long long item,
               const std::vector<domain::SiteStock>& away);

  // The organisation and depot a display token's hash opens, if any.
  [[nodiscard]] std::optional<std::pair<OrganizationId, long long>> SiteForToken(
      const std::string& token_hash);
  // A new hash (the previous token stops working) or none (revoked); false when the depot is not
  // in this organisation.
  bool SetToken(OrganizationId organization, long long site, const std::string& token_hash,
                const std::string& now);
  [[nodiscard]] std::string TokenCreatedAt(OrganizationId organization, long long site);

  // Missions (planned, confirmed, in progress) starting (`departures`) or ending in [from, to)
  // with the lines of items that live in the depot, soonest first.
  [[nodiscard]] std::vector<DisplayMission> Missions(OrganizationId organization, long long site,
                                                     const std::string& from, const std::string& to,
                                                     bool departures);

  // Items with a check interval or a "next due" date on a closed record, not retired.
  [[nodiscard]] std::vector<CheckCandidate> CheckCandidates(OrganizationId organization);

 private:
  Lease& lease_;
};

}  // namespace planify::store
