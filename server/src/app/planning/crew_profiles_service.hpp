#pragma once

#include <vector>

#include "app/auth/auth_service.hpp"
#include "store/crew_profiles_repository.hpp"

namespace planify::app {

// Crew profiles: people planned on missions without an account (domain/crew_profiles.hpp).
// Planners create, edit and archive them; members managers link one to a member (its missions
// become the member's). Accepting an invitation sent to a profile's address links it too
// (EmailLinksService). Another organisation's profile is NOT_FOUND.
class CrewProfilesService {
 public:
  CrewProfilesService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  [[nodiscard]] Result<std::vector<store::CrewProfileRow>> List(const Principal& actor,
                                                                bool include_closed);
  [[nodiscard]] Result<store::CrewProfileRow> Get(const Principal& actor, long long id);
  [[nodiscard]] Result<store::CrewProfileRow> Create(const Principal& actor,
                                                     const RequestMeta& meta,
                                                     domain::CrewProfileInput input);
  // CONFLICT once linked to a member (the member's own profile is edited instead).
  [[nodiscard]] Result<store::CrewProfileRow> Update(const Principal& actor,
                                                     const RequestMeta& meta, long long id,
                                                     domain::CrewProfileInput input);
  // CONFLICT when restoring an erased profile.
  [[nodiscard]] Result<store::CrewProfileRow> SetArchived(const Principal& actor,
                                                          const RequestMeta& meta, long long id,
                                                          bool archived);
  // RGPD erasure at the person's request (docs/personal-data.md), irreversible: `confirm_name`
  // must be the profile's name (VALIDATION otherwise); CONFLICT when already erased. The crew
  // lines of its missions stay under « Intervenant effacé n° <id> ». Audited without values.
  [[nodiscard]] Result<store::CrewProfileRow> Erase(const Principal& actor, const RequestMeta& meta,
                                                    long long id, const std::string& confirm_name);
  // VALIDATION when `member` is not a member of the organisation; CONFLICT when the profile is
  // already linked or erased.
  [[nodiscard]] Result<store::CrewProfileRow> Link(const Principal& actor, const RequestMeta& meta,
                                                   long long id, UserId member);

 private:
  store::Database& db_;
  const Clock& clock_;
};

// Links the organisation's open profiles with `email` to `user`, on the caller's transaction
// (an accepted invitation); each link is audited and the connected calendars are synced again.
// Returns how many were linked.
[[nodiscard]] Result<int> LinkProfilesByEmail(store::Lease& lease, const Principal& actor,
                                              const RequestMeta& meta, const std::string& email,
                                              const std::string& now);

}  // namespace planify::app
