#include "domain/icalendar.hpp"

#include <cstdio>

namespace planify::domain {

namespace {

constexpr std::size_t kMaxOctets = 75;

std::string Date(const std::chrono::year_month_day& day) {
  char out[32];
  std::snprintf(out, sizeof out, "%04d%02u%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return out;
}

std::string_view StatusName(CalendarEventStatus status) {
  switch (status) {
    case CalendarEventStatus::kTentative:
      return "TENTATIVE";
    case CalendarEventStatus::kCancelled:
      return "CANCELLED";
    case CalendarEventStatus::kConfirmed:
      break;
  }
  return "CONFIRMED";
}

// A URI value is not TEXT: no escaping, but a line break or a control character would end the
// content line, so they go.
std::string UriValue(std::string_view uri) {
  std::string out;
  for (char c : uri) {
    if (static_cast<unsigned char>(c) > 0x20 && c != 0x7f) out.push_back(c);
  }
  return out;
}

}  // namespace

std::string ExternalEventId(long long connection, long long mission, int generation) {
  // Digits and a-f only ("pf" would not be base32hex, whose last letter is 'v'), each part at
  // a fixed width so no two triples give the same id.
  std::string out = "0a1b";
  static constexpr char kHex[] = "0123456789abcdef";
  for (long long part : {connection, mission, static_cast<long long>(generation)}) {
    auto value = static_cast<unsigned long long>(part);
    for (int shift = 60; shift >= 0; shift -= 4) out.push_back(kHex[(value >> shift) & 0xF]);
  }
  return out;
}

std::string ICalendarUtc(Timestamp t) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(t);
  const auto day = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss<std::chrono::seconds> time{seconds - day};
  char out[80];
  std::snprintf(out, sizeof out, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return out;
}

std::string EscapeICalendarText(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\r':
        // CRLF is one line break; a lone CR is one too.
        if (i + 1 < text.size() && text[i + 1] == '\n') break;
        out += "\\n";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) {
          out.push_back(c);
        } else if (c == '\t') {
          out.push_back(' ');
        }
    }
  }
  return out;
}

std::string FoldICalendarLine(std::string_view line) {
  std::string out;
  out.reserve(line.size() + line.size() / 70 * 3 + 2);
  std::size_t used = 0;  // octets on the current physical line
  std::size_t i = 0;
  while (i < line.size()) {
    // The whole UTF-8 sequence starting here (continuation bytes are 10xxxxxx).
    std::size_t length = 1;
    while (i + length < line.size() &&
           (static_cast<unsigned char>(line[i + length]) & 0xC0) == 0x80) {
      ++length;
    }
    if (used + length > kMaxOctets) {
      out += "\r\n ";
      used = 1;
    }
    out.append(line.substr(i, length));
    used += length;
    i += length;
  }
  out += "\r\n";
  return out;
}

std::string WriteICalendar(const CalendarFeed& feed) {
  std::string out;
  out.reserve(512 + feed.events.size() * 600);
  auto line = [&out](std::string_view name, std::string_view value) {
    std::string content(name);
    content += ':';
    content += value;
    out += FoldICalendarLine(content);
  };
  line("BEGIN", "VCALENDAR");
  line("VERSION", "2.0");
  line("PRODID", "-//Planify//Planify//FR");
  line("CALSCALE", "GREGORIAN");
  line("METHOD", "PUBLISH");
  line("NAME", EscapeICalendarText(feed.name));
  line("X-WR-CALNAME", EscapeICalendarText(feed.name));
  if (!feed.time_zone.empty()) line("X-WR-TIMEZONE", EscapeICalendarText(feed.time_zone));
  line("REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
  line("X-PUBLISHED-TTL", "PT1H");
  for (const auto& e : feed.events) {
    line("BEGIN", "VEVENT");
    line("UID", EscapeICalendarText(e.uid));
    line("SEQUENCE", std::to_string(e.sequence));
    line("DTSTAMP", ICalendarUtc(e.stamp));
    line("LAST-MODIFIED", ICalendarUtc(e.stamp));
    if (e.all_day) {
      line("DTSTART;VALUE=DATE", Date(e.first_day));
      line("DTEND;VALUE=DATE", Date(e.end_day));
    } else {
      line("DTSTART", ICalendarUtc(e.starts_at));
      line("DTEND", ICalendarUtc(e.ends_at));
    }
    line("SUMMARY", EscapeICalendarText(e.summary));
    if (!e.location.empty()) line("LOCATION", EscapeICalendarText(e.location));
    if (!e.description.empty()) line("DESCRIPTION", EscapeICalendarText(e.description));
    if (!e.url.empty()) line("URL", UriValue(e.url));
    line("STATUS", StatusName(e.status));
    line("TRANSP", e.busy ? "OPAQUE" : "TRANSPARENT");
    line("END", "VEVENT");
  }
  line("END", "VCALENDAR");
  return out;
}

}  // namespace planify::domain
