#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/conflicts.hpp"
#include "domain/result.hpp"

namespace planify::domain {

// Stable names stored and sent by the API ("in_progress").
[[nodiscard]] std::string_view MissionStatusName(MissionStatus status);
[[nodiscard]] std::optional<MissionStatus> ParseMissionStatus(std::string_view name);

// The status machine: draft → planned → confirmed → in_progress → completed, each step forward
// only; canceled from any status that is not final (completed and canceled are final). A
// planned mission may also go back to draft while nothing was confirmed.
[[nodiscard]] bool CanTransition(MissionStatus from, MissionStatus to);

// A mission lasts at most this long (a festival week, a tour leg). The bound also keeps the
// overlap queries on an index range.
inline constexpr std::chrono::days kMaxMissionLength{31};

// What a crew member does on a mission, independent of their role in the organisation.
inline constexpr std::string_view kCrewPositions[] = {"dj", "technician", "assistant", "driver",
                                                      "other"};

struct CrewAssignment {
  long long user = 0;  // a member's user id, or a crew profile's (domain/crew_profiles.hpp)
  std::string position = "dj";
  std::string label;  // free text: "ingé lumière"
  bool lead = false;  // the main provider (the legacy dj_id)
};

// An organisation-defined field shown on every mission (legacy feature).
struct CustomFieldDefinition {
  std::string key;                   // [a-z0-9_], unique
  std::string label;                 // shown in forms
  std::string type = "text";         // text, textarea, number, select, date
  std::vector<std::string> options;  // select only
  bool required = false;
};

struct MissionInput {
  std::string title;
  MissionStatus status = MissionStatus::kPlanned;
  std::optional<long long> client;
  std::optional<long long> venue;
  std::string address;  // free address when there is no venue
  std::string event_type;
  std::optional<int> guest_count;
  Timestamp starts_at{};
  Timestamp ends_at{};
  std::string description;  // shown to the crew
  std::string notes;        // internal
  std::vector<CrewAssignment> crew;
  std::vector<EquipmentLine> equipment;
  std::map<std::string, std::string> custom_fields;  // key → canonical text
};

// Cleans and checks a mission: title (200), start before end and at most kMaxMissionLength,
// guests 0–100,000, crew without duplicates (known positions, at most one lead), equipment lines
// with a positive quantity and no item twice, custom values against their definitions (required,
// number, date YYYY-MM-DD, select option; unknown keys refused). Creation accepts the statuses
// draft, planned and confirmed only (the others are reached through transitions).
[[nodiscard]] Result<MissionInput> ValidateMission(
    MissionInput input, const std::vector<CustomFieldDefinition>& definitions);

// Checks an organisation's list of custom fields: keys [a-z0-9_] (1–40), unique, labels (100),
// known types, 1–50 options for select fields; at most 30 fields.
[[nodiscard]] Result<std::vector<CustomFieldDefinition>> ValidateFieldDefinitions(
    std::vector<CustomFieldDefinition> definitions);

// Names the conflict engine's ids, for messages.
struct ConflictNames {
  std::map<long long, std::string> users;
  std::map<long long, std::string> items;
  std::map<long long, std::string> venues;
};

// One French sentence per conflict, in the organisation's time zone: "Greg Martin est déjà sur
// « Mariage Dupont » du sam. 12 juin 2027 18:00 au dim. 13 juin 2027 02:00."
[[nodiscard]] std::string DescribeConflict(const Conflict& conflict, const ConflictNames& names,
                                           std::string_view zone);

// The kind as the API names it: crew_busy, crew_unavailable, equipment_shortage, venue_booked.
[[nodiscard]] std::string_view ConflictKindName(Conflict::Kind kind);

// The folded words a mission is found by (title, event type, address).
[[nodiscard]] std::string MissionSearchText(const MissionInput& mission);

}  // namespace planify::domain
