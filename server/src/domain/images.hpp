#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace planify::domain {

inline constexpr std::size_t kMaxImageBytes = std::size_t{1024} * 1024;

// The image type of `bytes` from its signature — "image/png", "image/jpeg" or "image/webp" —
// whatever the client claimed. nullopt for anything else (SVG included: it can carry scripts).
[[nodiscard]] std::optional<std::string> SniffImageType(std::string_view bytes);

}  // namespace planify::domain
