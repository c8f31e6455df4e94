#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"
#include "domain/terminology.hpp"

namespace planify::domain {

enum class VatRegime { kNormal, kFranchise };  // franchise en base, art. 293 B du CGI

// An organisation's legal identity and preferences, as printed on its documents and used by
// its rules. Money in cents, rates in basis points.
struct OrganizationSettings {
  std::string name;        // trading name shown in the app and e-mails
  std::string legal_name;  // raison sociale ("" = the trading name)
  std::string legal_form;  // SAS, SARL, EI, micro-entreprise…
  std::string siren;
  std::string siret;
  std::string vat_number;
  std::string rcs;  // "RCS Paris" (traders)
  std::string rm;   // "RM 75" (craftsmen)
  std::optional<long long> share_capital_cents;
  std::string address_line1;
  std::string address_line2;
  std::string postal_code;
  std::string city;
  std::string country = "FR";
  std::string email;
  std::string phone;
  std::string website;
  std::string iban;  // clear text here; encrypted at rest by the store
  std::string bic;
  std::string brand_color = "#4f46e5";
  VatRegime vat_regime = VatRegime::kNormal;
  int payment_terms_days = 30;
  int late_penalty_rate_bp = 1000;           // 10 % a year
  std::string early_payment_discount;        // "" prints "Pas d'escompte pour paiement anticipé"
  bool payment_validation_required = false;  // manual payments wait for an admin (legacy)
  std::string quote_number_format = "DEV-{YYYY}-{NNNN}";
  std::string invoice_number_format = "FAC-{YYYY}-{NNNN}";
  std::string credit_note_number_format = "AV-{YYYY}-{NNNN}";
  std::string time_zone = "Europe/Paris";
  // The organisation's words (domain/terminology.hpp): for a mission, a client, a technician.
  std::string terminology = "missions";  // domain::IsTerminology: missions | prestations | …
  std::string client_terminology = "clients";    // domain::IsClientTerminology
  std::string crew_terminology = "techniciens";  // domain::IsCrewTerminology
  // E-invoicing (docs/e-invoicing.md): the address invoices are sent to through the platforms
  // ("" = the SIREN), and whether an invoice must be a complete e-invoice to be issued.
  std::string einvoice_address;
  bool einvoicing_required = false;
};

// The organisation's words, for domain::ApplyTerms.
[[nodiscard]] Terms TermsOf(const OrganizationSettings& settings);

[[nodiscard]] std::string_view VatRegimeName(VatRegime regime);
[[nodiscard]] std::optional<VatRegime> ParseVatRegime(std::string_view name);

// Cleans (trims, compacts identifiers and IBAN/BIC, upper-cases) and checks every field,
// reporting each bad one: SIREN/SIRET Luhn (La Poste exception), SIRET starting with the SIREN,
// French VAT key matching the SIREN, IBAN mod 97, BIC shape, payment terms (0–60 days, the
// legal maximum), number formats ({YYYY} and at least {NNN}), colour (#rrggbb), time zone and
// terminology from the supported lists.
[[nodiscard]] Result<OrganizationSettings> ValidateOrganizationSettings(
    OrganizationSettings settings);

// A number format applied: "FAC-{YYYY}-{NNNN}", 2026, 7 -> "FAC-2026-0007".
[[nodiscard]] std::string FormatDocumentNumber(std::string_view format, int year, long long n);

// Time zones an organisation may choose: metropolitan France, overseas departments and
// neighbouring French-speaking countries.
[[nodiscard]] bool IsSupportedTimeZone(std::string_view zone);

}  // namespace planify::domain
