import { describe, expect, it } from "vitest";
import { en } from "./en";
import { fr as core } from "./fr";
import { frPages } from "./fr-pages";
import { translate } from "./index";

const fr = { ...core, ...frPages };

describe("i18n", () => {
  it("has every French key in English, with the same placeholders", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(en[key]), key).toEqual(placeholders(fr[key]));
    }
  });

  it("keeps the first screen's catalogue apart from the pages' one, without a key in both", () => {
    for (const key of Object.keys(core)) expect(frPages, key).not.toHaveProperty(key);
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
