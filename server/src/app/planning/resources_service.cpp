#include "app/planning/resources_service.hpp"

#include <nlohmann/json.hpp>

#include "app/equipment/unit_stock.hpp"
#include "domain/kits.hpp"
#include "domain/validation.hpp"
#include "store/depots_repository.hpp"
#include "store/kits_repository.hpp"
#include "store/missions_repository.hpp"
#include "store/owned_ids.hpp"

namespace planify::app {

namespace {

Unexpected NoPlace(store::PlaceKind kind) {
  return Fail(ErrorCode::kNotFound,
              kind == store::PlaceKind::kVenue ? "Lieu introuvable." : "Local introuvable.");
}

Unexpected NoItem() { return Fail(ErrorCode::kNotFound, "Matériel introuvable."); }

bool CanPlanOthers(const Principal& actor) {
  return actor.Can(domain::Permission::kMissionsManage);
}

// The storage site must be one of the organisation's.
Result<void> CheckSite(store::Lease& lease, OrganizationId org, const domain::EquipmentInput& e) {
  store::OwnedIds refs;
  refs.Add(store::Owned::kStorageSite, "storage_site_id", e.storage_site);
  return refs.Require(lease, org);
}

// A category typed on an item joins the managed list.
void EnsureCategory(store::Lease& lease, OrganizationId org, const std::string& name,
                    const std::string& now) {
  if (name.empty()) return;
  store::CategoriesRepository categories(lease);
  if (!categories.FindByName(org, name)) (void)categories.Insert(org, name, 0, now);
}

Unexpected NoCategory() { return Fail(ErrorCode::kNotFound, "Catégorie introuvable."); }

Unexpected CategoryTaken(const std::string& name) {
  return Fail(ErrorCode::kConflict, "La catégorie « " + name + " » existe déjà.",
              {{"name", "déjà utilisée"}});
}

nlohmann::json EquipmentAudit(const domain::EquipmentInput& e) {
  return {{"name", e.name},
          {"quantity_owned", e.quantity_owned},
          {"quantity_out_of_service", e.quantity_out_of_service},
          {"status", domain::EquipmentStatusName(e.status)},
          {"rental_price_cents", e.rental_price_cents},
          {"barcode", e.barcode},
          {"tracking", domain::TrackingName(e.tracking)}};
}

}  // namespace

Result<store::PlaceRow> ResourcesService::CreatePlace(const Principal& actor, store::PlaceKind kind,
                                                      domain::PlaceInput input) {
  auto valid = domain::ValidatePlace(std::move(input));
  if (!valid) return Fail(std::move(valid).error());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::PlaceRow> {
    store::PlacesRepository places(lease, kind);
    store::WriteTransaction tx(lease);
    long long id = places.Insert(*actor.organization, *valid, domain::FormatIsoUtc(clock_.Now()));
    auto row = places.Find(*actor.organization, id);
    tx.Commit();
    return *row;
  });
}

Result<store::PlaceRow> ResourcesService::UpdatePlace(const Principal& actor, store::PlaceKind kind,
                                                      long long id, domain::PlaceInput input) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::PlaceRow> {
    store::PlacesRepository places(lease, kind);
    store::WriteTransaction tx(lease);
    if (!places.Find(*actor.organization, id)) return NoPlace(kind);
    auto valid = domain::ValidatePlace(std::move(input));
    if (!valid) return Fail(std::move(valid).error());
    places.Update(*actor.organization, id, *valid, domain::FormatIsoUtc(clock_.Now()));
    auto row = places.Find(*actor.organization, id);
    tx.Commit();
    return *row;
  });
}

Result<store::PlaceRow> ResourcesService::GetPlace(const Principal& actor, store::PlaceKind kind,
                                                   long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::PlaceRow> {
    auto row = store::PlacesRepository(lease, kind).Find(*actor.organization, id);
    if (!row) return NoPlace(kind);
    return *row;
  });
}

Result<store::Page<store::PlaceRow>> ResourcesService::ListPlaces(
    const Principal& actor, store::PlaceKind kind, const std::string& query, bool include_archived,
    long long limit, long long offset) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::Page<store::PlaceRow>> {
    return store::PlacesRepository(lease, kind)
        .List(*actor.organization, domain::FoldForSearch(query), include_archived, limit, offset);
  });
}

Result<void> ResourcesService::ArchivePlace(const Principal& actor, store::PlaceKind kind,
                                            long long id, bool archived) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::WriteTransaction tx(lease);
    if (!store::PlacesRepository(lease, kind)
             .SetArchived(*actor.organization, id, archived, domain::FormatIsoUtc(clock_.Now()))) {
      return NoPlace(kind);
    }
    tx.Commit();
    return {};
  });
}

Result<store::EquipmentRow> ResourcesService::CreateEquipment(const Principal& actor,
                                                              const RequestMeta& meta,
                                                              domain::EquipmentInput input) {
  auto valid = domain::ValidateEquipment(std::move(input));
  if (!valid) return Fail(std::move(valid).error());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::EquipmentRow> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    if (auto site = CheckSite(lease, org, *valid); !site) return Fail(site.error());
    store::EquipmentRepository items(lease);
    if (auto unique = RequireFreeCode(lease, org, valid->barcode, "item", 0); !unique)
      return Fail(unique.error());
    EnsureCategory(lease, org, valid->category, now);
    long long id = items.Insert(org, *valid, now);
    // Tracked by unit from the start: one unit per unit owned, serial numbers to fill in.
    SwitchTracking(lease, org, id, domain::Tracking::kStock, valid->tracking, now);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "equipment.created", "equipment", std::to_string(id),
          EquipmentAudit(*valid).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
          now);
    auto row = items.Find(org, id);
    tx.Commit();
    return *row;
  });
}

Result<store::EquipmentRow> ResourcesService::UpdateEquipment(const Principal& actor,
                                                              const RequestMeta& meta, long long id,
                                                              domain::EquipmentInput input) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::EquipmentRow> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    // Counts move with check-outs and returns: edits wait their turn.
    store::MissionsRepository(lease).LockPlanning(org);
    store::EquipmentRepository items(lease);
    auto before = items.Find(org, id);
    if (!before) return NoItem();
    auto valid = domain::ValidateEquipment(std::move(input));
    if (!valid) return Fail(std::move(valid).error());
    if (auto site = CheckSite(lease, org, *valid); !site) return Fail(site.error());
    if (auto unique = RequireFreeCode(lease, org, valid->barcode, "item", id); !unique)
      return Fail(unique.error());
    if (before->item.tracking == domain::Tracking::kUnit &&
        valid->tracking == domain::Tracking::kUnit) {
      // Counted from the units: adding, retiring or repairing a unit changes them.
      std::vector<FieldError> fields;
      if (valid->quantity_owned != before->item.quantity_owned) {
        fields.push_back({"quantity_owned", "suivi par unité : ajoutez ou retirez des unités"});
      }
      if (valid->quantity_out_of_service != before->item.quantity_out_of_service) {
        fields.push_back(
            {"quantity_out_of_service", "suivi par unité : passez l'unité en maintenance"});
      }
      if (!fields.empty()) {
        return Fail(ErrorCode::kValidation,
                    "Ce matériel est suivi par unité : ses quantités suivent ses unités.",
                    std::move(fields));
      }
    }
    EnsureCategory(lease, org, valid->category, now);
    items.Update(org, id, *valid, now);
    SwitchTracking(lease, org, id, before->item.tracking, valid->tracking, now);
    if (valid->tracking == domain::Tracking::kUnit) {
      SyncUnitCounts(lease, org, id, now);
      store::AuthRepository audit(lease);
      Audit(audit, actor, meta, "equipment.updated", "equipment", std::to_string(id),
            EquipmentAudit(*valid).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
            now);
      auto row = items.Find(org, id);
      tx.Commit();
      return *row;
    }
    // Units kept at the new home depot are home now; fewer units owned: the other depots give
    // up what is no longer owned.
    store::DepotsRepository depots(lease);
    auto away = depots.Away(org, id);
    std::vector<domain::SiteStock> kept;
    for (const auto& s : away) {
      if (s.site != valid->storage_site) kept.push_back(s);
    }
    kept = domain::FitAway(valid->quantity_owned, kept);
    if (kept.size() != away.size() ||
        !std::equal(kept.begin(), kept.end(), away.begin(), [](const auto& a, const auto& b) {
          return a.site == b.site && a.quantity == b.quantity;
        })) {
      depots.SetAway(org, id, kept);
    }
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "equipment.updated", "equipment", std::to_string(id),
          EquipmentAudit(*valid).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
          now);
    auto row = items.Find(org, id);
    tx.Commit();
    return *row;
  });
}

Result<store::EquipmentRow> ResourcesService::GetEquipment(const Principal& actor, long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::EquipmentRow> {
    auto row = store::EquipmentRepository(lease).Find(*actor.organization, id);
    if (!row) return NoItem();
    return *row;
  });
}

Result<store::Page<store::EquipmentRow>> ResourcesService::ListEquipment(
    const Principal& actor, const std::string& query, const std::string& category,
    bool include_retired, long long limit, long long offset, const store::EquipmentFilter& filter) {
  if (!filter.state.empty() && filter.state != "available" && filter.state != "maintenance" &&
      filter.state != "out" && filter.state != "retired") {
    return Fail(ErrorCode::kValidation, "État inconnu : available, maintenance, out ou retired.",
                {{"state", "available, maintenance, out ou retired"}});
  }
  return store::WithLease(
      db_, [&](store::Lease& lease) -> Result<store::Page<store::EquipmentRow>> {
        return store::EquipmentRepository(lease).List(*actor.organization,
                                                      domain::FoldForSearch(query), category,
                                                      include_retired, limit, offset, filter);
      });
}

Result<std::vector<std::string>> ResourcesService::EquipmentCategories(const Principal& actor) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::vector<std::string>> {
    return store::EquipmentRepository(lease).Categories(*actor.organization);
  });
}

Result<std::vector<store::CategoryRow>> ResourcesService::Categories(const Principal& actor) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::vector<store::CategoryRow>> {
    return store::CategoriesRepository(lease).List(*actor.organization);
  });
}

Result<store::CategoryRow> ResourcesService::CreateCategory(const Principal& actor,
                                                            const RequestMeta& meta,
                                                            const std::string& name, int position) {
  auto valid = domain::ValidateCategoryName(name);
  if (!valid) return Fail(valid.error());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::CategoryRow> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::CategoriesRepository categories(lease);
    if (categories.FindByName(org, *valid)) return CategoryTaken(*valid);
    const long long id = categories.Insert(org, *valid, position, now);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "equipment_category.created", "equipment_category",
          std::to_string(id), nlohmann::json{{"name", *valid}}.dump(), now);
    auto row = categories.Find(org, id);
    tx.Commit();
    return *row;
  });
}

Result<store::CategoryRow> ResourcesService::UpdateCategory(const Principal& actor,
                                                            const RequestMeta& meta, long long id,
                                                            const std::string& name, int position) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::CategoryRow> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::CategoriesRepository categories(lease);
    auto current = categories.Find(org, id);
    if (!current) return NoCategory();
    auto valid = domain::ValidateCategoryName(name);
    if (!valid) return Fail(valid.error());
    if (auto other = categories.FindByName(org, *valid); other && other->id != id) {
      return CategoryTaken(*valid);
    }
    categories.Update(org, id, *valid, position, now);
    if (*valid != current->name) {
      // Renamed on its items too (their search text follows).
      store::EquipmentRepository items(lease);
      for (long long item : categories.ItemsIn(org, current->name)) {
        auto row = items.Find(org, item);
        if (!row) continue;
        row->item.category = *valid;
        items.Update(org, item, row->item, now);
      }
    }
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "equipment_category.updated", "equipment_category",
          std::to_string(id), nlohmann::json{{"from", current->name}, {"name", *valid}}.dump(),
          now);
    auto row = categories.Find(org, id);
    tx.Commit();
    return *row;
  });
}

Result<void> ResourcesService::DeleteCategory(const Principal& actor, const RequestMeta& meta,
                                              long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::CategoriesRepository categories(lease);
    auto current = categories.Find(org, id);
    if (!current) return NoCategory();
    if (current->items > 0) {
      return Fail(ErrorCode::kConflict, "La catégorie « " + current->name + " » contient encore " +
                                            std::to_string(current->items) +
                                            " matériel(s) : classez-les ailleurs d'abord.");
    }
    categories.Delete(org, id);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "equipment_category.deleted", "equipment_category",
          std::to_string(id), nlohmann::json{{"name", current->name}}.dump(), now);
    tx.Commit();
    return {};
  });
}

Result<store::UnavailabilityRow> ResourcesService::AddUnavailability(
    const Principal& actor, const RequestMeta& meta, domain::UnavailabilityInput input) {
  if (input.user == 0) input.user = actor.user.value;
  if (input.user != actor.user.value && !CanPlanOthers(actor)) {
    return Fail(ErrorCode::kForbidden, "Vous ne pouvez déclarer que vos propres indisponibilités.");
  }
  auto valid = domain::ValidateUnavailability(std::move(input));
  if (!valid) return Fail(std::move(valid).error());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::UnavailabilityRow> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::PlanningRepository planning(lease);
    store::OwnedIds refs;
    refs.Add(store::Owned::kMember, "user_id", valid->user);
    if (auto member = refs.Require(lease, org); !member) return Fail(member.error());
    long long id = planning.InsertUnavailability(org, *valid, actor.user, now);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "crew.unavailability_added", "user", std::to_string(valid->user),
          nlohmann::json{{"id", id},
                         {"starts_at", domain::FormatIsoUtc(valid->starts_at)},
                         {"ends_at", domain::FormatIsoUtc(valid->ends_at)},
                         {"reason", valid->reason}}
              .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
          now);
    auto row = planning.FindUnavailability(org, id);
    tx.Commit();
    return *row;
  });
}

Result<void> ResourcesService::RemoveUnavailability(const Principal& actor, const RequestMeta& meta,
                                                    long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::PlanningRepository planning(lease);
    auto row = planning.FindUnavailability(org, id);
    // Crew cannot see other people's periods: they are not found, not forbidden.
    if (!row || (row->period.user != actor.user.value && !CanPlanOthers(actor))) {
      return Fail(ErrorCode::kNotFound, "Indisponibilité introuvable.");
    }
    if (row->source == "google") {
      return Fail(ErrorCode::kConflict,
                  "Cette période vient de l'agenda Google : libérez-la dans Google, elle "
                  "disparaîtra ici à la prochaine lecture.");
    }
    planning.DeleteUnavailability(org, id);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "crew.unavailability_removed", "user",
          std::to_string(row->period.user), nlohmann::json{{"id", id}}.dump(), now);
    tx.Commit();
    return {};
  });
}

Result<std::vector<store::UnavailabilityRow>> ResourcesService::Unavailability(
    const Principal& actor, const std::string& from, const std::string& to, long long user) {
  if (!actor.Can(domain::Permission::kMissionsReadAll)) user = actor.user.value;
  return store::WithLease(
      db_, [&](store::Lease& lease) -> Result<std::vector<store::UnavailabilityRow>> {
        return store::PlanningRepository(lease).Unavailability(*actor.organization, from, to, user);
      });
}

Result<store::PlanningSettings> ResourcesService::Settings(const Principal& actor) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::PlanningSettings> {
    return store::PlanningRepository(lease).Settings(*actor.organization);
  });
}

Result<store::PlanningSettings> ResourcesService::UpdateSettings(
    const Principal& actor, const RequestMeta& meta, const domain::ConflictPolicy& policy) {
  domain::FieldErrors errors;
  if (policy.crew_travel_buffer.count() < 0 || policy.crew_travel_buffer.count() > 1440) {
    errors.Add("crew_travel_buffer_minutes", "De 0 à 1 440 minutes.");
  }
  if (policy.equipment_prep.count() < 0 || policy.equipment_prep.count() > 10080) {
    errors.Add("equipment_prep_minutes", "De 0 à 10 080 minutes (une semaine).");
  }
  if (policy.equipment_return.count() < 0 || policy.equipment_return.count() > 10080) {
    errors.Add("equipment_return_minutes", "De 0 à 10 080 minutes (une semaine).");
  }
  if (!errors.empty()) return Fail(errors.ToError());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::PlanningSettings> {
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::PlanningRepository planning(lease);
    planning.UpdateBuffers(*actor.organization, policy, now);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "organization.planning_changed", "organization",
          std::to_string(actor.organization->value),
          nlohmann::json{{"crew_travel_buffer_minutes", policy.crew_travel_buffer.count()},
                         {"equipment_prep_minutes", policy.equipment_prep.count()},
                         {"equipment_return_minutes", policy.equipment_return.count()}}
              .dump(),
          now);
    auto settings = planning.Settings(*actor.organization);
    tx.Commit();
    return settings;
  });
}

}  // namespace planify::app
