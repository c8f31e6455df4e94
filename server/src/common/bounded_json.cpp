#include "common/bounded_json.hpp"

#include <string>

namespace planify {

namespace {

// The scan's verdict on the text's shape, before any parsing.
enum class Shape { kOk, kTooDeep, kTooMany, kNul };

Shape ScanShape(std::string_view text, const JsonLimits& limits) {
  std::size_t depth = 0;
  std::size_t elements = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        // "\u0000" is a NUL inside a string: refused, no route has a use for it.
        if (text.compare(i + 1, 5, "u0000") == 0) return Shape::kNul;
        ++i;  // the escaped character cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        ++elements;
        break;
      case '[':
      case '{':
        if (++depth > limits.max_depth) return Shape::kTooDeep;
        ++elements;
        break;
      case ']':
      case '}':
        if (depth > 0) --depth;
        break;
      case ',':
        ++elements;
        break;
      default:
        break;
    }
    if (elements > limits.max_elements) return Shape::kTooMany;
  }
  return Shape::kOk;
}

}  // namespace

Result<nlohmann::json> ParseUntrustedJson(std::string_view text, const JsonLimits& limits) {
  switch (ScanShape(text, limits)) {
    case Shape::kTooDeep:
      return Fail(ErrorCode::kBadRequest, "Le JSON est imbriqué sur plus de " +
                                              std::to_string(limits.max_depth) + " niveaux.");
    case Shape::kTooMany:
      return Fail(ErrorCode::kPayloadTooLarge,
                  "Le JSON contient plus de " + std::to_string(limits.max_elements) + " éléments.");
    case Shape::kNul:
      return Fail(ErrorCode::kBadRequest,
                  "Le JSON contient un caractère nul (\\u0000), refusé dans tout texte.");
    case Shape::kOk:
      break;
  }
  auto parsed =
      nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return Fail(ErrorCode::kBadRequest, "Le corps de la requête n'est pas du JSON valide.");
  }
  return parsed;
}

nlohmann::json ParseUntrustedJsonOrDiscarded(std::string_view text) {
  auto parsed = ParseUntrustedJson(text);
  if (!parsed) return nlohmann::json(nlohmann::json::value_t::discarded);
  return std::move(*parsed);
}

}  // namespace planify
