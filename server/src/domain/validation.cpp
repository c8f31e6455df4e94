#include "domain/validation.hpp"

#include <array>
#include <utility>

namespace planify::domain {

void FieldErrors::Add(std::string field, std::string message) {
  fields_.push_back({std::move(field), std::move(message)});
}

Error FieldErrors::ToError(std::string message) const {
  return MakeError(ErrorCode::kValidation, std::move(message), fields_);
}

namespace {

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// U+00A0 and U+202F (no-break spaces, common in French text) encoded in UTF-8.
std::size_t NoBreakSpacePrefix(std::string_view s) {
  if (s.size() >= 2 && s.substr(0, 2) == "\xC2\xA0") return 2;
  if (s.size() >= 3 && s.substr(0, 3) == "\xE2\x80\xAF") return 3;
  return 0;
}

std::size_t NoBreakSpaceSuffix(std::string_view s) {
  if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") return 2;
  if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE2\x80\xAF") return 3;
  return 0;
}

}  // namespace

std::string Trim(std::string_view text) {
  for (;;) {
    if (!text.empty() && IsAsciiSpace(text.front())) {
      text.remove_prefix(1);
    } else if (auto n = NoBreakSpacePrefix(text); n > 0) {
      text.remove_prefix(n);
    } else {
      break;
    }
  }
  for (;;) {
    if (!text.empty() && IsAsciiSpace(text.back())) {
      text.remove_suffix(1);
    } else if (auto n = NoBreakSpaceSuffix(text); n > 0) {
      text.remove_suffix(n);
    } else {
      break;
    }
  }
  return std::string(text);
}

std::optional<std::size_t> Utf8Length(std::string_view text) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = 0;
    if (c < 0x80) {
      len = 1;
    } else if ((c & 0xE0) == 0xC0 && c >= 0xC2) {
      len = 2;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
    } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
      len = 4;
    } else {
      return std::nullopt;
    }
    if (i + len > text.size()) return std::nullopt;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return std::nullopt;
    }
    i += len;
    ++count;
  }
  return count;
}

std::string ToLowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsPlausibleEmail(std::string_view email) {
  if (email.empty() || email.size() > 254) return false;
  auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 ||
      email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  auto local = email.substr(0, at);
  auto domain = email.substr(at + 1);
  if (local.size() > 64 || domain.empty()) return false;
  for (char c : email) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '<' || c == '>' || c == ',' || c == ';' || c == '"') {
      return false;
    }
  }
  auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos) {
    return false;
  }
  return true;
}

void RequireText(FieldErrors& errors, const std::string& field, std::string_view value,
                 std::size_t max_chars) {
  auto length = Utf8Length(value);
  if (!length) {
    errors.Add(field, "Le texte doit être encodé en UTF-8.");
  } else if (Trim(value).empty()) {
    errors.Add(field, "Ce champ est obligatoire.");
  } else if (*length > max_chars) {
    errors.Add(field,
               "Ce champ ne doit pas dépasser " + std::to_string(max_chars) + " caractères.");
  }
}

namespace {

struct Fold {
  std::string_view from;
  char to;
};

// Two-byte UTF-8 Latin-1 letters used in French (and their neighbours) folded to ASCII.
constexpr std::array<Fold, 44> kFolds{{
    {"\xC3\xA0", 'a'}, {"\xC3\xA1", 'a'}, {"\xC3\xA2", 'a'}, {"\xC3\xA3", 'a'}, {"\xC3\xA4", 'a'},
    {"\xC3\xA5", 'a'}, {"\xC3\xA7", 'c'}, {"\xC3\xA8", 'e'}, {"\xC3\xA9", 'e'}, {"\xC3\xAA", 'e'},
    {"\xC3\xAB", 'e'}, {"\xC3\xAC", 'i'}, {"\xC3\xAD", 'i'}, {"\xC3\xAE", 'i'}, {"\xC3\xAF", 'i'},
    {"\xC3\xB1", 'n'}, {"\xC3\xB2", 'o'}, {"\xC3\xB3", 'o'}, {"\xC3\xB4", 'o'}, {"\xC3\xB6", 'o'},
    {"\xC3\xB9", 'u'}, {"\xC3\xBA", 'u'}, {"\xC3\xBB", 'u'}, {"\xC3\xBC", 'u'}, {"\xC3\xBF", 'y'},
    {"\xC3\x80", 'a'}, {"\xC3\x81", 'a'}, {"\xC3\x82", 'a'}, {"\xC3\x84", 'a'}, {"\xC3\x87", 'c'},
    {"\xC3\x88", 'e'}, {"\xC3\x89", 'e'}, {"\xC3\x8A", 'e'}, {"\xC3\x8B", 'e'}, {"\xC3\x8E", 'i'},
    {"\xC3\x8F", 'i'}, {"\xC3\x94", 'o'}, {"\xC3\x96", 'o'}, {"\xC3\x99", 'u'}, {"\xC3\x9B", 'u'},
    {"\xC3\x9C", 'u'}, {"\xC5\x93", 'o'}, {"\xC5\x92", 'o'}, {"\xC3\xA6", 'a'},
}};

}  // namespace

namespace {

// Lower-case ASCII letters and digits, French accents folded, every other run of characters
// turned into one `separator`; at most `max_size` bytes.
std::string FoldToAscii(std::string_view text, char separator, std::size_t max_size) {
  std::string out;
  bool pending_dash = false;
  auto emit = [&](char c) {
    if (pending_dash && !out.empty()) out.push_back(separator);
    pending_dash = false;
    out.push_back(c);
  };
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      emit(c);
      ++i;
      continue;
    }
    if (c >= 'A' && c <= 'Z') {
      emit(static_cast<char>(c - 'A' + 'a'));
      ++i;
      continue;
    }
    bool folded = false;
    for (const auto& f : kFolds) {
      if (text.substr(i, f.from.size()) == f.from) {
        emit(f.to);
        // "œ" and "æ" are two letters.
        if (f.from == "\xC5\x93" || f.from == "\xC5\x92") out.push_back('e');
        if (f.from == "\xC3\xA6") out.push_back('e');
        i += f.from.size();
        folded = true;
        break;
      }
    }
    if (folded) continue;
    pending_dash = true;
    auto u = static_cast<unsigned char>(c);
    // Skip a whole UTF-8 sequence we do not fold.
    std::size_t len = u < 0x80             ? 1
                      : (u & 0xE0) == 0xC0 ? 2
                      : (u & 0xF0) == 0xE0 ? 3
                      : (u & 0xF8) == 0xF0 ? 4
                                           : 1;
    i += len;
  }
  if (out.size() > max_size) {
    out.resize(max_size);
    while (!out.empty() && out.back() == separator) out.pop_back();
  }
  return out;
}

}  // namespace

std::string Slugify(std::string_view text) { return FoldToAscii(text, '-', 60); }

std::string FoldForSearch(std::string_view text) {
  return FoldToAscii(text, ' ', std::string_view::npos);
}

void CleanText(FieldErrors& errors, const std::string& field, std::string& value,
               std::size_t max_chars) {
  value = Trim(value);
  auto chars = Utf8Length(value);
  if (!chars) {
    errors.Add(field, "Texte invalide (UTF-8 attendu).");
  } else if (*chars > max_chars) {
    errors.Add(field,
               "Ce champ est trop long (" + std::to_string(max_chars) + " caractères au plus).");
  }
}

}  // namespace planify::domain
