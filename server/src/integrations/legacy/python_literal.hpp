#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

#include "domain/result.hpp"

namespace planify::integrations {

// A Python literal as repr() writes it (the legacy audit log's details:
// "{'montant_ttc': 702.0, 'ok': True, 'motif': None}") read as JSON — never evaluated: dicts
// (keys become strings: 'a' → "a", 3 → "3", None → "None"), lists and tuples (→ arrays), sets
// (→ arrays), str with '…' or "…" quotes and Python escapes (\n \t \\ \' \" \xNN \uNNNN
// \UNNNNNNNN), bytes b'…' (→ its text), int, float (inf and nan → null), True, False, None.
// Anything else (names, calls, operators, a nesting deeper than 64, over 1 MiB of text) is a
// VALIDATION error saying where.
[[nodiscard]] Result<nlohmann::json> ParsePythonLiteral(std::string_view text);

}  // namespace planify::integrations
