#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/accounting.hpp"
#include "domain/ids.hpp"
#include "store/database.hpp"

namespace planify::store {

// A payment or refund with what it pays, for the VAT on receipts.
struct ReceiptRow {
  domain::MoneyMove move;
  std::vector<domain::VatBreakdown> pays;  // the invoice's (less its deposits) or the quote's
};

// What accounting reads: issued documents and money moves over a period, and the organisation's
// accounting settings. Runs on the caller's lease.
class AccountingRepository {
 public:
  explicit AccountingRepository(Lease& lease) : lease_(lease) {}

  // The settings' JSON, or nullopt when the organisation kept the defaults.
  [[nodiscard]] std::optional<std::string> SettingsJson(OrganizationId org);
  void SaveSettingsJson(OrganizationId org, const std::string& json, const std::string& now);

  // Issued invoices, deposit invoices and credit notes dated within [from, to] (days).
  [[nodiscard]] std::vector<domain::SaleDocument> Documents(OrganizationId org,
                                                            const std::string& from,
                                                            const std::string& to);
  // Succeeded payments received within [from, to] and succeeded refunds made then (their day in
  // UTC), each with the breakdown of what it pays.
  [[nodiscard]] std::vector<ReceiptRow> Receipts(OrganizationId org, const std::string& from,
                                                 const std::string& to);

 private:
  Lease& lease_;
};

// "C000042": a client's auxiliary account; "CDIVERS" without a client.
[[nodiscard]] std::string ClientCode(std::optional<long long> client_id);

}  // namespace planify::store
