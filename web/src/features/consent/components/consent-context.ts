import { createContext, useContext } from "react";
import type { SiteAnalytics } from "../api/site-config";
import type { ConsentRecord, Purpose } from "../lib/consent";

export interface Choice {
  audience: boolean;
  marketing: boolean;
  objection: boolean; // to exempt audience measurement
}

export interface ConsentValue {
  analytics: SiteAnalytics | null; // null until the site's configuration has arrived
  purposes: Purpose[];
  consent: ConsentRecord | null;
  objection: boolean;
  /** Whether the footer offers "Cookies": some tracker is configured. */
  configurable: boolean;
  openPreferences: () => void;
  decide: (choice: Choice) => void;
}

// Outside ConsentRoot (a component rendered alone in a unit test): nothing configured.
const NOTHING: ConsentValue = {
  analytics: null,
  purposes: [],
  consent: null,
  objection: false,
  configurable: false,
  openPreferences: () => undefined,
  decide: () => undefined,
};

export const ConsentContext = createContext<ConsentValue>(NOTHING);

export function useConsent(): ConsentValue {
  return useContext(ConsentContext);
}
