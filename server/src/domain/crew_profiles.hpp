#pragma once

#include <string>

#include "domain/result.hpp"

namespace planify::domain {

// Someone who works on missions without an account: a freelancer an agency books, a legacy DJ
// who never had a login. Assigned, planned and conflict-checked like a member.
struct CrewProfileInput {
  std::string display_name;
  std::string email;  // lower-case, optional: where an invitation would go
  std::string phone;  // E.164 when given
  std::string position = "dj";
  std::string notes;
};

// Name (1–120), optional e-mail (lower-cased), optional phone (French or international, kept
// in E.164), a known crew position, notes (2,000).
[[nodiscard]] Result<CrewProfileInput> ValidateCrewProfile(CrewProfileInput input);

// Crew lines and the conflict engine name a person by one id: a member by their user id (> 0),
// a crew profile by the negation of its id (< 0). The HTTP layer never shows these: it writes
// user_id or profile_id.
[[nodiscard]] constexpr long long ProfileCrewId(long long profile) { return -profile; }
[[nodiscard]] constexpr bool IsProfileCrewId(long long crew) { return crew < 0; }
[[nodiscard]] constexpr long long ProfileOfCrewId(long long crew) { return -crew; }

}  // namespace planify::domain
