#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/conflicts.hpp"
#include "domain/resources.hpp"
#include "domain/result.hpp"
#include "domain/time.hpp"

namespace planify::domain {

// Equipment logistics (docs/equipment.md): what goes out with a mission, what comes back and
// in which state, and what is lendable over a period. A stock line ("Enceinte JBL PRX815 ×6")
// is counted in units: owned, out of service (at the repairer, damaged), out with missions.

enum class MovementKind {
  kCheckOut,
  kReturn,
  kLoss,
  kFound,
  kMaintenanceIn,
  kMaintenanceOut,
  kTransfer,
};
[[nodiscard]] std::string_view MovementKindName(MovementKind kind);
[[nodiscard]] std::optional<MovementKind> ParseMovementKind(std::string_view name);

// How returned gear came back: ok goes back on the shelf, damaged goes out of service (a
// maintenance record is opened), missing is lost (no longer owned until found).
enum class ReturnCondition { kOk, kDamaged, kMissing };
[[nodiscard]] std::string_view ReturnConditionName(ReturnCondition condition);
[[nodiscard]] std::optional<ReturnCondition> ParseReturnCondition(std::string_view name);

// One stock line now.
struct ItemNow {
  long long id = 0;
  std::string name;
  EquipmentStatus status = EquipmentStatus::kAvailable;
  int owned = 0;
  int out_of_service = 0;
  int out = 0;           // with every mission together
  bool by_unit = false;  // tracked unit by unit (domain/units.hpp)
};

// Units on the shelf now: owned, minus out of service, minus out with missions (never below 0).
[[nodiscard]] int OnShelf(const ItemNow& item);

// The mission gear goes out with or comes back from.
struct MissionNow {
  long long id = 0;
  MissionStatus status = MissionStatus::kPlanned;
  TimeRange when;
  int out_here = 0;  // units of the item this mission has out now
};

// Gear goes out with a mission until this long after it ended; later, it is a mistake
// (a scan on the wrong mission), refused.
inline constexpr std::chrono::hours kCheckOutGraceAfterEnd{48};

// Why a check-out of `quantity` units of `item` to `mission` at `now` is refused (409 with a
// French message), or nothing when it may go: a canceled or draft mission, a mission that
// ended more than 48 hours ago, an item in maintenance or retired, more units than are on the
// shelf. Quantity 1–10,000 (422 otherwise).
[[nodiscard]] Result<void> CheckCheckOut(const ItemNow& item, const MissionNow& mission,
                                         int quantity, Timestamp now);

// Why a return of `quantity` units from `mission` is refused: more than the mission has out
// (including nothing at all). A canceled or finished mission's gear may always come back.
[[nodiscard]] Result<void> CheckReturn(const ItemNow& item, const MissionNow& mission,
                                       int quantity);

// Lost from the depot (stolen, broken beyond repair and thrown away): at most what is on the
// shelf; what is out comes back through its mission's return (condition missing).
[[nodiscard]] Result<void> CheckLoss(const ItemNow& item, int quantity);

// Found again: at most what was lost (owned before the loss is not known here, so the caller
// passes the units lost and not yet found).
[[nodiscard]] Result<void> CheckFound(const ItemNow& item, int lost_not_found, int quantity);

// Into maintenance from the shelf (at most what is on the shelf), back from maintenance (at
// most what is out of service).
[[nodiscard]] Result<void> CheckMaintenanceIn(const ItemNow& item, int quantity);
[[nodiscard]] Result<void> CheckMaintenanceOut(const ItemNow& item, int quantity);

}  // namespace planify::domain
