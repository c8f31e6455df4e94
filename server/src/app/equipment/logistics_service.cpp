#include "app/equipment/logistics_service.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "app/equipment/unit_stock.hpp"
#include "domain/billing.hpp"
#include "domain/local_time.hpp"
#include "domain/missions.hpp"
#include "domain/scan_codes.hpp"
#include "domain/units.hpp"
#include "domain/validation.hpp"
#include "integrations/pdf/label_pdf.hpp"
#include "store/accounts_repository.hpp"
#include "store/auth_repository.hpp"
#include "store/depots_repository.hpp"
#include "store/kits_repository.hpp"
#include "store/legacy_import_repository.hpp"
#include "store/missions_repository.hpp"
#include "store/planning_repository.hpp"

namespace planify::app {

namespace {

Unexpected NoMission() { return Fail(ErrorCode::kNotFound, "Mission introuvable."); }
Unexpected NoItem() { return Fail(ErrorCode::kNotFound, "Matériel introuvable."); }

// A line naming an item this organisation does not have: the body is wrong (422), as with
// every id a body carries.
Unexpected UnknownItem(std::size_t line) {
  return Fail(ErrorCode::kValidation, "Matériel introuvable.",
              {{"items[" + std::to_string(line) + "].item_id", "matériel introuvable"}});
}

// A unit named on an item counted by stock (switched back since the unit was labelled).
Unexpected StockTracked(std::size_t line) {
  return Fail(ErrorCode::kValidation, "Ce matériel est suivi en stock, pas par unité.",
              {{"items[" + std::to_string(line) + "].unit_id", "suivi en stock"}});
}

// The mission as the actor may see it: crew only their own missions.
std::optional<store::MissionRow> VisibleMission(store::Lease& lease, const Principal& actor,
                                                long long id) {
  const auto org = *actor.organization;
  store::MissionsRepository missions(lease);
  auto row = missions.Find(org, id);
  if (!row) return std::nullopt;
  if (!actor.Can(domain::Permission::kMissionsReadAll) &&
      !missions.IsCrewMember(org, id, actor.user.value)) {
    return std::nullopt;
  }
  return row;
}

// Crew see which units are out, not with which mission when they are not on it.
void HideOthersMissions(store::MissionsRepository& missions, OrganizationId org,
                        const Principal& actor, std::vector<store::UnitRow>& units) {
  for (auto& unit : units) {
    if (unit.mission && !missions.IsCrewMember(org, *unit.mission, actor.user.value)) {
      unit.mission.reset();
      unit.mission_title.clear();
    }
  }
}

MissionGear GearOf(store::Lease& lease, OrganizationId org, long long mission) {
  store::LogisticsRepository repo(lease);
  return {mission, repo.MissionGear(org, mission), repo.MissionMovements(org, mission),
          store::UnitsRepository(lease).OfMission(org, mission)};
}

// Units lost: the depots other than the home give up what the owned count no longer covers.
void FitStock(store::Lease& lease, OrganizationId org, long long item, int owned) {
  store::DepotsRepository depots(lease);
  auto away = depots.Away(org, item);
  auto fitted = domain::FitAway(owned, away);
  if (fitted.size() != away.size() ||
      !std::equal(fitted.begin(), fitted.end(), away.begin(), [](const auto& a, const auto& b) {
        return a.site == b.site && a.quantity == b.quantity;
      })) {
    depots.SetAway(org, item, fitted);
  }
}

// Names the line of a batch a refusal is about.
Error AtLine(Error error, std::size_t index, const std::string& name,
             const std::string& key = "quantity") {
  const std::string field = "items[" + std::to_string(index) + "]." + key;
  if (error.fields.empty()) {
    error.fields.push_back({field, error.message});
  } else {
    for (auto& f : error.fields) f.field = field;
  }
  if (!name.empty() && error.code == ErrorCode::kValidation)
    error.message = name + " : " + error.message;
  return error;
}

Result<void> CheckLines(const std::vector<GearLine>& lines) {
  if (lines.empty()) {
    return Fail(ErrorCode::kValidation, "Indiquez au moins un matériel.",
                {{"items", "au moins une ligne"}});
  }
  if (lines.size() > 500) {
    return Fail(ErrorCode::kValidation, "500 lignes au plus par mouvement.",
                {{"items", "500 lignes au plus"}});
  }
  return {};
}

// The batch in items, kits expanded (docs/equipment.md, "Kits"); a kit this organisation does
// not have (or archived) refuses the batch on its line (422).
// Each line apart, in order: a refusal names the line that breaks the batch, and two lines of
// one item may come back in different conditions.
Result<std::vector<domain::ExpandedLine>> Expand(store::Lease& lease, OrganizationId org,
                                                 const std::vector<GearLine>& lines) {
  std::vector<long long> kit_ids;
  std::vector<domain::BatchLine> batch;
  for (const auto& l : lines) {
    if (l.kit) kit_ids.push_back(*l.kit);
    batch.push_back({l.item, l.kit, l.quantity});
  }
  auto kits = store::KitsRepository(lease).Components(org, kit_ids);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i].kit) continue;
    if (!kits.contains(*lines[i].kit)) {
      return Fail(ErrorCode::kValidation, "Kit introuvable.",
                  {{"items[" + std::to_string(i) + "].kit_id", "kit introuvable"}});
    }
    if (lines[i].quantity < 1 || lines[i].quantity > 100) {
      return Fail(ErrorCode::kValidation, "De 1 à 100 kits par ligne.",
                  {{"items[" + std::to_string(i) + "].quantity", "de 1 à 100"}});
    }
  }
  std::vector<domain::ExpandedLine> out;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    for (auto part : domain::ExpandKits({batch[i]}, kits)) {
      part.line = i;
      out.push_back(part);
    }
  }
  return out;
}

// Unit lines become lines of their item (one unit each); a unit this organisation does not have
// (or retired), or named twice, refuses the batch on its line (422). `named` collects the units
// the batch names, which lines by quantity then leave alone.
Result<std::vector<GearLine>> ResolveUnits(store::Lease& lease, OrganizationId org,
                                           std::vector<GearLine> lines,
                                           std::vector<long long>& named) {
  store::UnitsRepository units(lease);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto& line = lines[i];
    if (!line.unit) continue;
    const std::string field = "items[" + std::to_string(i) + "].unit_id";
    auto unit = line.kit ? std::nullopt : units.Find(org, *line.unit);
    if (!unit || unit->status == domain::UnitStatus::kRetired) {
      return Fail(ErrorCode::kValidation, "Unité introuvable.", {{field, "unité introuvable"}});
    }
    if (std::find(named.begin(), named.end(), unit->id) != named.end()) {
      return Fail(ErrorCode::kValidation, "Une unité figure deux fois.", {{field, "en double"}});
    }
    named.push_back(unit->id);
    line.item = unit->item;
    line.quantity = 1;
  }
  return lines;
}

// The units a line moves: the one it names, else `quantity` of the item's units in `status`
// (out with `mission` for a return) the batch does not name; 409 when there are too few.
Result<std::vector<long long>> UnitsOfLine(store::UnitsRepository& units, OrganizationId org,
                                           const GearLine& line, const domain::ExpandedLine& part,
                                           domain::UnitStatus status,
                                           std::optional<long long> mission,
                                           const std::vector<long long>& named,
                                           const std::string& name) {
  if (line.unit) return std::vector<long long>{*line.unit};
  auto ids =
      domain::PickUnits(units.Candidates(org, part.item, status, mission,
                                         part.quantity + static_cast<long long>(named.size())),
                        named, part.quantity);
  if (static_cast<int>(ids.size()) < part.quantity) {
    return Fail(
        AtLine(Error{ErrorCode::kConflict,
                     "Les unités de « " + name + " » ne suffisent pas : scannez-les une à une.",
                     {}},
               part.line, name));
  }
  return ids;
}

std::string AuditLines(const std::vector<GearLine>& lines, bool with_condition) {
  auto out = nlohmann::json::array();
  for (const auto& l : lines) {
    nlohmann::json j{{"item_id", l.item}, {"quantity", l.quantity}};
    if (l.kit) j = {{"kit_id", *l.kit}, {"quantity", l.quantity}};
    if (l.unit) j = {{"unit_id", *l.unit}};
    if (with_condition) j["condition"] = domain::ReturnConditionName(l.condition);
    out.push_back(std::move(j));
  }
  return nlohmann::json{{"items", out}}.dump(-1, ' ', false,
                                             nlohmann::json::error_handler_t::replace);
}

std::string CleanNotes(const std::string& notes) {
  std::string out = domain::Trim(notes);
  if (out.size() > 1000) out.resize(1000);
  return out;
}

// An offline scan sent again (docs/pwa.md): false when the request carries no key or a new one;
// true when this key already did this very request (answer what is, apply nothing); VALIDATION
// for a malformed key or one used for another request.
Result<bool> AlreadyApplied(store::LogisticsRepository& repo, const Principal& actor,
                            const RequestMeta& meta, const std::string& scope) {
  const std::string& key = meta.idempotency_key;
  if (key.empty()) return false;
  const bool well_formed =
      key.size() >= 8 && key.size() <= 100 && std::all_of(key.begin(), key.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
      });
  if (!well_formed) {
    return Fail(ErrorCode::kValidation, "Clé d'idempotence invalide.",
                {{"Idempotency-Key", "8 à 100 caractères : lettres, chiffres, - et _."}});
  }
  auto used = repo.IdempotentScope(*actor.organization, actor.user, key);
  if (!used) return false;
  if (*used != scope) {
    return Fail(ErrorCode::kValidation, "Cette clé a déjà servi pour une autre demande.",
                {{"Idempotency-Key", "Déjà utilisée pour une autre demande."}});
  }
  return true;
}

}  // namespace

Result<MissionGear> LogisticsService::Gear(const Principal& actor, long long mission) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<MissionGear> {
    if (!VisibleMission(lease, actor, mission)) return NoMission();
    return GearOf(lease, *actor.organization, mission);
  });
}

Result<MissionGear> LogisticsService::CheckOut(const Principal& actor, const RequestMeta& meta,
                                               long long mission,
                                               const std::vector<GearLine>& lines,
                                               const std::string& notes) {
  if (auto ok = CheckLines(lines); !ok) return Fail(ok.error());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<MissionGear> {
    const auto org = *actor.organization;
    const auto now = clock_.Now();
    const std::string stamp = domain::FormatIsoUtc(now);
    store::WriteTransaction tx(lease);
    store::MissionsRepository(lease).LockPlanning(org);
    auto row = VisibleMission(lease, actor, mission);
    if (!row) return NoMission();
    store::LogisticsRepository repo(lease);
    const std::string scope = "gear.check_out:" + std::to_string(mission);
    auto seen = AlreadyApplied(repo, actor, meta, scope);
    if (!seen) return Fail(seen.error());
    if (*seen) {
      auto gear = GearOf(lease, org, mission);
      gear.replayed = true;
      return gear;
    }
    store::UnitsRepository units(lease);
    std::vector<long long> named;
    auto resolved = ResolveUnits(lease, org, lines, named);
    if (!resolved) return Fail(resolved.error());
    auto expanded = Expand(lease, org, *resolved);
    if (!expanded) return Fail(expanded.error());
    for (const auto& line : *expanded) {
      auto item = repo.Item(org, line.item);
      if (!item) {
        return UnknownItem(line.line);
      }
      const auto& source = (*resolved)[line.line];
      if (source.unit && !item->by_unit) return StockTracked(line.line);
      if (source.unit) {
        // A unit already out names the mission it is with, whatever the other units do.
        if (auto ok = domain::CheckUnitCheckOut(units.Find(org, *source.unit)->Now(), mission);
            !ok) {
          return Fail(AtLine(ok.error(), line.line, item->name, "unit_id"));
        }
      }
      domain::MissionNow m{mission,
                           row->mission.status,
                           {row->mission.starts_at, row->mission.ends_at},
                           repo.OutWith(org, mission, line.item)};
      if (auto ok = domain::CheckCheckOut(*item, m, line.quantity, now); !ok) {
        return Fail(AtLine(ok.error(), line.line, item->name));
      }
      repo.MoveOut(org, mission, line.item, line.quantity, stamp);
      store::NewMovement movement{
          line.item,        mission,           domain::MovementKind::kCheckOut,
          line.quantity,    std::nullopt,      stamp,
          actor.user.value, CleanNotes(notes), line.kit,
          std::nullopt,     std::nullopt};
      if (!item->by_unit) {
        repo.Record(org, movement, stamp);
        continue;
      }
      auto ids = UnitsOfLine(units, org, source, line, domain::UnitStatus::kAvailable, std::nullopt,
                             named, item->name);
      if (!ids) return Fail(ids.error());
      movement.quantity = 1;
      for (long long id : *ids) {
        units.SetState(org, id, domain::UnitStatus::kOut, "", mission, stamp);
        movement.unit = id;
        repo.Record(org, movement, stamp);
      }
    }
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "equipment.checked_out", "mission", std::to_string(mission),
          AuditLines(lines, false), stamp);
    if (!meta.idempotency_key.empty()) {
      repo.RememberIdempotent(org, actor.user, meta.idempotency_key, scope, stamp);
    }
    auto gear = GearOf(lease, org, mission);
    tx.Commit();
    return gear;
  });
}

Result<MissionGear> LogisticsService::Return(const Principal& actor, const RequestMeta& meta,
                                             long long mission, const std::vector<GearLine>& lines,
                                             const std::string& notes) {
  if (auto ok = CheckLines(lines); !ok) return Fail(ok.error());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<MissionGear> {
    const auto org = *actor.organization;
    const std::string stamp = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::MissionsRepository(lease).LockPlanning(org);
    auto row = VisibleMission(lease, actor, mission);
    if (!row) return NoMission();
    store::LogisticsRepository repo(lease);
    const std::string scope = "gear.return:" + std::to_string(mission);
    auto seen = AlreadyApplied(repo, actor, meta, scope);
    if (!seen) return Fail(seen.error());
    if (*seen) {
      auto gear = GearOf(lease, org, mission);
      gear.replayed = true;
      return gear;
    }
    const std::string note = CleanNotes(notes);
    store::UnitsRepository units(lease);
    std::vector<long long> named;
    auto resolved = ResolveUnits(lease, org, lines, named);
    if (!resolved) return Fail(resolved.error());
    auto expanded = Expand(lease, org, *resolved);
    if (!expanded) return Fail(expanded.error());
    for (const auto& part : *expanded) {
      const auto condition = lines[part.line].condition;
      auto item = repo.Item(org, part.item);
      if (!item) {
        return UnknownItem(part.line);
      }
      const auto& source = (*resolved)[part.line];
      if (source.unit && !item->by_unit) return StockTracked(part.line);
      if (source.unit) {
        if (auto ok = domain::CheckUnitReturn(units.Find(org, *source.unit)->Now(), mission); !ok) {
          return Fail(AtLine(ok.error(), part.line, item->name, "unit_id"));
        }
      }
      domain::MissionNow m{mission,
                           row->mission.status,
                           {row->mission.starts_at, row->mission.ends_at},
                           repo.OutWith(org, mission, part.item)};
      if (auto ok = domain::CheckReturn(*item, m, part.quantity); !ok) {
        return Fail(AtLine(ok.error(), part.line, item->name));
      }
      repo.MoveOut(org, mission, part.item, -part.quantity, stamp);
      store::NewMovement movement{part.item,        mission,     domain::MovementKind::kReturn,
                                  part.quantity,    condition,   stamp,
                                  actor.user.value, note,        part.kit,
                                  std::nullopt,     std::nullopt};
      if (item->by_unit) {
        auto ids = UnitsOfLine(units, org, source, part, domain::UnitStatus::kOut, mission, named,
                               item->name);
        if (!ids) return Fail(ids.error());
        movement.quantity = 1;
        for (long long id : *ids) {
          movement.unit = id;
          repo.Record(org, movement, stamp);
          if (condition == domain::ReturnCondition::kOk) {
            units.SetState(org, id, domain::UnitStatus::kAvailable, "ok", std::nullopt, stamp);
          } else if (condition == domain::ReturnCondition::kDamaged) {
            units.SetState(org, id, domain::UnitStatus::kMaintenance, "damaged", std::nullopt,
                           stamp);
            store::NewMaintenance record{
                part.item, "repair",         1,    note.empty() ? "Retour abîmé" : note, "", "",
                mission,   actor.user.value, stamp};
            record.unit = id;
            repo.OpenMaintenance(org, record);
          } else {
            units.SetState(org, id, domain::UnitStatus::kLost, "", std::nullopt, stamp);
          }
        }
        SyncUnitCounts(lease, org, part.item, stamp);
        continue;
      }
      repo.Record(org, movement, stamp);
      if (condition == domain::ReturnCondition::kDamaged) {
        repo.Adjust(org, part.item, 0, part.quantity, stamp);
        repo.OpenMaintenance(
            org, {part.item, "repair", part.quantity, note.empty() ? "Retour abîmé" : note, "", "",
                  mission, actor.user.value, stamp});
      } else if (condition == domain::ReturnCondition::kMissing) {
        // No longer owned; out-of-service units stay within what is left.
        const int oos_cut = std::max(0, item->out_of_service - (item->owned - part.quantity));
        repo.Adjust(org, part.item, -part.quantity, -oos_cut, stamp);
        FitStock(lease, org, part.item, item->owned - part.quantity);
      }
    }
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "equipment.returned", "mission", std::to_string(mission),
          AuditLines(lines, true), stamp);
    if (!meta.idempotency_key.empty()) {
      repo.RememberIdempotent(org, actor.user, meta.idempotency_key, scope, stamp);
    }
    auto gear = GearOf(lease, org, mission);
    tx.Commit();
    return gear;
  });
}

Result<std::vector<store::MovementRow>> LogisticsService::Movements(const Principal& actor,
                                                                    long long item,
                                                                    long long before_id,
                                                                    long long limit) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::vector<store::MovementRow>> {
    const auto org = *actor.organization;
    store::LogisticsRepository repo(lease);
    if (!repo.Item(org, item)) return NoItem();
    return repo.Movements(org, item, before_id, std::clamp<long long>(limit, 1, 200));
  });
}

Result<std::vector<store::OutRow>> LogisticsService::LateReturns(const Principal& actor) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::vector<store::OutRow>> {
    const auto org = *actor.organization;
    auto settings = store::PlanningRepository(lease).Settings(org);
    auto cutoff = clock_.Now() - settings.policy.equipment_return;
    return store::LogisticsRepository(lease).OutSince(org, domain::FormatIsoUtc(cutoff));
  });
}

Result<std::vector<AvailabilityView>> LogisticsService::Availability(const Principal& actor,
                                                                     domain::Timestamp from,
                                                                     domain::Timestamp to) {
  if (!(from < to) || to - from > std::chrono::hours(24 * 366)) {
    return Fail(ErrorCode::kValidation,
                "La période doit aller de « from » à « to », un an au plus.",
                {{"to", "après from, un an au plus"}});
  }
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::vector<AvailabilityView>> {
    const auto org = *actor.organization;
    const auto settings = store::PlanningRepository(lease).Settings(org);
    const auto& policy = settings.policy;
    auto booked = store::MissionsRepository(lease).Booked(org, from - policy.equipment_return,
                                                          to + policy.equipment_prep);
    store::EquipmentRepository equipment(lease);
    auto page = equipment.List(org, "", "", false, 100000, 0);
    std::vector<long long> ids;
    ids.reserve(page.items.size());
    for (const auto& row : page.items) ids.push_back(row.id);
    // Units at the repairer expected back by the period's first day are counted on.
    const std::string first_day =
        domain::FormatIsoUtc(from + domain::UtcOffset(settings.time_zone, from)).substr(0, 10);
    auto stock = equipment.Stock(org, ids, first_day);
    std::map<long long, const store::EquipmentRow*> rows;
    for (const auto& row : page.items) rows[row.id] = &row;
    auto figures = domain::Availability(
        {from, to}, booked, stock, store::LogisticsRepository(lease).Unreturned(org, {}), policy);
    std::vector<AvailabilityView> out;
    out.reserve(figures.size());
    for (auto& f : figures) {
      const auto* row = rows[f.item];
      out.push_back({f, row->item.name, row->item.category});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return std::tie(a.name, a.figures.item) < std::tie(b.name, b.figures.item);
    });
    return out;
  });
}

Result<store::EquipmentRow> LogisticsService::LossOrFound(const Principal& actor,
                                                          const RequestMeta& meta, long long id,
                                                          bool found, int quantity,
                                                          std::optional<long long> unit_id,
                                                          const std::string& notes) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::EquipmentRow> {
    const auto org = *actor.organization;
    const std::string stamp = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::MissionsRepository(lease).LockPlanning(org);
    store::LogisticsRepository repo(lease);
    auto item = repo.Item(org, id);
    if (!item) return NoItem();
    store::NewMovement movement{id,
                                std::nullopt,
                                found ? domain::MovementKind::kFound : domain::MovementKind::kLoss,
                                quantity,
                                std::nullopt,
                                stamp,
                                actor.user.value,
                                CleanNotes(notes),
                                std::nullopt,
                                std::nullopt,
                                std::nullopt};
    if (item->by_unit) {
      store::UnitsRepository units(lease);
      auto unit = unit_id ? units.Find(org, *unit_id) : std::nullopt;
      if (!unit || unit->item != id || unit->status == domain::UnitStatus::kRetired) {
        return Fail(ErrorCode::kValidation, "Choisissez l'unité.",
                    {{"unit_id", unit_id ? "unité introuvable" : "unité requise"}});
      }
      const auto needed = found ? domain::UnitStatus::kLost : domain::UnitStatus::kAvailable;
      if (unit->status != needed) {
        return Fail(ErrorCode::kConflict,
                    unit->Now().label + (found ? " n'est pas déclarée perdue."
                                               : " n'est pas en dépôt : ce qui est sorti rentre "
                                                 "par le retour de sa mission."));
      }
      units.SetState(org, unit->id,
                     found ? domain::UnitStatus::kAvailable : domain::UnitStatus::kLost, "",
                     std::nullopt, stamp);
      movement.quantity = 1;
      movement.unit = unit->id;
      repo.Record(org, movement, stamp);
      SyncUnitCounts(lease, org, id, stamp);
    } else {
      if (unit_id) {
        return Fail(ErrorCode::kValidation, "Ce matériel est suivi en stock, pas par unité.",
                    {{"unit_id", "suivi en stock"}});
      }
      auto ok = found ? domain::CheckFound(*item, repo.LostNotFound(org, id), quantity)
                      : domain::CheckLoss(*item, quantity);
      if (!ok) return Fail(ok.error());
      repo.Record(org, movement, stamp);
      repo.Adjust(org, id, found ? quantity : -quantity, 0, stamp);
      if (!found) FitStock(lease, org, id, item->owned - quantity);
    }
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, found ? "equipment.found" : "equipment.lost", "equipment",
          std::to_string(id),
          nlohmann::json{{"quantity", movement.quantity},
                         {"unit_id", unit_id ? nlohmann::json(*unit_id) : nullptr}}
              .dump(),
          stamp);
    auto row = store::EquipmentRepository(lease).Find(org, id);
    tx.Commit();
    return *row;
  });
}

Result<store::MaintenanceRow> LogisticsService::OpenMaintenance(const Principal& actor,
                                                                const RequestMeta& meta,
                                                                store::NewMaintenance record) {
  std::vector<FieldError> fields;
  if (record.kind != "repair" && record.kind != "check" && record.kind != "cleaning" &&
      record.kind != "other") {
    fields.push_back({"kind", "repair, check, cleaning ou other"});
  }
  record.description = domain::Trim(record.description);
  record.vendor_name = domain::Trim(record.vendor_name);
  if (record.description.size() > 2000)
    fields.push_back({"description", "2 000 caractères au plus"});
  if (record.vendor_name.size() > 200) fields.push_back({"vendor_name", "200 caractères au plus"});
  if (!record.next_due_on.empty() && !domain::ParseIsoDate(record.next_due_on)) {
    fields.push_back({"next_due_on", "date AAAA-MM-JJ"});
  }
  if (!record.expected_back_on.empty()) {
    // Back from the repairer on a day to come (today counts).
    const std::string today = domain::FormatIsoUtc(clock_.Now()).substr(0, 10);
    if (!domain::ParseIsoDate(record.expected_back_on)) {
      fields.push_back({"expected_back_on", "date AAAA-MM-JJ"});
    } else if (record.expected_back_on < today) {
      fields.push_back({"expected_back_on", "date passée"});
    }
  }
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::MaintenanceRow> {
    const auto org = *actor.organization;
    const std::string stamp = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::MissionsRepository(lease).LockPlanning(org);
    store::LogisticsRepository repo(lease);
    auto item = repo.Item(org, record.item);
    if (!item) return NoItem();  // before the body's errors: another organisation's item is 404
    if (!fields.empty()) {
      return Fail(ErrorCode::kValidation, "Entretien invalide.", std::move(fields));
    }
    store::UnitsRepository units(lease);
    if (item->by_unit) {
      // A unit at a time: the one at the repairer.
      auto unit = record.unit ? units.Find(org, *record.unit) : std::nullopt;
      if (!unit || unit->item != record.item || unit->status == domain::UnitStatus::kRetired) {
        return Fail(ErrorCode::kValidation, "Choisissez l'unité qui part en maintenance.",
                    {{"unit_id", record.unit ? "unité introuvable" : "unité requise"}});
      }
      if (unit->status != domain::UnitStatus::kAvailable) {
        return Fail(ErrorCode::kConflict, unit->Now().label +
                                              " n'est pas en dépôt : elle ne peut pas partir en "
                                              "maintenance.");
      }
      record.quantity = 1;
    } else if (record.unit) {
      return Fail(ErrorCode::kValidation, "Ce matériel est suivi en stock, pas par unité.",
                  {{"unit_id", "suivi en stock"}});
    }
    if (auto ok = domain::CheckMaintenanceIn(*item, record.quantity); !ok) {
      return Fail(AtLine(ok.error(), 0, item->name));
    }
    record.mission.reset();
    record.user = actor.user.value;
    record.now = stamp;
    long long id = repo.OpenMaintenance(org, record);
    store::NewMovement movement{
        record.item,      std::nullopt,       domain::MovementKind::kMaintenanceIn,
        record.quantity,  std::nullopt,       stamp,
        actor.user.value, record.description, std::nullopt,
        std::nullopt,     std::nullopt};
    movement.unit = record.unit;
    repo.Record(org, movement, stamp);
    if (record.unit) {
      units.SetState(org, *record.unit, domain::UnitStatus::kMaintenance, "", std::nullopt, stamp);
      SyncUnitCounts(lease, org, record.item, stamp);
    } else {
      repo.Adjust(org, record.item, 0, record.quantity, stamp);
    }
    store::AuthRepository audit(lease);
    Audit(
        audit, actor, meta, "maintenance.opened", "equipment", std::to_string(record.item),
        nlohmann::json{{"record", id}, {"kind", record.kind}, {"quantity", record.quantity}}.dump(),
        stamp);
    auto row = repo.FindMaintenance(org, id);
    tx.Commit();
    return *row;
  });
}

Result<store::MaintenanceRow> LogisticsService::CloseMaintenance(
    const Principal& actor, const RequestMeta& meta, long long id, const std::string& status,
    std::optional<long long> cost_cents, const std::string& next_due_on) {
  std::vector<FieldError> fields;
  if (status != "done" && status != "cancelled") fields.push_back({"status", "done ou cancelled"});
  if (cost_cents && (*cost_cents < 0 || *cost_cents > 100000000000LL)) {
    fields.push_back({"cost_cents", "entre 0 et 1 000 000 000,00 €"});
  }
  if (!next_due_on.empty() && !domain::ParseIsoDate(next_due_on)) {
    fields.push_back({"next_due_on", "date AAAA-MM-JJ"});
  }
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::MaintenanceRow> {
    const auto org = *actor.organization;
    const std::string stamp = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::MissionsRepository(lease).LockPlanning(org);
    store::LogisticsRepository repo(lease);
    auto record = repo.FindMaintenance(org, id);
    if (!record) return Fail(ErrorCode::kNotFound, "Entretien introuvable.");
    if (!fields.empty()) {
      return Fail(ErrorCode::kValidation, "Clôture d'entretien invalide.", std::move(fields));
    }
    if (record->status != "open") {
      return Fail(ErrorCode::kConflict, "Cet entretien est déjà clos.");
    }
    auto item = repo.Item(org, record->item);
    if (!item) return NoItem();
    repo.CloseMaintenance(org, id, status, cost_cents, next_due_on, stamp);
    if (item->by_unit) {
      // The record's unit, or (a record of the line as a whole) units in maintenance no record
      // names, back on the shelf; repaired when the record is done.
      store::UnitsRepository units(lease);
      std::vector<long long> back;
      if (record->unit) {
        auto unit = units.Find(org, *record->unit);
        if (unit && unit->status == domain::UnitStatus::kMaintenance) back.push_back(unit->id);
      } else {
        back = units.InMaintenanceWithoutRecord(org, record->item, record->quantity);
      }
      BackOnShelf(lease, org, record->item, back, status == "done", actor.user.value, stamp);
    }
    // Units declared out of service by hand since may have been edited away: give back what
    // is still counted.
    const int back = item->by_unit ? 0 : std::min(record->quantity, item->out_of_service);
    if (back > 0) {
      repo.Adjust(org, record->item, 0, -back, stamp);
      repo.Record(
          org,
          {record->item, std::nullopt, domain::MovementKind::kMaintenanceOut, back, std::nullopt,
           stamp, actor.user.value, "", std::nullopt, std::nullopt, std::nullopt},
          stamp);
    }
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "maintenance.closed", "equipment", std::to_string(record->item),
          nlohmann::json{{"record", id}, {"status", status}}.dump(), stamp);
    auto row = repo.FindMaintenance(org, id);
    tx.Commit();
    return *row;
  });
}

Result<std::vector<store::MaintenanceRow>> LogisticsService::Maintenance(const Principal& actor,
                                                                         long long item,
                                                                         bool open_only) {
  return store::WithLease(
      db_, [&](store::Lease& lease) -> Result<std::vector<store::MaintenanceRow>> {
        return store::LogisticsRepository(lease).Maintenance(*actor.organization, item, open_only);
      });
}

Result<ScanMatch> LogisticsService::Lookup(const Principal& actor, const std::string& text) {
  auto code = domain::ParseScanCode(text);
  if (!code) {
    return Fail(ErrorCode::kValidation, "Code illisible : 1 à 500 caractères imprimables.",
                {{"code", "1 à 500 caractères imprimables"}});
  }
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<ScanMatch> {
    const auto org = *actor.organization;
    store::EquipmentRepository items(lease);
    // A barcode first: a maker's code may look like anything, "MAT-12" included.
    store::KitsRepository kits(lease);
    store::UnitsRepository units(lease);
    if (auto barcode = domain::NormalizeBarcode(text)) {
      if (auto row = items.FindByBarcode(org, *barcode)) {
        return ScanMatch{row->id, std::nullopt, row->item.name, "barcode"};
      }
      if (auto kit = kits.FindByBarcode(org, *barcode); kit && !kit->archived) {
        return ScanMatch{0, kit->id, kit->name, "barcode"};
      }
      if (auto unit = units.FindByBarcode(org, *barcode);
          unit && unit->status != domain::UnitStatus::kRetired) {
        return ScanMatch{unit->item, std::nullopt, unit->item_name, "barcode", unit->id};
      }
    }
    std::optional<long long> id;
    std::string how;
    switch (code->target) {
      case domain::ScanTarget::kKit: {
        auto kit = kits.Find(org, code->id);
        if (!kit || kit->archived) return Fail(ErrorCode::kNotFound, "Aucun kit ne porte ce code.");
        return ScanMatch{0, kit->id, kit->name, "label"};
      }
      case domain::ScanTarget::kUnit: {
        auto unit = units.Find(org, code->id);
        if (!unit || unit->status == domain::UnitStatus::kRetired) {
          return Fail(ErrorCode::kNotFound, "Aucune unité ne porte ce code.");
        }
        return ScanMatch{unit->item, std::nullopt, unit->item_name, "label", unit->id};
      }
      case domain::ScanTarget::kItem:
        id = code->id;
        how = "label";
        break;
      case domain::ScanTarget::kLegacyItem:
        // A label printed by the legacy app: its id through the import's map.
        id = store::LegacyImportRepository(lease).Mapped(org, "materiels", code->id);
        how = "legacy_label";
        break;
      case domain::ScanTarget::kBarcode:
        // A serial number read off the unit's plate.
        if (auto unit = units.FindBySerial(org, domain::Trim(text))) {
          return ScanMatch{unit->item, std::nullopt, unit->item_name, "serial_number", unit->id};
        }
        break;
    }
    auto row = id ? items.Find(org, *id) : std::nullopt;
    if (!row) return Fail(ErrorCode::kNotFound, "Aucun matériel ne porte ce code.");
    return ScanMatch{row->id, std::nullopt, row->item.name, how};
  });
}

Result<ScanView> LogisticsService::Scan(const Principal& actor, long long item) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<ScanView> {
    const auto org = *actor.organization;
    auto row = store::EquipmentRepository(lease).Find(org, item);
    if (!row) return NoItem();
    store::LogisticsRepository repo(lease);
    ScanView view{*row, 0, {}, 0, {}, {}};
    if (auto now = repo.Item(org, item)) view.on_shelf = domain::OnShelf(*now);
    const bool all = actor.Can(domain::Permission::kMissionsReadAll);
    store::MissionsRepository missions(lease);
    for (auto& out : repo.OutOfItem(org, item)) {
      if (all || missions.IsCrewMember(org, out.mission, actor.user.value)) {
        view.out.push_back(std::move(out));
      } else {
        view.out_elsewhere += out.quantity;
      }
    }
    // Missions that may take it now: from those that ended up to the check-out grace ago to
    // those starting within a week.
    const auto now = clock_.Now();
    view.missions = repo.ScanMissions(
        org, item, domain::FormatIsoUtc(now - domain::kCheckOutGraceAfterEnd),
        domain::FormatIsoUtc(now + std::chrono::days(7)), all ? 0 : actor.user.value, 20);
    if (row->item.tracking == domain::Tracking::kUnit) {
      view.units = store::UnitsRepository(lease).OfItem(org, item, false);
      if (!all) HideOthersMissions(missions, org, actor, view.units);
    }
    return view;
  });
}

Result<std::vector<store::ScanMission>> LogisticsService::Calendar(const Principal& actor,
                                                                   long long item,
                                                                   domain::Timestamp from,
                                                                   domain::Timestamp to) {
  if (!(from < to) || to - from > std::chrono::days(400)) {
    return Fail(ErrorCode::kValidation,
                "La période doit aller de « from » à « to », 400 jours au plus.",
                {{"to", "après from, 400 jours au plus"}});
  }
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::vector<store::ScanMission>> {
    const auto org = *actor.organization;
    if (!store::EquipmentRepository(lease).Find(org, item)) return NoItem();
    const bool all = actor.Can(domain::Permission::kMissionsReadAll);
    return store::LogisticsRepository(lease).ScanMissions(org, item, domain::FormatIsoUtc(from),
                                                          domain::FormatIsoUtc(to),
                                                          all ? 0 : actor.user.value, 500, false);
  });
}

Result<std::string> LogisticsService::Labels(const Principal& actor, const LabelRequest& request) {
  constexpr std::size_t kMaxLabels = 2000;
  auto layout = integrations::ParseLabelLayout(request.layout);
  if (!layout) {
    return Fail(ErrorCode::kValidation, "Format d'étiquettes inconnu : 3x8, 4x10 ou single.",
                {{"layout", "3x8, 4x10 ou single"}});
  }
  if (request.skip < 0 || request.skip >= integrations::LabelsPerPage(*layout)) {
    return Fail(ErrorCode::kValidation, "Cases à sauter : moins qu'une planche.",
                {{"skip", "de 0 à une planche moins une"}});
  }
  if (request.items.size() + request.kits.size() + request.units.size() > kMaxLabels) {
    return Fail(ErrorCode::kValidation, "2 000 étiquettes au plus par impression.",
                {{"ids", "2 000 au plus"}});
  }
  integrations::LabelSheet sheet;
  sheet.layout = *layout;
  sheet.skip = request.skip;
  sheet.creation_date = domain::FormatIsoUtc(clock_.Now());
  auto loaded = store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    const auto org = *actor.organization;
    std::vector<store::LabelItem> items;
    if (!request.items.empty() || (request.kits.empty() && request.units.empty())) {
      items = store::LogisticsRepository(lease).LabelItems(org, request.items, kMaxLabels);
    }
    std::vector<store::UnitRow> units;
    for (long long id : request.units) {
      auto unit = store::UnitsRepository(lease).Find(org, id);
      if (!unit || unit->status == domain::UnitStatus::kRetired) {
        return Fail(ErrorCode::kValidation, "Unité introuvable dans la sélection.",
                    {{"unit_ids", "unité introuvable"}});
      }
      units.push_back(std::move(*unit));
    }
    std::vector<store::KitRow> kits;
    for (long long id : request.kits) {
      auto kit = store::KitsRepository(lease).Find(org, id);
      if (!kit) {
        return Fail(ErrorCode::kValidation, "Kit introuvable dans la sélection.",
                    {{"kit_ids", "kit introuvable"}});
      }
      kits.push_back(std::move(*kit));
    }
    if (!request.items.empty()) {
      const std::set<long long> asked(request.items.begin(), request.items.end());
      std::set<long long> found;
      for (const auto& item : items) found.insert(item.id);
      if (found.size() != asked.size()) {
        return Fail(ErrorCode::kValidation, "Matériel introuvable dans la sélection.",
                    {{"ids", "matériel introuvable"}});
      }
    }
    if (items.empty() && kits.empty() && units.empty()) {
      return Fail(ErrorCode::kValidation, "Aucun matériel à étiqueter.",
                  {{"ids", "aucun matériel"}});
    }
    if (auto organization = store::AccountsRepository(lease).FindOrganization(org)) {
      sheet.organization = organization->name;
    }
    for (const auto& item : items) {
      sheet.labels.push_back(
          {public_url_ + domain::ItemScanPath(item.id), item.name, domain::ItemShortCode(item.id)});
    }
    for (const auto& kit : kits) {
      sheet.labels.push_back(
          {public_url_ + domain::KitScanPath(kit.id), kit.name, domain::KitShortCode(kit.id)});
    }
    for (const auto& unit : units) {
      sheet.labels.push_back({public_url_ + domain::UnitScanPath(unit.id),
                              unit.serial_number.empty()
                                  ? unit.item_name
                                  : unit.item_name + " n° " + unit.serial_number,
                              domain::UnitShortCode(unit.id)});
    }
    return {};
  });
  if (!loaded) return Fail(loaded.error());
  return integrations::RenderLabels(sheet);
}

}  // namespace planify::app
