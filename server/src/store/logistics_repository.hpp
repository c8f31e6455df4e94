#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/conflicts.hpp"
#include "domain/equipment.hpp"
#include "domain/ids.hpp"
#include "store/database.hpp"

namespace planify::store {

// A line of the movement journal, as written.
struct NewMovement {
  long long item = 0;
  std::optional<long long> mission;
  domain::MovementKind kind = domain::MovementKind::kCheckOut;
  int quantity = 0;
  std::optional<domain::ReturnCondition> condition;
  std::string occurred_at;  // ISO-8601 UTC
  std::optional<long long> user;
  std::string notes;
  std::optional<long long> kit;        // moved as part of this kit
  std::optional<long long> from_site;  // transfers
  std::optional<long long> to_site;
  std::optional<long long> unit = std::nullopt;  // the unit moved (items tracked by unit)
};

// A line of the journal, as read, with the names it refers to.
struct MovementRow {
  long long id = 0;
  long long item = 0;
  std::string item_name;
  std::optional<long long> mission;
  std::string mission_title;
  std::string kind;
  int quantity = 0;
  std::string condition;  // "" when none
  std::string occurred_at;
  std::optional<long long> user;
  std::string user_name;
  std::string notes;
  std::optional<long long> kit;
  std::string kit_name;
  std::optional<long long> from_site;
  std::string from_site_name;
  std::optional<long long> to_site;
  std::string to_site_name;
  std::optional<long long> unit;
  std::string unit_serial;
};

// One item of a mission's pick list: booked on the mission, out now, and what went out and
// came back (and how) so far.
struct MissionGearRow {
  long long item = 0;
  std::string name;
  int booked = 0;  // the mission's equipment line (0: taken along without a line)
  int out = 0;
  int checked_out = 0;
  int returned_ok = 0;
  int returned_damaged = 0;
  int returned_missing = 0;
};

// Gear out with a mission, with the mission's name and dates: the late-returns list.
struct OutRow {
  long long mission = 0;
  std::string mission_title;
  std::string mission_status;
  std::string mission_ends_at;
  long long item = 0;
  std::string item_name;
  int quantity = 0;
  std::string since;
  std::string lead_name;  // who to call: the mission's lead, else its first crew member
};

struct MaintenanceRow {
  long long id = 0;
  long long item = 0;
  std::string item_name;
  std::string kind;
  std::string status;
  int quantity = 0;
  std::string description;
  std::string vendor_name;
  std::optional<long long> cost_cents;
  std::string opened_at;
  std::string closed_at;
  std::string next_due_on;
  std::optional<long long> mission;
  std::string created_at;
  std::string updated_at;
  std::optional<long long> unit;
  std::string unit_serial;
  std::string photo_sha;         // "" when it has no photo
  std::string expected_back_on;  // YYYY-MM-DD, "" when not said
};

struct NewMaintenance {
  long long item = 0;
  std::string kind;  // repair, check, cleaning, other
  int quantity = 1;
  std::string description;
  std::string vendor_name;
  std::string next_due_on;  // YYYY-MM-DD or ""
  std::optional<long long> mission;
  std::optional<long long> user;
  std::string now;
  std::optional<long long> unit = std::nullopt;  // one unit of an item tracked by unit
  std::string expected_back_on = {};             // YYYY-MM-DD or "": back from the repairer
};

// A mission a scanned item may go out with: it books the item and runs around now.
struct ScanMission {
  long long mission = 0;
  std::string title;
  std::string status;
  std::string starts_at;
  std::string ends_at;
  int booked = 0;
  int out = 0;  // units of the item it has out now
};

struct LabelItem {
  long long id = 0;
  std::string name;
  std::string barcode;
};

// Check-out, return, loss and maintenance of equipment (docs/equipment.md). The journal
// (equipment_movements) is append-only; equipment_out holds what each mission has out now and
// moves with it in the caller's transaction, under the organisation's planning lock.
class LogisticsRepository {
 public:
  explicit LogisticsRepository(Lease& lease) : lease_(lease) {}

  // The stock line now, with everything out with missions; nothing when not in this
  // organisation.
  [[nodiscard]] std::optional<domain::ItemNow> Item(OrganizationId organization, long long id);
  // Units of `item` the mission has out now.
  [[nodiscard]] int OutWith(OrganizationId organization, long long mission, long long item);
  // Moves the mission's out quantity by `delta` (the row goes when it reaches 0).
  void MoveOut(OrganizationId organization, long long mission, long long item, int delta,
               const std::string& now);
  // Adds to the stock line's owned and out-of-service counts.
  void Adjust(OrganizationId organization, long long item, int owned_delta,
              int out_of_service_delta, const std::string& now);
  long long Record(OrganizationId organization, const NewMovement& movement,
                   const std::string& now);
  // Units declared missing or lost and not found since.
  [[nodiscard]] int LostNotFound(OrganizationId organization, long long item);

  // Still out, per mission and item: of these items, or of every item when `items` is empty.
  [[nodiscard]] std::vector<domain::Unreturned> Unreturned(OrganizationId organization,
                                                           const std::vector<long long>& items);
  // Idempotency keys of a member's writes (docs/pwa.md): what the key was used for, if it was.
  [[nodiscard]] std::optional<std::string> IdempotentScope(OrganizationId organization, UserId user,
                                                           const std::string& key);
  void RememberIdempotent(OrganizationId organization, UserId user, const std::string& key,
                          const std::string& scope, const std::string& now);
  // Gear out with missions that ended before `ended_before`, oldest first.
  [[nodiscard]] std::vector<OutRow> OutSince(OrganizationId organization,
                                             const std::string& ended_before);
  [[nodiscard]] std::vector<MissionGearRow> MissionGear(OrganizationId organization,
                                                        long long mission);
  // The item's journal, newest first, below `before_id` (0: from the newest).
  [[nodiscard]] std::vector<MovementRow> Movements(OrganizationId organization, long long item,
                                                   long long before_id, long long limit);
  [[nodiscard]] std::vector<MovementRow> MissionMovements(OrganizationId organization,
                                                          long long mission);
  // One unit's journal and maintenance records, newest first (at most 500 lines).
  [[nodiscard]] std::vector<MovementRow> UnitMovements(OrganizationId organization, long long unit);
  [[nodiscard]] std::vector<MaintenanceRow> UnitMaintenance(OrganizationId organization,
                                                            long long unit);

  long long OpenMaintenance(OrganizationId organization, const NewMaintenance& record);
  [[nodiscard]] std::optional<MaintenanceRow> FindMaintenance(OrganizationId organization,
                                                              long long id);
  void CloseMaintenance(OrganizationId organization, long long id, const std::string& status,
                        std::optional<long long> cost_cents, const std::string& next_due_on,
                        const std::string& now);
  // Records of one item (0: every item), open ones only when asked, newest first.
  [[nodiscard]] std::vector<MaintenanceRow> Maintenance(OrganizationId organization, long long item,
                                                        bool open_only);

  // Gear of a depot's items (home depot or units kept there) out with missions now, oldest
  // first; open maintenance records of those items, oldest first.
  [[nodiscard]] std::vector<OutRow> OutOfSite(OrganizationId organization, long long site);
  [[nodiscard]] std::vector<MaintenanceRow> OpenMaintenanceOfSite(OrganizationId organization,
                                                                  long long site);

  // Who has this item out now, mission by mission (lead crew member named), oldest first.
  [[nodiscard]] std::vector<OutRow> OutOfItem(OrganizationId organization, long long item);
  // Missions booking `item` that are planned, confirmed or in progress (`active_only`; else
  // every status but canceled) and overlap [from, to), soonest first; only those `crew_user` is
  // on when it is not 0.
  [[nodiscard]] std::vector<ScanMission> ScanMissions(OrganizationId organization, long long item,
                                                      const std::string& from,
                                                      const std::string& to, long long crew_user,
                                                      long long limit, bool active_only = true);

  // Labels to print: these items (in this order, unknown ids left out), or every item not
  // retired by category and name when `items` is empty; at most `limit`.
  [[nodiscard]] std::vector<LabelItem> LabelItems(OrganizationId organization,
                                                  const std::vector<long long>& items,
                                                  long long limit);

 private:
  Lease& lease_;
};

}  // namespace planify::store
