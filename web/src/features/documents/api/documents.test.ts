import { describe, expect, it } from "vitest";
import { formatPercentInput, parsePercent } from "./choices";
import { formatQuantity, formatRate, parseQuantity } from "./documents";

describe("document numbers typed and shown without floating point", () => {
  it("reads quantities in thousandths", () => {
    expect(parseQuantity("6")).toBe(6000);
    expect(parseQuantity("1,5")).toBe(1500);
    expect(parseQuantity("0.125")).toBe(125);
    expect(parseQuantity("1,2345")).toBeNull();
    expect(parseQuantity("-1")).toBeNull();
    expect(parseQuantity("")).toBeNull();
  });

  it("shows quantities with their unit", () => {
    expect(formatQuantity(6000, "hour")).toBe("6 h");
    expect(formatQuantity(1500, "day")).toBe("1,5 j");
    expect(formatQuantity(125, null, "en")).toBe("0.125");
    expect(formatQuantity(1000, "flat")).toBe("1");
  });

  it("reads and shows percentages in basis points", () => {
    expect(parsePercent("10")).toBe(1000);
    expect(parsePercent("5,5")).toBe(550);
    expect(parsePercent("2.25 %")).toBe(225);
    expect(parsePercent("101")).toBeNull();
    expect(parsePercent("abc")).toBeNull();
    expect(formatPercentInput(550, "fr")).toBe("5,5");
    expect(formatPercentInput(1000, "en")).toBe("10");
    expect(formatRate(2000)).toBe("20 %");
    expect(formatRate(550)).toBe("5,5 %");
    expect(formatRate(210, "en")).toBe("2.1 %");
  });
});
