#include "domain/units.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "domain/scan_codes.hpp"
#include "domain/validation.hpp"

namespace planify::domain {

namespace {

constexpr std::array<std::pair<Tracking, std::string_view>, 2> kTracking{{
    {Tracking::kStock, "stock"},
    {Tracking::kUnit, "unit"},
}};

constexpr std::array<std::pair<UnitStatus, std::string_view>, 5> kStatuses{{
    {UnitStatus::kAvailable, "available"},
    {UnitStatus::kOut, "out"},
    {UnitStatus::kMaintenance, "maintenance"},
    {UnitStatus::kLost, "lost"},
    {UnitStatus::kRetired, "retired"},
}};

Unexpected Refuse(std::string message) { return Fail(ErrorCode::kConflict, std::move(message)); }

bool Printable(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

}  // namespace

std::string_view TrackingName(Tracking tracking) {
  for (const auto& [t, name] : kTracking) {
    if (t == tracking) return name;
  }
  return "stock";
}

std::optional<Tracking> ParseTracking(std::string_view name) {
  for (const auto& [t, n] : kTracking) {
    if (n == name) return t;
  }
  return std::nullopt;
}

std::string_view UnitStatusName(UnitStatus status) {
  for (const auto& [s, name] : kStatuses) {
    if (s == status) return name;
  }
  return "available";
}

std::optional<UnitStatus> ParseUnitStatus(std::string_view name) {
  for (const auto& [s, n] : kStatuses) {
    if (n == name) return s;
  }
  return std::nullopt;
}

Result<UnitInput> ValidateUnit(UnitInput input) {
  std::vector<FieldError> fields;
  input.serial_number = Trim(input.serial_number);
  if (input.serial_number.size() > 100 || !Printable(input.serial_number)) {
    fields.push_back({"serial_number", "100 caractères imprimables au plus"});
  }
  input.barcode = Trim(input.barcode);
  if (!input.barcode.empty()) {
    if (auto code = NormalizeBarcode(input.barcode)) {
      input.barcode = *code;
    } else {
      fields.push_back({"barcode", "1 à 100 caractères imprimables, sans espace"});
    }
  }
  input.notes = Trim(input.notes);
  if (input.notes.size() > 1000) fields.push_back({"notes", "1 000 caractères au plus"});
  if (!fields.empty()) return Fail(ErrorCode::kValidation, "Unité invalide.", std::move(fields));
  return input;
}

Result<void> CheckUnitCheckOut(const UnitNow& unit, long long mission) {
  switch (unit.status) {
    case UnitStatus::kAvailable:
      return {};
    case UnitStatus::kOut:
      if (unit.mission == mission)
        return Refuse(unit.label + " est déjà sortie pour cette mission.");
      return Refuse(unit.label + " est déjà sortie avec la mission « " + unit.mission_title +
                    " » : rendez-la d'abord.");
    case UnitStatus::kMaintenance:
      return Refuse(unit.label + " est en maintenance.");
    case UnitStatus::kLost:
      return Refuse(unit.label + " est déclarée perdue.");
    case UnitStatus::kRetired:
      return Refuse(unit.label + " est retirée du parc.");
  }
  return {};
}

Result<void> CheckUnitReturn(const UnitNow& unit, long long mission) {
  if (unit.status == UnitStatus::kOut && unit.mission == mission) return {};
  if (unit.status == UnitStatus::kOut) {
    return Refuse(unit.label + " n'est pas sortie pour cette mission mais avec « " +
                  unit.mission_title + " ».");
  }
  return Refuse(unit.label + " n'est pas sortie pour cette mission.");
}

Result<void> CheckUnitRetire(const UnitNow& unit) {
  if (unit.status == UnitStatus::kOut) {
    return Refuse(unit.label + " est sortie avec la mission « " + unit.mission_title +
                  " » : rendez-la avant de la retirer.");
  }
  if (unit.status == UnitStatus::kMaintenance) {
    return Refuse(unit.label + " est en maintenance : clôturez l'entretien avant de la retirer.");
  }
  if (unit.status == UnitStatus::kRetired) return Refuse(unit.label + " est déjà retirée.");
  return {};
}

std::string UnitLabel(const std::string& item_name, const std::string& serial, long long id) {
  if (!serial.empty()) return "« " + item_name + " » n° " + serial;
  return "« " + item_name + " » (" + UnitShortCode(id) + ")";
}

std::vector<long long> PickUnits(const std::vector<long long>& candidates,
                                 const std::vector<long long>& reserved, int count) {
  std::vector<long long> out;
  for (long long id : candidates) {
    if (static_cast<int>(out.size()) >= count) break;
    if (std::find(reserved.begin(), reserved.end(), id) != reserved.end()) continue;
    out.push_back(id);
  }
  return out;
}

}  // namespace planify::domain
