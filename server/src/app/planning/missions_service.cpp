#include "app/planning/missions_service.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "app/planning/calendar_sync_service.hpp"
#include "domain/crew_profiles.hpp"
#include "domain/local_time.hpp"
#include "domain/validation.hpp"
#include "store/crew_profiles_repository.hpp"
#include "store/logistics_repository.hpp"
#include "store/owned_ids.hpp"
#include "store/planning_repository.hpp"

namespace planify::app {

namespace {

using domain::MissionStatus;

Unexpected NoMission() { return Fail(ErrorCode::kNotFound, "Mission introuvable."); }

bool IsFinal(MissionStatus s) {
  return s == MissionStatus::kCompleted || s == MissionStatus::kCanceled;
}

// Everything a conflict check needs, read inside the caller's transaction.
class Planner {
 public:
  Planner(store::Lease& lease, OrganizationId org)
      : lease_(lease), org_(org), settings_(store::PlanningRepository(lease).Settings(org)) {}

  const store::PlanningSettings& settings() const { return settings_; }

  std::vector<ConflictItem> Evaluate(const domain::MissionPlan& plan) {
    const auto& p = settings_.policy;
    auto reach = std::max(p.equipment_prep + p.equipment_return, p.crew_travel_buffer);
    auto others = store::MissionsRepository(lease_).Booked(org_, plan.when.start - reach,
                                                           plan.when.end + reach);
    std::vector<domain::Unavailability> days_off;
    store::PlanningRepository planning(lease_);
    if (!plan.crew.empty()) {
      for (const auto& row : planning.Unavailability(org_, domain::FormatIsoUtc(plan.when.start),
                                                     domain::FormatIsoUtc(plan.when.end), 0)) {
        days_off.push_back(
            {row.period.user, {row.period.starts_at, row.period.ends_at}, row.period.reason});
      }
    }
    std::vector<long long> items;
    for (const auto& line : plan.equipment) items.push_back(line.item);
    // Units at the repairer expected back by the mission's first day (in the organisation's
    // zone) are counted on.
    const auto start = plan.when.start;
    const std::string first_day =
        domain::FormatIsoUtc(start + domain::UtcOffset(settings_.time_zone, start)).substr(0, 10);
    auto stock = store::EquipmentRepository(lease_).Stock(org_, items, first_day);
    // Gear still out with other missions (store/logistics_repository.hpp) is not lendable.
    std::vector<domain::Unreturned> unreturned;
    if (!items.empty()) unreturned = store::LogisticsRepository(lease_).Unreturned(org_, items);
    auto conflicts = domain::FindConflicts(plan, others, days_off, stock, unreturned, p);

    domain::ConflictNames names;
    std::vector<long long> members;
    std::vector<long long> profiles;
    for (long long c : plan.crew) {
      if (domain::IsProfileCrewId(c)) {
        profiles.push_back(domain::ProfileOfCrewId(c));
      } else {
        members.push_back(c);
      }
    }
    names.users = planning.MemberNames(org_, members);
    for (auto& [profile, name] : store::CrewProfilesRepository(lease_).Names(org_, profiles)) {
      names.users[domain::ProfileCrewId(profile)] = std::move(name);
    }
    for (const auto& s : stock) names.items[s.item] = s.name;
    if (plan.venue) {
      if (auto venue =
              store::PlacesRepository(lease_, store::PlaceKind::kVenue).Find(org_, *plan.venue)) {
        names.venues[*plan.venue] = venue->place.name;
      }
    }
    std::vector<ConflictItem> out;
    for (auto& c : conflicts) {
      std::string message = domain::DescribeConflict(c, names, settings_.time_zone);
      out.push_back({std::move(c), std::move(message)});
    }
    return out;
  }

 private:
  store::Lease& lease_;
  OrganizationId org_;
  store::PlanningSettings settings_;
};

domain::MissionPlan PlanOf(long long id, const domain::MissionInput& m) {
  domain::MissionPlan plan;
  plan.id = id;
  plan.when = {m.starts_at, m.ends_at};
  for (const auto& c : m.crew) plan.crew.push_back(c.user);
  plan.equipment = m.equipment;
  plan.venue = m.venue;
  return plan;
}

nlohmann::json ConflictsJson(const std::vector<ConflictItem>& items, bool blocking_only) {
  auto out = nlohmann::json::array();
  for (const auto& item : items) {
    if (blocking_only && !item.conflict.blocking) continue;
    out.push_back({{"kind", domain::ConflictKindName(item.conflict.kind)},
                   {"resource", item.conflict.resource},
                   {"mission", item.conflict.other ? nlohmann::json(*item.conflict.other)
                                                   : nlohmann::json(nullptr)},
                   {"message", item.message}});
  }
  return out;
}

// Lets the save go on (true when a reason overrides blocking conflicts), or refuses it with
// every blocking conflict as a field error.
Result<bool> Decide(const std::vector<ConflictItem>& conflicts,
                    const std::string& override_reason) {
  std::vector<FieldError> fields;
  for (const auto& item : conflicts) {
    if (!item.conflict.blocking) continue;
    const char* field =
        item.conflict.kind == domain::Conflict::Kind::kEquipmentShortage ? "equipment" : "crew";
    fields.push_back({field, item.message});
  }
  if (fields.empty()) return false;
  if (!domain::Trim(override_reason).empty()) return true;
  std::string message = "Conflit de planning : " + fields.front().message;
  if (fields.size() > 1) {
    message += " (et " + std::to_string(fields.size() - 1) + " autre" +
               (fields.size() > 2 ? "s" : "") + ")";
  }
  return Fail(ErrorCode::kConflict, message, std::move(fields));
}

void AuditOverride(store::AuthRepository& audit, const Principal& actor, const RequestMeta& meta,
                   long long mission, const std::string& override_reason,
                   const std::vector<ConflictItem>& conflicts, const std::string& now) {
  std::string reason = domain::Trim(override_reason);
  if (reason.size() > 500) reason.resize(500);
  Audit(audit, actor, meta, "missions.conflict_overridden", "mission", std::to_string(mission),
        nlohmann::json{{"reason", reason}, {"conflicts", ConflictsJson(conflicts, true)}}.dump(
            -1, ' ', false, nlohmann::json::error_handler_t::replace),
        now);
}

// The ids a plan names: the client, the venue, each crew member (a member of the organisation)
// and each equipment item, named by their fields in the request ("crew[1].user_id").
store::OwnedIds PlanReferences(std::optional<long long> client, std::optional<long long> venue,
                               const std::vector<long long>& crew,
                               const std::vector<domain::EquipmentLine>& equipment) {
  store::OwnedIds refs;
  refs.Add(store::Owned::kClient, "client_id", client).Add(store::Owned::kVenue, "venue_id", venue);
  for (std::size_t i = 0; i < crew.size(); ++i) {
    const std::string at = "crew[" + std::to_string(i) + "]";
    if (domain::IsProfileCrewId(crew[i])) {
      refs.Add(store::Owned::kCrewProfile, at + ".profile_id", domain::ProfileOfCrewId(crew[i]));
    } else {
      refs.Add(store::Owned::kMember, at + ".user_id", crew[i]);
    }
  }
  for (std::size_t i = 0; i < equipment.size(); ++i) {
    refs.Add(store::Owned::kEquipmentItem, "equipment[" + std::to_string(i) + "].item_id",
             equipment[i].item);
  }
  return refs;
}

// Crew user ids, for the audit entry the notifications read (docs/notifications.md); crew
// profiles have no account to notify.
std::vector<long long> CrewIds(const std::vector<domain::CrewAssignment>& crew) {
  std::vector<long long> out;
  out.reserve(crew.size());
  for (const auto& c : crew) {
    if (!domain::IsProfileCrewId(c.user)) out.push_back(c.user);
  }
  return out;
}

std::vector<long long> AddedCrew(const std::vector<domain::CrewAssignment>& before,
                                 const std::vector<domain::CrewAssignment>& after) {
  std::vector<long long> out;
  for (const auto& c : after) {
    if (domain::IsProfileCrewId(c.user)) continue;
    if (std::none_of(before.begin(), before.end(),
                     [&](const domain::CrewAssignment& b) { return b.user == c.user; })) {
      out.push_back(c.user);
    }
  }
  return out;
}

// The references must be the organisation's; a crew profile must still be open: one that
// became a member is assigned as the member, an archived one stays only where it already was
// (`before`: the stored mission's crew).
Result<void> CheckReferences(store::Lease& lease, OrganizationId org, const domain::MissionInput& m,
                             const std::vector<domain::CrewAssignment>& before = {}) {
  std::vector<long long> crew;
  for (const auto& c : m.crew) crew.push_back(c.user);
  if (auto ok = PlanReferences(m.client, m.venue, crew, m.equipment).Require(lease, org); !ok) {
    return ok;
  }
  domain::FieldErrors errors;
  store::CrewProfilesRepository profiles(lease);
  for (std::size_t i = 0; i < crew.size(); ++i) {
    if (!domain::IsProfileCrewId(crew[i])) continue;
    auto profile = profiles.Find(org, domain::ProfileOfCrewId(crew[i]));
    if (!profile) continue;  // checked above
    const std::string field = "crew[" + std::to_string(i) + "].profile_id";
    const bool already =
        std::any_of(before.begin(), before.end(), [&](const auto& b) { return b.user == crew[i]; });
    if (profile->user != 0) {
      errors.Add(field, profile->profile.display_name +
                            " a maintenant un compte : choisissez le membre " + profile->user_name +
                            ".");
    } else if (profile->linked() && !already) {
      errors.Add(field, profile->profile.display_name + " a eu un compte, supprimé depuis.");
    } else if (profile->archived && !already) {
      errors.Add(field, profile->profile.display_name + " est archivé.");
    }
  }
  if (!errors.empty()) return Fail(errors.ToError());
  return {};
}

}  // namespace

Result<MissionDetails> MissionsService::Create(const Principal& actor, const RequestMeta& meta,
                                               domain::MissionInput input,
                                               const std::string& override_reason) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<MissionDetails> {
    store::WriteTransaction tx(lease);
    auto created = CreateWithin(lease, actor, meta, std::move(input), override_reason);
    if (created) tx.Commit();
    return created;
  });
}

Result<MissionDetails> MissionsService::CreateWithin(store::Lease& lease, const Principal& actor,
                                                     const RequestMeta& meta,
                                                     domain::MissionInput input,
                                                     const std::string& override_reason) {
  const auto org = *actor.organization;
  const std::string now = domain::FormatIsoUtc(clock_.Now());
  store::MissionsRepository missions(lease);
  missions.LockPlanning(org);
  auto valid = domain::ValidateMission(std::move(input),
                                       store::PlanningRepository(lease).FieldDefinitions(org));
  if (!valid) return Fail(std::move(valid).error());
  if (auto refs = CheckReferences(lease, org, *valid); !refs) return Fail(refs.error());
  Planner planner(lease, org);
  auto conflicts = planner.Evaluate(PlanOf(0, *valid));
  store::AuthRepository audit(lease);
  bool overridden = false;
  if (domain::HoldsResources(valid->status)) {
    auto decided = Decide(conflicts, override_reason);
    if (!decided) return Fail(decided.error());
    overridden = *decided;
  }
  long long id = missions.Insert(org, *valid, actor.user, now);
  if (overridden) AuditOverride(audit, actor, meta, id, override_reason, conflicts, now);
  Audit(audit, actor, meta, "missions.created", "mission", std::to_string(id),
        nlohmann::json{{"title", valid->title},
                       {"status", domain::MissionStatusName(valid->status)},
                       {"starts_at", domain::FormatIsoUtc(valid->starts_at)},
                       {"ends_at", domain::FormatIsoUtc(valid->ends_at)},
                       {"crew", valid->crew.size()},
                       {"crew_added", CrewIds(valid->crew)},
                       {"equipment_lines", valid->equipment.size()}}
            .dump(),
        now);
  auto row = missions.Find(org, id);
  if (auto queued = QueueCalendarSyncs(lease, org, now); !queued) return Fail(queued.error());
  return MissionDetails{*row, std::move(conflicts)};
}

Result<MissionDetails> MissionsService::Update(const Principal& actor, const RequestMeta& meta,
                                               long long id, domain::MissionInput input,
                                               const std::string& override_reason) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<MissionDetails> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::MissionsRepository missions(lease);
    missions.LockPlanning(org);
    auto stored = missions.Find(org, id);
    if (!stored) return NoMission();
    const MissionStatus status = stored->mission.status;
    if (IsFinal(status)) {
      return Fail(ErrorCode::kConflict, "Mission terminée ou annulée : elle ne se modifie plus.");
    }
    input.status = MissionStatus::kDraft;  // the status is not part of an edit
    auto valid = domain::ValidateMission(std::move(input),
                                         store::PlanningRepository(lease).FieldDefinitions(org));
    if (!valid) return Fail(std::move(valid).error());
    valid->status = status;
    if (auto refs = CheckReferences(lease, org, *valid, stored->mission.crew); !refs) {
      return Fail(refs.error());
    }
    auto conflicts = Planner(lease, org).Evaluate(PlanOf(id, *valid));
    store::AuthRepository audit(lease);
    if (domain::HoldsResources(status)) {
      auto decided = Decide(conflicts, override_reason);
      if (!decided) return Fail(decided.error());
      if (*decided) AuditOverride(audit, actor, meta, id, override_reason, conflicts, now);
    }
    missions.Update(org, id, *valid, now);
    Audit(audit, actor, meta, "missions.updated", "mission", std::to_string(id),
          nlohmann::json{{"title", valid->title},
                         {"starts_at", domain::FormatIsoUtc(valid->starts_at)},
                         {"ends_at", domain::FormatIsoUtc(valid->ends_at)},
                         {"crew", valid->crew.size()},
                         {"crew_added", AddedCrew(stored->mission.crew, valid->crew)},
                         {"moved", valid->starts_at != stored->mission.starts_at ||
                                       valid->ends_at != stored->mission.ends_at},
                         {"equipment_lines", valid->equipment.size()}}
              .dump(),
          now);
    auto row = missions.Find(org, id);
    if (auto queued = QueueCalendarSyncs(lease, org, now); !queued) return Fail(queued.error());
    tx.Commit();
    return MissionDetails{*row, std::move(conflicts)};
  });
}

Result<MissionDetails> MissionsService::Reschedule(const Principal& actor, const RequestMeta& meta,
                                                   long long id, domain::Timestamp starts_at,
                                                   domain::Timestamp ends_at,
                                                   const std::string& override_reason) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<MissionDetails> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::MissionsRepository missions(lease);
    missions.LockPlanning(org);
    auto stored = missions.Find(org, id);
    if (!stored) return NoMission();
    if (IsFinal(stored->mission.status)) {
      return Fail(ErrorCode::kConflict, "Mission terminée ou annulée : elle ne se déplace plus.");
    }
    domain::FieldErrors errors;
    if (ends_at <= starts_at) {
      errors.Add("ends_at", "La fin doit être après le début.");
    } else if (ends_at - starts_at > domain::kMaxMissionLength) {
      errors.Add("ends_at", "Une mission dure 31 jours au plus : découpez-la.");
    }
    if (!errors.empty()) return Fail(errors.ToError());
    auto moved = stored->mission;
    moved.starts_at = starts_at;
    moved.ends_at = ends_at;
    auto conflicts = Planner(lease, org).Evaluate(PlanOf(id, moved));
    store::AuthRepository audit(lease);
    if (domain::HoldsResources(moved.status)) {
      auto decided = Decide(conflicts, override_reason);
      if (!decided) return Fail(decided.error());
      if (*decided) AuditOverride(audit, actor, meta, id, override_reason, conflicts, now);
    }
    missions.Reschedule(org, id, starts_at, ends_at, now);
    Audit(audit, actor, meta, "missions.rescheduled", "mission", std::to_string(id),
          nlohmann::json{{"from",
                          {{"starts_at", domain::FormatIsoUtc(stored->mission.starts_at)},
                           {"ends_at", domain::FormatIsoUtc(stored->mission.ends_at)}}},
                         {"to",
                          {{"starts_at", domain::FormatIsoUtc(starts_at)},
                           {"ends_at", domain::FormatIsoUtc(ends_at)}}}}
              .dump(),
          now);
    auto row = missions.Find(org, id);
    if (auto queued = QueueCalendarSyncs(lease, org, now); !queued) return Fail(queued.error());
    tx.Commit();
    return MissionDetails{*row, std::move(conflicts)};
  });
}

Result<MissionDetails> MissionsService::ChangeStatus(const Principal& actor,
                                                     const RequestMeta& meta, long long id,
                                                     MissionStatus to, const std::string& reason,
                                                     const std::string& override_reason) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<MissionDetails> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::MissionsRepository missions(lease);
    missions.LockPlanning(org);
    auto stored = missions.Find(org, id);
    if (!stored) return NoMission();
    const MissionStatus from = stored->mission.status;
    if (!domain::CanTransition(from, to)) {
      return Fail(ErrorCode::kConflict,
                  "Passage de « " + std::string(domain::MissionStatusName(from)) + " » à « " +
                      std::string(domain::MissionStatusName(to)) + " » impossible.");
    }
    std::string why = domain::Trim(reason);
    if (auto chars = domain::Utf8Length(why); !chars || *chars > 500) {
      domain::FieldErrors errors;
      errors.Add("reason", "Motif de 500 caractères au plus.");
      return Fail(errors.ToError());
    }
    std::vector<ConflictItem> conflicts;
    store::AuthRepository audit(lease);
    // Taking resources (draft → planned) or confirming checks the plan again.
    if ((!domain::HoldsResources(from) && domain::HoldsResources(to)) ||
        to == MissionStatus::kConfirmed) {
      conflicts = Planner(lease, org).Evaluate(PlanOf(id, stored->mission));
      auto decided = Decide(conflicts, override_reason);
      if (!decided) return Fail(decided.error());
      if (*decided) AuditOverride(audit, actor, meta, id, override_reason, conflicts, now);
    }
    missions.SetStatus(org, id, to, to == MissionStatus::kCanceled ? why : "", now);
    Audit(audit, actor, meta, "missions.status_changed", "mission", std::to_string(id),
          nlohmann::json{{"from", domain::MissionStatusName(from)},
                         {"to", domain::MissionStatusName(to)},
                         {"reason", why}}
              .dump(),
          now);
    if (to == MissionStatus::kCompleted) {
      // The client is invited to rate the event (once; docs/booking.md "Ratings").
      store::NewJob job;
      job.organization = org;
      job.type = "ratings.request";
      job.payload = nlohmann::json{{"mission_id", id}}.dump();
      job.run_at = now;
      job.dedupe_key = "rating-request:" + std::to_string(id);
      if (auto queued = store::JobsRepository(lease).Enqueue(job, now); !queued) {
        return Fail(queued.error());
      }
    }
    auto row = missions.Find(org, id);
    if (auto queued = QueueCalendarSyncs(lease, org, now); !queued) return Fail(queued.error());
    tx.Commit();
    return MissionDetails{*row, std::move(conflicts)};
  });
}

Result<MissionDetails> MissionsService::Get(const Principal& actor, long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<MissionDetails> {
    const auto org = *actor.organization;
    store::MissionsRepository missions(lease);
    auto row = missions.Find(org, id);
    if (!row) return NoMission();
    if (!actor.Can(domain::Permission::kMissionsReadAll) &&
        !missions.IsCrewMember(org, id, actor.user.value)) {
      return NoMission();
    }
    std::vector<ConflictItem> conflicts;
    if (domain::HoldsResources(row->mission.status) &&
        actor.Can(domain::Permission::kMissionsReadAll)) {
      conflicts = Planner(lease, org).Evaluate(PlanOf(id, row->mission));
    }
    return MissionDetails{*row, std::move(conflicts)};
  });
}

Result<store::Page<store::MissionRow>> MissionsService::List(const Principal& actor,
                                                             store::MissionFilter filter) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::Page<store::MissionRow>> {
    if (!actor.Can(domain::Permission::kMissionsReadAll)) filter.crew_member = actor.user.value;
    filter.query = domain::FoldForSearch(filter.query);
    return store::MissionsRepository(lease).List(*actor.organization, filter);
  });
}

Result<CalendarRest> MissionsService::Calendar(
    const Principal& actor, store::MissionFilter filter,
    const std::function<void(const store::CalendarMission&)>& each) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<CalendarRest> {
    if (!actor.Can(domain::Permission::kMissionsReadAll)) filter.crew_member = actor.user.value;
    const auto org = *actor.organization;
    CalendarRest rest;
    rest.truncated = store::MissionsRepository(lease).Calendar(org, filter, each);
    rest.unavailability = store::PlanningRepository(lease).Unavailability(
        org, filter.from, filter.to, filter.crew_member);
    return rest;
  });
}

Result<std::vector<ConflictItem>> MissionsService::Check(const Principal& actor,
                                                         const PlanCheck& check) {
  domain::FieldErrors errors;
  if (check.ends_at <= check.starts_at) errors.Add("ends_at", "La fin doit être après le début.");
  if (check.crew.size() > 50 || check.equipment.size() > 200) {
    errors.Add("crew", "Trop de lignes.");
  }
  if (!errors.empty()) return Fail(errors.ToError());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::vector<ConflictItem>> {
    const auto org = *actor.organization;
    domain::MissionPlan plan;
    plan.id = check.mission;
    plan.when = {check.starts_at, check.ends_at};
    plan.crew = check.crew;
    plan.equipment = check.equipment;
    plan.venue = check.venue;
    auto refs = PlanReferences(std::nullopt, check.venue, check.crew, check.equipment);
    if (check.mission != 0) refs.Add(store::Owned::kMission, "mission_id", check.mission);
    if (auto ok = refs.Require(lease, org); !ok) return Fail(ok.error());
    return Planner(lease, org).Evaluate(plan);
  });
}

Result<std::vector<store::AuditRow>> MissionsService::History(const Principal& actor,
                                                              long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::vector<store::AuditRow>> {
    const auto org = *actor.organization;
    if (!store::MissionsRepository(lease).Find(org, id)) return NoMission();
    store::AuditFilter filter;
    filter.entity_type = "mission";
    filter.entity_id = std::to_string(id);
    filter.limit = 100;
    return store::AuthRepository(lease).ListAudit(org, filter);
  });
}

Result<std::vector<domain::CustomFieldDefinition>> MissionsService::Fields(const Principal& actor) {
  return store::WithLease(
      db_, [&](store::Lease& lease) -> Result<std::vector<domain::CustomFieldDefinition>> {
        return store::PlanningRepository(lease).FieldDefinitions(*actor.organization);
      });
}

Result<std::vector<domain::CustomFieldDefinition>> MissionsService::ReplaceFields(
    const Principal& actor, const RequestMeta& meta,
    std::vector<domain::CustomFieldDefinition> definitions) {
  auto valid = domain::ValidateFieldDefinitions(std::move(definitions));
  if (!valid) return Fail(std::move(valid).error());
  return store::WithLease(
      db_, [&](store::Lease& lease) -> Result<std::vector<domain::CustomFieldDefinition>> {
        const std::string now = domain::FormatIsoUtc(clock_.Now());
        store::WriteTransaction tx(lease);
        store::PlanningRepository planning(lease);
        planning.ReplaceFieldDefinitions(*actor.organization, *valid, now);
        store::AuthRepository audit(lease);
        Audit(audit, actor, meta, "missions.fields_changed", "organization",
              std::to_string(actor.organization->value),
              nlohmann::json{{"fields", valid->size()}}.dump(), now);
        tx.Commit();
        return *valid;
      });
}

}  // namespace planify::app
