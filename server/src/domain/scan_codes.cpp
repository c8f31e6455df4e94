#include "domain/scan_codes.hpp"

#include <array>
#include <charconv>

namespace planify::domain {

namespace {

constexpr std::size_t kMaxScan = 500;
constexpr std::size_t kMaxBarcode = 100;

std::string_view Trim(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

// A positive id of at most 15 digits, nothing else.
std::optional<long long> Id(std::string_view digits) {
  if (digits.empty() || digits.size() > 15) return std::nullopt;
  long long value = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size() || value <= 0) {
    return std::nullopt;
  }
  return value;
}

// "/a/b/<id>" or "/a/b/<id>/": the id when `path` is `prefix` followed by one.
std::optional<long long> IdAfter(std::string_view path, std::string_view prefix) {
  if (path.substr(0, prefix.size()) != prefix) return std::nullopt;
  path.remove_prefix(prefix.size());
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  return Id(path);
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

std::optional<ScanCode> ParseScanCode(std::string_view text) {
  text = Trim(text);
  if (text.empty() || text.size() > kMaxScan) return std::nullopt;
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return std::nullopt;
  }
  // A URL from any host ("http://192.168.1.20:5000/materiels/..."), or a bare path.
  std::string_view path;
  if (auto scheme = text.find("://"); scheme != std::string_view::npos && scheme <= 10) {
    auto slash = text.find('/', scheme + 3);
    path = slash == std::string_view::npos ? std::string_view("/") : text.substr(slash);
  } else if (text.front() == '/') {
    path = text;
  }
  if (!path.empty()) {
    path = path.substr(0, path.find_first_of("?#"));
    if (auto id = IdAfter(path, "/scanner/materiel/")) return ScanCode{ScanTarget::kItem, *id, ""};
    if (auto id = IdAfter(path, "/scanner/kit/")) return ScanCode{ScanTarget::kKit, *id, ""};
    if (auto id = IdAfter(path, "/scanner/unite/")) return ScanCode{ScanTarget::kUnit, *id, ""};
    constexpr std::array<std::string_view, 2> kLegacy{"/materiels/scan/selection/",
                                                      "/materiels/qrcode/scan/"};
    for (auto prefix : kLegacy) {
      if (auto id = IdAfter(path, prefix)) return ScanCode{ScanTarget::kLegacyItem, *id, ""};
    }
  }
  if (text.size() > 4 && EqualsIgnoringCase(text.substr(0, 4), "MAT-")) {
    if (auto id = Id(text.substr(4))) return ScanCode{ScanTarget::kItem, *id, ""};
  }
  if (text.size() > 4 && EqualsIgnoringCase(text.substr(0, 4), "KIT-")) {
    if (auto id = Id(text.substr(4))) return ScanCode{ScanTarget::kKit, *id, ""};
  }
  if (text.size() > 4 && EqualsIgnoringCase(text.substr(0, 4), "UNI-")) {
    if (auto id = Id(text.substr(4))) return ScanCode{ScanTarget::kUnit, *id, ""};
  }
  return ScanCode{ScanTarget::kBarcode, 0, std::string(text)};
}

std::string ItemScanPath(long long item) { return "/scanner/materiel/" + std::to_string(item); }

std::string ItemShortCode(long long item) { return "MAT-" + std::to_string(item); }

std::string KitScanPath(long long kit) { return "/scanner/kit/" + std::to_string(kit); }

std::string KitShortCode(long long kit) { return "KIT-" + std::to_string(kit); }

std::string UnitScanPath(long long unit) { return "/scanner/unite/" + std::to_string(unit); }

std::string UnitShortCode(long long unit) { return "UNI-" + std::to_string(unit); }

std::optional<std::string> NormalizeBarcode(std::string_view text) {
  text = Trim(text);
  if (text.empty() || text.size() > kMaxBarcode) return std::nullopt;
  for (unsigned char c : text) {
    if (c <= 0x20 || c == 0x7f) return std::nullopt;
  }
  return std::string(text);
}

}  // namespace planify::domain
