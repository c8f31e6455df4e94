#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/billing.hpp"
#include "domain/clients.hpp"
#include "domain/legal_mentions.hpp"
#include "domain/organization_settings.hpp"
#include "domain/validation.hpp"

namespace planify::domain {

// Electronic invoices: the EN 16931 semantic model written in the UN/CEFACT Cross Industry
// Invoice (CII D16B) syntax of the Factur-X "EN 16931" profile, with the French reform's rules
// (FNFE BR-FR) on top. Pure: built from the frozen document (its seller and buyer snapshots,
// lines and per-rate totals), so the XML says exactly what the PDF prints (docs/e-invoicing.md).

// An invoice, deposit invoice or credit note as it was issued.
struct EInvoiceDocument {
  DocumentFacts facts;          // kind (invoice 380, deposit 386, credit note 381), number, dates,
                                // nature, the corrected invoice of a credit note
  OrganizationSettings seller;  // the seller snapshot (IBAN in clear)
  ClientInput buyer;            // the client snapshot
  std::string buyer_email;      // the document's client e-mail
  // Electronic addresses (BT-34, BT-49) when they differ from the parties' own settings
  // (seller.einvoice_address, buyer.einvoice_address); "" everywhere = the default: the SIREN
  // under scheme 0225 (the French directory), or for a buyer without SIREN its e-mail (EM).
  std::string seller_electronic_address;
  std::string buyer_electronic_address;
  VatTreatment treatment = VatTreatment::kStandard;
  std::string title;  // the document's own title, a note for the reader
  std::string purchase_order_ref;
  std::vector<BillingLine> lines;  // net_cents set; text lines are skipped
  long long lines_net_cents = 0;
  long long discount_cents = 0;  // the document discount, spread over the rates in `vat`
  long long net_cents = 0;
  long long vat_cents = 0;
  long long gross_cents = 0;
  std::vector<VatBreakdown> vat;
  long long prepaid_cents = 0;  // deposits already invoiced and deducted
  struct Deposit {
    std::string number;
    std::optional<std::chrono::year_month_day> issue_date;
  };
  std::vector<Deposit> deposits;
  // The period the services ran over (Paris days), when known.
  std::optional<std::chrono::year_month_day> service_start;
  std::optional<std::chrono::year_month_day> service_end;
  std::string payment_terms;  // "Paiement à 30 jours, par virement."
};

// The EN 16931 "business process type" (BT-23) the French reform calls cadre de facturation:
// S1 services, B1 goods, M1 mixed; the 4 variants for a final invoice after deposits.
[[nodiscard]] std::string BillingFramework(const EInvoiceDocument& document);

// UN/ECE Recommendation 20 unit codes for our units: hour HUR, day DAY, km KMT, flat LS, the
// rest C62 (one).
[[nodiscard]] std::string_view UnitCode(std::string_view unit);

// What the document lacks to be a valid e-invoice, as field errors in French named like the
// settings and client fields ("organization.siren", "client.siren", "client.billing_address",
// "client.email"…): the seller's SIREN, address and VAT number (or, under the franchise, a
// tax registration), a buyer address with its country, the buyer's SIREN when it is a French
// business (BR-FR), the buyer's VAT number under reverse charge, an electronic address for each
// party, a number of at most 35 characters from A–Z a–z 0–9 + - _ / (BR-FR-01/02).
[[nodiscard]] FieldErrors CheckEInvoice(const EInvoiceDocument& document);

// The CII XML (UTF-8). Amounts with 2 decimals, quantities with 3, dates as YYYYMMDD; totals
// are the document's own, so they equal the PDF's to the cent. Call CheckEInvoice first: a
// missing identifier is left out here, not invented.
[[nodiscard]] std::string WriteCii(const EInvoiceDocument& document);

// Text as XML character data or an attribute value: & < > " escaped, the control characters XML
// 1.0 forbids (all but tab and line breaks) dropped.
[[nodiscard]] std::string EscapeXml(std::string_view text);

// "1234.56", "-0.50": cents as a decimal amount.
[[nodiscard]] std::string DecimalAmount(long long cents);

}  // namespace planify::domain
