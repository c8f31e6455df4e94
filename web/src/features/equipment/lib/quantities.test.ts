import { describe, expect, it } from "vitest";
import { centsToInput, gramsToKg, kgToGrams } from "./quantities";

describe("weights and amounts as typed", () => {
  it("reads kilograms exactly, up to 10 t and three decimals", () => {
    expect(kgToGrams("15,5")).toBe(15500);
    expect(kgToGrams("0.125")).toBe(125);
    expect(kgToGrams(" 21 ")).toBe(21000);
    expect(kgToGrams("10000")).toBe(10_000_000);
    expect(kgToGrams("10001")).toBeNull();
    expect(kgToGrams("1,2345")).toBeNull();
    expect(kgToGrams("-1")).toBeNull();
  });

  it("writes grams back as kilograms and cents as euros, without floating point", () => {
    expect(gramsToKg(15500)).toBe("15,5");
    expect(gramsToKg(21000)).toBe("21");
    expect(gramsToKg(125)).toBe("0,125");
    expect(centsToInput(89900)).toBe("899,00");
    expect(centsToInput(5)).toBe("0,05");
  });
});
