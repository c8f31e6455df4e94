#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "domain/time.hpp"

namespace planify::domain {

// iCalendar (RFC 5545) feeds a phone or Google subscribes to (docs/calendar-sync.md).

enum class CalendarEventStatus { kConfirmed, kTentative, kCancelled };

struct CalendarEvent {
  std::string uid;    // stable for the life of the event: "mission-42@<host>"
  int sequence = 0;   // bumped by every change that matters to a subscriber
  Timestamp stamp{};  // DTSTAMP and LAST-MODIFIED: the event's last change
  // Timed events: UTC instants. All-day events: the local days [first_day, end_day).
  Timestamp starts_at{};
  Timestamp ends_at{};
  bool all_day = false;
  std::chrono::year_month_day first_day{};
  std::chrono::year_month_day end_day{};
  std::string summary;
  std::string location;
  std::string description;
  std::string url;  // a link back to the mission; "" for none
  CalendarEventStatus status = CalendarEventStatus::kConfirmed;
  bool busy = true;  // TRANSP: OPAQUE, or TRANSPARENT when it should not block the time
};

struct CalendarFeed {
  std::string name;       // X-WR-CALNAME / NAME
  std::string time_zone;  // X-WR-TIMEZONE, for display only: every time is written in UTC
  std::vector<CalendarEvent> events;
};

// The VCALENDAR text: CRLF line ends, lines folded at 75 octets without splitting a UTF-8
// character, TEXT values escaped, times in UTC ("Z"), all-day events as DATE values.
[[nodiscard]] std::string WriteICalendar(const CalendarFeed& feed);

// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped; the
// control characters TEXT forbids dropped.
[[nodiscard]] std::string EscapeICalendarText(std::string_view text);

// One content line folded (RFC 5545 §3.1): at most 75 octets per physical line, each
// continuation starting with a space, never inside a UTF-8 sequence; ends with CRLF.
[[nodiscard]] std::string FoldICalendarLine(std::string_view line);

// The id a mission's event gets in a member's external calendar: lowercase hex (Google accepts
// base32hex characters, 5 to 1024 of them), the same for the same connection, mission and
// generation — so a retried create cannot make a second event — and different for a new
// generation (an id the provider burned when the member deleted the event there).
[[nodiscard]] std::string ExternalEventId(long long connection, long long mission, int generation);

// "20270328T010000Z".
[[nodiscard]] std::string ICalendarUtc(Timestamp t);

}  // namespace planify::domain
