#include "app/equipment/unit_stock.hpp"

#include <map>
#include <vector>

#include "store/depots_repository.hpp"
#include "store/kits_repository.hpp"
#include "store/logistics_repository.hpp"
#include "store/planning_repository.hpp"
#include "store/sql_params.hpp"
#include "store/units_repository.hpp"

namespace planify::app {

std::optional<CodeHolder> FindCodeHolder(store::Lease& lease, OrganizationId org,
                                         const std::string& code) {
  if (code.empty()) return std::nullopt;
  if (auto item = store::EquipmentRepository(lease).FindByBarcode(org, code)) {
    return CodeHolder{"item", item->id, "de « " + item->item.name + " »"};
  }
  if (auto kit = store::KitsRepository(lease).FindByBarcode(org, code)) {
    return CodeHolder{"kit", kit->id, "du kit « " + kit->name + " »"};
  }
  if (auto unit = store::UnitsRepository(lease).FindByBarcode(org, code)) {
    return CodeHolder{"unit", unit->id,
                      "de " + domain::UnitLabel(unit->item_name, unit->serial_number, unit->id)};
  }
  return std::nullopt;
}

Result<void> RequireFreeCode(store::Lease& lease, OrganizationId org, const std::string& code,
                             std::string_view kind, long long self) {
  auto holder = FindCodeHolder(lease, org, code);
  if (!holder || (holder->kind == kind && holder->id == self)) return {};
  return Fail(ErrorCode::kConflict, "Ce code-barres est déjà celui " + holder->description + ".",
              {{"barcode", "déjà utilisé"}});
}

void SyncUnitCounts(store::Lease& lease, OrganizationId org, long long item,
                    const std::string& now) {
  store::EquipmentRepository items(lease);
  auto row = items.Find(org, item);
  if (!row) return;
  int owned = 0;
  int out_of_service = 0;
  std::map<long long, int> away;
  for (const auto& unit : store::UnitsRepository(lease).OfItem(org, item, false)) {
    if (unit.status == domain::UnitStatus::kLost) continue;
    ++owned;
    if (unit.status == domain::UnitStatus::kMaintenance) ++out_of_service;
    if (unit.storage_site && unit.storage_site != row->item.storage_site) {
      ++away[*unit.storage_site];
    }
  }
  store::SqlParams p;
  p.Int("org", org.value)
      .Int("id", item)
      .Int("owned", owned)
      .Int("oos", out_of_service)
      .Text("now", now);
  p.Execute(lease,
            "UPDATE equipment_items SET quantity_owned = :owned, quantity_out_of_service = :oos, "
            "updated_at = :now WHERE organization_id = :org AND id = :id");
  std::vector<domain::SiteStock> sites;
  sites.reserve(away.size());
  for (const auto& [site, quantity] : away) sites.push_back({site, quantity});
  store::DepotsRepository(lease).SetAway(org, item, sites);
  items.RefreshSearch(org, item);
}

void BackOnShelf(store::Lease& lease, OrganizationId org, long long item,
                 const std::vector<long long>& units, bool repaired, std::optional<long long> user,
                 const std::string& now) {
  if (units.empty()) return;
  store::UnitsRepository repo(lease);
  store::LogisticsRepository journal(lease);
  for (long long id : units) {
    repo.SetState(org, id, domain::UnitStatus::kAvailable, repaired ? "ok" : "", std::nullopt, now);
    store::NewMovement movement;
    movement.item = item;
    movement.kind = domain::MovementKind::kMaintenanceOut;
    movement.quantity = 1;
    movement.occurred_at = now;
    movement.user = user;
    movement.unit = id;
    journal.Record(org, movement, now);
  }
  SyncUnitCounts(lease, org, item, now);
}

void SwitchTracking(store::Lease& lease, OrganizationId org, long long item, domain::Tracking from,
                    domain::Tracking to, const std::string& now) {
  if (from == to) return;
  store::UnitsRepository units(lease);
  if (to == domain::Tracking::kStock) {
    for (const auto& unit : units.OfItem(org, item, false)) {
      units.SetState(org, unit.id, domain::UnitStatus::kRetired, unit.condition, std::nullopt, now);
    }
    store::EquipmentRepository(lease).RefreshSearch(org, item);
    return;
  }
  auto row = store::EquipmentRepository(lease).Find(org, item);
  if (!row) return;
  // Which depot each new unit is kept at: the away depots' counts first, the home for the rest.
  std::vector<std::optional<long long>> sites;
  for (const auto& s : store::DepotsRepository(lease).Away(org, item)) {
    for (int i = 0; i < s.quantity; ++i) sites.push_back(s.site);
  }
  std::size_t next_site = 0;
  auto site = [&]() -> std::optional<long long> {
    return next_site < sites.size() ? sites[next_site++] : row->item.storage_site;
  };
  int made = 0;
  const int owned = row->item.quantity_owned;
  for (const auto& out : store::LogisticsRepository(lease).OutOfItem(org, item)) {
    for (int i = 0; i < out.quantity && made < owned; ++i, ++made) {
      (void)units.Insert(org, item, {}, domain::UnitStatus::kOut, out.mission, site(), now);
    }
  }
  for (int i = 0; i < row->item.quantity_out_of_service && made < owned; ++i, ++made) {
    (void)units.Insert(org, item, {}, domain::UnitStatus::kMaintenance, std::nullopt, site(), now);
  }
  for (; made < owned; ++made) {
    (void)units.Insert(org, item, {}, domain::UnitStatus::kAvailable, std::nullopt, site(), now);
  }
  SyncUnitCounts(lease, org, item, now);
}

}  // namespace planify::app
