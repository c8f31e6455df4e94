import { describe, expect, it } from "vitest";
import { addDays, fromCalendarDate, mondayOf, toCalendarTime } from "./calendar-time";
import { nextStatuses } from "./status";

describe("calendar time", () => {
  it("feeds the calendar Paris wall-clock time, summer and winter", () => {
    expect(toCalendarTime("2027-06-12T16:00:00.000Z")).toBe("2027-06-12T18:00:00");
    expect(toCalendarTime("2027-01-12T17:00:00.000Z")).toBe("2027-01-12T18:00:00");
  });

  it("reads a dropped calendar date back as the real instant", () => {
    expect(fromCalendarDate(new Date("2027-06-12T18:00:00Z"))).toBe("2027-06-12T16:00:00.000Z");
    expect(fromCalendarDate(new Date("2027-01-12T18:00:00Z"))).toBe("2027-01-12T17:00:00.000Z");
    // Round trip across midnight.
    const instant = "2027-06-12T23:30:00.000Z";
    expect(fromCalendarDate(new Date(`${toCalendarTime(instant)}Z`))).toBe(instant);
  });

  it("finds Mondays and adds days across months", () => {
    expect(mondayOf("2027-06-13")).toBe("2027-06-07");
    expect(mondayOf("2027-06-07")).toBe("2027-06-07");
    expect(addDays("2027-06-28", 5)).toBe("2027-07-03");
  });
});

describe("mission statuses", () => {
  it("offers only the steps the server accepts", () => {
    expect(nextStatuses("planned")).toEqual(["confirmed", "draft", "canceled"]);
    expect(nextStatuses("completed")).toEqual([]);
    expect(nextStatuses("canceled")).toEqual([]);
  });
});
