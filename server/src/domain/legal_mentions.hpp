#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "domain/clients.hpp"
#include "domain/organization_settings.hpp"
#include "domain/result.hpp"

namespace planify::domain {

enum class DocumentKind { kQuote, kInvoice, kDepositInvoice, kCreditNote };
enum class OperationNature { kServices, kGoods, kMixed };

// What a document says about itself, beyond its lines and totals.
struct DocumentFacts {
  DocumentKind kind = DocumentKind::kInvoice;
  std::string number;  // "FAC-2026-0001"; empty on a draft
  std::chrono::year_month_day issue_date{};
  std::optional<std::chrono::year_month_day> service_date;  // when it differs from the issue
  std::optional<std::chrono::year_month_day> due_date;      // invoices
  std::optional<std::chrono::year_month_day> valid_until;   // quotes
  OperationNature nature = OperationNature::kServices;
  bool vat_on_debits = false;  // the seller opted to pay VAT on debits
  // Credit notes: the invoice they correct.
  std::string corrected_invoice_number;
  std::optional<std::chrono::year_month_day> corrected_invoice_date;
  // Balance invoices: the deposit invoices deducted ("FAC-2026-0003").
  std::vector<std::string> deducted_deposits;
};

// The legal text of a document, in French, ready to print: who sells, who buys, and the
// mentions the law requires (../shared/domain/facts.md §A–B).
struct LegalBlock {
  std::string title;                  // "Facture", "Facture d'acompte", "Avoir", "Devis"
  std::vector<std::string> seller;    // name and form, address, identifiers
  std::vector<std::string> buyer;     // name, billing address, service address, identifiers
  std::vector<std::string> dates;     // issue, service, due or validity
  std::vector<std::string> mentions;  // VAT regime, payment terms, penalties, references
  bool reverse_charge = false;        // the buyer accounts for the VAT (intra-EU B2B)
};

// The block, or VALIDATION listing what the seller's settings lack for this kind of document
// (an invoice needs the legal name or trading name, the address, the SIREN or SIRET, the VAT
// number unless under the franchise, the legal form and share capital for companies other than
// sole traders) and what the buyer lacks (a name and a billing address on invoices).
[[nodiscard]] Result<LegalBlock> BuildLegalBlock(const OrganizationSettings& seller,
                                                 const ClientInput& buyer,
                                                 const DocumentFacts& facts);

// "1 234,56 €" (narrow no-break space between thousands, no-break space before the sign).
[[nodiscard]] std::string FormatEuros(long long cents);
// "25/12/2026".
[[nodiscard]] std::string FormatFrenchDate(std::chrono::year_month_day day);

}  // namespace planify::domain
