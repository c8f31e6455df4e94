#include "domain/missions.hpp"

#include <array>
#include <utility>

namespace planify::domain {

namespace {

constexpr std::array<std::pair<MissionStatus, std::string_view>, 6> kNames = {{
    {MissionStatus::kDraft, "draft"},
    {MissionStatus::kPlanned, "planned"},
    {MissionStatus::kConfirmed, "confirmed"},
    {MissionStatus::kInProgress, "in_progress"},
    {MissionStatus::kCompleted, "completed"},
    {MissionStatus::kCanceled, "canceled"},
}};

}  // namespace

std::string_view MissionStatusName(MissionStatus status) {
  for (const auto& [s, name] : kNames) {
    if (s == status) return name;
  }
  return "draft";
}

std::optional<MissionStatus> ParseMissionStatus(std::string_view name) {
  for (const auto& [s, n] : kNames) {
    if (n == name) return s;
  }
  return std::nullopt;
}

bool CanTransition(MissionStatus from, MissionStatus to) {
  using S = MissionStatus;
  if (from == S::kCompleted || from == S::kCanceled) return false;
  if (to == S::kCanceled) return true;
  switch (from) {
    case S::kDraft:
      return to == S::kPlanned;
    case S::kPlanned:
      return to == S::kConfirmed || to == S::kDraft;
    case S::kConfirmed:
      return to == S::kInProgress;
    case S::kInProgress:
      return to == S::kCompleted;
    default:
      return false;
  }
}

}  // namespace planify::domain
