#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/crew_profiles.hpp"
#include "domain/ids.hpp"
#include "store/database.hpp"

namespace planify::store {

struct CrewProfileRow {
  long long id = 0;
  domain::CrewProfileInput profile;
  long long user = 0;  // the account it became; 0 while it has none
  std::string user_name;
  std::string linked_at;
  bool archived = false;
  bool erased = false;  // RGPD erasure: name replaced, contact details and notes emptied
  long long upcoming_missions = 0;  // missions starting after `now` (List only)
  // Linked once, even if that account was deleted since (user back to 0, linked_at kept): the
  // profile's missions went to the account; it is history, not an open profile.
  [[nodiscard]] bool linked() const { return user != 0 || !linked_at.empty(); }
  std::string created_at;
  std::string updated_at;
};

// Crew profiles (domain/crew_profiles.hpp), always within one organisation. Runs on the caller's
// lease and transaction.
class CrewProfilesRepository {
 public:
  explicit CrewProfilesRepository(Lease& lease) : lease_(lease) {}

  // By name; archived and linked profiles only when asked.
  [[nodiscard]] std::vector<CrewProfileRow> List(OrganizationId organization, bool include_closed,
                                                 const std::string& now);
  [[nodiscard]] std::optional<CrewProfileRow> Find(OrganizationId organization, long long id);
  [[nodiscard]] long long Insert(OrganizationId organization,
                                 const domain::CrewProfileInput& profile, const std::string& now);
  bool Update(OrganizationId organization, long long id, const domain::CrewProfileInput& profile,
              const std::string& now);
  // RGPD erasure (erased_at): « Intervenant effacé n° <id> », e-mail, phone and notes emptied,
  // archived. False when not in the organisation.
  bool Erase(OrganizationId organization, long long id, const std::string& now);
  bool SetArchived(OrganizationId organization, long long id, bool archived,
                   const std::string& now);

  // The profile's missions become the member's (a mission that already has the member keeps
  // the member's line); the profile keeps the link. Returns the crew lines moved.
  long long Link(OrganizationId organization, long long id, UserId user, const std::string& now);
  // Open (unlinked, not archived) profiles of the organisation with this address.
  [[nodiscard]] std::vector<long long> OpenWithEmail(OrganizationId organization,
                                                     const std::string& email);
  // Names of the given profiles, by profile id.
  [[nodiscard]] std::map<long long, std::string> Names(OrganizationId organization,
                                                       const std::vector<long long>& ids);

 private:
  Lease& lease_;
};

}  // namespace planify::store
