#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/ids.hpp"
#include "domain/units.hpp"
#include "store/database.hpp"

namespace planify::store {

struct UnitRow {
  long long id = 0;
  long long item = 0;
  std::string item_name;
  std::string serial_number;
  std::string barcode;
  std::string condition;  // ok, damaged
  domain::UnitStatus status = domain::UnitStatus::kAvailable;
  std::optional<long long> storage_site;
  std::string storage_site_name;
  std::optional<long long> mission;  // when out
  std::string mission_title;
  std::string notes;
  std::string created_at;
  std::string updated_at;

  [[nodiscard]] domain::UnitNow Now() const;
};

// The units of items tracked by unit (docs/equipment.md, "Units"). Written in the caller's
// transaction, under the organisation's planning lock, with the item's counts.
class UnitsRepository {
 public:
  explicit UnitsRepository(Lease& lease) : lease_(lease) {}

  [[nodiscard]] long long Insert(OrganizationId organization, long long item,
                                 const domain::UnitInput& unit, domain::UnitStatus status,
                                 std::optional<long long> mission,
                                 std::optional<long long> storage_site, const std::string& now);
  void Update(OrganizationId organization, long long id, const domain::UnitInput& unit,
              const std::string& now);
  // Status, condition ("" keeps it) and the mission it is out with (nullopt unless out).
  void SetState(OrganizationId organization, long long id, domain::UnitStatus status,
                const std::string& condition, std::optional<long long> mission,
                const std::string& now);
  void SetSite(OrganizationId organization, long long id, std::optional<long long> site,
               const std::string& now);
  [[nodiscard]] std::optional<UnitRow> Find(OrganizationId organization, long long id);
  [[nodiscard]] std::optional<UnitRow> FindByBarcode(OrganizationId organization,
                                                     const std::string& barcode);
  // A serial number typed or scanned: the one unit holding it (not retired), if exactly one.
  [[nodiscard]] std::optional<UnitRow> FindBySerial(OrganizationId organization,
                                                    const std::string& serial);
  // The item's units in id order, retired ones only when asked.
  [[nodiscard]] std::vector<UnitRow> OfItem(OrganizationId organization, long long item,
                                            bool include_retired);
  // Units out with the mission, by item then id.
  [[nodiscard]] std::vector<UnitRow> OfMission(OrganizationId organization, long long mission);
  // Ids of the item's units in `status` (and out with `mission` when given), by id: the units a
  // check-out or return by quantity takes.
  [[nodiscard]] std::vector<long long> Candidates(OrganizationId organization, long long item,
                                                  domain::UnitStatus status,
                                                  std::optional<long long> mission,
                                                  long long limit);
  // Ids of the item's units in maintenance that no open record names (put there by counts: a
  // stock line switched to units, a record of the line as a whole), by id, at most `limit`.
  [[nodiscard]] std::vector<long long> InMaintenanceWithoutRecord(OrganizationId organization,
                                                                  long long item, long long limit);
  // How many of the item's units are in `status`.
  [[nodiscard]] int Count(OrganizationId organization, long long item, domain::UnitStatus status);
  // Serial numbers and barcodes of the item's units not retired, for the item's search text.
  [[nodiscard]] std::string SearchText(OrganizationId organization, long long item);

 private:
  Lease& lease_;
};

}  // namespace planify::store
