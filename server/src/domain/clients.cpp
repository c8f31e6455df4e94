#include "domain/clients.hpp"

#include "domain/identifiers.hpp"
#include "domain/validation.hpp"

namespace planify::domain {

namespace {

std::string Phone(std::string_view raw) {
  std::string out;
  for (char c : raw) {
    if ((c >= '0' && c <= '9') || (c == '+' && out.empty())) out.push_back(c);
  }
  return out;
}

// A phone number as people type it: digits, one leading +, and the usual separators. Letters or
// other symbols mean it is not a phone number (it would otherwise be stored as "").
bool IsPhoneText(std::string_view raw) {
  bool seen_digit = false;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c >= '0' && c <= '9') {
      seen_digit = true;
    } else if (c == '+') {
      if (seen_digit) return false;
    } else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')' && c != '/') {
      return false;
    }
  }
  return seen_digit;
}

}  // namespace

// French postal codes are five digits; elsewhere 2 to 10 letters, digits, spaces or dashes.
bool IsPostalCode(std::string_view code, std::string_view country) {
  if (country == "FR") {
    if (code.size() != 5) return false;
    for (char c : code) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  }
  if (code.size() < 2 || code.size() > 10) return false;
  for (char c : code) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              c == ' ' || c == '-';
    if (!ok) return false;
  }
  return true;
}

void CleanAddress(FieldErrors& errors, const std::string& prefix, Address& a) {
  auto text = [&](const char* name, std::string& value, std::size_t max) {
    value = Trim(value);
    auto chars = Utf8Length(value);
    if (!chars || *chars > max) errors.Add(prefix + "." + name, "Texte trop long ou invalide.");
  };
  text("line1", a.line1, 200);
  text("line2", a.line2, 200);
  text("postal_code", a.postal_code, 20);
  text("city", a.city, 100);
  a.country = Compact(a.country.empty() ? "FR" : a.country);
  if (a.country.size() != 2 || a.country[0] < 'A' || a.country[0] > 'Z' || a.country[1] < 'A' ||
      a.country[1] > 'Z') {
    errors.Add(prefix + ".country", "Code pays ISO à 2 lettres attendu (FR).");
  } else if (!a.postal_code.empty() && !IsPostalCode(a.postal_code, a.country)) {
    errors.Add(prefix + ".postal_code", a.country == "FR"
                                            ? "Code postal français : 5 chiffres (75011)."
                                            : "Code postal invalide.");
  }
}

Result<ClientInput> ValidateClient(ClientInput c) {
  FieldErrors errors;
  RequireText(errors, "name", c.name, 200);
  c.name = Trim(c.name);
  c.siren = Compact(c.siren);
  c.siret = Compact(c.siret);
  c.vat_number = Compact(c.vat_number);
  if (c.kind == ClientKind::kIndividual &&
      (!c.siren.empty() || !c.siret.empty() || !c.vat_number.empty())) {
    errors.Add("kind",
               "SIREN, SIRET et TVA concernent les entreprises : choisissez « entreprise ».");
  }
  if (!c.siren.empty() && !IsValidSiren(c.siren)) {
    errors.Add("siren", "SIREN invalide : 9 chiffres dont le dernier est une clé de contrôle.");
  }
  if (!c.siret.empty()) {
    if (!IsValidSiret(c.siret)) {
      errors.Add("siret", "SIRET invalide : 14 chiffres dont le dernier est une clé de contrôle.");
    } else if (!c.siren.empty() && c.siret.substr(0, 9) != c.siren) {
      errors.Add("siret", "Le SIRET doit commencer par le SIREN.");
    } else if (c.siren.empty()) {
      c.siren = c.siret.substr(0, 9);
    }
  }
  if (!c.vat_number.empty()) {
    if (!IsValidVatNumber(c.vat_number)) {
      errors.Add("vat_number", "Numéro de TVA invalide.");
    } else if (c.vat_number.rfind("FR", 0) == 0 && !c.siren.empty() &&
               c.vat_number.substr(4) != c.siren) {
      errors.Add("vat_number", "Le numéro de TVA ne correspond pas au SIREN.");
    }
  }
  CleanAddress(errors, "billing", c.billing);
  CleanAddress(errors, "service", c.service);

  if (c.contacts.size() > 20) errors.Add("contacts", "20 contacts au plus.");
  int primaries = 0;
  for (std::size_t i = 0; i < c.contacts.size() && i < 20; ++i) {
    auto& contact = c.contacts[i];
    std::string at = "contacts[" + std::to_string(i) + "]";
    contact.name = Trim(contact.name);
    contact.role = Trim(contact.role);
    contact.email = ToLowerAscii(Trim(contact.email));
    bool phone_ok = Trim(contact.phone).empty() || IsPhoneText(Trim(contact.phone));
    contact.phone = Phone(contact.phone);
    if (contact.name.empty() && contact.email.empty() && contact.phone.empty()) {
      errors.Add(at + ".name", "Un contact a besoin d'un nom, d'un e-mail ou d'un téléphone.");
    }
    auto name_chars = Utf8Length(contact.name);
    if (!name_chars || *name_chars > 120) errors.Add(at + ".name", "Nom trop long ou invalide.");
    auto role_chars = Utf8Length(contact.role);
    if (!role_chars || *role_chars > 80) errors.Add(at + ".role", "Fonction trop longue.");
    if (!contact.email.empty() && !IsPlausibleEmail(contact.email)) {
      errors.Add(at + ".email", "Adresse e-mail invalide.");
    }
    std::size_t digits = contact.phone.size() - (contact.phone.rfind('+', 0) == 0 ? 1 : 0);
    if (!phone_ok || (!contact.phone.empty() && (digits < 6 || digits > 20))) {
      errors.Add(at + ".phone", "Numéro de téléphone invalide.");
    }
    if (contact.primary) ++primaries;
  }
  if (!c.contacts.empty()) {
    if (primaries == 0) c.contacts.front().primary = true;
    if (primaries > 1) errors.Add("contacts", "Un seul contact principal.");
  }
  if (c.tags.size() > 20) errors.Add("tags", "20 étiquettes au plus.");
  std::vector<std::string> tags;
  for (auto& tag : c.tags) {
    std::string t = Trim(tag);
    auto chars = Utf8Length(t);
    if (!chars || t.empty() || *chars > 40) {
      errors.Add("tags", "Étiquettes de 1 à 40 caractères.");
      break;
    }
    bool seen = false;
    for (const auto& kept : tags) seen = seen || FoldForSearch(kept) == FoldForSearch(t);
    if (!seen) tags.push_back(t);
  }
  c.tags = std::move(tags);
  c.notes = Trim(c.notes);
  auto notes_chars = Utf8Length(c.notes);
  if (!notes_chars || *notes_chars > 5000) errors.Add("notes", "5 000 caractères au plus.");
  c.einvoice_address = Trim(c.einvoice_address);
  if (!IsEInvoiceAddress(c.einvoice_address)) {
    errors.Add("einvoice_address",
               "Un SIREN (9 chiffres) éventuellement suivi de _ et d'un suffixe, ou une adresse "
               "e-mail.");
  }
  if (!errors.empty()) return Fail(errors.ToError());
  return c;
}

std::string ClientSearchText(const ClientInput& client) {
  std::string text = client.name + " " + client.siren + " " + client.siret + " " +
                     client.vat_number + " " + client.billing.city + " " +
                     client.billing.postal_code;
  for (const auto& contact : client.contacts) {
    text += " " + contact.name + " " + contact.email + " " + contact.phone;
  }
  for (const auto& tag : client.tags) text += " " + tag;
  return " " + FoldForSearch(text) + " ";
}

}  // namespace planify::domain
