#include "domain/catalogue.hpp"

#include <algorithm>

#include "domain/validation.hpp"

namespace planify::domain {

bool IsCatalogueKind(std::string_view kind) {
  return std::find(std::begin(kCatalogueKinds), std::end(kCatalogueKinds), kind) !=
         std::end(kCatalogueKinds);
}

bool IsUnit(std::string_view unit) {
  return std::find(std::begin(kUnits), std::end(kUnits), unit) != std::end(kUnits);
}

Result<CatalogueItemInput> ValidateCatalogueItem(CatalogueItemInput c) {
  FieldErrors errors;
  if (!IsCatalogueKind(c.kind)) {
    errors.Add("kind", "service, rental, product, fee ou travel.");
  }
  if (!IsUnit(c.unit)) errors.Add("unit", "hour, day, unit, km ou flat.");
  RequireText(errors, "name", c.name, 200);
  c.name = Trim(c.name);
  CleanText(errors, "description", c.description, 2000);
  c.sku = Trim(c.sku);
  if (c.sku.size() > 40 || c.sku.find(' ') != std::string::npos) {
    errors.Add("sku", "Référence de 40 caractères au plus, sans espace.");
  }
  if (c.unit_price_cents < 0 || c.unit_price_cents > 100'000'000) {
    errors.Add("unit_price_cents", "Prix de 0 à 1 000 000,00 € (en centimes).");
  }
  if (c.vat_rate_bp < 0 || c.vat_rate_bp > 10000) errors.Add("vat_rate_bp", "TVA de 0 à 100 %.");
  if (c.equipment_item && c.kind != "rental") {
    errors.Add("equipment_item_id", "Seule une location se rattache à du matériel.");
  }
  if (!errors.empty()) return Fail(errors.ToError());
  return c;
}

}  // namespace planify::domain
