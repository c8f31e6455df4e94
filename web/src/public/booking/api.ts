import { call, isObject, PublicApiError } from "../api";

export { PublicApiError };

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
  reviews: { first_name: string; event_type: string; overall: number; comment: string }[];
  average_hundredths: number;
  review_count: number;
};
export type Availability = { date: string; available: boolean; alternatives: string[] };
export type Receipt = { reference: string; available: boolean };

type Check<T> = (value: unknown) => value is T;

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
  isString(v.time_zone) &&
  Array.isArray(v.reviews) &&
  v.reviews.every(
    (r) =>
      isObject(r) &&
      isString(r.first_name) &&
      isString(r.event_type) &&
      isInt(r.overall) &&
      isString(r.comment),
  ) &&
  isInt(v.average_hundredths) &&
  isInt(v.review_count);

const isAvailability: Check<Availability> = (v): v is Availability =>
  isObject(v) && isString(v.date) && typeof v.available === "boolean" && isStrings(v.alternatives);

const isReceipt: Check<Receipt> = (v): v is Receipt =>
  isObject(v) && isString(v.reference) && typeof v.available === "boolean";

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
