import { isObject } from "../api";
import type { Locale } from "../i18n";

// What GET /api/v1/public/client-space/<token> answers (docs/booking.md "Client space"), checked
// by hand: the public bundle carries no schema library.

export type SpaceQuote = {
  id: number;
  number: string;
  title: string;
  status: string;
  gross_cents: number;
  valid_until: string | null;
  can_open: boolean;
};
export type SpaceInvoice = {
  id: number;
  number: string;
  title: string;
  status: string;
  gross_cents: number;
  remaining_cents: number;
  due_date: string | null;
};
export type SpaceEvent = {
  title: string;
  date: string;
  starts_at: string | null;
  ends_at: string | null;
  venue: string | null;
  lead_name: string | null;
  lead_email: string | null;
};
export type SpaceMessage = { id: number; body: string; created_at: string };
export type SpacePage = {
  organization_name: string;
  logo_url: string | null;
  brand_color: string | null;
  organization_email: string | null;
  organization_phone: string | null;
  client_name: string;
  expires_at: string;
  time_zone: string;
  quotes: SpaceQuote[];
  invoices: SpaceInvoice[];
  events: SpaceEvent[];
  messages: SpaceMessage[];
};

const str = (v: unknown) => typeof v === "string";
const strOrNull = (v: unknown) => v === null || typeof v === "string";
const int = (v: unknown) => Number.isInteger(v);

const isQuote = (v: unknown) =>
  isObject(v) &&
  int(v.id) &&
  str(v.number) &&
  str(v.title) &&
  str(v.status) &&
  int(v.gross_cents) &&
  strOrNull(v.valid_until) &&
  typeof v.can_open === "boolean";
const isInvoice = (v: unknown) =>
  isObject(v) &&
  int(v.id) &&
  str(v.number) &&
  str(v.title) &&
  str(v.status) &&
  int(v.gross_cents) &&
  int(v.remaining_cents) &&
  strOrNull(v.due_date);
const isEvent = (v: unknown) =>
  isObject(v) &&
  str(v.title) &&
  str(v.date) &&
  strOrNull(v.starts_at) &&
  strOrNull(v.ends_at) &&
  strOrNull(v.venue) &&
  strOrNull(v.lead_name) &&
  strOrNull(v.lead_email);
const isMessage = (v: unknown) => isObject(v) && int(v.id) && str(v.body) && str(v.created_at);
const every = (v: unknown, check: (item: unknown) => boolean) => Array.isArray(v) && v.every(check);

export const isSpacePage = (v: unknown): v is SpacePage =>
  isObject(v) &&
  str(v.organization_name) &&
  strOrNull(v.logo_url) &&
  strOrNull(v.brand_color) &&
  strOrNull(v.organization_email) &&
  strOrNull(v.organization_phone) &&
  str(v.client_name) &&
  str(v.expires_at) &&
  str(v.time_zone) &&
  every(v.quotes, isQuote) &&
  every(v.invoices, isInvoice) &&
  every(v.events, isEvent) &&
  every(v.messages, isMessage);

/** Integer cents as euros ("1 800,00 €" / "€1,800.00"), without floating-point arithmetic. */
export function formatCents(cents: number, locale: Locale): string {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const euros = Math.trunc(abs / 100);
  const rest = String(abs % 100).padStart(2, "0");
  const tag = locale === "en" ? "en-GB" : "fr-FR";
  const whole = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }).format(euros);
  const sign = negative ? "-" : "";
  return locale === "en" ? `${sign}€${whole}.${rest}` : `${sign}${whole},${rest}\u00a0€`;
}
