import { describe, expect, it } from "vitest";
import {
  compact,
  frenchVatKey,
  isValidBic,
  isValidIban,
  isValidSiren,
  isValidSiret,
  isValidVatNumber,
} from "./identifiers";

describe("identifiers", () => {
  it("compacts like the server", () => {
    expect(compact(" fr 40 303.265-045 ")).toBe("FR40303265045");
    expect(compact("732\u00a0829\u202f320")).toBe("732829320");
  });
  it("checks SIREN and SIRET with Luhn and the La Poste exception", () => {
    expect(isValidSiren("732829320")).toBe(true);
    expect(isValidSiren("732829321")).toBe(false);
    expect(isValidSiret("73282932000074")).toBe(true);
    expect(isValidSiret("73282932000075")).toBe(false);
    expect(isValidSiret("35600000000056")).toBe(true);
    expect(isValidSiret("35600000000055")).toBe(false);
  });
  it("checks the French VAT key", () => {
    expect(frenchVatKey("732829320")).toBe(44);
    expect(isValidVatNumber("FR44732829320")).toBe(true);
    expect(isValidVatNumber("FR45732829320")).toBe(false);
    expect(isValidVatNumber("BE0123456789")).toBe(true);
  });
  it("checks IBAN and BIC", () => {
    expect(isValidIban("FR7630006000011234567890189")).toBe(true);
    expect(isValidIban("FR7630006000011234567890188")).toBe(false);
    expect(isValidIban("DE89370400440532013000")).toBe(true);
    expect(isValidBic("BNPAFRPP")).toBe(true);
    expect(isValidBic("BNPAFRPPXXX")).toBe(true);
    expect(isValidBic("BNP1FRPP")).toBe(false);
  });
});
