import type { SiteAnalytics } from "../api/site-config";

/**
 * The visitor's choices about trackers (CNIL guidance, docs/analytics.md): one per purpose,
 * nothing ticked until chosen, kept with the date of the choice for six months at most, then
 * asked again. Stored in this browser only (localStorage): the record itself is not a tracker.
 */
export type Purpose = "audience" | "marketing";

export interface ConsentRecord {
  audience: boolean;
  marketing: boolean;
  decided_at: string; // ISO instant of the choice
}

const CONSENT_KEY = "planify.consent";
// An objection to exempt audience measurement (Plausible without cookies) has no end date.
const OBJECTION_KEY = "planify.audience-objection";

/** `iso` plus `months` calendar months, the day clamped to the month's last (31 Aug + 6 → 28 Feb). */
export function addMonths(iso: string, months: number): Date {
  const from = new Date(iso);
  const target = new Date(
    Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, 1, from.getUTCHours()),
  );
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(from.getUTCDate(), lastDay));
  target.setUTCHours(
    from.getUTCHours(),
    from.getUTCMinutes(),
    from.getUTCSeconds(),
    from.getUTCMilliseconds(),
  );
  return target;
}

export const CONSENT_MONTHS = 6;

/** When a choice made at `decidedAt` stops counting. */
export function consentExpiry(decidedAt: string): Date {
  return addMonths(decidedAt, CONSENT_MONTHS);
}

/** The stored choice, unless absent, unreadable, or older than six months at `now`. */
export function readConsent(now: Date, storage: Storage = localStorage): ConsentRecord | null {
  const raw = storage.getItem(CONSENT_KEY);
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== "object" || parsed === null) return null;
    const { audience, marketing, decided_at } = parsed as Record<string, unknown>;
    if (typeof audience !== "boolean" || typeof marketing !== "boolean") return null;
    if (typeof decided_at !== "string" || Number.isNaN(Date.parse(decided_at))) return null;
    if (Date.parse(decided_at) > now.getTime() + 60_000) return null; // from the future: ask
    if (consentExpiry(decided_at).getTime() <= now.getTime()) return null;
    return { audience, marketing, decided_at };
  } catch {
    return null;
  }
}

export function saveConsent(
  choice: { audience: boolean; marketing: boolean },
  now: Date,
  storage: Storage = localStorage,
): ConsentRecord {
  const record = { ...choice, decided_at: now.toISOString() };
  storage.setItem(CONSENT_KEY, JSON.stringify(record));
  return record;
}

export function readObjection(storage: Storage = localStorage): boolean {
  return storage.getItem(OBJECTION_KEY) === "1";
}

export function saveObjection(objects: boolean, storage: Storage = localStorage) {
  if (objects) storage.setItem(OBJECTION_KEY, "1");
  else storage.removeItem(OBJECTION_KEY);
}

/** The purposes the instance's trackers need consent for (exempt Plausible needs none). */
export function purposesNeeded(analytics: SiteAnalytics): Purpose[] {
  const purposes: Purpose[] = [];
  if (
    analytics.posthog ||
    analytics.datafast ||
    (analytics.plausible && !analytics.plausible.exempt)
  )
    purposes.push("audience");
  if (analytics.meta_pixel) purposes.push("marketing");
  return purposes;
}

export type TrackerName = "posthog" | "plausible" | "datafast" | "meta_pixel";

/** The trackers that may run given the choices: nothing without consent, except exempt Plausible. */
export function allowedTrackers(
  analytics: SiteAnalytics,
  consent: ConsentRecord | null,
  objection: boolean,
): TrackerName[] {
  const allowed: TrackerName[] = [];
  const audience = consent?.audience === true;
  if (analytics.posthog && audience) allowed.push("posthog");
  if (analytics.plausible) {
    const ok = analytics.plausible.exempt ? !objection : audience;
    if (ok) allowed.push("plausible");
  }
  if (analytics.datafast && audience) allowed.push("datafast");
  if (analytics.meta_pixel && consent?.marketing === true) allowed.push("meta_pixel");
  return allowed;
}
