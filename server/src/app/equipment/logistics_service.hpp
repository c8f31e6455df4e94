#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "domain/conflicts.hpp"
#include "domain/equipment.hpp"
#include "store/logistics_repository.hpp"

namespace planify::app {

// One line of a batch check-out or return ("3 × Enceinte", "1 × Câble, damaged").
struct GearLine {
  long long item = 0;
  int quantity = 0;
  domain::ReturnCondition condition = domain::ReturnCondition::kOk;  // returns only
};

// A mission's pick list: what it books, what is out, what came back.
struct MissionGear {
  long long mission = 0;
  std::vector<store::MissionGearRow> items;
  std::vector<store::MovementRow> movements;
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
  LogisticsService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

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
};

}  // namespace planify::app
