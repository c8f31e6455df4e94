#pragma once

#include <optional>
#include <string_view>

#include "domain/conflicts.hpp"

namespace planify::domain {

// Stable names stored and sent by the API ("in_progress").
[[nodiscard]] std::string_view MissionStatusName(MissionStatus status);
[[nodiscard]] std::optional<MissionStatus> ParseMissionStatus(std::string_view name);

// The status machine: draft → planned → confirmed → in_progress → completed, each step forward
// only; canceled from any status that is not final (completed and canceled are final). A
// planned mission may also go back to draft while nothing was confirmed.
[[nodiscard]] bool CanTransition(MissionStatus from, MissionStatus to);

}  // namespace planify::domain
