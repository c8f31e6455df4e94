#include "domain/resources.hpp"

#include <array>
#include <utility>

#include "domain/scan_codes.hpp"
#include "domain/validation.hpp"

namespace planify::domain {

namespace {

constexpr std::array<std::pair<EquipmentStatus, std::string_view>, 3> kStatuses = {{
    {EquipmentStatus::kAvailable, "available"},
    {EquipmentStatus::kMaintenance, "maintenance"},
    {EquipmentStatus::kRetired, "retired"},
}};

}  // namespace

Result<PlaceInput> ValidatePlace(PlaceInput p) {
  FieldErrors errors;
  RequireText(errors, "name", p.name, 200);
  p.name = Trim(p.name);
  CleanAddress(errors, "address", p.address);
  CleanText(errors, "notes", p.notes, 5000);
  if (!errors.empty()) return Fail(errors.ToError());
  return p;
}

std::string_view EquipmentStatusName(EquipmentStatus status) {
  for (const auto& [s, name] : kStatuses) {
    if (s == status) return name;
  }
  return "available";
}

std::optional<EquipmentStatus> ParseEquipmentStatus(std::string_view name) {
  for (const auto& [s, n] : kStatuses) {
    if (n == name) return s;
  }
  return std::nullopt;
}

Result<EquipmentInput> ValidateEquipment(EquipmentInput e) {
  FieldErrors errors;
  RequireText(errors, "name", e.name, 200);
  e.name = Trim(e.name);
  CleanText(errors, "category", e.category, 60);
  CleanText(errors, "notes", e.notes, 5000);
  if (e.quantity_owned < 0 || e.quantity_owned > 100000) {
    errors.Add("quantity_owned", "Quantité de 0 à 100 000.");
  }
  if (e.quantity_out_of_service < 0 || e.quantity_out_of_service > e.quantity_owned) {
    errors.Add("quantity_out_of_service", "De 0 à la quantité possédée.");
  }
  if (e.rental_price_cents < 0 || e.rental_price_cents > 1'000'000'000) {
    errors.Add("rental_price_cents", "Prix de 0 à 10 000 000,00 € (en centimes).");
  }
  if (e.storage_site && *e.storage_site <= 0) errors.Add("storage_site_id", "Local inconnu.");
  if (!e.barcode.empty()) {
    if (auto barcode = NormalizeBarcode(e.barcode)) {
      e.barcode = *barcode;
    } else {
      errors.Add("barcode", "Code-barres de 1 à 100 caractères, sans espace.");
    }
  }
  if (e.maintenance_interval_days &&
      (*e.maintenance_interval_days < 1 || *e.maintenance_interval_days > 3660)) {
    errors.Add("maintenance_interval_days", "Contrôle tous les 1 à 3 660 jours.");
  }
  CleanText(errors, "brand", e.brand, 100);
  CleanText(errors, "model", e.model, 100);
  if (e.vat_rate_bp && (*e.vat_rate_bp < 0 || *e.vat_rate_bp > 10000)) {
    errors.Add("vat_rate_bp", "TVA de 0 à 100 % (en points de base).");
  }
  if (e.replacement_value_cents &&
      (*e.replacement_value_cents < 0 || *e.replacement_value_cents > 100'000'000'000LL)) {
    errors.Add("replacement_value_cents", "Valeur de 0 à 1 000 000 000,00 € (en centimes).");
  }
  if (e.weight_grams && (*e.weight_grams < 0 || *e.weight_grams > 10'000'000)) {
    errors.Add("weight_grams", "Poids de 0 à 10 tonnes (en grammes).");
  }
  if (!errors.empty()) return Fail(errors.ToError());
  return e;
}

Result<std::string> ValidateCategoryName(const std::string& name) {
  FieldErrors errors;
  RequireText(errors, "name", name, 60);
  if (!errors.empty()) return Fail(errors.ToError());
  return Trim(name);
}

int UnlendableQuantity(EquipmentStatus status, int owned, int out_of_service) {
  return status == EquipmentStatus::kAvailable ? out_of_service : owned;
}

Result<UnavailabilityInput> ValidateUnavailability(UnavailabilityInput u) {
  FieldErrors errors;
  if (u.user <= 0) errors.Add("user_id", "Personne inconnue.");
  if (u.ends_at <= u.starts_at) {
    errors.Add("ends_at", "La fin doit être après le début.");
  } else if (u.ends_at - u.starts_at > std::chrono::days(366)) {
    errors.Add("ends_at", "Une indisponibilité dure un an au plus.");
  }
  CleanText(errors, "reason", u.reason, 200);
  if (!errors.empty()) return Fail(errors.ToError());
  return u;
}

}  // namespace planify::domain
