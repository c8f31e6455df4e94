// The public booking page's API (docs/booking.md), checked at the boundary by hand: zod would
// share a chunk with the office app and weigh on both first pages (docs/architecture.md).

export type BookingPage = {
  name: string;
  logo_url: string | null;
  brand_color: string | null;
  intro: string;
  event_types: string[];
  services: { id: number; name: string; description: string }[];
  form_token: string;
  min_date: string;
  time_zone: string;
};
export type Availability = { date: string; available: boolean; alternatives: string[] };
export type Receipt = { reference: string; available: boolean };

type Check<T> = (value: unknown) => value is T;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === "string";
const isStringOrNull = (v: unknown): v is string | null => v === null || isString(v);
const isInt = (v: unknown): v is number => Number.isInteger(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

export const isBookingPage: Check<BookingPage> = (v): v is BookingPage =>
  isObject(v) &&
  isString(v.name) &&
  isStringOrNull(v.logo_url) &&
  isStringOrNull(v.brand_color) &&
  isString(v.intro) &&
  isStrings(v.event_types) &&
  Array.isArray(v.services) &&
  v.services.every(
    (s) => isObject(s) && isInt(s.id) && isString(s.name) && isString(s.description),
  ) &&
  isString(v.form_token) &&
  isString(v.min_date) &&
  isString(v.time_zone);

const isAvailability: Check<Availability> = (v): v is Availability =>
  isObject(v) && isString(v.date) && typeof v.available === "boolean" && isStrings(v.alternatives);

const isReceipt: Check<Receipt> = (v): v is Receipt =>
  isObject(v) && isString(v.reference) && typeof v.available === "boolean";

export class PublicApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string>,
  ) {
    super(message);
  }
}

async function call<T>(check: Check<T>, path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, {
    ...init,
    headers: {
      Accept: "application/json",
      ...(init?.body ? { "Content-Type": "application/json" } : {}),
    },
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = isObject(body) && isObject(body.error) ? body.error : {};
    const fields: Record<string, string> = {};
    for (const f of Array.isArray(error.fields) ? error.fields : []) {
      if (isObject(f) && isString(f.field) && isString(f.message)) fields[f.field] ??= f.message;
    }
    throw new PublicApiError(
      res.status,
      isString(error.code) ? error.code : `HTTP_${res.status}`,
      isString(error.message) ? error.message : res.statusText,
      fields,
    );
  }
  if (!check(body)) throw new PublicApiError(res.status, "INVALID_RESPONSE", "", {});
  return body;
}

const base = (slug: string) => `/api/v1/public/booking/${encodeURIComponent(slug)}`;

export function getBookingPage(slug: string): Promise<BookingPage> {
  return call(isBookingPage, base(slug));
}

export function getAvailability(
  slug: string,
  date: string,
  start: string,
  end: string,
): Promise<Availability> {
  const query = new URLSearchParams({ date, start, end });
  return call(isAvailability, `${base(slug)}/availability?${query.toString()}`);
}

export function sendBookingRequest(slug: string, body: Record<string, unknown>): Promise<Receipt> {
  return call(isReceipt, `${base(slug)}/requests`, {
    method: "POST",
    body: JSON.stringify(body),
  });
}
