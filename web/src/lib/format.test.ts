import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatTime, formatMoney, parseEurosToCents } from "./format";

// fr-FR groups thousands with a narrow no-break space (U+202F) and puts € after a no-break space.
const nnbsp = "\u202f";
const nbsp = "\u00a0";

describe("formatMoney", () => {
  it("formats cents the French way", () => {
    expect(formatMoney(123456)).toBe(`1${nnbsp}234,56${nbsp}€`);
    expect(formatMoney(5)).toBe(`0,05${nbsp}€`);
    expect(formatMoney(-99900)).toBe(`-999,00${nbsp}€`);
  });
  it("formats in English on request", () => {
    expect(formatMoney(123456, "en")).toBe("€1,234.56");
  });
  it("refuses non-integer amounts", () => {
    expect(() => formatMoney(12.5)).toThrow(RangeError);
  });
});

describe("dates in Europe/Paris", () => {
  it("shows the Paris day, not the UTC day", () => {
    // 23:30 UTC on 24 November is already 25 November in Paris (UTC+1 in winter).
    expect(formatDate("2026-11-24T23:30:00.000Z")).toBe("25/11/2026");
    expect(formatDateTime("2026-07-14T20:00:00.000Z")).toBe("14/07/2026 22:00");
    // Winter and summer: the clock in Paris, whatever the machine's zone.
    expect(formatTime("2026-11-25T17:00:00.000Z")).toBe("18:00");
    expect(formatTime("2026-07-14T20:00:00.000Z", "en")).toBe("22:00");
  });
});

describe("parseEurosToCents", () => {
  it.each([
    ["1 234,56", 123456],
    ["1234.5", 123450],
    ["12 €", 1200],
    [`1${nnbsp}000,00${nbsp}€`, 100000],
    ["0,07", 7],
    ["-3,5", -350],
  ])("reads %s as %i cents", (text, cents) => {
    expect(parseEurosToCents(text)).toBe(cents);
  });
  it.each(["", "abc", "1,234,56", "12,345", "1.2.3", "--1"])("rejects %s", (text) => {
    expect(parseEurosToCents(text)).toBeNull();
  });
  it("is exact where floating point is not", () => {
    expect(parseEurosToCents("0,29")).toBe(29);
    expect(parseEurosToCents("1,15")).toBe(115);
  });
});
