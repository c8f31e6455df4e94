#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/time.hpp"

namespace planify::domain {

// Wall-clock time in the organisation's zone. The rules of the supported zones
// (domain::IsSupportedTimeZone) are built in, so the core stays pure: EU summer time for the
// European zones (last Sunday of March to last Sunday of October, 01:00 UTC), North-American
// summer time for Montréal and Miquelon, fixed offsets for the others.
[[nodiscard]] std::chrono::minutes UtcOffset(std::string_view zone, Timestamp t);

// The instant a wall-clock time names in `zone`. A time that does not exist (the spring-forward
// hour) moves forward by the gap; a time that exists twice (the autumn hour) is the first one.
[[nodiscard]] Timestamp FromLocal(std::string_view zone, std::chrono::local_seconds local);

// "sam. 12 juin 2027 18:00", in the zone's wall-clock time.
[[nodiscard]] std::string FormatLocalDateTime(Timestamp t, std::string_view zone);

// "du sam. 12 juin 2027 18:00 au dim. 13 juin 2027 02:00", or "le sam. 12 juin 2027 de 14:00 à
// 18:00" when both ends fall on the same local day.
[[nodiscard]] std::string FormatLocalRange(Timestamp start, Timestamp end, std::string_view zone);

// An instant as the API accepts it: "2027-06-12T16:00:00Z", "2027-06-12T18:00+02:00", seconds
// and milliseconds optional; nullopt when the text names no instant (no offset, bad date).
[[nodiscard]] std::optional<Timestamp> ParseApiInstant(std::string_view text);

}  // namespace planify::domain
