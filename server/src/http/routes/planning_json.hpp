#pragma once

#include "http/json_writer.hpp"

#include "app/planning/missions_service.hpp"
#include "domain/clients.hpp"
#include "store/categories_repository.hpp"
#include "store/logistics_repository.hpp"
#include "store/missions_repository.hpp"
#include "store/planning_repository.hpp"
#include "store/units_repository.hpp"

namespace planify::http {

// {"line1","line2","postal_code","city","country"}: a client's or a place's address.
void WriteAddress(JsonWriter& out, const domain::Address& a);
void WritePlace(JsonWriter& out, const store::PlaceRow& row);
// An equipment line; its storage site as {"id","name"} or null.
void WriteEquipment(JsonWriter& out, const store::EquipmentRow& row);
void WriteCategory(JsonWriter& out, const store::CategoryRow& row);
void WriteUnavailability(JsonWriter& out, const store::UnavailabilityRow& row);
void WriteConflict(JsonWriter& out, const app::ConflictItem& item);
// "user_id" and "profile_id" of a crew id (domain/crew_profiles.hpp): one is null.
void WriteCrewIds(JsonWriter& out, long long crew);
// Gear out with a mission (late returns, scan view, depot display).
void WriteOut(JsonWriter& w, const store::OutRow& r);
void WriteMaintenance(JsonWriter& out, const store::MaintenanceRow& r);
void WriteUnit(JsonWriter& out, const store::UnitRow& u);
void WriteMovement(JsonWriter& out, const store::MovementRow& m);
// A mission as the API shows it. Crew (`internal` false) do not see the internal notes; the
// conflicts, when given, come as "conflicts".
void WriteMission(JsonWriter& out, const store::MissionRow& row, bool internal,
                  const std::vector<app::ConflictItem>* conflicts = nullptr);
// What a calendar cell shows: id, title, status, client, venue, times and crew. A month holds
// a thousand of these, so nothing else.
void WriteCalendarMission(JsonWriter& out, const store::CalendarMission& mission);

}  // namespace planify::http
