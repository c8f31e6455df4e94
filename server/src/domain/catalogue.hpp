#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace planify::domain {

// The kinds and units a catalogue item (and a document line) may have.
inline constexpr std::string_view kCatalogueKinds[] = {"service", "rental", "product", "fee",
                                                       "travel"};
inline constexpr std::string_view kUnits[] = {"hour", "day", "unit", "km", "flat"};

[[nodiscard]] bool IsCatalogueKind(std::string_view kind);
[[nodiscard]] bool IsUnit(std::string_view unit);

// A reusable priced line for quotes and invoices: "Prestation DJ (heure)", "Location enceinte".
struct CatalogueItemInput {
  std::string kind = "service";
  std::string name;
  std::string description;
  std::string sku;  // optional reference, unique in the organisation
  std::string unit = "unit";
  long long unit_price_cents = 0;  // excl. VAT
  int vat_rate_bp = 2000;
  std::optional<long long> equipment_item;  // a rental of a stock line
};

// Kind and unit among the known ones, name (200), description (2,000), reference (40, no
// spaces), price 0–1,000,000.00 €, VAT 0–100 %; an equipment link only on a rental.
[[nodiscard]] Result<CatalogueItemInput> ValidateCatalogueItem(CatalogueItemInput input);

}  // namespace planify::domain
