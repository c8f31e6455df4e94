import type { Locale } from "@/lib/format";
import type { Translate } from "@/lib/i18n";

const intlLocale: Record<Locale, string> = { fr: "fr-FR", en: "en-GB" };

export type LineUnit = "hour" | "day" | "unit" | "km" | "flat";

/** 1500 milli-units in hours -> "1,5 h"; units and flat fees show the bare number, as the PDF. */
export function formatQuantity(
  quantityMilli: number,
  unit: LineUnit | null,
  locale: Locale,
  t: Translate,
): string {
  // Milli-units are exact integers: split them rather than divide, so 0.1 + 0.2 never shows up.
  const sign = quantityMilli < 0 ? "-" : "";
  const abs = Math.abs(quantityMilli);
  const whole = new Intl.NumberFormat(intlLocale[locale], { maximumFractionDigits: 0 }).format(
    Math.floor(abs / 1000),
  );
  const rest = String(abs % 1000)
    .padStart(3, "0")
    .replace(/0+$/, "");
  const separator = locale === "fr" ? "," : ".";
  const qty = `${sign}${whole}${rest ? separator + rest : ""}`;
  if (unit === "hour") return t("publicQuote.qtyHour", { qty });
  if (unit === "day") return t("publicQuote.qtyDay", { qty });
  if (unit === "km") return t("publicQuote.qtyKm", { qty });
  return qty;
}

/** Basis points -> "20 %", "5,5 %" (fr) / "5.5%" (en). */
export function formatRate(bp: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale[locale], {
    style: "percent",
    maximumFractionDigits: 2,
  }).format(bp / 10_000);
}

/**
 * What the document-level discount took off: the lines' sum minus the total excl. VAT
 * (0 when there is none). Same arithmetic as the PDF, so the page and the PDF agree.
 */
export function documentDiscountCents(
  lines: readonly { kind: string; net_cents: number }[],
  totalNetCents: number,
): { linesNetCents: number; discountCents: number } {
  const linesNetCents = lines.reduce((sum, l) => (l.kind === "text" ? sum : sum + l.net_cents), 0);
  return { linesNetCents, discountCents: linesNetCents - totalNetCents };
}

/** A calendar day "2026-11-24" -> "24/11/2026" (fr) without going through a time zone. */
export function formatDay(isoDay: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDay);
  if (!match) return isoDay;
  const [, y, m, d] = match;
  return new Intl.DateTimeFormat(intlLocale[locale], {
    timeZone: "UTC",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  }).format(new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))));
}
