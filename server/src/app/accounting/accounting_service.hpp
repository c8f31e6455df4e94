#pragma once

#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "app/ports.hpp"
#include "domain/accounting.hpp"
#include "store/database.hpp"

namespace planify::app {

// A FEC ready to download.
struct FecFile {
  std::string filename;  // <SIREN>FEC<YYYYMMDD>.txt
  std::string text;
  long long lines = 0;
  long long entries = 0;
};

// The VAT collected over a period, per rate, on the organisation's basis.
struct VatSummary {
  std::string basis;       // "debits" or "receipts"
  bool franchise = false;  // franchise en base: no VAT is collected
  std::vector<domain::VatCollected> rates;
  long long base_cents = 0;
  long long vat_cents = 0;
  long long documents = 0;  // documents (debits) or payments and refunds (receipts) counted
};

// Settings → Comptabilité, the FEC and the VAT summary (docs/accounting.md).
class AccountingService {
 public:
  AccountingService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  [[nodiscard]] Result<domain::AccountingSettings> Settings(const Principal& actor);
  // VALIDATION naming each bad account or journal; audited.
  [[nodiscard]] Result<domain::AccountingSettings> SaveSettings(
      const Principal& actor, const RequestMeta& meta, domain::AccountingSettings settings);
  // The FEC of [from, to] (days, at most 24 months: a fiscal year). VALIDATION for a bad
  // period; CONFLICT while the organisation has no SIREN (the file is named after it). Audited.
  [[nodiscard]] Result<FecFile> Fec(const Principal& actor, const RequestMeta& meta,
                                    const std::string& from, const std::string& to);
  [[nodiscard]] Result<VatSummary> Vat(const Principal& actor, const std::string& from,
                                       const std::string& to);

 private:
  store::Database& db_;
  const Clock& clock_;
};

// The settings as the API and the table hold them, and back (unknown keys ignored, missing
// ones default).
[[nodiscard]] std::string AccountingSettingsJson(const domain::AccountingSettings& settings);
[[nodiscard]] domain::AccountingSettings AccountingSettingsFromJson(const std::string& json);

}  // namespace planify::app
