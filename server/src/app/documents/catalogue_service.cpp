#include "app/documents/catalogue_service.hpp"

#include "domain/local_time.hpp"
#include "domain/validation.hpp"
#include "store/missions_repository.hpp"
#include "store/owned_ids.hpp"

namespace planify::app {

namespace {

Unexpected NoItem() { return Fail(ErrorCode::kNotFound, "Article introuvable."); }
Unexpected NoRule() { return Fail(ErrorCode::kNotFound, "Grille tarifaire introuvable."); }

// The equipment item is one of the organisation's and the reference (SKU) is free.
Result<void> CheckItem(store::Lease& lease, OrganizationId org,
                       const domain::CatalogueItemInput& item, long long exclude_id) {
  domain::FieldErrors errors;
  store::OwnedIds()
      .Add(store::Owned::kEquipmentItem, "equipment_item_id", item.equipment_item)
      .Check(lease, org, errors);
  if (store::CatalogueRepository(lease).SkuTaken(org, item.sku, exclude_id)) {
    errors.Add("sku", "Cette référence est déjà utilisée.");
  }
  if (!errors.empty()) return Fail(errors.ToError());
  return {};
}

std::string Euros(long long cents) {
  std::string units = std::to_string(cents / 100);
  long long c = cents % 100;
  return units + "," + (c < 10 ? "0" : "") + std::to_string(c) + " €";
}

}  // namespace

Result<store::CatalogueRow> CatalogueService::CreateItem(const Principal& actor,
                                                         domain::CatalogueItemInput input) {
  auto valid = domain::ValidateCatalogueItem(std::move(input));
  if (!valid) return Fail(std::move(valid).error());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::CatalogueRow> {
    const auto org = *actor.organization;
    store::WriteTransaction tx(lease);
    if (auto ok = CheckItem(lease, org, *valid, 0); !ok) return Fail(ok.error());
    store::CatalogueRepository catalogue(lease);
    long long id = catalogue.InsertItem(org, *valid, domain::FormatIsoUtc(clock_.Now()));
    auto row = catalogue.FindItem(org, id);
    tx.Commit();
    return *row;
  });
}

Result<store::CatalogueRow> CatalogueService::UpdateItem(const Principal& actor, long long id,
                                                         domain::CatalogueItemInput input) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::CatalogueRow> {
    const auto org = *actor.organization;
    store::WriteTransaction tx(lease);
    store::CatalogueRepository catalogue(lease);
    if (!catalogue.FindItem(org, id)) return NoItem();
    auto valid = domain::ValidateCatalogueItem(std::move(input));
    if (!valid) return Fail(std::move(valid).error());
    if (auto ok = CheckItem(lease, org, *valid, id); !ok) return Fail(ok.error());
    catalogue.UpdateItem(org, id, *valid, domain::FormatIsoUtc(clock_.Now()));
    auto row = catalogue.FindItem(org, id);
    tx.Commit();
    return *row;
  });
}

Result<store::CatalogueRow> CatalogueService::GetItem(const Principal& actor, long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::CatalogueRow> {
    auto row = store::CatalogueRepository(lease).FindItem(*actor.organization, id);
    if (!row) return NoItem();
    return *row;
  });
}

Result<store::Page<store::CatalogueRow>> CatalogueService::ListItems(
    const Principal& actor, const std::string& query, const std::string& kind,
    bool include_archived, long long limit, long long offset) {
  return store::WithLease(
      db_, [&](store::Lease& lease) -> Result<store::Page<store::CatalogueRow>> {
        return store::CatalogueRepository(lease).ListItems(*actor.organization,
                                                           domain::FoldForSearch(query), kind,
                                                           include_archived, limit, offset);
      });
}

Result<void> CatalogueService::ArchiveItem(const Principal& actor, long long id, bool archived) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::WriteTransaction tx(lease);
    if (!store::CatalogueRepository(lease).SetItemArchived(*actor.organization, id, archived,
                                                           domain::FormatIsoUtc(clock_.Now()))) {
      return NoItem();
    }
    tx.Commit();
    return {};
  });
}

Result<store::PricingRuleRow> CatalogueService::CreateRule(const Principal& actor,
                                                           domain::PricingRule rule) {
  auto valid = domain::ValidatePricingRule(std::move(rule));
  if (!valid) return Fail(std::move(valid).error());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::PricingRuleRow> {
    store::WriteTransaction tx(lease);
    store::CatalogueRepository catalogue(lease);
    long long id =
        catalogue.InsertRule(*actor.organization, *valid, domain::FormatIsoUtc(clock_.Now()));
    auto row = catalogue.FindRule(*actor.organization, id);
    tx.Commit();
    return *row;
  });
}

Result<store::PricingRuleRow> CatalogueService::UpdateRule(const Principal& actor, long long id,
                                                           domain::PricingRule rule) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::PricingRuleRow> {
    store::WriteTransaction tx(lease);
    store::CatalogueRepository catalogue(lease);
    if (!catalogue.FindRule(*actor.organization, id)) return NoRule();
    auto valid = domain::ValidatePricingRule(std::move(rule));
    if (!valid) return Fail(std::move(valid).error());
    catalogue.UpdateRule(*actor.organization, id, *valid, domain::FormatIsoUtc(clock_.Now()));
    auto row = catalogue.FindRule(*actor.organization, id);
    tx.Commit();
    return *row;
  });
}

Result<store::PricingRuleRow> CatalogueService::GetRule(const Principal& actor, long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::PricingRuleRow> {
    auto row = store::CatalogueRepository(lease).FindRule(*actor.organization, id);
    if (!row) return NoRule();
    return *row;
  });
}

Result<std::vector<store::PricingRuleRow>> CatalogueService::ListRules(const Principal& actor,
                                                                       bool include_archived) {
  return store::WithLease(
      db_, [&](store::Lease& lease) -> Result<std::vector<store::PricingRuleRow>> {
        return store::CatalogueRepository(lease).ListRules(*actor.organization, include_archived);
      });
}

Result<void> CatalogueService::ArchiveRule(const Principal& actor, long long id, bool archived) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::WriteTransaction tx(lease);
    if (!store::CatalogueRepository(lease).SetRuleArchived(*actor.organization, id, archived,
                                                           domain::FormatIsoUtc(clock_.Now()))) {
      return NoRule();
    }
    tx.Commit();
    return {};
  });
}

Result<PriceSuggestion> CatalogueService::Price(const Principal& actor, long long rule_id,
                                                long long mission_id, domain::Timestamp start,
                                                domain::Timestamp end, int distance_km) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<PriceSuggestion> {
    const auto org = *actor.organization;
    auto rule = store::CatalogueRepository(lease).FindRule(org, rule_id);
    if (!rule) return NoRule();
    if (mission_id != 0) {
      // The rule is the path's (NOT_FOUND above), the mission a reference in the body.
      store::OwnedIds refs;
      refs.Add(store::Owned::kMission, "mission_id", mission_id);
      if (auto ok = refs.Require(lease, org); !ok) return Fail(ok.error());
      auto mission = store::MissionsRepository(lease).Find(org, mission_id);
      if (!mission) return Fail(ErrorCode::kNotFound, "Mission introuvable.");
      start = mission->mission.starts_at;
      end = mission->mission.ends_at;
    }
    domain::FieldErrors errors;
    if (end <= start) errors.Add("ends_at", "La fin doit être après le début.");
    if (distance_km < 0 || distance_km > 5000) errors.Add("distance_km", "De 0 à 5 000 km.");
    if (!errors.empty()) return Fail(errors.ToError());
    auto zone = store::PlanningRepository(lease).Settings(org).time_zone;
    const auto& r = rule->rule;
    PriceSuggestion s;
    s.priced = domain::PriceMission(r, start, end, zone, distance_km);
    std::string surcharges;
    for (auto [on, label] :
         {std::pair{s.priced.weekend, "week-end"}, std::pair{s.priced.holiday, "jour férié"},
          std::pair{s.priced.night, "nuit"}}) {
      if (on) surcharges += std::string(surcharges.empty() ? "" : ", ") + label;
    }
    std::string description = r.name + " — " + domain::FormatLocalRange(start, end, zone);
    if (!surcharges.empty()) description += " (majoration " + surcharges + ")";
    if (s.priced.billed_minutes > (end - start) / std::chrono::minutes(1)) {
      description += " ; minimum facturé " + std::to_string(r.minimum_minutes / 60) + " h" +
                     (r.minimum_minutes % 60 != 0 ? std::to_string(r.minimum_minutes % 60) : "");
    }
    s.lines.push_back({"service", description, "hour", s.priced.billed_hours_milli,
                       s.priced.hourly_rate_cents, r.vat_rate_bp, s.priced.performance_cents});
    if (s.priced.travel_km > 0) {
      if (r.travel_base_cents > 0) {
        s.lines.push_back({"travel", "Frais de déplacement (forfait)", "flat", 1000,
                           r.travel_base_cents, r.vat_rate_bp, r.travel_base_cents});
      }
      if (r.travel_per_km_cents > 0) {
        s.lines.push_back({"travel",
                           "Déplacement : " + std::to_string(s.priced.travel_km) +
                               " km au-delà de " + std::to_string(r.free_km) + " km, à " +
                               Euros(r.travel_per_km_cents) + " le km",
                           "km", s.priced.travel_km * 1000, r.travel_per_km_cents, r.vat_rate_bp,
                           s.priced.travel_km * r.travel_per_km_cents});
      }
    }
    for (const auto& l : s.lines) s.net_cents += l.net_cents;
    return s;
  });
}

}  // namespace planify::app
