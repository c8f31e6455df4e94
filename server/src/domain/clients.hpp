#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"
#include "domain/validation.hpp"

namespace planify::domain {

enum class ClientKind { kIndividual, kCompany };

struct Address {
  std::string line1;
  std::string line2;
  std::string postal_code;
  std::string city;
  std::string country = "FR";
};

struct ClientContact {
  std::string name;
  std::string role;   // "gérant", "wedding planner"…
  std::string email;  // lower-case
  std::string phone;  // digits, a leading + kept
  bool primary = false;
};

struct ClientInput {
  ClientKind kind = ClientKind::kIndividual;
  std::string name;
  std::string siren;
  std::string siret;
  std::string vat_number;
  Address billing;
  Address service;  // where the services happen, when not the billing address
  std::vector<ClientContact> contacts;
  std::vector<std::string> tags;
  std::string notes;
  std::string einvoice_address;  // BT-49; "" = its SIREN, or its e-mail (docs/e-invoicing.md)
};

// Trims an address's parts and checks their lengths and the ISO-2 country ("FR" when empty);
// errors are named "<prefix>.city".
void CleanAddress(FieldErrors& errors, const std::string& prefix, Address& a);

// A postal code for `country` (ISO 3166 alpha-2): five digits in France, otherwise 2 to 10
// letters, digits, spaces or dashes.
[[nodiscard]] bool IsPostalCode(std::string_view code, std::string_view country);

// Cleans and checks a client: name required (200 chars), identifiers compacted and checked
// (SIREN/SIRET Luhn with the La Poste exception, SIRET starting with the SIREN, French VAT key),
// company identifiers only for companies, e-mails plausible, phones of 6–20 digits, at most 20
// contacts (exactly one primary when there are any), 20 tags of 40 characters, notes of 5,000.
// Field errors are named like the request ("contacts[1].email").
[[nodiscard]] Result<ClientInput> ValidateClient(ClientInput input);

// The folded text a client is searched by (name, contacts, e-mails, phones, identifiers, city).
[[nodiscard]] std::string ClientSearchText(const ClientInput& client);

}  // namespace planify::domain
