#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/clients.hpp"
#include "domain/result.hpp"
#include "domain/time.hpp"
#include "domain/units.hpp"

namespace planify::domain {

// A venue (where events happen) or a storage site (where gear lives): both are named places.
struct PlaceInput {
  std::string name;
  Address address;
  std::string notes;  // venues: load-in, parking, power, sound limits
};

// Name required (200), address parts bounded, country ISO-2, notes up to 5,000 characters.
[[nodiscard]] Result<PlaceInput> ValidatePlace(PlaceInput input);

enum class EquipmentStatus { kAvailable, kMaintenance, kRetired };
[[nodiscard]] std::string_view EquipmentStatusName(EquipmentStatus status);
[[nodiscard]] std::optional<EquipmentStatus> ParseEquipmentStatus(std::string_view name);

// One stock line of the catalogue ("Enceinte JBL PRX815 ×6"), as in the legacy app.
struct EquipmentInput {
  std::string name;
  std::string category;  // "Son", "Lumière"…
  std::optional<long long> storage_site;
  int quantity_owned = 1;
  int quantity_out_of_service = 0;  // broken or at the repairer, out of the lendable stock
  EquipmentStatus status = EquipmentStatus::kAvailable;
  long long rental_price_cents = 0;  // excl. VAT, per unit per mission
  std::string notes;
  std::string barcode;  // the maker's or the label's barcode, "" for none; unique per organisation
  std::optional<int> maintenance_interval_days;      // periodic check every N days (1–3,660)
  std::string brand;                                 // "JBL"
  std::string model;                                 // "PRX815"
  std::optional<int> vat_rate_bp;                    // its rental's VAT; none: the organisation's
  std::optional<long long> replacement_value_cents;  // for the security deposit
  std::optional<int> weight_grams;                   // for loading the truck
  Tracking tracking = Tracking::kStock;              // by stock count, or unit by unit
};

// A category of the managed list: 1–60 characters, trimmed.
[[nodiscard]] Result<std::string> ValidateCategoryName(const std::string& name);

// Name (200), category (60), quantities 0–100,000 with out-of-service ≤ owned, price 0 to
// 10,000,000.00 €, notes (5,000),
// barcode trimmed, up to 100 printable characters without spaces.
[[nodiscard]] Result<EquipmentInput> ValidateEquipment(EquipmentInput input);

// The quantity the conflict engine must not lend: the whole line when it is in maintenance or
// retired, else its out-of-service units.
[[nodiscard]] int UnlendableQuantity(EquipmentStatus status, int owned, int out_of_service);

// A crew member's holiday or day off, with a reason shown to planners.
struct UnavailabilityInput {
  long long user = 0;
  Timestamp starts_at{};
  Timestamp ends_at{};
  std::string reason;
};

// Start before end, at most a year long, reason up to 200 characters.
[[nodiscard]] Result<UnavailabilityInput> ValidateUnavailability(UnavailabilityInput input);

}  // namespace planify::domain
