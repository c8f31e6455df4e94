#include "domain/identifiers.hpp"

#include <algorithm>

#include "domain/validation.hpp"

namespace planify::domain {

namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAlnum(char c) { return IsUpper(c) || (c >= '0' && c <= '9'); }

bool Luhn(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

}  // namespace

std::string Compact(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    // U+00A0 and U+202F (no-break spaces) as French keyboards and spreadsheets type them.
    if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
      ++i;
      continue;
    }
    if (c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80' && text[i + 2] == '\xAF') {
      i += 2;
      continue;
    }
    if (c == ' ' || c == '.' || c == '-' || c == '\t') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

bool IsValidSiren(std::string_view siren) {
  return siren.size() == 9 && AllDigits(siren) && Luhn(siren);
}

bool IsValidSiret(std::string_view siret) {
  if (siret.size() != 14 || !AllDigits(siret)) return false;
  if (siret.substr(0, 9) == "356000000") {
    int sum = 0;
    for (char c : siret) sum += c - '0';
    return sum % 5 == 0;
  }
  return Luhn(siret);
}

int FrenchVatKey(std::string_view siren) {
  long long n = 0;
  for (char c : siren) n = n * 10 + (c - '0');
  return static_cast<int>((12 + 3 * (n % 97)) % 97);
}

bool IsValidVatNumber(std::string_view vat) {
  if (vat.size() < 4 || !IsUpper(vat[0]) || !IsUpper(vat[1])) return false;
  if (vat.substr(0, 2) == "FR") {
    if (vat.size() != 13) return false;
    std::string_view key = vat.substr(2, 2);
    std::string_view siren = vat.substr(4);
    if (!AllDigits(key) || !IsValidSiren(siren)) return false;
    return (key[0] - '0') * 10 + (key[1] - '0') == FrenchVatKey(siren);
  }
  std::string_view rest = vat.substr(2);
  return rest.size() >= 2 && rest.size() <= 13 && std::all_of(rest.begin(), rest.end(), IsAlnum);
}

bool IsValidIban(std::string_view iban) {
  if (iban.size() < 15 || iban.size() > 34) return false;
  if (!IsUpper(iban[0]) || !IsUpper(iban[1]) || !AllDigits(iban.substr(2, 2))) return false;
  if (!std::all_of(iban.begin(), iban.end(), IsAlnum)) return false;
  if (iban.substr(0, 2) == "FR" && iban.size() != 27) return false;
  std::string rearranged = std::string(iban.substr(4)) + std::string(iban.substr(0, 4));
  int remainder = 0;
  for (char c : rearranged) {
    int value = IsUpper(c) ? c - 'A' + 10 : c - '0';
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder == 1;
}

bool IsValidBic(std::string_view bic) {
  if (bic.size() != 8 && bic.size() != 11) return false;
  for (std::size_t i = 0; i < 6; ++i) {
    if (!IsUpper(bic[i])) return false;
  }
  return std::all_of(bic.begin() + 6, bic.end(), IsAlnum);
}

std::string FormatIban(std::string_view iban) {
  std::string out;
  for (std::size_t i = 0; i < iban.size(); ++i) {
    if (i > 0 && i % 4 == 0) out.push_back(' ');
    out.push_back(iban[i]);
  }
  return out;
}

bool IsEInvoiceAddress(std::string_view address) {
  if (address.empty()) return true;
  if (address.find('@') != std::string_view::npos) return IsPlausibleEmail(address);
  if (address.size() < 9 || address.size() > 100) return false;
  for (std::size_t i = 0; i < address.size(); ++i) {
    const char c = address[i];
    const bool digit = c >= '0' && c <= '9';
    if (i < 9 && !digit) return false;
    if (i == 9 && c != '_') return false;
    if (i > 9 && !digit && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') && c != '_' &&
        c != '-') {
      return false;
    }
  }
  return address.size() != 10;  // "732829320_" has an empty suffix
}

}  // namespace planify::domain
