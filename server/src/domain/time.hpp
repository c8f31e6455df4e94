#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace planify::domain {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

// "2026-11-25T14:36:33.123Z": the one textual form of an instant, in storage and in the API.
// Years 0000-9999; the API and storage accept only 1970-9999.
[[nodiscard]] std::string FormatIsoUtc(Timestamp t);

inline constexpr std::size_t kIsoUtcLength = 24;
// The same form written into a fixed buffer, without allocation, stream or locale: the JSON
// writer formats thousands of these per response.
void FormatIsoUtc(Timestamp t, char (&out)[kIsoUtcLength]);

// "Wed, 02 Dec 2026 01:23:38 GMT": the HTTP Date header's form (RFC 9110 IMF-fixdate).
[[nodiscard]] std::string FormatHttpDate(Timestamp t);

// Parses the form above (the 'Z' and the milliseconds are required); nullopt otherwise.
[[nodiscard]] std::optional<Timestamp> ParseIsoUtc(std::string_view text);

}  // namespace planify::domain
