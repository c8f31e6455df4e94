#include "domain/legacy_values.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <span>

#include "domain/local_time.hpp"
#include "domain/validation.hpp"

namespace planify::domain {

namespace {

constexpr double kMaxEuros = 1e13;

bool Digits(std::string_view text, std::size_t at, std::size_t count, int& out) {
  if (at + count > text.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

// 1250 → "12,5 %", 1000 → "10 %" (French decimal comma).
std::string FormatRate(int bp) {
  std::string text = std::to_string(bp / 100);
  if (int rest = bp % 100; rest != 0) {
    text += ',';
    text += static_cast<char>('0' + rest / 10);
    if (rest % 10 != 0) text += static_cast<char>('0' + rest % 10);
  }
  return text + " %";
}

}  // namespace

std::optional<long long> LegacyDecimal(double value, int places) {
  if (places < 0 || places > 6) return std::nullopt;
  if (!std::isfinite(value) || std::fabs(value) > kMaxEuros) return std::nullopt;
  if (std::fabs(value) * std::pow(10.0, places) > 9e18) return std::nullopt;  // beyond long long
  // Far below half a unit of the last place (its shortest decimal can be hundreds of digits
  // long): zero.
  if (std::fabs(value) < 1e-9) return 0;
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  if (ec != std::errc()) return std::nullopt;
  std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  const auto dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  const auto digits = static_cast<std::size_t>(places);
  long long scaled = 0;
  for (char c : whole) scaled = scaled * 10 + (c - '0');
  for (std::size_t i = 0; i < digits; ++i)
    scaled = scaled * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
  if (fraction.size() > digits && fraction[digits] >= '5') ++scaled;  // half away from zero
  return negative ? -scaled : scaled;
}

std::optional<long long> LegacyEurosToCents(double euros) { return LegacyDecimal(euros, 2); }

std::optional<std::chrono::local_time<std::chrono::milliseconds>> ParseLegacyLocalTime(
    std::string_view text) {
  int year = 0;
  int month = 0;
  int day = 0;
  if (!Digits(text, 0, 4, year) || text.size() < 10 || text[4] != '-' ||
      !Digits(text, 5, 2, month) || text[7] != '-' || !Digits(text, 8, 2, day)) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  // A year no legacy row can mean (and beyond what an ISO timestamp of Planify holds).
  if (!ymd.ok() || year < 1900 || year > 2200) return std::nullopt;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int millis = 0;
  if (text.size() > 10) {
    if ((text[10] != ' ' && text[10] != 'T') || !Digits(text, 11, 2, hour) || text.size() < 16 ||
        text[13] != ':' || !Digits(text, 14, 2, minute)) {
      return std::nullopt;
    }
    std::size_t at = 16;
    if (text.size() > at) {
      if (text[at] != ':' || !Digits(text, at + 1, 2, second)) return std::nullopt;
      at += 3;
      if (text.size() > at) {
        if (text[at] != '.') return std::nullopt;
        const std::size_t digits = text.size() - at - 1;
        int fraction = 0;
        if (digits < 1 || digits > 6 || !Digits(text, at + 1, digits, fraction)) {
          return std::nullopt;
        }
        for (std::size_t i = digits; i < 3; ++i) fraction *= 10;
        for (std::size_t i = 3; i < digits; ++i) fraction /= 10;
        millis = fraction;
      }
    }
    if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  }
  return std::chrono::local_days{ymd} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second} + std::chrono::milliseconds{millis};
}

std::optional<Timestamp> LegacyInstant(std::string_view text, std::string_view zone) {
  auto local = ParseLegacyLocalTime(text);
  if (!local) return std::nullopt;
  if (zone == "UTC") return Timestamp{local->time_since_epoch()};
  const auto seconds = std::chrono::floor<std::chrono::seconds>(*local);
  return FromLocal(zone, seconds) + (*local - seconds);
}

std::optional<LegacyNumber> ParseLegacyNumber(std::string_view number) {
  const auto first = number.find('-');
  if (first == std::string_view::npos || first == 0 || first > 10) return std::nullopt;
  const auto prefix = number.substr(0, first);
  for (char c : prefix) {
    if (c < 'A' || c > 'Z') return std::nullopt;
  }
  int year = 0;
  if (number.size() < first + 7 || !Digits(number, first + 1, 4, year) ||
      number[first + 5] != '-' || year < 1990 || year > 2999) {
    return std::nullopt;
  }
  const auto digits = number.substr(first + 6);
  if (digits.empty() || digits.size() > 12) return std::nullopt;
  long long sequence = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    sequence = sequence * 10 + (c - '0');
  }
  if (sequence == 0) return std::nullopt;
  return LegacyNumber{std::string(prefix), year, sequence};
}

std::string FoldLegacyEnum(std::string_view raw) {
  std::string folded = FoldForSearch(raw);  // lower-case ASCII words separated by one space
  std::string out;
  for (char c : folded) out += c == ' ' ? '_' : c;
  while (!out.empty() && out.back() == '_') out.pop_back();
  while (!out.empty() && out.front() == '_') out.erase(out.begin());
  return out;
}

std::optional<std::string_view> LegacyStatus(LegacyEntity entity, std::string_view raw) {
  struct Pair {
    std::string_view legacy;
    std::string_view planify;
  };
  static constexpr Pair kMission[] = {{"planifiee", "planned"},
                                      {"confirmee", "confirmed"},
                                      {"en_cours", "in_progress"},
                                      {"terminee", "completed"},
                                      {"annulee", "canceled"}};
  static constexpr Pair kQuote[] = {{"brouillon", "draft"},  {"envoye", "sent"},
                                    {"accepte", "accepted"}, {"refuse", "declined"},
                                    {"expire", "expired"},   {"annule", "cancelled"}};
  static constexpr Pair kInvoice[] = {
      {"brouillon", "draft"}, {"envoyee", "issued"},   {"partiellement_payee", "partially_paid"},
      {"payee", "paid"},      {"en_retard", "issued"}, {"annulee", "cancelled"}};
  static constexpr Pair kPayment[] = {{"en_attente", "pending"}, {"traitement", "pending"},
                                      {"reussi", "succeeded"},   {"rembourse", "succeeded"},
                                      {"annule", "rejected"},    {"echoue", "failed"}};
  static constexpr Pair kCredit[] = {{"emis", "issued"}, {"annule", "cancelled"}};
  static constexpr Pair kBooking[] = {{"en_attente", "new"},
                                      {"en_attente_dj", "in_discussion"},
                                      {"validee", "in_discussion"},
                                      {"confirmee", "won"},
                                      {"rejetee", "lost"}};
  static constexpr Pair kEquipment[] = {{"disponible", "available"},
                                        {"reserve", "available"},
                                        {"maintenance", "maintenance"},
                                        {"hors_service", "maintenance"},
                                        {"archive", "retired"}};
  std::span<const Pair> table;
  switch (entity) {
    case LegacyEntity::kMission:
      table = kMission;
      break;
    case LegacyEntity::kQuote:
      table = kQuote;
      break;
    case LegacyEntity::kInvoice:
      table = kInvoice;
      break;
    case LegacyEntity::kPayment:
      table = kPayment;
      break;
    case LegacyEntity::kCreditNote:
      table = kCredit;
      break;
    case LegacyEntity::kBooking:
      table = kBooking;
      break;
    case LegacyEntity::kEquipment:
      table = kEquipment;
      break;
  }
  const std::string folded = FoldLegacyEnum(raw);
  for (const auto& pair : table) {
    if (pair.legacy == folded) return pair.planify;
  }
  return std::nullopt;
}

namespace {

bool IsFrenchPostcode(std::string_view word) {
  if (word.size() != 5) return false;
  for (char c : word) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

Address SplitLegacyAddress(std::string_view text) {
  Address address;
  std::vector<std::string> lines;
  std::string current;
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      if (!Trim(current).empty()) lines.push_back(Trim(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!Trim(current).empty()) lines.push_back(Trim(current));
  if (lines.empty()) return address;
  // "… , 75004 Paris" or "… 75004 Paris" at the end of the last line.
  std::string& last = lines.back();
  for (std::size_t at = last.size(); at-- > 0;) {
    if (at + 5 > last.size() || !IsFrenchPostcode(std::string_view(last).substr(at, 5))) continue;
    const bool starts_word = at == 0 || last[at - 1] == ' ' || last[at - 1] == ',';
    const bool ends_word = at + 5 == last.size() || last[at + 5] == ' ';
    std::string city = Trim(std::string_view(last).substr(at + 5));
    if (!starts_word || !ends_word || city.empty() || city.find(',') != std::string::npos) {
      continue;
    }
    address.postal_code = last.substr(at, 5);
    address.city = city;
    std::string before = Trim(std::string_view(last).substr(0, at));
    while (!before.empty() && (before.back() == ',' || before.back() == ' ')) before.pop_back();
    if (before.empty()) {
      lines.pop_back();
    } else {
      last = before;
    }
    break;
  }
  if (!lines.empty()) address.line1 = lines.front();
  for (std::size_t i = 1; i < lines.size(); ++i) {
    address.line2 += (address.line2.empty() ? "" : ", ") + lines[i];
  }
  return address;
}

bool IsLegacyTestLabel(std::string_view label) {
  const std::string folded = FoldLegacyEnum(label);  // "audit_local_a", "dev_test_001"
  auto word_at = [&](std::size_t at, std::string_view word) {
    if (folded.compare(at, word.size(), word) != 0) return false;
    const std::size_t end = at + word.size();
    return end == folded.size() || folded[end] == '_' || folded[end] == '(';
  };
  if (word_at(0, "audit") || word_at(0, "test")) return true;
  for (std::size_t at = folded.find('_'); at != std::string::npos; at = folded.find('_', at + 1)) {
    if (word_at(at + 1, "test") || word_at(at + 1, "load")) return true;
  }
  return false;
}

LegacyLines RebuildLegacyLines(const LegacyPricing& pricing, long long issued_net_cents) {
  LegacyLines out;
  auto add = [&](LineKind kind, std::string description, std::string unit, long long quantity_milli,
                 long long unit_price_cents, long long net_cents) {
    BillingLine line;
    line.kind = kind;
    line.description = std::move(description);
    line.unit = std::move(unit);
    line.quantity_milli = quantity_milli;
    line.unit_price_cents = unit_price_cents;
    line.vat_rate_bp = pricing.vat_rate_bp;
    line.net_cents = net_cents;
    out.lines.push_back(std::move(line));
  };
  long long net = 0;
  if (pricing.hourly_cents != 0 || pricing.hours_milli != 0) {
    const long long hours = std::max(0LL, pricing.hours_milli);
    const long long rate = std::max(0LL, pricing.hourly_cents);
    const long long line_net = DivideRounded(hours * rate, 1000);
    add(LineKind::kService, pricing.title.empty() ? "Prestation" : pricing.title, "hour", hours,
        rate, line_net);
    net += line_net;
  }
  if (pricing.travel_cents > 0) {
    add(LineKind::kTravel, "Frais de transport", "flat", 1000, pricing.travel_cents,
        pricing.travel_cents);
    net += pricing.travel_cents;
  }
  if (pricing.equipment_cents > 0) {
    add(LineKind::kRental, "Location de matériel", "flat", 1000, pricing.equipment_cents,
        pricing.equipment_cents);
    net += pricing.equipment_cents;
  }
  long long discount = 0;
  if (pricing.discount_bp > 0) {
    discount = DivideRounded(net * std::min(pricing.discount_bp, 10000), 10000);
  } else if (pricing.discount_cents > 0) {
    discount = pricing.discount_cents;
  }
  discount = std::min(discount, net);  // max(0, …) of the legacy formula
  if (discount > 0) {
    add(LineKind::kDiscount,
        pricing.discount_bp > 0 ? "Remise " + FormatRate(pricing.discount_bp) : "Remise", "flat",
        1000, -discount, -discount);
    net -= discount;
  }
  out.recomputed_net_cents = net;
  out.adjustment_cents = issued_net_cents - net;
  if (out.adjustment_cents > 0) {
    add(LineKind::kFee, "Ajustement de reprise (montant émis par l'ancienne application)", "flat",
        1000, out.adjustment_cents, out.adjustment_cents);
  } else if (out.adjustment_cents < 0) {
    add(LineKind::kDiscount, "Ajustement de reprise (montant émis par l'ancienne application)",
        "flat", 1000, out.adjustment_cents, out.adjustment_cents);
  }
  return out;
}

}  // namespace planify::domain
