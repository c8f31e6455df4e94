#pragma once

#include <optional>
#include <string>

#include "domain/ids.hpp"
#include "domain/organization_settings.hpp"
#include "store/database.hpp"

namespace planify::store {

struct StoredOrganizationSettings {
  domain::OrganizationSettings settings;  // iban and bic left empty: they are sealed
  std::string bank_details_sealed;        // "" when none
  std::string iban_last4;
  std::string updated_at;
};

// An organisation's settings row. Runs on the caller's lease and transaction.
class OrganizationsRepository {
 public:
  explicit OrganizationsRepository(Lease& lease) : lease_(lease) {}

  [[nodiscard]] std::optional<StoredOrganizationSettings> LoadSettings(OrganizationId id);
  // Writes every setting; the IBAN/BIC fields of `settings` are ignored (pass them sealed).
  void SaveSettings(OrganizationId id, const domain::OrganizationSettings& settings,
                    const std::string& bank_details_sealed, const std::string& iban_last4,
                    const std::string& now);

  // The organisation's data version (migration 0016): moves on every write to what its lists
  // and pages show. 0 when the organisation has none.
  [[nodiscard]] long long DataVersion(OrganizationId id);

 private:
  Lease& lease_;
};

}  // namespace planify::store
