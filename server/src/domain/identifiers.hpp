#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace planify::domain {

// French company and bank identifiers (../shared/domain/facts.md §E). Each check takes the
// value already normalised by Compact (spaces, dots and dashes removed, upper-cased).

// Removes spaces (including no-break), dots and dashes; upper-cases ASCII letters.
[[nodiscard]] std::string Compact(std::string_view text);

// 9 digits with a valid Luhn checksum.
[[nodiscard]] bool IsValidSiren(std::string_view siren);
// 14 digits with a valid Luhn checksum; La Poste's establishments (SIREN 356000000) instead
// have a digit sum divisible by 5.
[[nodiscard]] bool IsValidSiret(std::string_view siret);
// The 2-digit key of a French VAT number for a SIREN: (12 + 3 × (SIREN mod 97)) mod 97.
[[nodiscard]] int FrenchVatKey(std::string_view siren);
// "FR" + key + SIREN with the right key. Other EU numbers: two letters + 2–13 characters.
[[nodiscard]] bool IsValidVatNumber(std::string_view vat);
// ISO 13616 mod-97 check; French IBANs must be 27 characters.
[[nodiscard]] bool IsValidIban(std::string_view iban);
// 8 or 11 characters: 4 letters (bank), 2 letters (country), 2 alphanumerics, optional 3.
[[nodiscard]] bool IsValidBic(std::string_view bic);
// "FR76 3000 6000 0112 3456 7890 189": groups of four for display.
[[nodiscard]] std::string FormatIban(std::string_view iban);

// An electronic invoicing address as typed in the settings or on a client: "" (the default), a
// SIREN optionally followed by _ and a suffix ("732829320", "732829320_COMPTA"), or an e-mail.
[[nodiscard]] bool IsEInvoiceAddress(std::string_view address);

}  // namespace planify::domain
