#include "domain/equipment.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "domain/missions.hpp"

namespace planify::domain {

namespace {

constexpr std::array<std::pair<MovementKind, std::string_view>, 7> kKinds{{
    {MovementKind::kCheckOut, "check_out"},
    {MovementKind::kReturn, "return"},
    {MovementKind::kLoss, "loss"},
    {MovementKind::kFound, "found"},
    {MovementKind::kMaintenanceIn, "maintenance_in"},
    {MovementKind::kMaintenanceOut, "maintenance_out"},
    {MovementKind::kTransfer, "transfer"},
}};

constexpr std::array<std::pair<ReturnCondition, std::string_view>, 3> kConditions{{
    {ReturnCondition::kOk, "ok"},
    {ReturnCondition::kDamaged, "damaged"},
    {ReturnCondition::kMissing, "missing"},
}};

constexpr int kMaxQuantity = 10000;

Result<void> CheckQuantity(int quantity) {
  if (quantity < 1 || quantity > kMaxQuantity) {
    return Fail(ErrorCode::kValidation, "La quantité doit être comprise entre 1 et 10 000.",
                {{"quantity", "entre 1 et 10 000"}});
  }
  return {};
}

Result<void> Refuse(std::string message) { return Fail(ErrorCode::kConflict, std::move(message)); }

std::string Units(int n) { return std::to_string(n) + (n > 1 ? " unités" : " unité"); }

}  // namespace

std::string_view MovementKindName(MovementKind kind) {
  for (const auto& [k, name] : kKinds) {
    if (k == kind) return name;
  }
  return "check_out";
}

std::optional<MovementKind> ParseMovementKind(std::string_view name) {
  for (const auto& [k, n] : kKinds) {
    if (n == name) return k;
  }
  return std::nullopt;
}

std::string_view ReturnConditionName(ReturnCondition condition) {
  for (const auto& [c, name] : kConditions) {
    if (c == condition) return name;
  }
  return "ok";
}

std::optional<ReturnCondition> ParseReturnCondition(std::string_view name) {
  for (const auto& [c, n] : kConditions) {
    if (n == name) return c;
  }
  return std::nullopt;
}

int OnShelf(const ItemNow& item) {
  return std::max(0, item.owned - item.out_of_service - item.out);
}

Result<void> CheckCheckOut(const ItemNow& item, const MissionNow& mission, int quantity,
                           Timestamp now) {
  if (auto q = CheckQuantity(quantity); !q) return q;
  if (mission.status == MissionStatus::kCanceled) {
    return Refuse("La mission est annulée : aucun matériel ne peut sortir pour elle.");
  }
  if (mission.status == MissionStatus::kDraft) {
    return Refuse("La mission est en brouillon : planifiez-la avant de sortir du matériel.");
  }
  if (mission.when.end + kCheckOutGraceAfterEnd < now) {
    return Refuse(
        "La mission est terminée depuis plus de 48 heures : vérifiez la mission "
        "scannée.");
  }
  if (item.status == EquipmentStatus::kRetired) {
    return Refuse("« " + item.name + " » est retiré du parc.");
  }
  if (item.status == EquipmentStatus::kMaintenance) {
    return Refuse("« " + item.name + " » est en maintenance.");
  }
  const int shelf = OnShelf(item);
  if (quantity > shelf) {
    return Refuse(
        shelf == 0 ? "Plus aucune unité de « " + item.name + " » n'est disponible en dépôt."
                   : "Seulement " + Units(shelf) + " de « " + item.name +
                         " » en dépôt : impossible d'en sortir " + std::to_string(quantity) + ".");
  }
  return {};
}

Result<void> CheckReturn(const ItemNow& item, const MissionNow& mission, int quantity) {
  if (auto q = CheckQuantity(quantity); !q) return q;
  if (mission.out_here == 0) {
    return Refuse("« " + item.name + " » n'est pas sorti pour cette mission.");
  }
  if (quantity > mission.out_here) {
    return Refuse("Cette mission n'a que " + Units(mission.out_here) + " de « " + item.name +
                  " » sorties : impossible d'en rendre " + std::to_string(quantity) + ".");
  }
  return {};
}

Result<void> CheckLoss(const ItemNow& item, int quantity) {
  if (auto q = CheckQuantity(quantity); !q) return q;
  const int shelf = OnShelf(item);
  if (quantity > shelf) {
    return Refuse(shelf == 0 ? "Aucune unité de « " + item.name +
                                   " » n'est en dépôt : ce qui est sorti rentre par le retour de "
                                   "sa mission."
                             : "Seulement " + Units(shelf) + " de « " + item.name +
                                   " » en dépôt peuvent être déclarées perdues.");
  }
  return {};
}

Result<void> CheckFound(const ItemNow& item, int lost_not_found, int quantity) {
  if (auto q = CheckQuantity(quantity); !q) return q;
  if (quantity > lost_not_found) {
    return Refuse(lost_not_found == 0
                      ? "Aucune unité de « " + item.name + " » n'est déclarée perdue."
                      : "Seulement " + Units(lost_not_found) + " de « " + item.name +
                            " » déclarées perdues.");
  }
  return {};
}

Result<void> CheckMaintenanceIn(const ItemNow& item, int quantity) {
  if (auto q = CheckQuantity(quantity); !q) return q;
  const int shelf = OnShelf(item);
  if (quantity > shelf) {
    return Refuse("Seulement " + Units(shelf) + " de « " + item.name +
                  " » en dépôt peuvent partir en maintenance.");
  }
  return {};
}

Result<void> CheckMaintenanceOut(const ItemNow& item, int quantity) {
  if (auto q = CheckQuantity(quantity); !q) return q;
  if (quantity > item.out_of_service) {
    return Refuse("Seulement " + Units(item.out_of_service) + " de « " + item.name +
                  " » sont hors service.");
  }
  return {};
}

}  // namespace planify::domain
