#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"

namespace planify::domain {

// Collects field errors so one response lists every problem of a request, not the first one.
class FieldErrors {
 public:
  void Add(std::string field, std::string message);
  [[nodiscard]] bool empty() const { return fields_.empty(); }
  [[nodiscard]] const std::vector<FieldError>& fields() const { return fields_; }
  // A VALIDATION error carrying every collected field error.
  [[nodiscard]] Error ToError(
      std::string message = "La requête contient des champs invalides.") const;

 private:
  std::vector<FieldError> fields_;
};

// Trims ASCII and Unicode no-break spaces at both ends.
[[nodiscard]] std::string Trim(std::string_view text);

// Number of Unicode code points of valid UTF-8 text; nullopt when the bytes are not UTF-8.
[[nodiscard]] std::optional<std::size_t> Utf8Length(std::string_view text);

// Pragmatic address check: one '@', non-empty local part, a dotted domain, no spaces, <= 254.
[[nodiscard]] bool IsPlausibleEmail(std::string_view email);

// Lower-cases ASCII letters; e-mail addresses are compared case-insensitively.
[[nodiscard]] std::string ToLowerAscii(std::string_view text);

// Requires non-blank text of at most max_chars code points; records a French message otherwise.
void RequireText(FieldErrors& errors, const std::string& field, std::string_view value,
                 std::size_t max_chars);

// Trims optional text and checks it is UTF-8 of at most max_chars code points.
void CleanText(FieldErrors& errors, const std::string& field, std::string& value,
               std::size_t max_chars);

// URL-safe identifier from a display name: "Sono & Lumière Paris" -> "sono-lumiere-paris".
// French accented letters are folded; anything else non-alphanumeric becomes a separator.
[[nodiscard]] std::string Slugify(std::string_view text);

// Text as searched: lower-case ASCII words separated by one space, French accents folded
// ("Éléonore  O'Brien" -> "eleonore o brien"), so a search ignores case and accents on both
// databases alike.
[[nodiscard]] std::string FoldForSearch(std::string_view text);

}  // namespace planify::domain
