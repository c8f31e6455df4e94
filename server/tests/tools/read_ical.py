#!/usr/bin/env python3
"""Reads an iCalendar feed with python3-icalendar (Debian), not with the code that wrote it.

Usage: read_ical.py FILE.ics  ->  JSON on stdout:
  name, time_zone     X-WR-CALNAME, X-WR-TIMEZONE
  max_octets          the longest physical line, CRLF excluded (RFC 5545: at most 75)
  bare_line_feeds     line feeds not preceded by a carriage return
  events              each VEVENT: uid, sequence, start and end (UTC "2027-03-28T18:00:00Z",
                      or "2027-08-01" for a DATE), summary, location, description, url,
                      status, transp — values unescaped by the parser
"""
import datetime
import json
import sys

from icalendar import Calendar


def instant(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            return "floating " + value.isoformat()
        return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def main():
    data = open(sys.argv[1], "rb").read()
    physical = data.split(b"\r\n")
    report = {
        "max_octets": max(len(line) for line in physical),
        "bare_line_feeds": data.replace(b"\r\n", b"").count(b"\n"),
    }
    calendar = Calendar.from_ical(data)
    report["name"] = str(calendar.get("X-WR-CALNAME", ""))
    report["time_zone"] = str(calendar.get("X-WR-TIMEZONE", ""))
    events = []
    for e in calendar.walk("VEVENT"):
        events.append({
            "uid": str(e.get("UID")),
            "sequence": int(e.get("SEQUENCE", 0)),
            "start": instant(e.decoded("DTSTART")),
            "end": instant(e.decoded("DTEND")),
            "summary": str(e.get("SUMMARY", "")),
            "location": str(e.get("LOCATION", "")),
            "description": str(e.get("DESCRIPTION", "")),
            "url": str(e.get("URL", "")),
            "status": str(e.get("STATUS", "")),
            "transp": str(e.get("TRANSP", "")),
        })
    report["events"] = events
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
