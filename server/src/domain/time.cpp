#include "domain/time.hpp"

#include <date/date.h>

#include <sstream>

namespace planify::domain {

std::string FormatIsoUtc(Timestamp t) { return date::format("%FT%TZ", t); }

std::optional<Timestamp> ParseIsoUtc(std::string_view text) {
  if (text.size() != 24 || text[10] != 'T' || text[19] != '.' || text[23] != 'Z') return std::nullopt;
  std::istringstream in{std::string(text)};
  Timestamp t;
  in >> date::parse("%FT%TZ", t);
  if (in.fail()) return std::nullopt;
  if (FormatIsoUtc(t) != text) return std::nullopt;  // rejects 2026-02-30 and friends
  return t;
}

}  // namespace planify::domain
