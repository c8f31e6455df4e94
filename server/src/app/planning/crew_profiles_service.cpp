#include "app/planning/crew_profiles_service.hpp"

#include <nlohmann/json.hpp>

#include "app/planning/calendar_sync_service.hpp"
#include "domain/validation.hpp"
#include "store/auth_repository.hpp"

namespace planify::app {

namespace {

Unexpected NoProfile() { return Fail(ErrorCode::kNotFound, "Profil d'équipe introuvable."); }

// Who a linked profile became, "un membre parti depuis" when that account was deleted.
std::string LinkedName(const store::CrewProfileRow& row) {
  return row.user != 0 ? row.user_name : "un membre parti depuis";
}

// Moves the profile's missions to `user` and audits it, on the caller's transaction; the
// connected calendars are synced again (the member's own calendar now has those missions).
Result<void> LinkWithin(store::Lease& lease, const Principal& actor, const RequestMeta& meta,
                        long long id, UserId user, const std::string& via, const std::string& now) {
  store::CrewProfilesRepository profiles(lease);
  long long moved = profiles.Link(*actor.organization, id, user, now);
  store::AuthRepository audit(lease);
  Audit(audit, actor, meta, "crew_profiles.linked", "crew_profile", std::to_string(id),
        nlohmann::json{{"user_id", user.value}, {"missions_moved", moved}, {"via", via}}.dump(),
        now);
  if (moved > 0) return QueueCalendarSyncs(lease, *actor.organization, now);
  return {};
}

}  // namespace

Result<std::vector<store::CrewProfileRow>> CrewProfilesService::List(const Principal& actor,
                                                                     bool include_closed) {
  return store::WithLease(
      db_, [&](store::Lease& lease) -> Result<std::vector<store::CrewProfileRow>> {
        return store::CrewProfilesRepository(lease).List(*actor.organization, include_closed,
                                                         domain::FormatIsoUtc(clock_.Now()));
      });
}

Result<store::CrewProfileRow> CrewProfilesService::Get(const Principal& actor, long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::CrewProfileRow> {
    auto row = store::CrewProfilesRepository(lease).Find(*actor.organization, id);
    if (!row) return NoProfile();
    return *row;
  });
}

Result<store::CrewProfileRow> CrewProfilesService::Create(const Principal& actor,
                                                          const RequestMeta& meta,
                                                          domain::CrewProfileInput input) {
  auto valid = domain::ValidateCrewProfile(std::move(input));
  if (!valid) return Fail(std::move(valid).error());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::CrewProfileRow> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::CrewProfilesRepository profiles(lease);
    long long id = profiles.Insert(org, *valid, now);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "crew_profiles.created", "crew_profile", std::to_string(id),
          nlohmann::json{{"display_name", valid->display_name}}.dump(), now);
    auto row = profiles.Find(org, id);
    tx.Commit();
    return *row;
  });
}

Result<store::CrewProfileRow> CrewProfilesService::Update(const Principal& actor,
                                                          const RequestMeta& meta, long long id,
                                                          domain::CrewProfileInput input) {
  auto valid = domain::ValidateCrewProfile(std::move(input));
  if (!valid) return Fail(std::move(valid).error());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::CrewProfileRow> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::CrewProfilesRepository profiles(lease);
    auto stored = profiles.Find(org, id);
    if (!stored) return NoProfile();
    if (stored->linked()) {
      return Fail(ErrorCode::kConflict, "Ce profil est rattaché au compte de " +
                                            LinkedName(*stored) + " : il ne change plus.");
    }
    if (stored->erased) {
      return Fail(ErrorCode::kConflict, "Ce profil a été effacé : il ne change plus.");
    }
    profiles.Update(org, id, *valid, now);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "crew_profiles.updated", "crew_profile", std::to_string(id),
          nlohmann::json{{"display_name", valid->display_name}}.dump(), now);
    auto row = profiles.Find(org, id);
    tx.Commit();
    return *row;
  });
}

Result<store::CrewProfileRow> CrewProfilesService::SetArchived(const Principal& actor,
                                                               const RequestMeta& meta,
                                                               long long id, bool archived) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::CrewProfileRow> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::CrewProfilesRepository profiles(lease);
    auto stored = profiles.Find(org, id);
    if (!stored) return NoProfile();
    if (!archived && stored->erased) {
      return Fail(ErrorCode::kConflict, "Ce profil a été effacé : il ne revient pas.");
    }
    profiles.SetArchived(org, id, archived, now);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, archived ? "crew_profiles.archived" : "crew_profiles.restored",
          "crew_profile", std::to_string(id), "{}", now);
    auto row = profiles.Find(org, id);
    tx.Commit();
    return *row;
  });
}

Result<store::CrewProfileRow> CrewProfilesService::Erase(const Principal& actor,
                                                         const RequestMeta& meta, long long id,
                                                         const std::string& confirm_name) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::CrewProfileRow> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::CrewProfilesRepository profiles(lease);
    auto stored = profiles.Find(org, id);
    if (!stored) return NoProfile();
    if (stored->erased) return Fail(ErrorCode::kConflict, "Ce profil est déjà effacé.");
    if (domain::Trim(confirm_name) != stored->profile.display_name) {
      return Fail(ErrorCode::kValidation, "Confirmez l'effacement.",
                  {{"confirm_name",
                    "Saisissez le nom exact du profil : " + stored->profile.display_name + "."}});
    }
    profiles.Erase(org, id, now);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "crew_profiles.erased", "crew_profile", std::to_string(id), "{}",
          now);
    auto row = profiles.Find(org, id);
    tx.Commit();
    return *row;
  });
}

Result<store::CrewProfileRow> CrewProfilesService::Link(const Principal& actor,
                                                        const RequestMeta& meta, long long id,
                                                        UserId member) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::CrewProfileRow> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::CrewProfilesRepository profiles(lease);
    auto stored = profiles.Find(org, id);
    if (!stored) return NoProfile();
    if (stored->linked()) {
      return Fail(ErrorCode::kConflict,
                  "Ce profil est déjà rattaché au compte de " + LinkedName(*stored) + ".");
    }
    if (stored->erased) {
      return Fail(ErrorCode::kConflict, "Ce profil a été effacé : invitez la personne à nouveau.");
    }
    if (!store::AuthRepository(lease).FindMember(org, member)) {
      return Fail(ErrorCode::kValidation, "Choisissez un membre de l'équipe.",
                  {{"user_id", "Cette personne n'est pas membre de l'organisation."}});
    }
    if (auto linked = LinkWithin(lease, actor, meta, id, member, "manual", now); !linked) {
      return Fail(linked.error());
    }
    auto row = profiles.Find(org, id);
    tx.Commit();
    return *row;
  });
}

Result<int> LinkProfilesByEmail(store::Lease& lease, const Principal& actor,
                                const RequestMeta& meta, const std::string& email,
                                const std::string& now) {
  int linked = 0;
  for (long long id :
       store::CrewProfilesRepository(lease).OpenWithEmail(*actor.organization, email)) {
    if (auto done = LinkWithin(lease, actor, meta, id, actor.user, "invitation", now); !done) {
      return Fail(done.error());
    }
    ++linked;
  }
  return linked;
}

}  // namespace planify::app
