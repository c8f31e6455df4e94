import { describe, expect, it } from "vitest";
import type { SiteAnalytics } from "../api/site-config";
import {
  addMonths,
  allowedTrackers,
  consentExpiry,
  purposesNeeded,
  readConsent,
  saveConsent,
} from "./consent";

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (index) => [...data.keys()][index] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => void data.set(key, value),
  };
}

const none: SiteAnalytics = { posthog: null, plausible: null, datafast: null, meta_pixel: null };
const everything: SiteAnalytics = {
  posthog: { key: "phc_x", api_host: "https://eu.i.posthog.com", script_url: "https://a/s.js" },
  plausible: {
    domain: "d",
    api_host: "https://plausible.io",
    script_url: "https://plausible.io/js/script.js",
    exempt: false,
  },
  datafast: { website_id: "id", domain: "d", script_url: "https://datafa.st/js/script.js" },
  meta_pixel: { pixel_id: "1", script_url: "https://connect.facebook.net/en_US/fbevents.js" },
};

describe("consent", () => {
  it("lasts six calendar months at most, the day clamped to the month's end", () => {
    expect(addMonths("2027-01-29T09:00:00.000Z", 6).toISOString()).toBe("2027-07-29T09:00:00.000Z");
    expect(addMonths("2026-08-31T22:30:00.000Z", 6).toISOString()).toBe("2027-02-28T22:30:00.000Z");
    expect(addMonths("2027-10-31T00:00:00.000Z", 6).toISOString()).toBe("2028-04-30T00:00:00.000Z");
    expect(consentExpiry("2028-08-31T12:00:00.000Z").toISOString()).toBe(
      "2029-02-28T12:00:00.000Z",
    );
  });

  it("is read back with its date until it expires, then asked again", () => {
    const storage = memoryStorage();
    const decided = new Date("2027-01-29T09:00:00.000Z");
    saveConsent({ audience: true, marketing: false }, decided, storage);
    expect(readConsent(new Date("2027-07-29T08:59:59.000Z"), storage)).toEqual({
      audience: true,
      marketing: false,
      decided_at: "2027-01-29T09:00:00.000Z",
    });
    expect(readConsent(new Date("2027-07-29T09:00:00.000Z"), storage)).toBeNull();
    // A record dated in the future (a clock put back) or unreadable asks again.
    expect(readConsent(new Date("2026-12-01T00:00:00.000Z"), storage)).toBeNull();
    storage.setItem("planify.consent", "{not json");
    expect(readConsent(decided, storage)).toBeNull();
    storage.setItem("planify.consent", JSON.stringify({ audience: "yes", marketing: false }));
    expect(readConsent(decided, storage)).toBeNull();
  });

  it("asks per purpose, only for what is configured", () => {
    expect(purposesNeeded(none)).toEqual([]);
    expect(purposesNeeded(everything)).toEqual(["audience", "marketing"]);
    expect(
      purposesNeeded({ ...none, plausible: { ...everything.plausible!, exempt: true } }),
    ).toEqual([]);
    expect(purposesNeeded({ ...none, meta_pixel: everything.meta_pixel })).toEqual(["marketing"]);
  });

  it("loads nothing without consent, each purpose's tools with it, exempt Plausible unless objected", () => {
    expect(allowedTrackers(everything, null, false)).toEqual([]);
    const at = "2027-01-29T09:00:00.000Z";
    expect(
      allowedTrackers(everything, { audience: false, marketing: false, decided_at: at }, false),
    ).toEqual([]);
    expect(
      allowedTrackers(everything, { audience: true, marketing: false, decided_at: at }, false),
    ).toEqual(["posthog", "plausible", "datafast"]);
    expect(
      allowedTrackers(everything, { audience: false, marketing: true, decided_at: at }, false),
    ).toEqual(["meta_pixel"]);
    const exempt = { ...none, plausible: { ...everything.plausible!, exempt: true } };
    expect(allowedTrackers(exempt, null, false)).toEqual(["plausible"]);
    expect(allowedTrackers(exempt, null, true)).toEqual([]);
  });
});
