import { describe, expect, it } from "vitest";
import { applyTerms, termForms } from "@/lib/terminology";
import { fr } from "./fr";
import { frPages } from "./fr-pages";
import { translate, type MessageKey } from "./index";

// Before (or without) lib/terminology.ts, the default French word reads as the tokens are
// written: the first page does not load the forms. Every French string must read the same
// either way.
describe("the default word without the forms", () => {
  it("reads every French string as the forms would", () => {
    const forms = termForms("missions", "fr");
    const all = { ...fr, ...frPages } as Record<string, string>;
    let tokens = 0;
    for (const [key, text] of Object.entries(all)) {
      if (!text.includes("[[")) continue;
      tokens += 1;
      expect(translate("fr", key as MessageKey), key).toBe(applyTerms(text, forms));
    }
    expect(tokens).toBeGreaterThan(50);
  });
});
