// FullCalendar runs in its "UTC" time zone and is fed Paris wall-clock times written as UTC
// ("UTC coercion"): it then shows Paris time whatever the browser's zone, with no time-zone
// plugin. These helpers convert between real instants and those coerced dates.
import { parisLocalToUtcIso, utcIsoToParisLocal } from "@/lib/paris-time";

const pad = (n: number) => String(n).padStart(2, "0");

/** "2027-06-12T16:00:00.000Z" (18:00 in Paris) -> "2027-06-12T18:00:00" for the calendar. */
export function toCalendarTime(instant: string): string {
  const { date, time } = utcIsoToParisLocal(instant);
  return `${date}T${time}:00`;
}

/** A calendar date (its UTC fields hold Paris wall-clock time) -> the real UTC instant. */
export function fromCalendarDate(date: Date): string {
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  return parisLocalToUtcIso(day, time);
}

/** Monday 00:00 (Paris) of the week holding `day` ("YYYY-MM-DD"), as "YYYY-MM-DD". */
export function mondayOf(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const shift = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - shift);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** "YYYY-MM-DD" plus n days. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d + n));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}
