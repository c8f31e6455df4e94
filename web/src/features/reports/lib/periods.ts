/** Period presets, computed from the organisation's "today" the server gave (YYYY-MM-DD). */
export const presets = [
  "this_month",
  "last_month",
  "this_quarter",
  "this_year",
  "last_year",
  "last_12_months",
] as const;
export type Preset = (typeof presets)[number];

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, "0")}-${pad(m)}-${pad(d)}`;

/** The last day of month `m` (1–12) of year `y`. */
function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Month `m` shifted by `delta` months, as [year, month]. */
function shift(y: number, m: number, delta: number): [number, number] {
  const index = y * 12 + (m - 1) + delta;
  return [Math.floor(index / 12), (index % 12) + 1];
}

export function presetPeriod(preset: Preset, today: string): { from: string; to: string } {
  const [y, m] = today.split("-").map(Number) as [number, number, number];
  switch (preset) {
    case "this_month":
      return { from: iso(y, m, 1), to: today };
    case "last_month": {
      const [py, pm] = shift(y, m, -1);
      return { from: iso(py, pm, 1), to: iso(py, pm, lastDay(py, pm)) };
    }
    case "this_quarter": {
      const first = Math.floor((m - 1) / 3) * 3 + 1;
      return { from: iso(y, first, 1), to: today };
    }
    case "this_year":
      return { from: iso(y, 1, 1), to: today };
    case "last_year":
      return { from: iso(y - 1, 1, 1), to: iso(y - 1, 12, 31) };
    case "last_12_months": {
      const [sy, sm] = shift(y, m, -11);
      return { from: iso(sy, sm, 1), to: today };
    }
  }
}
