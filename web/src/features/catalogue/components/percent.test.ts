import { describe, expect, it } from "vitest";
import { bpToPercent, percentToBp } from "./catalogue-page";

describe("percentages", () => {
  it("reads French and English decimals into basis points, exactly", () => {
    expect(percentToBp("20")).toBe(2000);
    expect(percentToBp("5,5")).toBe(550);
    expect(percentToBp("2.1")).toBe(210);
    expect(percentToBp("12,25")).toBe(1225);
    expect(percentToBp("0")).toBe(0);
    expect(percentToBp("abc")).toBeNull();
    expect(percentToBp("1,234")).toBeNull();
  });

  it("writes basis points back the French way", () => {
    expect(bpToPercent(550)).toBe("5,5");
    expect(bpToPercent(2000)).toBe("20");
  });
});
