#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>

#include "domain/result.hpp"

namespace planify {

// What an untrusted JSON text may hold. The parser recurses once per nesting level, so depth is
// checked before it runs; the element count bounds the memory one request can make us allocate.
struct JsonLimits {
  std::size_t max_depth = 64;
  std::size_t max_elements = 200'000;  // strings, containers and separators
};

// Parses untrusted JSON (request bodies, webhooks, provider answers) after a scan without
// recursion: BAD_REQUEST when nested deeper than `max_depth`, when a string holds a NUL
// character (\u0000) or when the text is not valid JSON (UTF-8 included); PAYLOAD_TOO_LARGE
// beyond `max_elements`. Never throws.
[[nodiscard]] Result<nlohmann::json> ParseUntrustedJson(std::string_view text,
                                                        const JsonLimits& limits = {});

// The same checks for callers that only test the shape of what came back: the parsed value,
// or a discarded value (is_discarded()) when any check fails.
[[nodiscard]] nlohmann::json ParseUntrustedJsonOrDiscarded(std::string_view text);

}  // namespace planify
