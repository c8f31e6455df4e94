import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";
import { presetPeriod } from "./periods";

describe("presetPeriod", () => {
  it("names each period from the organisation's today", () => {
    const today = "2027-01-29";
    expect(presetPeriod("this_month", today)).toEqual({ from: "2027-01-01", to: today });
    expect(presetPeriod("last_month", today)).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    expect(presetPeriod("this_quarter", today)).toEqual({ from: "2027-01-01", to: today });
    expect(presetPeriod("this_year", today)).toEqual({ from: "2027-01-01", to: today });
    expect(presetPeriod("last_year", today)).toEqual({ from: "2026-01-01", to: "2026-12-31" });
    expect(presetPeriod("last_12_months", today)).toEqual({ from: "2026-02-01", to: today });
  });

  it("knows February's length and the quarters", () => {
    expect(presetPeriod("last_month", "2028-03-10")).toEqual({
      from: "2028-02-01",
      to: "2028-02-29",
    });
    expect(presetPeriod("this_quarter", "2027-08-15").from).toBe("2027-07-01");
  });
});

describe("toCsv", () => {
  it("writes French Excel's CSV and neutralises formulas", () => {
    const csv = toCsv(
      ["Client", "CA HT (€)", "Factures"],
      [
        ['=HYPERLINK("http://x")', { cents: 123456 }, 3],
        ["Durand; fils", { cents: -5 }, 1],
      ],
    );
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe("Client;CA HT (€);Factures");
    expect(lines[1]).toBe('"\'=HYPERLINK(""http://x"")";1234,56;3');
    expect(lines[2]).toBe('"Durand; fils";-0,05;1');
  });
});
