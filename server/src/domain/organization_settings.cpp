#include "domain/organization_settings.hpp"

#include "domain/terminology.hpp"

#include <array>

#include "domain/clients.hpp"
#include "domain/identifiers.hpp"
#include "domain/validation.hpp"

namespace planify::domain {

namespace {

constexpr std::array<std::string_view, 14> kTimeZones = {
    "Europe/Paris",     "Europe/Brussels",    "Europe/Luxembourg",  "Europe/Zurich",
    "Europe/Monaco",    "America/Guadeloupe", "America/Martinique", "America/Cayenne",
    "America/Miquelon", "Indian/Reunion",     "Indian/Mayotte",     "Pacific/Noumea",
    "Pacific/Tahiti",   "America/Montreal",
};

// Length of the placeholder starting at format[at] ('{'): 6 for {YYYY}, 2 + n for {N…N} with
// 3 ≤ n ≤ 8, 0 when it is neither (an unclosed or unknown placeholder).
std::size_t PlaceholderLength(std::string_view format, std::size_t at, bool& is_counter) {
  if (format.substr(at, 6) == "{YYYY}") {
    is_counter = false;
    return 6;
  }
  std::size_t i = at + 1;
  while (i < format.size() && format[i] == 'N') ++i;
  std::size_t width = i - at - 1;
  if (i >= format.size() || format[i] != '}' || width < 3 || width > 8) return 0;
  is_counter = true;
  return width + 2;
}

bool ValidNumberFormat(std::string_view format) {
  if (format.empty() || format.size() > 40) return false;
  int years = 0;
  int counters = 0;
  // Outside the two placeholders: letters, digits and - _ / . only, so numbers stay file- and
  // URL-safe. Every index moves forward, so the scan ends on any input.
  for (std::size_t i = 0; i < format.size();) {
    char c = format[i];
    if (c == '{') {
      bool is_counter = false;
      std::size_t length = PlaceholderLength(format, i, is_counter);
      if (length == 0) return false;
      (is_counter ? counters : years) += 1;
      i += length;
      continue;
    }
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '/' || c == '.';
    if (!ok) return false;
    ++i;
  }
  return years == 1 && counters == 1;
}

bool ValidColor(std::string_view color) {
  if (color.size() != 7 || color[0] != '#') return false;
  for (std::size_t i = 1; i < 7; ++i) {
    char c = color[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

void Optional(FieldErrors& errors, const std::string& field, std::string& value,
              std::size_t max_chars) {
  value = Trim(value);
  auto chars = Utf8Length(value);
  if (!chars) {
    errors.Add(field, "Le texte doit être encodé en UTF-8.");
  } else if (*chars > max_chars) {
    errors.Add(field,
               "Ce champ est trop long (" + std::to_string(max_chars) + " caractères au plus).");
  }
}

}  // namespace

Terms TermsOf(const OrganizationSettings& settings) {
  return {settings.terminology, settings.client_terminology, settings.crew_terminology};
}

std::string_view VatRegimeName(VatRegime regime) {
  return regime == VatRegime::kFranchise ? "franchise" : "normal";
}

std::optional<VatRegime> ParseVatRegime(std::string_view name) {
  if (name == "normal") return VatRegime::kNormal;
  if (name == "franchise") return VatRegime::kFranchise;
  return std::nullopt;
}

bool IsSupportedTimeZone(std::string_view zone) {
  for (auto z : kTimeZones) {
    if (z == zone) return true;
  }
  return false;
}

std::string FormatDocumentNumber(std::string_view format, int year, long long n) {
  // Formats are validated on write (ValidNumberFormat); anything else in braces is copied as
  // text rather than trusted, so a stored format can never make this loop misbehave.
  std::string out;
  for (std::size_t i = 0; i < format.size();) {
    bool is_counter = false;
    std::size_t length = format[i] == '{' ? PlaceholderLength(format, i, is_counter) : 0;
    if (length == 0) {
      out.push_back(format[i]);
      ++i;
      continue;
    }
    if (is_counter) {
      std::size_t width = length - 2;
      std::string digits = std::to_string(n);
      if (digits.size() < width) out += std::string(width - digits.size(), '0');
      out += digits;
    } else {
      out += std::to_string(year);
    }
    i += length;
  }
  return out;
}

Result<OrganizationSettings> ValidateOrganizationSettings(OrganizationSettings s) {
  FieldErrors errors;
  RequireText(errors, "name", s.name, 200);
  s.name = Trim(s.name);
  Optional(errors, "legal_name", s.legal_name, 200);
  Optional(errors, "legal_form", s.legal_form, 60);
  Optional(errors, "rcs", s.rcs, 100);
  Optional(errors, "rm", s.rm, 100);
  Optional(errors, "address_line1", s.address_line1, 200);
  Optional(errors, "address_line2", s.address_line2, 200);
  Optional(errors, "postal_code", s.postal_code, 20);
  Optional(errors, "city", s.city, 100);
  Optional(errors, "phone", s.phone, 40);
  Optional(errors, "website", s.website, 200);
  Optional(errors, "early_payment_discount", s.early_payment_discount, 300);

  s.siren = Compact(s.siren);
  s.siret = Compact(s.siret);
  s.vat_number = Compact(s.vat_number);
  if (!s.siren.empty() && !IsValidSiren(s.siren)) {
    errors.Add("siren", "SIREN invalide : 9 chiffres dont le dernier est une clé de contrôle.");
  }
  if (!s.siret.empty()) {
    if (!IsValidSiret(s.siret)) {
      errors.Add("siret", "SIRET invalide : 14 chiffres dont le dernier est une clé de contrôle.");
    } else if (!s.siren.empty() && s.siret.substr(0, 9) != s.siren) {
      errors.Add("siret", "Le SIRET doit commencer par le SIREN.");
    }
  }
  if (!s.vat_number.empty()) {
    if (!IsValidVatNumber(s.vat_number)) {
      errors.Add("vat_number", "Numéro de TVA invalide (FR + clé à 2 chiffres + SIREN).");
    } else if (s.vat_number.rfind("FR", 0) == 0 && !s.siren.empty() &&
               s.vat_number.substr(4) != s.siren) {
      errors.Add("vat_number", "Le numéro de TVA ne correspond pas au SIREN.");
    }
  }
  if (s.share_capital_cents && *s.share_capital_cents < 0) {
    errors.Add("share_capital_cents", "Le capital ne peut pas être négatif.");
  }
  s.country = Compact(s.country);
  if (s.country.size() != 2 || s.country[0] < 'A' || s.country[0] > 'Z' || s.country[1] < 'A' ||
      s.country[1] > 'Z') {
    errors.Add("country", "Code pays ISO à 2 lettres attendu (FR).");
  } else if (!Trim(s.postal_code).empty() && !IsPostalCode(Trim(s.postal_code), s.country)) {
    errors.Add("postal_code", s.country == "FR" ? "Code postal français : 5 chiffres (75011)."
                                                : "Code postal invalide.");
  }
  s.email = ToLowerAscii(Trim(s.email));
  if (!s.email.empty() && !IsPlausibleEmail(s.email)) {
    errors.Add("email", "Adresse e-mail invalide.");
  }
  s.iban = Compact(s.iban);
  s.bic = Compact(s.bic);
  if (!s.iban.empty() && !IsValidIban(s.iban)) {
    errors.Add("iban", "IBAN invalide (clé de contrôle incorrecte ou longueur inattendue).");
  }
  if (!s.bic.empty() && !IsValidBic(s.bic)) {
    errors.Add("bic", "BIC invalide (8 ou 11 caractères, ex. BNPAFRPP).");
  }
  s.brand_color = ToLowerAscii(Trim(s.brand_color));
  if (!ValidColor(s.brand_color)) errors.Add("brand_color", "Couleur attendue au format #rrggbb.");
  if (s.payment_terms_days < 0 || s.payment_terms_days > 60) {
    errors.Add("payment_terms_days", "Entre 0 et 60 jours (plafond légal entre professionnels).");
  }
  if (s.late_penalty_rate_bp < 1 || s.late_penalty_rate_bp > 10000) {
    errors.Add("late_penalty_rate_bp", "Taux annuel entre 0,01 % et 100 %.");
  }
  for (auto* field :
       {&s.quote_number_format, &s.invoice_number_format, &s.credit_note_number_format}) {
    *field = Trim(*field);
  }
  auto check_format = [&](const char* name, const std::string& format) {
    if (!ValidNumberFormat(format)) {
      errors.Add(name,
                 "Format attendu avec {YYYY} et {NNN} ou plus (ex. FAC-{YYYY}-{NNNN}) ; lettres, "
                 "chiffres et - _ / . uniquement.");
    }
  };
  check_format("quote_number_format", s.quote_number_format);
  check_format("invoice_number_format", s.invoice_number_format);
  check_format("credit_note_number_format", s.credit_note_number_format);
  if (s.quote_number_format == s.invoice_number_format ||
      s.invoice_number_format == s.credit_note_number_format ||
      s.quote_number_format == s.credit_note_number_format) {
    errors.Add("invoice_number_format",
               "Devis, factures et avoirs doivent avoir des formats distincts.");
  }
  if (!IsSupportedTimeZone(s.time_zone))
    errors.Add("time_zone", "Fuseau horaire non pris en charge.");
  if (!IsTerminology(s.terminology)) {
    errors.Add("terminology",
               "Choisissez missions, prestations, evenements, locations ou interventions.");
  }
  if (!IsClientTerminology(s.client_terminology)) {
    errors.Add("client_terminology",
               "Choisissez clients, particuliers, organisateurs ou locataires.");
  }
  if (!IsCrewTerminology(s.crew_terminology)) {
    errors.Add("crew_terminology",
               "Choisissez techniciens, regisseurs, intervenants ou operateurs.");
  }
  s.einvoice_address = Trim(s.einvoice_address);
  if (!IsEInvoiceAddress(s.einvoice_address)) {
    errors.Add("einvoice_address",
               "Un SIREN (9 chiffres) éventuellement suivi de _ et d'un suffixe, ou une adresse "
               "e-mail.");
  }
  if (!errors.empty()) return Fail(errors.ToError());
  return s;
}

}  // namespace planify::domain
