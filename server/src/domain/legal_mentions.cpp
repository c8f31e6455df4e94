#include "domain/legal_mentions.hpp"

#include "domain/terminology.hpp"

#include "domain/validation.hpp"

namespace planify::domain {

namespace {

constexpr const char* kThinSpace = "\u202f";
constexpr const char* kNoBreakSpace = "\u00a0";

std::string Two(unsigned v) { return (v < 10 ? "0" : "") + std::to_string(v); }

std::string Grouped(long long n) {
  std::string digits = std::to_string(n);
  std::string out;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count > 0 && count % 3 == 0) out.insert(0, kThinSpace);
    out.insert(out.begin(), *it);
    ++count;
  }
  return out;
}

std::string SpacedSiren(const std::string& siren) {
  if (siren.size() != 9) return siren;
  return siren.substr(0, 3) + " " + siren.substr(3, 3) + " " + siren.substr(6, 3);
}

bool IsSoleTrader(const std::string& form) {
  std::string f = FoldForSearch(form);
  return f.empty() || f == "ei" || f == "eirl" || f.find("micro") != std::string::npos ||
         f.find("entrepreneur") != std::string::npos || f == "auto entrepreneur";
}

std::string AddressLine(const std::string& line1, const std::string& line2,
                        const std::string& postal_code, const std::string& city,
                        const std::string& country) {
  std::string out = line1;
  if (!line2.empty()) out += (out.empty() ? "" : ", ") + line2;
  std::string town = postal_code + (postal_code.empty() || city.empty() ? "" : " ") + city;
  if (!town.empty()) out += (out.empty() ? "" : ", ") + town;
  if (!country.empty() && country != "FR") out += (out.empty() ? "" : ", ") + country;
  return out;
}

bool SameAddress(const Address& a, const Address& b) {
  return a.line1 == b.line1 && a.line2 == b.line2 && a.postal_code == b.postal_code &&
         a.city == b.city && a.country == b.country;
}

bool IsEmpty(const Address& a) {
  return a.line1.empty() && a.line2.empty() && a.postal_code.empty() && a.city.empty();
}

std::string PercentText(int bp) {
  std::string out = std::to_string(bp / 100);
  if (bp % 100 != 0) out += "," + Two(static_cast<unsigned>(bp % 100));
  return out + kNoBreakSpace + "%";
}

}  // namespace

std::string FormatEuros(long long cents) {
  bool negative = cents < 0;
  long long magnitude = negative ? -cents : cents;
  return std::string(negative ? "-" : "") + Grouped(magnitude / 100) + "," +
         Two(static_cast<unsigned>(magnitude % 100)) + kNoBreakSpace + "€";
}

std::string FormatFrenchDate(std::chrono::year_month_day day) {
  return Two(static_cast<unsigned>(day.day())) + "/" + Two(static_cast<unsigned>(day.month())) +
         "/" + std::to_string(static_cast<int>(day.year()));
}

Result<LegalBlock> BuildLegalBlock(const OrganizationSettings& s, const ClientInput& c,
                                   const DocumentFacts& f) {
  const bool billing = f.kind != DocumentKind::kQuote;
  const bool franchise = s.vat_regime == VatRegime::kFranchise;
  const bool business_buyer = c.kind == ClientKind::kCompany;
  FieldErrors missing;
  if (billing) {
    if (s.siren.empty() && s.siret.empty()) {
      missing.Add("organization.siren", "Le SIREN ou le SIRET de l'entreprise est obligatoire.");
    }
    if (s.address_line1.empty() || s.city.empty()) {
      missing.Add("organization.address", "L'adresse du siège est obligatoire.");
    }
    if (!franchise && s.vat_number.empty()) {
      missing.Add("organization.vat_number",
                  "Le numéro de TVA intracommunautaire est obligatoire (ou choisissez la "
                  "franchise en base).");
    }
    if (!IsSoleTrader(s.legal_form) && !s.share_capital_cents) {
      missing.Add("organization.share_capital", "Le capital social d'une société est obligatoire.");
    }
    if (Trim(c.name).empty()) missing.Add("client.name", "Le nom du client est obligatoire.");
    if (IsEmpty(c.billing)) {
      missing.Add("client.billing_address", "L'adresse de facturation du client est obligatoire.");
    }
  }
  if (!missing.empty()) {
    return Fail(missing.ToError("Des mentions obligatoires manquent pour émettre ce document."));
  }

  LegalBlock b;
  switch (f.kind) {
    case DocumentKind::kQuote:
      b.title = "Devis";
      break;
    case DocumentKind::kInvoice:
      b.title = "Facture";
      break;
    case DocumentKind::kDepositInvoice:
      b.title = "Facture d'acompte";
      break;
    case DocumentKind::kCreditNote:
      b.title = "Avoir";
      break;
  }
  if (!f.number.empty()) b.title += " n° " + f.number;

  // Seller.
  std::string name = s.legal_name.empty() ? s.name : s.legal_name;
  std::string identity = name;
  if (!s.legal_form.empty()) identity += ", " + s.legal_form;
  if (s.share_capital_cents) {
    identity += " au capital de " + FormatEuros(*s.share_capital_cents);
  }
  b.seller.push_back(identity);
  if (!s.legal_name.empty() && s.legal_name != s.name)
    b.seller.push_back("Nom commercial : " + s.name);
  std::string address =
      AddressLine(s.address_line1, s.address_line2, s.postal_code, s.city, s.country);
  if (!address.empty()) b.seller.push_back(address);
  if (!s.siret.empty()) {
    b.seller.push_back("SIRET " + s.siret);
  } else if (!s.siren.empty()) {
    b.seller.push_back("SIREN " + SpacedSiren(s.siren));
  }
  if (!s.rcs.empty()) b.seller.push_back(s.rcs);
  if (!s.rm.empty()) b.seller.push_back(s.rm);
  if (!s.vat_number.empty()) b.seller.push_back("N° TVA intracommunautaire : " + s.vat_number);

  // The service is named with the organisation's word (docs/terminology.md); a client reads the
  // default internal "mission" as a "prestation". The legal nature of the operation below keeps
  // its legal wording.
  const std::string of_the_service = ApplyTerms(
      "[[de la mission]]", s.terminology == "missions" ? "prestations" : s.terminology, "fr");

  // Buyer.
  b.buyer.push_back(c.name);
  std::string billing_address = AddressLine(c.billing.line1, c.billing.line2, c.billing.postal_code,
                                            c.billing.city, c.billing.country);
  if (!billing_address.empty()) b.buyer.push_back(billing_address);
  if (!IsEmpty(c.service) && !SameAddress(c.service, c.billing)) {
    b.buyer.push_back("Lieu " + of_the_service + " : " +
                      AddressLine(c.service.line1, c.service.line2, c.service.postal_code,
                                  c.service.city, c.service.country));
  }
  if (business_buyer && !c.siren.empty()) b.buyer.push_back("SIREN " + SpacedSiren(c.siren));
  if (business_buyer && !c.vat_number.empty()) {
    b.buyer.push_back("N° TVA intracommunautaire : " + c.vat_number);
  }

  // Dates.
  b.dates.push_back("Date : " + FormatFrenchDate(f.issue_date));
  if (f.service_date && *f.service_date != f.issue_date) {
    b.dates.push_back("Date " + of_the_service + " : " + FormatFrenchDate(*f.service_date));
  }
  if (f.kind == DocumentKind::kQuote && f.valid_until) {
    b.dates.push_back("Devis valable jusqu'au " + FormatFrenchDate(*f.valid_until));
  }
  if (billing && f.kind != DocumentKind::kCreditNote && f.due_date) {
    b.dates.push_back("Date d'échéance : " + FormatFrenchDate(*f.due_date));
  }

  // Mentions.
  if (f.kind == DocumentKind::kCreditNote && !f.corrected_invoice_number.empty()) {
    std::string ref = "Avoir se rapportant à la facture n° " + f.corrected_invoice_number;
    if (f.corrected_invoice_date) ref += " du " + FormatFrenchDate(*f.corrected_invoice_date);
    b.mentions.push_back(ref);
  }
  if (!f.deducted_deposits.empty()) {
    std::string list;
    for (const auto& n : f.deducted_deposits) list += (list.empty() ? "" : ", ") + n;
    b.mentions.push_back("Acomptes déduits : factures n° " + list);
  }
  switch (f.nature) {
    case OperationNature::kServices:
      b.mentions.push_back("Nature de l'opération : prestation de services");
      break;
    case OperationNature::kGoods:
      b.mentions.push_back("Nature de l'opération : livraison de biens");
      break;
    case OperationNature::kMixed:
      b.mentions.push_back("Nature de l'opération : livraison de biens et prestation de services");
      break;
  }
  // An EU business outside France with a VAT number accounts for the VAT itself.
  const std::string buyer_country = c.billing.country.empty() ? "FR" : c.billing.country;
  b.reverse_charge = !franchise && business_buyer && buyer_country != "FR" &&
                     !c.vat_number.empty() && c.vat_number.substr(0, 2) != "FR";
  if (franchise) {
    b.mentions.push_back("TVA non applicable, art. 293 B du CGI");
  } else if (b.reverse_charge) {
    b.mentions.push_back("Autoliquidation");
  }
  if (!franchise && f.vat_on_debits) {
    b.mentions.push_back("Option pour le paiement de la TVA d'après les débits");
  }
  if (billing && f.kind != DocumentKind::kCreditNote) {
    b.mentions.push_back(s.early_payment_discount.empty()
                             ? "Pas d'escompte pour paiement anticipé"
                             : "Escompte pour paiement anticipé : " + s.early_payment_discount);
    b.mentions.push_back("Pénalités de retard : " + PercentText(s.late_penalty_rate_bp) +
                         " par an, exigibles dès le lendemain de l'échéance");
    if (business_buyer) {
      b.mentions.push_back("Indemnité forfaitaire pour frais de recouvrement : 40" +
                           std::string(kNoBreakSpace) + "€");
    }
  }
  if (f.kind == DocumentKind::kQuote) b.mentions.push_back("Devis gratuit");
  return b;
}

}  // namespace planify::domain
