#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace planify::domain {

// What a scanned code names (docs/equipment.md, "Labels and scanning"). A phone camera or a
// keyboard-wedge scanner gives text: a Planify label's URL, a legacy label's URL printed by
// the old app on whatever host it ran on (often a LAN address), a short code typed by hand,
// or a manufacturer's barcode. URLs are resolved by their path, whatever the host.
enum class ScanTarget {
  kItem,        // a Planify equipment id: /scanner/materiel/<id> or "MAT-<id>"
  kLegacyItem,  // a legacy `materiels` id: /materiels/scan/selection/<id>,
                // /materiels/qrcode/scan/<id>
  kKit,         // a Planify kit id: /scanner/kit/<id> or "KIT-<id>"
  kUnit,        // a Planify unit id (an item tracked by unit): /scanner/unite/<id> or "UNI-<id>"
  kBarcode,     // anything else: looked up as the item's barcode
};

struct ScanCode {
  ScanTarget target = ScanTarget::kBarcode;
  long long id = 0;     // kItem, kLegacyItem, kKit, kUnit
  std::string barcode;  // kBarcode: the trimmed text
};

// The code read from `text` (surrounding spaces and a wedge scanner's CR/LF trimmed); nothing
// when it is empty, longer than 500 characters, or holds control characters.
[[nodiscard]] std::optional<ScanCode> ParseScanCode(std::string_view text);

// The path a Planify label's QR code points to, under the server's public URL.
[[nodiscard]] std::string ItemScanPath(long long item);

// The code printed under the QR code, short enough to type: "MAT-42".
[[nodiscard]] std::string ItemShortCode(long long item);

// The same for a kit: "/scanner/kit/7", "KIT-7".
[[nodiscard]] std::string KitScanPath(long long kit);
[[nodiscard]] std::string KitShortCode(long long kit);

// The same for a unit: "/scanner/unite/12", "UNI-12".
[[nodiscard]] std::string UnitScanPath(long long unit);
[[nodiscard]] std::string UnitShortCode(long long unit);

// A barcode as stored: trimmed, 1-100 printable characters without spaces; nothing otherwise.
[[nodiscard]] std::optional<std::string> NormalizeBarcode(std::string_view text);

}  // namespace planify::domain
