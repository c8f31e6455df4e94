#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace planify::integrations {

// `text` as a QR code (libqrencode, error correction M) in SVG: one path of dark modules on a
// white square with the standard four-module quiet zone, scalable to any size. nullopt when the
// text does not fit a QR code.
[[nodiscard]] std::optional<std::string> QrSvg(std::string_view text);

}  // namespace planify::integrations
