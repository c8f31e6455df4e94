#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "domain/conflicts.hpp"
#include "domain/equipment.hpp"
#include "store/logistics_repository.hpp"
#include "store/planning_repository.hpp"
#include "store/units_repository.hpp"

namespace planify::app {

// One line of a batch check-out or return ("3 × Enceinte", "1 × Câble, damaged").
struct GearLine {
  long long item = 0;  // when kit is empty
  int quantity = 0;
  domain::ReturnCondition condition = domain::ReturnCondition::kOk;  // returns only
  std::optional<long long> kit = std::nullopt;   // a kit: each of its items, `quantity` times
  std::optional<long long> unit = std::nullopt;  // one unit of an item tracked by unit
};

// A mission's pick list: what it books, what is out, what came back.
struct MissionGear {
  long long mission = 0;
  std::vector<store::MissionGearRow> items;
  std::vector<store::MovementRow> movements;
  std::vector<store::UnitRow> units;  // units out with the mission now
  bool replayed = false;              // an Idempotency-Key already applied: nothing was done again
};

// What a scan of one item offers (docs/equipment.md, "Scanning"): the item, what is on the
// shelf, who has it out, and the missions around now it may go out with or come back from.
struct ScanView {
  store::EquipmentRow item;
  int on_shelf = 0;
  std::vector<store::OutRow> out;  // crew see their own missions' only
  int out_elsewhere = 0;           // units out with missions hidden from crew
  std::vector<store::ScanMission> missions;
  std::vector<store::UnitRow> units;  // items tracked by unit: every unit not retired
};

struct ScanMatch {
  long long item = 0;            // 0 for a kit; the unit's item for a unit
  std::optional<long long> kit;  // a kit's label or barcode
  std::string name;
  std::string matched_by;                        // barcode, label, legacy_label, serial_number
  std::optional<long long> unit = std::nullopt;  // a unit's label, barcode or serial number
};

// An A4 sheet (or label-printer pages) of QR labels.
struct LabelRequest {
  std::vector<long long> items;  // empty (and no kits): every item not retired
  std::vector<long long> kits;
  std::vector<long long> units;
  std::string layout = "3x8";  // 3x8, 4x10, single
  int skip = 0;                // cells already used on the first sheet
};

struct AvailabilityView {
  domain::ItemAvailability figures;
  std::string name;
  std::string category;
};

// Check-out and return of gear with missions, late returns, availability over a period, and
// maintenance (docs/equipment.md). Crew move gear only for missions they are on; another
// organisation's ids, and missions a crew member is not on, are NOT_FOUND. Every movement is
// written under the organisation's planning lock, so two phones scanning the last unit at once
// cannot both take it: the second gets 409.
class LogisticsService {
 public:
  LogisticsService(store::Database& db, const Clock& clock, std::string public_url)
      : db_(db), clock_(clock), public_url_(std::move(public_url)) {}

  // The item a scanned text names (a label URL from any host, a legacy label, "MAT-42", a
  // barcode), and how it was matched; NOT_FOUND when nothing in the organisation matches,
  // VALIDATION when the text cannot be a code.
  [[nodiscard]] Result<ScanMatch> Lookup(const Principal& actor, const std::string& code);
  [[nodiscard]] Result<ScanView> Scan(const Principal& actor, long long item);
  // The item's calendar: the missions booking it over [from, to) (at most 400 days), canceled
  // ones left out; crew see their own missions only.
  [[nodiscard]] Result<std::vector<store::ScanMission>> Calendar(const Principal& actor,
                                                                 long long item,
                                                                 domain::Timestamp from,
                                                                 domain::Timestamp to);
  // The label PDF; VALIDATION for an unknown layout, a skip off the sheet, more than 2,000
  // labels, or ids that name nothing here.
  [[nodiscard]] Result<std::string> Labels(const Principal& actor, const LabelRequest& request);

  [[nodiscard]] Result<MissionGear> Gear(const Principal& actor, long long mission);
  // All lines or none: the first refused line refuses the batch (its field named
  // "items[i].quantity" or "items[i].item_id").
  [[nodiscard]] Result<MissionGear> CheckOut(const Principal& actor, const RequestMeta& meta,
                                             long long mission, const std::vector<GearLine>& lines,
                                             const std::string& notes);
  // ok → back on the shelf; damaged → back, out of service, a repair record opened;
  // missing → no longer owned (until found).
  [[nodiscard]] Result<MissionGear> Return(const Principal& actor, const RequestMeta& meta,
                                           long long mission, const std::vector<GearLine>& lines,
                                           const std::string& notes);
  [[nodiscard]] Result<std::vector<store::MovementRow>> Movements(const Principal& actor,
                                                                  long long item,
                                                                  long long before_id,
                                                                  long long limit);
  // Gear still out after its mission ended plus the return buffer, oldest first.
  [[nodiscard]] Result<std::vector<store::OutRow>> LateReturns(const Principal& actor);
  // Every stock line not retired over [from, to) (at most 366 days).
  [[nodiscard]] Result<std::vector<AvailabilityView>> Availability(const Principal& actor,
                                                                   domain::Timestamp from,
                                                                   domain::Timestamp to);

  // Units lost from the depot (at most what is on the shelf: what is out comes back through its
  // mission's return), or found again (at most what was lost and not found since); for an item
  // tracked by unit, the unit named (on the shelf for a loss, lost for a find). A journal line
  // each; the owned count follows.
  [[nodiscard]] Result<store::EquipmentRow> LossOrFound(const Principal& actor,
                                                        const RequestMeta& meta, long long item,
                                                        bool found, int quantity,
                                                        std::optional<long long> unit,
                                                        const std::string& notes);

  [[nodiscard]] Result<store::MaintenanceRow> OpenMaintenance(const Principal& actor,
                                                              const RequestMeta& meta,
                                                              store::NewMaintenance record);
  // status: done or cancelled; the units go back on the shelf.
  [[nodiscard]] Result<store::MaintenanceRow> CloseMaintenance(
      const Principal& actor, const RequestMeta& meta, long long id, const std::string& status,
      std::optional<long long> cost_cents, const std::string& next_due_on);
  [[nodiscard]] Result<std::vector<store::MaintenanceRow>> Maintenance(const Principal& actor,
                                                                       long long item,
                                                                       bool open_only);

 private:
  store::Database& db_;
  const Clock& clock_;
  std::string public_url_;
};

}  // namespace planify::app
