#include "http/revalidation.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace planify::http {

namespace {

// 64-bit FNV-1a: not a security measure (the ETag only goes back to the caller who owns it),
// a cheap, stable digest of the scope.
std::uint64_t Fnv1a(std::string_view text, std::uint64_t hash = 14695981039346656037ULL) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

// A new build may write different JSON: its tags never match the previous build's.
constexpr std::string_view kBuild = __DATE__ " " __TIME__;  // NOLINT(clang-diagnostic-date-time)

std::string_view Opaque(std::string_view tag) {
  if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
  return tag;
}

std::string_view Trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string WeakEtag(long long version, long long quarter_hour, std::string_view scope) {
  return fmt::format("W/\"{}.{}.{:016x}\"", version, quarter_hour, Fnv1a(scope, Fnv1a(kBuild)));
}

bool NoneMatchHits(std::string_view header, std::string_view etag) {
  const std::string_view wanted = Opaque(etag);
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view tag = Trimmed(header.substr(0, comma));
    if (!tag.empty() && tag != "*" && Opaque(tag) == wanted) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace planify::http
