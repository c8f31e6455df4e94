#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "domain/units.hpp"
#include "store/database.hpp"

namespace planify::app {

// What holds a barcode in the organisation: an item, a kit or a unit (one code names one thing).
struct CodeHolder {
  std::string kind;  // item, kit, unit
  long long id = 0;
  std::string description;  // "de « Enceinte »", "du kit « Flight DJ »", "de « Enceinte » n° SN-1"
};
[[nodiscard]] std::optional<CodeHolder> FindCodeHolder(store::Lease& lease, OrganizationId org,
                                                       const std::string& code);
// 409 naming the holder when `code` belongs to anything but (`kind`, `self`); "" is always free.
[[nodiscard]] Result<void> RequireFreeCode(store::Lease& lease, OrganizationId org,
                                           const std::string& code, std::string_view kind,
                                           long long self);

// An item tracked by unit: its owned and out-of-service counts and its units kept away from the
// home depot, recomputed from its units (owned: available, out or in maintenance; out of
// service: in maintenance). Its search text follows the units' serial numbers and barcodes.
void SyncUnitCounts(store::Lease& lease, OrganizationId org, long long item,
                    const std::string& now);

// Units in maintenance back on the shelf (condition ok when `repaired`), a maintenance_out line
// each, the counts following.
void BackOnShelf(store::Lease& lease, OrganizationId org, long long item,
                 const std::vector<long long>& units, bool repaired, std::optional<long long> user,
                 const std::string& now);

// Switches the item's tracking (written by the item's update, in the same transaction):
// to units, one unit per unit owned — out with the missions that have units out, in maintenance
// for the out-of-service ones, at the depots holding them; to stock, its units are retired (their
// history stays). Nothing when the tracking does not change.
void SwitchTracking(store::Lease& lease, OrganizationId org, long long item, domain::Tracking from,
                    domain::Tracking to, const std::string& now);

}  // namespace planify::app
