#include "app/equipment/inventory_service.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "app/email/email_service.hpp"
#include "app/equipment/unit_stock.hpp"
#include "app/organization/organization_service.hpp"
#include "domain/billing.hpp"
#include "domain/equipment.hpp"
#include "domain/images.hpp"
#include "domain/local_time.hpp"
#include "domain/validation.hpp"
#include "integrations/crypto/sodium.hpp"
#include "store/accounts_repository.hpp"
#include "store/auth_repository.hpp"
#include "store/logistics_repository.hpp"
#include "store/migrations.hpp"
#include "store/missions_repository.hpp"
#include "store/notifications_repository.hpp"
#include "store/owned_ids.hpp"
#include "store/photos_repository.hpp"
#include "store/planning_repository.hpp"
#include "store/sql_params.hpp"
#include "store/units_repository.hpp"

namespace planify::app {

namespace {

Unexpected NoKit() { return Fail(ErrorCode::kNotFound, "Kit introuvable."); }
Unexpected NoItem() { return Fail(ErrorCode::kNotFound, "Matériel introuvable."); }
Unexpected NoUnit() { return Fail(ErrorCode::kNotFound, "Unité introuvable."); }

// Crew see which units are out, not with which mission when they are not on it.
void MaskMissions(store::Lease& lease, OrganizationId org, const Principal& actor,
                  std::vector<store::UnitRow>& units) {
  if (actor.Can(domain::Permission::kMissionsReadAll)) return;
  store::MissionsRepository missions(lease);
  for (auto& unit : units) {
    if (unit.mission && !missions.IsCrewMember(org, *unit.mission, actor.user.value)) {
      unit.mission.reset();
      unit.mission_title.clear();
    }
  }
}

nlohmann::json UnitAudit(const domain::UnitInput& unit) {
  return {{"serial_number", unit.serial_number}, {"barcode", unit.barcode}};
}

Unexpected NoSite() { return Fail(ErrorCode::kNotFound, "Dépôt introuvable."); }

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The kit's items and depot must be the organisation's (422 naming the field), its barcode
// no other kit's, item's or unit's (409).
Result<void> CheckKitRefs(store::Lease& lease, OrganizationId org, const domain::KitInput& kit,
                          long long self) {
  store::OwnedIds refs;
  refs.Add(store::Owned::kStorageSite, "storage_site_id", kit.storage_site);
  for (std::size_t i = 0; i < kit.items.size(); ++i) {
    refs.Add(store::Owned::kEquipmentItem, "items[" + std::to_string(i) + "].item_id",
             kit.items[i].item);
  }
  if (auto ok = refs.Require(lease, org); !ok) return ok;
  return RequireFreeCode(lease, org, kit.barcode, "kit", self);
}

nlohmann::json KitAudit(const domain::KitInput& kit) {
  auto items = nlohmann::json::array();
  for (const auto& c : kit.items) items.push_back({{"item_id", c.item}, {"quantity", c.quantity}});
  return {{"name", kit.name}, {"barcode", kit.barcode}, {"items", items}};
}

std::string SiteName(store::Lease& lease, OrganizationId org, std::optional<long long> site) {
  if (!site) return "";
  auto row = store::PlacesRepository(lease, store::PlaceKind::kStorageSite).Find(org, *site);
  return row ? row->place.name : "";
}

ItemStock StockOf(store::Lease& lease, OrganizationId org, const store::EquipmentRow& row) {
  store::LogisticsRepository logistics(lease);
  ItemStock stock;
  stock.item = row.id;
  stock.name = row.item.name;
  stock.owned = row.item.quantity_owned;
  if (auto now = logistics.Item(org, row.id)) stock.on_shelf = domain::OnShelf(*now);
  auto by_site = domain::StockBySite(row.item.quantity_owned, row.item.storage_site,
                                     store::DepotsRepository(lease).Away(org, row.id));
  for (const auto& s : by_site) {
    stock.sites.push_back(
        {s.site, SiteName(lease, org, s.site), s.quantity, s.site == row.item.storage_site});
  }
  return stock;
}

// The local day holding `now` in `zone`, as [start, end) instants.
std::pair<domain::Timestamp, domain::Timestamp> LocalDay(const std::string& zone,
                                                         domain::Timestamp now) {
  const auto local = now + domain::UtcOffset(zone, now);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::local_seconds start{day.time_since_epoch()};
  return {domain::FromLocal(zone, start), domain::FromLocal(zone, start + std::chrono::days(1))};
}

std::chrono::year_month_day LocalDate(const std::string& zone, domain::Timestamp now) {
  return std::chrono::year_month_day{
      std::chrono::floor<std::chrono::days>(now + domain::UtcOffset(zone, now))};
}

}  // namespace

std::vector<DueCheck> MaintenanceDue(store::Lease& lease, OrganizationId org, domain::Timestamp now,
                                     int within_days) {
  const auto zone = store::PlanningRepository(lease).Settings(org).time_zone;
  const auto today = LocalDate(zone, now);
  const auto horizon = std::chrono::sys_days{today} + std::chrono::days(within_days);
  std::vector<DueCheck> out;
  for (const auto& c : store::DepotsRepository(lease).CheckCandidates(org)) {
    domain::CheckPlan plan;
    plan.interval_days = c.interval_days;
    plan.next_due_on = domain::ParseIsoDate(c.next_due_on);
    if (c.last_check_on.size() >= 10)
      plan.last_check_on = domain::ParseIsoDate(c.last_check_on.substr(0, 10));
    if (c.created_at.size() >= 10) {
      plan.created_on = domain::ParseIsoDate(c.created_at.substr(0, 10)).value_or(today);
    } else {
      plan.created_on = today;
    }
    auto due = domain::CheckDueOn(plan);
    if (!due || std::chrono::sys_days{*due} > horizon) continue;
    out.push_back({c.item, c.name, c.category, domain::FormatIsoDate(*due),
                   std::chrono::sys_days{*due} < std::chrono::sys_days{today}, c.open_record});
  }
  std::sort(out.begin(), out.end(), [](const DueCheck& a, const DueCheck& b) {
    return std::tie(a.due_on, a.name, a.item) < std::tie(b.due_on, b.name, b.item);
  });
  return out;
}

Result<std::vector<store::KitRow>> InventoryService::Kits(const Principal& actor,
                                                          bool include_archived) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::vector<store::KitRow>> {
    return store::KitsRepository(lease).List(*actor.organization, include_archived);
  });
}

Result<store::KitRow> InventoryService::Kit(const Principal& actor, long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::KitRow> {
    auto row = store::KitsRepository(lease).Find(*actor.organization, id);
    if (!row) return NoKit();
    return *row;
  });
}

Result<store::KitRow> InventoryService::CreateKit(const Principal& actor, const RequestMeta& meta,
                                                  domain::KitInput input) {
  auto valid = domain::ValidateKit(std::move(input));
  if (!valid) return Fail(std::move(valid).error());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::KitRow> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    if (auto ok = CheckKitRefs(lease, org, *valid, 0); !ok) return Fail(ok.error());
    store::KitsRepository kits(lease);
    const long long id = kits.Insert(org, *valid, now);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "kit.created", "kit", std::to_string(id), Dump(KitAudit(*valid)),
          now);
    auto row = kits.Find(org, id);
    tx.Commit();
    return *row;
  });
}

Result<store::KitRow> InventoryService::UpdateKit(const Principal& actor, const RequestMeta& meta,
                                                  long long id, domain::KitInput input) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::KitRow> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::KitsRepository kits(lease);
    if (!kits.Find(org, id)) return NoKit();
    auto valid = domain::ValidateKit(std::move(input));
    if (!valid) return Fail(std::move(valid).error());
    if (auto ok = CheckKitRefs(lease, org, *valid, id); !ok) return Fail(ok.error());
    kits.Update(org, id, *valid, now);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "kit.updated", "kit", std::to_string(id), Dump(KitAudit(*valid)),
          now);
    auto row = kits.Find(org, id);
    tx.Commit();
    return *row;
  });
}

Result<void> InventoryService::ArchiveKit(const Principal& actor, const RequestMeta& meta,
                                          long long id, bool archived) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    if (!store::KitsRepository(lease).SetArchived(org, id, archived, now)) return NoKit();
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, archived ? "kit.archived" : "kit.restored", "kit", std::to_string(id),
          "{}", now);
    tx.Commit();
    return {};
  });
}

Result<std::vector<store::UnitRow>> InventoryService::Units(const Principal& actor, long long item,
                                                            bool include_retired) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::vector<store::UnitRow>> {
    const auto org = *actor.organization;
    if (!store::EquipmentRepository(lease).Find(org, item)) return NoItem();
    auto units = store::UnitsRepository(lease).OfItem(org, item, include_retired);
    MaskMissions(lease, org, actor, units);
    return units;
  });
}

Result<UnitView> InventoryService::Unit(const Principal& actor, long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<UnitView> {
    const auto org = *actor.organization;
    auto unit = store::UnitsRepository(lease).Find(org, id);
    if (!unit) return NoUnit();
    std::vector<store::UnitRow> one{*unit};
    MaskMissions(lease, org, actor, one);
    store::LogisticsRepository logistics(lease);
    UnitView view{one.front(), logistics.UnitMovements(org, id),
                  logistics.UnitMaintenance(org, id)};
    if (!actor.Can(domain::Permission::kMissionsReadAll)) {
      // The journal names missions: crew see their own.
      store::MissionsRepository missions(lease);
      for (auto& m : view.movements) {
        if (m.mission && !missions.IsCrewMember(org, *m.mission, actor.user.value)) {
          m.mission.reset();
          m.mission_title.clear();
        }
      }
    }
    return view;
  });
}

Result<store::UnitRow> InventoryService::CreateUnit(const Principal& actor, const RequestMeta& meta,
                                                    long long item, domain::UnitInput input) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::UnitRow> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::MissionsRepository(lease).LockPlanning(org);
    auto row = store::EquipmentRepository(lease).Find(org, item);
    if (!row) return NoItem();
    auto valid = domain::ValidateUnit(std::move(input));
    if (!valid) return Fail(std::move(valid).error());
    if (row->item.tracking != domain::Tracking::kUnit) {
      return Fail(ErrorCode::kConflict, "« " + row->item.name +
                                            " » est suivi en stock : passez-le au suivi par "
                                            "unité pour lui ajouter des unités.");
    }
    if (auto free = RequireFreeCode(lease, org, valid->barcode, "unit", 0); !free) {
      return Fail(free.error());
    }
    store::UnitsRepository units(lease);
    long long id = units.Insert(org, item, *valid, domain::UnitStatus::kAvailable, std::nullopt,
                                row->item.storage_site, now);
    SyncUnitCounts(lease, org, item, now);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "equipment_unit.created", "equipment_unit", std::to_string(id),
          Dump(UnitAudit(*valid)), now);
    auto unit = units.Find(org, id);
    tx.Commit();
    return *unit;
  });
}

Result<store::UnitRow> InventoryService::UpdateUnit(const Principal& actor, const RequestMeta& meta,
                                                    long long id, domain::UnitInput input) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::UnitRow> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::UnitsRepository units(lease);
    auto unit = units.Find(org, id);
    if (!unit) return NoUnit();
    auto valid = domain::ValidateUnit(std::move(input));
    if (!valid) return Fail(std::move(valid).error());
    if (auto free = RequireFreeCode(lease, org, valid->barcode, "unit", id); !free) {
      return Fail(free.error());
    }
    units.Update(org, id, *valid, now);
    store::EquipmentRepository(lease).RefreshSearch(org, unit->item);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "equipment_unit.updated", "equipment_unit", std::to_string(id),
          Dump(UnitAudit(*valid)), now);
    auto row = units.Find(org, id);
    tx.Commit();
    return *row;
  });
}

Result<store::UnitRow> InventoryService::UnitBackInService(const Principal& actor,
                                                           const RequestMeta& meta, long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::UnitRow> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::MissionsRepository(lease).LockPlanning(org);
    store::UnitsRepository units(lease);
    auto unit = units.Find(org, id);
    if (!unit) return NoUnit();
    if (unit->status != domain::UnitStatus::kMaintenance) {
      return Fail(ErrorCode::kConflict, unit->Now().label + " n'est pas en maintenance.");
    }
    store::LogisticsRepository logistics(lease);
    for (const auto& record : logistics.UnitMaintenance(org, id)) {
      if (record.status == "open") {
        logistics.CloseMaintenance(org, record.id, "done", std::nullopt, "", now);
      }
    }
    BackOnShelf(lease, org, unit->item, {id}, true, actor.user.value, now);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "equipment_unit.back_in_service", "equipment_unit",
          std::to_string(id), "{}", now);
    auto row = units.Find(org, id);
    tx.Commit();
    return *row;
  });
}

Result<store::UnitRow> InventoryService::RetireUnit(const Principal& actor, const RequestMeta& meta,
                                                    long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::UnitRow> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::MissionsRepository(lease).LockPlanning(org);
    store::UnitsRepository units(lease);
    auto unit = units.Find(org, id);
    if (!unit) return NoUnit();
    if (auto ok = domain::CheckUnitRetire(unit->Now()); !ok) return Fail(ok.error());
    units.SetState(org, id, domain::UnitStatus::kRetired, "", std::nullopt, now);
    SyncUnitCounts(lease, org, unit->item, now);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "equipment_unit.retired", "equipment_unit", std::to_string(id), "{}",
          now);
    auto row = units.Find(org, id);
    tx.Commit();
    return *row;
  });
}

namespace {

// The item a photo belongs to (and its record): NOT_FOUND when not in this organisation.
Result<std::pair<long long, std::optional<long long>>> PhotoOwner(
    store::Lease& lease, OrganizationId org, const InventoryService::PhotoOf& of) {
  if (of.record) {
    auto record = store::LogisticsRepository(lease).FindMaintenance(org, *of.record);
    if (!record) return Fail(ErrorCode::kNotFound, "Entretien introuvable.");
    return std::pair<long long, std::optional<long long>>{record->item, of.record};
  }
  if (!store::EquipmentRepository(lease).Find(org, of.item)) return NoItem();
  return std::pair<long long, std::optional<long long>>{of.item, std::nullopt};
}

std::string PhotoUrl(const std::pair<long long, std::optional<long long>>& owner,
                     const std::string& sha) {
  return owner.second ? store::RecordPhotoUrl(*owner.second, sha)
                      : store::ItemPhotoUrl(owner.first, sha);
}

}  // namespace

Result<std::string> InventoryService::SetPhoto(const Principal& actor, const RequestMeta& meta,
                                               const PhotoOf& of, const std::string& bytes) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::string> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    auto owner = PhotoOwner(lease, org, of);
    if (!owner) return Fail(owner.error());
    auto type = domain::CheckUploadedImage(bytes, "photo");
    if (!type) return Fail(type.error());
    const std::string sha = store::Sha256Hex(bytes);
    store::PhotosRepository(lease).Put(org, owner->first, owner->second, *type, bytes, sha, now);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "equipment.photo_changed",
          owner->second ? "maintenance" : "equipment",
          std::to_string(owner->second ? *owner->second : owner->first),
          Dump({{"content_type", *type}, {"size", bytes.size()}}), now);
    tx.Commit();
    return PhotoUrl(*owner, sha);
  });
}

Result<void> InventoryService::RemovePhoto(const Principal& actor, const RequestMeta& meta,
                                           const PhotoOf& of) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    auto owner = PhotoOwner(lease, org, of);
    if (!owner) return Fail(owner.error());
    if (store::PhotosRepository(lease).Remove(org, owner->first, owner->second)) {
      store::AuthRepository audit(lease);
      Audit(audit, actor, meta, "equipment.photo_changed",
            owner->second ? "maintenance" : "equipment",
            std::to_string(owner->second ? *owner->second : owner->first), R"({"removed":true})",
            now);
    }
    tx.Commit();
    return {};
  });
}

Result<store::StoredFile> InventoryService::Photo(const Principal& actor, const PhotoOf& of) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::StoredFile> {
    const auto org = *actor.organization;
    auto owner = PhotoOwner(lease, org, of);
    if (!owner) return Fail(owner.error());
    auto photo = store::PhotosRepository(lease).Find(org, owner->first, owner->second);
    if (!photo) return Fail(ErrorCode::kNotFound, "Aucune photo.");
    return std::move(*photo);
  });
}

Result<ItemStock> InventoryService::Stock(const Principal& actor, long long item) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<ItemStock> {
    const auto org = *actor.organization;
    auto row = store::EquipmentRepository(lease).Find(org, item);
    if (!row) return NoItem();
    return StockOf(lease, org, *row);
  });
}

Result<ItemStock> InventoryService::Transfer(const Principal& actor, const RequestMeta& meta,
                                             long long item, const TransferRequest& request) {
  std::string notes = domain::Trim(request.notes);
  if (notes.size() > 1000) notes.resize(1000);
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<ItemStock> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::MissionsRepository(lease).LockPlanning(org);
    auto row = store::EquipmentRepository(lease).Find(org, item);
    if (!row) return NoItem();
    TransferRequest req = request;
    std::optional<store::UnitRow> unit;
    if (row->item.tracking == domain::Tracking::kUnit) {
      // One unit at a time, from where it is kept.
      if (req.unit) unit = store::UnitsRepository(lease).Find(org, *req.unit);
      if (!unit || unit->item != item || unit->status == domain::UnitStatus::kRetired) {
        return Fail(ErrorCode::kValidation, "Choisissez l'unité à déplacer.",
                    {{"unit_id", req.unit ? "unité introuvable" : "unité requise"}});
      }
      if (unit->status != domain::UnitStatus::kAvailable) {
        return Fail(ErrorCode::kConflict,
                    domain::UnitLabel(unit->item_name, unit->serial_number, unit->id) +
                        " n'est pas en dépôt : seule une unité disponible change de dépôt.");
      }
      req.from_site = unit->storage_site ? unit->storage_site : row->item.storage_site;
      req.quantity = 1;
    } else if (req.unit) {
      return Fail(ErrorCode::kValidation, "Ce matériel est suivi en stock, pas par unité.",
                  {{"unit_id", "suivi en stock"}});
    }
    const auto& asked = req;
    store::OwnedIds refs;
    refs.Add(store::Owned::kStorageSite, "from_site_id", asked.from_site);
    refs.Add(store::Owned::kStorageSite, "to_site_id", asked.to_site);
    if (auto ok = refs.Require(lease, org); !ok) return Fail(ok.error());
    const auto home = row->item.storage_site;
    // "No depot" exists only for an item without a home depot.
    if ((!asked.from_site && home) || (!asked.to_site && home)) {
      return Fail(ErrorCode::kValidation, "Choisissez les dépôts de départ et d'arrivée.",
                  {{asked.from_site ? "to_site_id" : "from_site_id", "dépôt requis"}});
    }
    store::DepotsRepository depots(lease);
    store::LogisticsRepository logistics(lease);
    auto away = depots.Away(org, item);
    auto by_site = domain::StockBySite(row->item.quantity_owned, home, away);
    auto now_item = logistics.Item(org, item);
    const int on_shelf = now_item ? domain::OnShelf(*now_item) : 0;
    if (auto ok = domain::CheckTransfer(by_site, asked.from_site, asked.to_site, asked.quantity,
                                        on_shelf);
        !ok) {
      return Fail(ok.error());
    }
    std::map<long long, int> moved;
    for (const auto& s : away) moved[*s.site] += s.quantity;
    if (asked.from_site && asked.from_site != home) moved[*asked.from_site] -= asked.quantity;
    if (asked.to_site && asked.to_site != home) moved[*asked.to_site] += asked.quantity;
    std::vector<domain::SiteStock> next;
    for (const auto& [site, quantity] : moved) {
      if (quantity > 0) next.push_back({site, quantity});
    }
    depots.SetAway(org, item, next);
    store::NewMovement movement;
    movement.item = item;
    movement.kind = domain::MovementKind::kTransfer;
    movement.quantity = asked.quantity;
    movement.occurred_at = now;
    movement.user = actor.user.value;
    movement.notes = notes;
    movement.from_site = asked.from_site;
    movement.to_site = asked.to_site;
    if (unit) movement.unit = unit->id;
    logistics.Record(org, movement, now);
    if (unit) {
      store::UnitsRepository(lease).SetSite(org, unit->id, asked.to_site, now);
      SyncUnitCounts(lease, org, item, now);
    }
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "equipment.transferred", "equipment", std::to_string(item),
          Dump({{"from_site_id", asked.from_site ? nlohmann::json(*asked.from_site) : nullptr},
                {"to_site_id", asked.to_site ? nlohmann::json(*asked.to_site) : nullptr},
                {"quantity", asked.quantity},
                {"unit_id", unit ? nlohmann::json(unit->id) : nullptr}}),
          now);
    auto stock = StockOf(lease, org, *row);
    tx.Commit();
    return stock;
  });
}

Result<DisplayToken> InventoryService::IssueDisplayToken(const Principal& actor,
                                                         const RequestMeta& meta, long long site) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<DisplayToken> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    DisplayToken token{"dsp_" + integrations::RandomHex(24), "", now};
    if (!store::DepotsRepository(lease).SetToken(org, site, HashToken(token.token), now)) {
      return NoSite();
    }
    token.url = public_url_ + "/affichage/" + token.token;
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "depot.display_issued", "storage_site", std::to_string(site), "{}",
          now);
    tx.Commit();
    return token;
  });
}

Result<void> InventoryService::RevokeDisplayToken(const Principal& actor, const RequestMeta& meta,
                                                  long long site) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    if (!store::DepotsRepository(lease).SetToken(org, site, "", now)) return NoSite();
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "depot.display_revoked", "storage_site", std::to_string(site), "{}",
          now);
    tx.Commit();
    return {};
  });
}

Result<std::string> InventoryService::DisplayTokenIssuedAt(const Principal& actor, long long site) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::string> {
    const auto org = *actor.organization;
    if (!store::PlacesRepository(lease, store::PlaceKind::kStorageSite).Find(org, site)) {
      return NoSite();
    }
    return store::DepotsRepository(lease).TokenCreatedAt(org, site);
  });
}

Result<DisplayView> InventoryService::Display(const std::string& token) {
  // The token's shape first: nothing else reaches the database.
  if (token.size() != 52 || token.rfind("dsp_", 0) != 0 ||
      token.find_first_not_of("0123456789abcdef", 4) != std::string::npos) {
    return Fail(ErrorCode::kNotFound, "Affichage introuvable ou révoqué.");
  }
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<DisplayView> {
    store::DepotsRepository depots(lease);
    auto found = depots.SiteForToken(HashToken(token));
    if (!found) return Fail(ErrorCode::kNotFound, "Affichage introuvable ou révoqué.");
    const auto [org, site] = *found;
    const auto now = clock_.Now();
    DisplayView view;
    view.time_zone = store::PlanningRepository(lease).Settings(org).time_zone;
    view.now = domain::FormatIsoUtc(now);
    if (auto o = store::AccountsRepository(lease).FindOrganization(org))
      view.organization = o->name;
    view.site = SiteName(lease, org, site);
    const auto [start, end] = LocalDay(view.time_zone, now);
    const auto from = domain::FormatIsoUtc(start);
    const auto to = domain::FormatIsoUtc(end);
    view.departures = depots.Missions(org, site, from, to, true);
    view.returns = depots.Missions(org, site, from, to, false);
    store::LogisticsRepository logistics(lease);
    view.out = logistics.OutOfSite(org, site);
    view.maintenance = logistics.OpenMaintenanceOfSite(org, site);
    return view;
  });
}

Result<std::vector<DueCheck>> InventoryService::DueChecks(const Principal& actor, int within_days) {
  if (within_days < 0 || within_days > 366) {
    return Fail(ErrorCode::kValidation, "Horizon de 0 à 366 jours.", {{"within", "de 0 à 366"}});
  }
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::vector<DueCheck>> {
    return MaintenanceDue(lease, *actor.organization, clock_.Now(), within_days);
  });
}

// Each morning, one notification per overdue check and per piece of gear not back in time
// (docs/notifications.md), at most one a week per item and kind.
int NotifyDueAndLate(store::Lease& lease, domain::Timestamp now) {
  const std::string stamp = domain::FormatIsoUtc(now);
  const std::string week_ago = domain::FormatIsoUtc(now - std::chrono::hours(24 * 6));
  std::vector<long long> orgs;
  store::SqlParams q;
  q.ForEachRow(lease, "SELECT id FROM organizations ORDER BY id",
               [&](const soci::row& row) { orgs.push_back(store::GetInt64(row, 0)); });
  int written = 0;
  for (long long id : orgs) {
    const OrganizationId org{id};
    store::NotificationsRepository notifications(lease);
    const auto notify = [&](domain::NotificationKind kind, long long item, nlohmann::json data) {
      if (notifications.NotifiedSince(org, kind, std::to_string(item), week_ago)) return;
      store::NotificationEvent event;
      event.organization = org;
      event.kind = kind;
      event.subject_type = "equipment";
      event.subject_id = std::to_string(item);
      event.data = std::move(data);
      written += store::Notify(lease, event, stamp);
    };
    for (const auto& d : MaintenanceDue(lease, org, now, 0)) {
      if (d.under_way || !d.overdue) continue;
      notify(domain::NotificationKind::kMaintenanceDue, d.item,
             {{"name", d.name}, {"due_on", d.due_on}});
    }
    const auto settings = store::PlanningRepository(lease).Settings(org);
    const auto cutoff = domain::FormatIsoUtc(now - settings.policy.equipment_return);
    for (const auto& out : store::LogisticsRepository(lease).OutSince(org, cutoff)) {
      notify(domain::NotificationKind::kEquipmentLate, out.item,
             {{"name", out.item_name},
              {"ends_at", out.mission_ends_at},
              {"title", out.mission_title}});
    }
  }
  return written;
}

int QueueDueCheckNotices(store::Lease& lease, domain::Timestamp now,
                         const std::string& public_url) {
  const std::string stamp = domain::FormatIsoUtc(now);
  std::vector<long long> orgs;
  store::SqlParams q;
  q.ForEachRow(lease,
               "SELECT DISTINCT organization_id FROM equipment_items WHERE "
               "maintenance_interval_days IS NOT NULL AND status <> 'retired' UNION SELECT "
               "DISTINCT organization_id FROM maintenance_records WHERE next_due_on IS NOT NULL",
               [&](const soci::row& row) { orgs.push_back(store::GetInt64(row, 0)); });
  std::sort(orgs.begin(), orgs.end());
  orgs.erase(std::unique(orgs.begin(), orgs.end()), orgs.end());
  int queued = 0;
  for (long long id : orgs) {
    const OrganizationId org{id};
    auto due = MaintenanceDue(lease, org, now, 0);
    std::erase_if(due, [](const DueCheck& d) { return d.under_way; });
    if (due.empty()) continue;
    std::string summary;
    for (std::size_t i = 0; i < due.size() && i < 20; ++i) {
      if (!summary.empty()) summary += ", ";
      summary += due[i].name + " (" + due[i].due_on + ")";
    }
    if (due.size() > 20) summary += ", …";
    const auto branding = OrganizationBranding(lease, org, public_url);
    std::vector<std::pair<std::string, std::string>> managers;
    store::SqlParams p;
    p.Int("org", id);
    p.ForEachRow(lease,
                 "SELECT u.email, u.display_name FROM memberships ms JOIN users u ON u.id = "
                 "ms.user_id WHERE ms.organization_id = :org AND ms.role IN ('owner', 'admin', "
                 "'manager') AND u.disabled_at IS NULL ORDER BY u.id",
                 [&](const soci::row& row) {
                   managers.emplace_back(row.get<std::string>(0), row.get<std::string>(1));
                 });
    for (const auto& [email, name] : managers) {
      auto mail = QueueTemplatedEmail(lease, org, "equipment.checks_due", "fr", branding,
                                      {{"count", std::to_string(due.size())},
                                       {"items_summary", summary},
                                       {"list_url", public_url + "/materiel?controles=1"}},
                                      email, name, stamp);
      if (mail) ++queued;  // a bad address is skipped, the others still go
    }
  }
  return queued;
}

Result<int> InventoryService::NotifyDueChecks() {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<int> {
    store::WriteTransaction tx(lease);
    const int queued = QueueDueCheckNotices(lease, clock_.Now(), public_url_);
    tx.Commit();
    return queued;
  });
}

void RegisterInventoryJobs(jobs::JobRegistry& registry, std::string public_url,
                           const Clock& clock) {
  registry.Register(
      "equipment.checks_due",
      [public_url, &clock](const store::JobRow&, jobs::JobContext& context) -> Result<void> {
        const auto now = clock.Now();
        return context.CompleteWith([&](store::Lease& lease) {
          (void)QueueDueCheckNotices(lease, now, public_url);
          (void)NotifyDueAndLate(lease, now);
        });
      });
}

}  // namespace planify::app
