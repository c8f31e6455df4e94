import { describe, expect, it } from "vitest";
import { en } from "./en";
import { fr } from "./fr";
import { translate } from "./index";

describe("i18n", () => {
  it("has every French key in English, with the same placeholders", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(en[key]), key).toEqual(placeholders(fr[key]));
    }
  });

  it("fills placeholders", () => {
    expect(translate("fr", "setup.done", { name: "Sono Pro" })).toBe(
      "Organisation « Sono Pro » créée.",
    );
    expect(translate("en", "setup.done", { name: "Sono Pro" })).toBe(
      "Organisation “Sono Pro” created.",
    );
  });
});
