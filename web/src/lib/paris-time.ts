// Wall-clock time in Paris <-> UTC instants, with Intl only (no time-zone library).
// The browser's own time zone never matters: a French user means Paris time.
//
// DST rules (the same as Temporal's `disambiguation: "compatible"` and java.time):
// - a wall-clock time that does not exist (spring forward, e.g. 2026-03-29 02:30) is shifted
//   forward by the length of the gap: 02:30 becomes 03:30 CEST (01:30Z);
// - a wall-clock time that happens twice (fall back, e.g. 2026-10-25 02:30) is the first
//   occurrence, still in summer time: 02:30 CEST (00:30Z), not 02:30 CET (01:30Z).

import { APP_TIME_ZONE } from "./format";

const HOUR = 3_600_000;

const partsFormatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: APP_TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockInParis(epochMs: number): WallClock {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of partsFormatter.formatToParts(epochMs)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    // Some engines write midnight as 24 even with h23.
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Paris offset from UTC at an instant, in ms (+1 h in winter, +2 h in summer). */
function parisOffsetMs(epochMs: number): number {
  const wall = wallClockInParis(epochMs);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;

/** True for a real calendar date written "YYYY-MM-DD". */
export function isCalendarDate(text: string): boolean {
  const match = DATE_RE.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** True for a 24-hour time written "HH:MM". */
export function isWallTime(text: string): boolean {
  const match = TIME_RE.exec(text);
  return match !== null && Number(match[1]) < 24 && Number(match[2]) < 60;
}

/**
 * "2026-11-25" + "14:30" in Paris -> "2026-11-25T13:30:00.000Z".
 * Non-existent times shift forward, repeated times take the first occurrence (see above).
 */
export function parisLocalToUtcIso(date: string, time: string): string {
  if (!isCalendarDate(date)) throw new RangeError(`invalid date (YYYY-MM-DD): ${date}`);
  if (!isWallTime(time)) throw new RangeError(`invalid time (HH:MM): ${time}`);
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  // The wall-clock reading as if it were UTC; the real instant is this minus the offset.
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  // Offsets in force around that moment; Paris changes at most once within a day.
  const offsetBefore = parisOffsetMs(naive - 14 * HOUR);
  const offsetAfter = parisOffsetMs(naive + 14 * HOUR);
  const candidates = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => naive - offset)
    .filter((instant) => naive - instant === parisOffsetMs(instant))
    .sort((a, b) => a - b);
  // Two candidates: repeated hour, take the first. None: skipped hour, apply the offset from
  // before the change, which lands after it, shifted forward by the gap.
  const instant = candidates[0] ?? naive - offsetBefore;
  return new Date(instant).toISOString();
}

/** "2026-11-25T13:30:00.000Z" -> { date: "2026-11-25", time: "14:30" } as read in Paris. */
export function utcIsoToParisLocal(iso: string): { date: string; time: string } {
  const epochMs = Date.parse(iso);
  if (Number.isNaN(epochMs)) throw new RangeError(`invalid ISO instant: ${iso}`);
  const wall = wallClockInParis(epochMs);
  return {
    date: `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`,
    time: `${pad(wall.hour)}:${pad(wall.minute)}`,
  };
}

/** Today's date in Paris, "YYYY-MM-DD". */
export function parisToday(now: Date = new Date()): string {
  return utcIsoToParisLocal(now.toISOString()).date;
}
