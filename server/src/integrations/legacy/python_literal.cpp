#include "integrations/legacy/python_literal.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace planify::integrations {

namespace {

constexpr std::size_t kMaxLiteralBytes = 1 << 20;
constexpr int kMaxDepth = 64;

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
        auto after = AfterItem();
        if (!after) return Fail(std::move(after).error());
        if (*after) return out;
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
      auto after = AfterItem();
      if (!after) return Fail(std::move(after).error());
      if (*after) return out;
      auto next = Value(depth + 1);
      if (!next) return next;
      key = std::move(*next);
    }
  }

  // After an item of a dict or set: true when "}" (or ", }") closes it, false when a "," says
  // another item follows, an error otherwise.
  Result<bool> AfterItem() {
    Space();
    if (at_ < text_.size() && text_[at_] == '}') {
      ++at_;
      return true;
    }
    if (at_ >= text_.size() || text_[at_] != ',') return Error("« , » ou « } » attendu");
    ++at_;
    Space();
    if (at_ < text_.size() && text_[at_] == '}') {
      ++at_;
      return true;
    }
    return false;
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

Result<nlohmann::json> ParsePythonLiteral(std::string_view text) {
  if (text.size() > kMaxLiteralBytes) {
    return Fail(ErrorCode::kValidation, "Littéral Python trop long (1 Mio au plus).");
  }
  return LiteralReader(text).ReadAll();
}

}  // namespace planify::integrations
