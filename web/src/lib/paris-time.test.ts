import { afterEach, describe, expect, it, vi } from "vitest";
import {
  isCalendarDate,
  isWallTime,
  parisLocalToUtcIso,
  parisToday,
  utcIsoToParisLocal,
} from "./paris-time";

describe("parisLocalToUtcIso", () => {
  it("uses UTC+1 in winter", () => {
    expect(parisLocalToUtcIso("2026-11-25", "14:30")).toBe("2026-11-25T13:30:00.000Z");
    expect(parisLocalToUtcIso("2026-01-01", "00:15")).toBe("2025-12-31T23:15:00.000Z");
  });

  it("uses UTC+2 in summer", () => {
    expect(parisLocalToUtcIso("2026-07-14", "22:00")).toBe("2026-07-14T20:00:00.000Z");
    expect(parisLocalToUtcIso("2026-06-01", "01:00")).toBe("2026-05-31T23:00:00.000Z");
  });

  it("switches exactly at the spring change (2026-03-29, 02:00 -> 03:00)", () => {
    expect(parisLocalToUtcIso("2026-03-29", "01:59")).toBe("2026-03-29T00:59:00.000Z");
    expect(parisLocalToUtcIso("2026-03-29", "03:00")).toBe("2026-03-29T01:00:00.000Z");
  });

  it("shifts a time that does not exist forward by the gap (02:30 -> 03:30 CEST)", () => {
    const instant = parisLocalToUtcIso("2026-03-29", "02:30");
    expect(instant).toBe("2026-03-29T01:30:00.000Z");
    expect(utcIsoToParisLocal(instant)).toEqual({ date: "2026-03-29", time: "03:30" });
    expect(parisLocalToUtcIso("2026-03-29", "02:00")).toBe("2026-03-29T01:00:00.000Z");
  });

  it("takes the first occurrence of a repeated time at the autumn change (02:30 CEST)", () => {
    expect(parisLocalToUtcIso("2026-10-25", "02:30")).toBe("2026-10-25T00:30:00.000Z");
    expect(parisLocalToUtcIso("2026-10-25", "02:00")).toBe("2026-10-25T00:00:00.000Z");
    expect(parisLocalToUtcIso("2026-10-25", "01:59")).toBe("2026-10-24T23:59:00.000Z");
    expect(parisLocalToUtcIso("2026-10-25", "03:00")).toBe("2026-10-25T02:00:00.000Z");
  });

  it("rejects malformed input", () => {
    expect(() => parisLocalToUtcIso("2026-02-30", "10:00")).toThrow(RangeError);
    expect(() => parisLocalToUtcIso("25/11/2026", "10:00")).toThrow(RangeError);
    expect(() => parisLocalToUtcIso("2026-11-25", "24:00")).toThrow(RangeError);
    expect(() => parisLocalToUtcIso("2026-11-25", "9:00")).toThrow(RangeError);
  });
});

describe("utcIsoToParisLocal", () => {
  it("reads winter and summer instants in Paris", () => {
    expect(utcIsoToParisLocal("2026-11-24T23:30:00.000Z")).toEqual({
      date: "2026-11-25",
      time: "00:30",
    });
    expect(utcIsoToParisLocal("2026-07-14T20:00:00Z")).toEqual({
      date: "2026-07-14",
      time: "22:00",
    });
  });

  it("reads both occurrences of the repeated hour as 02:30", () => {
    expect(utcIsoToParisLocal("2026-10-25T00:30:00.000Z").time).toBe("02:30");
    expect(utcIsoToParisLocal("2026-10-25T01:30:00.000Z").time).toBe("02:30");
  });

  it("round-trips every half hour of 2026 but the second pass through the repeated hour", () => {
    const start = Date.UTC(2026, 0, 1);
    const mismatches: string[] = [];
    for (let t = start; t < start + 365 * 24 * 3_600_000; t += 30 * 60_000) {
      const iso = new Date(t).toISOString();
      const { date, time } = utcIsoToParisLocal(iso);
      if (parisLocalToUtcIso(date, time) !== iso) mismatches.push(iso);
    }
    // 02:00 and 02:30 CET on 25 October read back as their first occurrence, in CEST.
    expect(mismatches).toEqual(["2026-10-25T01:00:00.000Z", "2026-10-25T01:30:00.000Z"]);
  });

  it("rejects a non-date", () => {
    expect(() => utcIsoToParisLocal("demain")).toThrow(RangeError);
  });
});

describe("independent of the machine's time zone", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each([
    ["America/Los_Angeles", 480],
    ["Asia/Tokyo", -540],
    ["UTC", 0],
  ])("gives the same answers in %s", (tz, winterOffset) => {
    vi.stubEnv("TZ", tz);
    expect(new Date(2026, 0, 15).getTimezoneOffset()).toBe(winterOffset); // the stub took effect
    expect(parisLocalToUtcIso("2026-11-25", "14:30")).toBe("2026-11-25T13:30:00.000Z");
    expect(parisLocalToUtcIso("2026-03-29", "02:30")).toBe("2026-03-29T01:30:00.000Z");
    expect(parisLocalToUtcIso("2026-10-25", "02:30")).toBe("2026-10-25T00:30:00.000Z");
    expect(utcIsoToParisLocal("2026-07-14T20:00:00.000Z").time).toBe("22:00");
  });
});

describe("helpers", () => {
  it("validates dates and times", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isWallTime("23:59")).toBe(true);
    expect(isWallTime("23:60")).toBe(false);
  });

  it("gives today's date in Paris", () => {
    expect(parisToday(new Date("2026-12-31T23:30:00.000Z"))).toBe("2027-01-01");
  });
});
