// Money and dates for display: fr-FR by default, always in Europe/Paris.
// Money travels as integer cents; it is never a float until Intl formats it.

export const APP_TIME_ZONE = "Europe/Paris";

export type Locale = "fr" | "en";

const intlLocale: Record<Locale, string> = { fr: "fr-FR", en: "en-GB" };

/** 123456 -> "1 234,56 €" (fr) — cents in, text out. */
export function formatMoney(cents: number, locale: Locale = "fr", currency = "EUR"): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`amount must be integer cents: ${cents}`);
  return new Intl.NumberFormat(intlLocale[locale], { style: "currency", currency }).format(
    cents / 100,
  );
}

/** ISO instant -> "24/11/2026" in Paris (the day a French user means). */
export function formatDate(iso: string | Date, locale: Locale = "fr"): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  return new Intl.DateTimeFormat(intlLocale[locale], {
    timeZone: APP_TIME_ZONE,
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  }).format(date);
}

/** ISO instant -> "24/11/2026 18:30" in Paris. */
export function formatDateTime(iso: string | Date, locale: Locale = "fr"): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  return new Intl.DateTimeFormat(intlLocale[locale], {
    timeZone: APP_TIME_ZONE,
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}

/** "18:00": the wall-clock time in Paris. */
export function formatTime(iso: string | Date, locale: Locale = "fr"): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  return new Intl.DateTimeFormat(intlLocale[locale], {
    timeZone: APP_TIME_ZONE,
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}

/**
 * Parses an amount typed in euros ("1 234,56", "1234.5", "12 €") into cents, or null when it
 * is not a valid amount. Exact: no floating point is involved.
 */
export function parseEurosToCents(text: string): number | null {
  const cleaned = text
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace(/€$/, "")
    .replace(/^€/, "");
  const match = /^(-)?(\d{1,13})(?:[.,](\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const [, sign, whole = "0", fraction = ""] = match;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return sign ? -cents : cents;
}

/** 1536 → "1,5 Ko" (fr) / "1.5 KB" (en). */
export function formatSize(bytes: number, locale: Locale = "fr"): string {
  const units = locale === "fr" ? ["o", "Ko", "Mo", "Go"] : ["B", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const text = new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB", {
    maximumFractionDigits: digits,
  }).format(value);
  return `${text}\u00a0${units[unit]}`;
}
