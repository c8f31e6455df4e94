#include "domain/legacy_values.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <span>

#include "domain/local_time.hpp"
#include "domain/validation.hpp"

namespace planify::domain {

namespace {

constexpr double kMaxEuros = 1e13;
constexpr std::size_t kMaxLiteralBytes = 1 << 20;
constexpr int kMaxDepth = 64;

bool Digits(std::string_view text, std::size_t at, std::size_t count, int& out) {
  if (at + count > text.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

void AppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;  // a lone surrogate has no UTF-8
  if (cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Strict UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF), as nlohmann::json
// requires of every string it writes.
bool ValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t extra = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      if (c == 0xE0) low = 0xA0;
      if (c == 0xED) high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if (k == 1 ? (b < low || b > high) : (b & 0xC0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

// A recursive-descent reader of Python literals (see ParsePythonLiteral).
class LiteralReader {
 public:
  explicit LiteralReader(std::string_view text) : text_(text) {}

  Result<nlohmann::json> ReadAll() {
    auto value = Value(0);
    if (!value) return value;
    Space();
    if (at_ != text_.size()) return Error("texte en trop");
    return value;
  }

 private:
  Unexpected Error(std::string_view what) const {
    return Fail(ErrorCode::kValidation, "Littéral Python illisible à la position " +
                                            std::to_string(at_) + " : " + std::string(what) + ".");
  }

  void Space() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r')) {
      ++at_;
    }
  }

  bool Word(std::string_view word) {
    if (text_.substr(at_, word.size()) != word) return false;
    const std::size_t end = at_ + word.size();
    if (end < text_.size()) {
      const char c = text_[end];
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
        return false;
      }
    }
    at_ = end;
    return true;
  }

  Result<nlohmann::json> Value(int depth) {
    if (depth > kMaxDepth) return Error("imbrication trop profonde");
    Space();
    if (at_ >= text_.size()) return Error("valeur attendue");
    const char c = text_[at_];
    if (c == '{') return Braces(depth);
    if (c == '[') return Sequence(depth, ']');
    if (c == '(') return Sequence(depth, ')');
    if (c == '\'' || c == '"') return String(false, false);
    if ((c == 'b' || c == 'B' || c == 'r' || c == 'R' || c == 'u' || c == 'U') &&
        at_ + 1 < text_.size()) {
      return Prefixed();
    }
    if (Word("True")) return nlohmann::json(true);
    if (Word("False")) return nlohmann::json(false);
    if (Word("None")) return nlohmann::json(nullptr);
    if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9') || c == 'i' || c == 'n') {
      return Number();
    }
    return Error("valeur inattendue");
  }

  // b'…', r'…', u'…', rb'…', br'…' (any case).
  Result<nlohmann::json> Prefixed() {
    bool bytes = false;
    bool raw = false;
    std::size_t i = at_;
    for (int n = 0; n < 2 && i < text_.size(); ++n, ++i) {
      const char c = static_cast<char>(text_[i] | 0x20);
      if (c == 'b' && !bytes) {
        bytes = true;
      } else if (c == 'r' && !raw) {
        raw = true;
      } else if (c == 'u' && !bytes && !raw && n == 0) {
      } else {
        break;
      }
    }
    if (i >= text_.size() || (text_[i] != '\'' && text_[i] != '"'))
      return Error("valeur inattendue");
    at_ = i;
    return String(bytes, raw);
  }

  Result<nlohmann::json> String(bool bytes, bool raw) {
    const char quote = text_[at_++];
    std::string out;
    while (true) {
      if (at_ >= text_.size()) return Error("chaîne non terminée");
      const char c = text_[at_++];
      if (c == quote) break;
      if (c == '\n') return Error("chaîne non terminée");
      if (c != '\\' || raw) {
        out += c;
        if (raw && c == '\\' && at_ < text_.size()) out += text_[at_++];
        continue;
      }
      if (at_ >= text_.size()) return Error("chaîne non terminée");
      const char e = text_[at_++];
      switch (e) {
        case '\\':
        case '\'':
        case '"':
          out += e;
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'a':
          out += '\a';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'v':
          out += '\v';
          break;
        case '\n':
          break;
        case 'x':
        case 'u':
        case 'U': {
          const std::size_t count = e == 'x' ? 2 : (e == 'u' ? 4 : 8);
          if (bytes && e != 'x') {
            out += '\\';
            out += e;
            break;
          }
          if (at_ + count > text_.size()) return Error("échappement incomplet");
          std::uint32_t cp = 0;
          auto [end, ec] = std::from_chars(text_.data() + at_, text_.data() + at_ + count, cp, 16);
          if (ec != std::errc() || end != text_.data() + at_ + count) {
            return Error("échappement invalide");
          }
          at_ += count;
          if (bytes) {
            out += static_cast<char>(cp);
          } else {
            AppendUtf8(out, cp);
          }
          break;
        }
        default:
          if (e >= '0' && e <= '7') {
            std::uint32_t cp = static_cast<std::uint32_t>(e - '0');
            for (int n = 0; n < 2 && at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '7';
                 ++n) {
              cp = cp * 8 + static_cast<std::uint32_t>(text_[at_++] - '0');
            }
            if (bytes) {
              out += static_cast<char>(cp & 0xFF);
            } else {
              AppendUtf8(out, cp);
            }
          } else {
            out += '\\';  // Python keeps an unknown escape as written
            out += e;
          }
      }
    }
    // Bytes that are not UTF-8 are read as Latin-1; text always ends up valid UTF-8.
    if (!ValidUtf8(out)) {
      std::string latin;
      for (char c : out) AppendUtf8(latin, static_cast<unsigned char>(c));
      out = std::move(latin);
    }
    return nlohmann::json(std::move(out));
  }

  Result<nlohmann::json> Number() {
    const std::size_t start = at_;
    bool negative = false;
    while (at_ < text_.size() && (text_[at_] == '-' || text_[at_] == '+')) {
      if (text_[at_] == '-') negative = !negative;
      ++at_;
      Space();
    }
    if (Word("inf") || Word("nan")) return nlohmann::json(nullptr);
    const std::size_t digits = at_;
    bool is_float = false;
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c >= '0' && c <= '9') {
        ++at_;
      } else if (c == '.' || c == 'e' || c == 'E') {
        is_float = true;
        ++at_;
        if ((c == 'e' || c == 'E') && at_ < text_.size() &&
            (text_[at_] == '-' || text_[at_] == '+')) {
          ++at_;
        }
      } else {
        break;
      }
    }
    const std::string_view body = text_.substr(digits, at_ - digits);
    if (body.empty() || body == ".") {
      at_ = start;
      return Error("nombre attendu");
    }
    if (!is_float) {
      long long n = 0;
      auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), n);
      if (ec == std::errc() && end == body.data() + body.size()) {
        return nlohmann::json(negative ? -n : n);
      }
    }
    double d = 0;
    auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), d);
    if (ec != std::errc() || end != body.data() + body.size()) {
      at_ = start;
      return Error("nombre invalide");
    }
    if (!std::isfinite(d)) return nlohmann::json(nullptr);
    return nlohmann::json(negative ? -d : d);
  }

  // [ … ] and ( … ): arrays; a parenthesised value without a comma is the value itself.
  Result<nlohmann::json> Sequence(int depth, char close) {
    ++at_;
    nlohmann::json out = nlohmann::json::array();
    bool comma = false;
    while (true) {
      Space();
      if (at_ < text_.size() && text_[at_] == close) {
        ++at_;
        if (close == ')' && out.size() == 1 && !comma) return out[0];
        return out;
      }
      if (!out.empty() && !comma)
        return Error(close == ']' ? "« , » ou « ] » attendu" : "« , » ou « ) » attendu");
      auto item = Value(depth + 1);
      if (!item) return item;
      out.push_back(std::move(*item));
      Space();
      comma = at_ < text_.size() && text_[at_] == ',';
      if (comma) ++at_;
    }
  }

  // { … }: a dict (keys as text), or a set (an array).
  Result<nlohmann::json> Braces(int depth) {
    ++at_;
    Space();
    if (at_ < text_.size() && text_[at_] == '}') {
      ++at_;
      return nlohmann::json::object();
    }
    auto first = Value(depth + 1);
    if (!first) return first;
    Space();
    if (at_ < text_.size() && text_[at_] != ':') {
      // A set: the rest as a sequence.
      nlohmann::json out = nlohmann::json::array({std::move(*first)});
      while (true) {
        Space();
        if (at_ < text_.size() && text_[at_] == '}') {
          ++at_;
          return out;
        }
        if (at_ >= text_.size() || text_[at_] != ',') return Error("« , » ou « } » attendu");
        ++at_;
        Space();
        if (at_ < text_.size() && text_[at_] == '}') continue;
        auto item = Value(depth + 1);
        if (!item) return item;
        out.push_back(std::move(*item));
      }
    }
    nlohmann::json out = nlohmann::json::object();
    nlohmann::json key = std::move(*first);
    while (true) {
      Space();
      if (at_ >= text_.size() || text_[at_] != ':') return Error("« : » attendu");
      ++at_;
      auto value = Value(depth + 1);
      if (!value) return value;
      out[KeyText(key)] = std::move(*value);
      Space();
      if (at_ < text_.size() && text_[at_] == '}') {
        ++at_;
        return out;
      }
      if (at_ >= text_.size() || text_[at_] != ',') return Error("« , » ou « } » attendu");
      ++at_;
      Space();
      if (at_ < text_.size() && text_[at_] == '}') {
        ++at_;
        return out;
      }
      auto next = Value(depth + 1);
      if (!next) return next;
      key = std::move(*next);
    }
  }

  static std::string KeyText(const nlohmann::json& key) {
    if (key.is_string()) return key.get<std::string>();
    if (key.is_null()) return "None";
    if (key.is_boolean()) return key.get<bool>() ? "True" : "False";
    return key.dump();
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

}  // namespace

std::optional<long long> LegacyEurosToCents(double euros) {
  if (!std::isfinite(euros) || std::fabs(euros) > kMaxEuros) return std::nullopt;
  // Far below half a cent (its shortest decimal can be hundreds of digits long): no cents.
  if (std::fabs(euros) < 1e-6) return 0;
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, euros, std::chars_format::fixed);
  if (ec != std::errc()) return std::nullopt;
  std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  const auto dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  long long cents = 0;
  for (char c : whole) cents = cents * 10 + (c - '0');
  for (std::size_t i = 0; i < 2; ++i)
    cents = cents * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
  if (fraction.size() > 2 && fraction[2] >= '5') ++cents;  // half away from zero
  return negative ? -cents : cents;
}

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
  if (!ymd.ok()) return std::nullopt;
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

Result<nlohmann::json> ParsePythonLiteral(std::string_view text) {
  if (text.size() > kMaxLiteralBytes) {
    return Fail(ErrorCode::kValidation, "Littéral Python trop long (1 Mio au plus).");
  }
  return LiteralReader(text).ReadAll();
}

}  // namespace planify::domain
