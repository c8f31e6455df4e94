#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace planify::domain {

// Items tracked by unit (docs/equipment.md, "Units"): a speaker model with six units, each with
// its own serial number, label and history. The item's counts (owned, out of service, out with
// missions) stay the truth every figure reads; the units say which ones.

enum class Tracking { kStock, kUnit };
[[nodiscard]] std::string_view TrackingName(Tracking tracking);
[[nodiscard]] std::optional<Tracking> ParseTracking(std::string_view name);

// available: on the shelf; out: with a mission; maintenance: out of service (damaged, at the
// repairer, being checked); lost: declared missing on a return; retired: gone from the fleet.
enum class UnitStatus { kAvailable, kOut, kMaintenance, kLost, kRetired };
[[nodiscard]] std::string_view UnitStatusName(UnitStatus status);
[[nodiscard]] std::optional<UnitStatus> ParseUnitStatus(std::string_view name);

struct UnitInput {
  std::string serial_number;  // "" when unknown
  std::string barcode;        // "" for none; unique per organisation across items, kits, units
  std::string notes;
};

// Serial number trimmed, up to 100 printable characters; barcode as NormalizeBarcode keeps it;
// notes up to 1,000 characters (422 naming the field).
[[nodiscard]] Result<UnitInput> ValidateUnit(UnitInput input);

// A unit now, as the checks below need it.
struct UnitNow {
  long long id = 0;
  long long item = 0;
  std::string label;  // "Enceinte PRX815 n° SN-123" or "Enceinte PRX815 (UNI-12)"
  UnitStatus status = UnitStatus::kAvailable;
  std::optional<long long> mission;  // when out
  std::string mission_title;
};

// A unit named in a check-out to `mission`: only a unit on the shelf may go (409 naming the
// mission it is already out with, or why it is unavailable).
[[nodiscard]] Result<void> CheckUnitCheckOut(const UnitNow& unit, long long mission);
// A unit named in a return from `mission`: only a unit out with that mission.
[[nodiscard]] Result<void> CheckUnitReturn(const UnitNow& unit, long long mission);
// Retiring: a unit out or in maintenance must come back first.
[[nodiscard]] Result<void> CheckUnitRetire(const UnitNow& unit);

// The label a unit is known by in messages: its item's name and serial number, else its code.
[[nodiscard]] std::string UnitLabel(const std::string& item_name, const std::string& serial,
                                    long long id);

// `count` units among `candidates` (in their order) that are not in `reserved` (units a batch
// names itself); fewer when not enough remain.
[[nodiscard]] std::vector<long long> PickUnits(const std::vector<long long>& candidates,
                                               const std::vector<long long>& reserved, int count);

}  // namespace planify::domain
