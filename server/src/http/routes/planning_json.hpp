#pragma once

#include <nlohmann/json.hpp>

#include "app/planning/missions_service.hpp"
#include "store/missions_repository.hpp"
#include "store/planning_repository.hpp"

namespace planify::http {

[[nodiscard]] nlohmann::json PlaceJson(const store::PlaceRow& row);
[[nodiscard]] nlohmann::json EquipmentJson(const store::EquipmentRow& row);
[[nodiscard]] nlohmann::json UnavailabilityJson(const store::UnavailabilityRow& row);
[[nodiscard]] nlohmann::json ConflictJson(const app::ConflictItem& item);
// A mission as the API shows it. Crew (`internal` false) do not see the internal notes.
[[nodiscard]] nlohmann::json MissionJson(const store::MissionRow& row, bool internal);
// What a calendar cell shows: id, title, status, client, venue, times and crew. A month holds
// a thousand of these, so nothing else.
[[nodiscard]] nlohmann::json CalendarMissionJson(const store::MissionRow& row);

}  // namespace planify::http
