#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "domain/kits.hpp"
#include "jobs/worker.hpp"
#include "store/depots_repository.hpp"
#include "store/files_repository.hpp"
#include "store/kits_repository.hpp"
#include "store/logistics_repository.hpp"
#include "store/units_repository.hpp"

namespace planify::app {

// Where one stock line's units live, depot by depot (the home depot first).
struct ItemStock {
  long long item = 0;
  std::string name;
  int owned = 0;
  int on_shelf = 0;
  struct Site {
    std::optional<long long> id;
    std::string name;  // "" for "no depot"
    int quantity = 0;
    bool home = false;
  };
  std::vector<Site> sites;
};

struct TransferRequest {
  std::optional<long long> from_site;  // nullopt: "no depot" (an item without a home depot)
  std::optional<long long> to_site;
  int quantity = 0;
  std::string notes;
  std::optional<long long> unit = std::nullopt;  // items tracked by unit: the unit moved
};

// A depot's wall display: what leaves and comes back today, what is out, what is in repair.
struct DisplayView {
  std::string organization;
  std::string site;
  std::string time_zone;
  std::string now;
  std::vector<store::DisplayMission> departures;
  std::vector<store::DisplayMission> returns;
  std::vector<store::OutRow> out;
  std::vector<store::MaintenanceRow> maintenance;
};

struct DueCheck {
  long long item = 0;
  std::string name;
  std::string category;
  std::string due_on;  // YYYY-MM-DD
  bool overdue = false;
  bool under_way = false;  // a record is open
};

// The periodic checks due within `within_days` of today in the organisation's zone (or
// overdue), soonest first.
[[nodiscard]] std::vector<DueCheck> MaintenanceDue(store::Lease& lease, OrganizationId org,
                                                   domain::Timestamp now, int within_days);

// The issued display token, shown once.
struct DisplayToken {
  std::string token;
  std::string url;
  std::string created_at;
};

// One unit with its history.
struct UnitView {
  store::UnitRow unit;
  std::vector<store::MovementRow> movements;
  std::vector<store::MaintenanceRow> maintenance;
};

// Kits, stock per depot and transfers, depots' wall displays, periodic checks
// (docs/equipment.md, "Kits, depots and checks"). Another organisation's ids are NOT_FOUND.
class InventoryService {
 public:
  InventoryService(store::Database& db, const Clock& clock, std::string public_url)
      : db_(db), clock_(clock), public_url_(std::move(public_url)) {}

  [[nodiscard]] Result<std::vector<store::KitRow>> Kits(const Principal& actor,
                                                        bool include_archived);
  [[nodiscard]] Result<store::KitRow> Kit(const Principal& actor, long long id);
  [[nodiscard]] Result<store::KitRow> CreateKit(const Principal& actor, const RequestMeta& meta,
                                                domain::KitInput input);
  [[nodiscard]] Result<store::KitRow> UpdateKit(const Principal& actor, const RequestMeta& meta,
                                                long long id, domain::KitInput input);
  [[nodiscard]] Result<void> ArchiveKit(const Principal& actor, const RequestMeta& meta,
                                        long long id, bool archived);

  // Units of an item tracked by unit (docs/equipment.md, "Units"): crew see which units are out,
  // not with which mission when they are not on it.
  [[nodiscard]] Result<std::vector<store::UnitRow>> Units(const Principal& actor, long long item,
                                                          bool include_retired);
  [[nodiscard]] Result<UnitView> Unit(const Principal& actor, long long id);
  // A new unit, on the shelf at the item's home depot (the item's owned count follows); 409 when
  // the item is tracked by stock or the barcode is taken.
  [[nodiscard]] Result<store::UnitRow> CreateUnit(const Principal& actor, const RequestMeta& meta,
                                                  long long item, domain::UnitInput input);
  [[nodiscard]] Result<store::UnitRow> UpdateUnit(const Principal& actor, const RequestMeta& meta,
                                                  long long id, domain::UnitInput input);
  // A unit in maintenance back on the shelf, repaired: its open records are closed as done
  // (409 when it is not in maintenance).
  [[nodiscard]] Result<store::UnitRow> UnitBackInService(const Principal& actor,
                                                         const RequestMeta& meta, long long id);
  // Out of the fleet for good (sold, scrapped): 409 while it is out or in maintenance.
  [[nodiscard]] Result<store::UnitRow> RetireUnit(const Principal& actor, const RequestMeta& meta,
                                                  long long id);

  // Photos of an item (`record` empty) or of one of its maintenance records (docs/equipment.md,
  // "Photos"): PNG, JPEG or WebP, 1 MiB at most, the type read from the bytes. Another
  // organisation's item or record is NOT_FOUND before the bytes are looked at. Set returns the
  // photo's address.
  struct PhotoOf {
    long long item = 0;                              // when `record` is empty
    std::optional<long long> record = std::nullopt;  // a maintenance record
  };
  [[nodiscard]] Result<std::string> SetPhoto(const Principal& actor, const RequestMeta& meta,
                                             const PhotoOf& of, const std::string& bytes);
  [[nodiscard]] Result<void> RemovePhoto(const Principal& actor, const RequestMeta& meta,
                                         const PhotoOf& of);
  [[nodiscard]] Result<store::StoredFile> Photo(const Principal& actor, const PhotoOf& of);

  [[nodiscard]] Result<ItemStock> Stock(const Principal& actor, long long item);
  // Moves units between depots (a journal line, kind transfer), under the planning lock.
  [[nodiscard]] Result<ItemStock> Transfer(const Principal& actor, const RequestMeta& meta,
                                           long long item, const TransferRequest& request);

  // A new display token for the depot (the previous one stops working), or revoked.
  [[nodiscard]] Result<DisplayToken> IssueDisplayToken(const Principal& actor,
                                                       const RequestMeta& meta, long long site);
  [[nodiscard]] Result<void> RevokeDisplayToken(const Principal& actor, const RequestMeta& meta,
                                                long long site);
  // When the depot's current token was issued ("" when none).
  [[nodiscard]] Result<std::string> DisplayTokenIssuedAt(const Principal& actor, long long site);
  // What a display token shows, without a session; NOT_FOUND for an unknown or revoked token.
  [[nodiscard]] Result<DisplayView> Display(const std::string& token);

  // Items whose periodic check falls due within `within_days` (overdue ones included), soonest
  // first.
  [[nodiscard]] Result<std::vector<DueCheck>> DueChecks(const Principal& actor, int within_days);
  // For the daily job: every organisation's checks due today or overdue, e-mailed once a day
  // to its owners, admins and managers. Returns the number of e-mails queued.
  [[nodiscard]] Result<int> NotifyDueChecks();

 private:
  store::Database& db_;
  const Clock& clock_;
  std::string public_url_;
};

// Registers "equipment.checks_due" (scheduled daily at 07:00 Paris).
void RegisterInventoryJobs(jobs::JobRegistry& registry, std::string public_url, const Clock& clock);

}  // namespace planify::app
