#pragma once

#include <string>
#include <string_view>
#include <vector>

// Small text helpers shared by the harnesses: cutting an input into fields, and putting fuzzed
// bytes into a request target without breaking the request line.
namespace planify::fuzz {

// `text` with every byte that cannot appear raw in a request target (space, controls, '#',
// non-ASCII, and `also`) percent-encoded; '%' itself is kept, so escapes reach the decoder.
[[nodiscard]] std::string EncodeForTarget(std::string_view text, std::string_view also = {});

// `text` with every byte other than [A-Za-z0-9-._~] percent-encoded (a path segment).
[[nodiscard]] std::string EncodeSegment(std::string_view text);

// Splits `data` at the first `count` occurrences of `separator` (fewer parts when absent).
[[nodiscard]] std::vector<std::string_view> SplitFirst(std::string_view data, char separator,
                                                       std::size_t count);

}  // namespace planify::fuzz
