import type { Translate } from "../i18n";

// What the visitor typed, as text, and what the server is sent. The checks here give quick,
// translated feedback; the server checks everything again (docs/booking.md).

export type FormValues = {
  event_type: string;
  date: string;
  start_time: string;
  end_time: string;
  place: string;
  guests: string;
  services: number[];
  budget: string;
  message: string;
  name: string;
  email: string;
  phone: string;
  consent: boolean;
  website: string; // the honeypot: people never see it
};

export const MESSAGE_MAX = 2000;

export function emptyValues(): FormValues {
  return {
    event_type: "",
    date: "",
    start_time: "",
    end_time: "",
    place: "",
    guests: "",
    services: [],
    budget: "",
    message: "",
    name: "",
    email: "",
    phone: "",
    consent: false,
    website: "",
  };
}

/** "1500", "1 500,50", "1500.5" → cents; null when empty; "invalid" otherwise. No floats. */
export function parseEurosToCents(text: string): number | null | "invalid" {
  const compact = text.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  if (compact === "") return null;
  const match = /^(\d{1,8})(?:\.(\d{1,2}))?$/.exec(compact);
  if (!match) return "invalid";
  const euros = Number(match[1]);
  const cents = Number((match[2] ?? "").padEnd(2, "0"));
  return euros * 100 + cents;
}

/** The calendar day after "YYYY-MM-DD" (calendar arithmetic, no time zone involved). */
export function nextDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  const next = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + 1));
  return next.toISOString().slice(0, 10);
}

/** An end time at or before the start time means the event runs past midnight. */
export function endsNextDay(start: string, end: string): boolean {
  return start !== "" && end !== "" && end <= start;
}

export function isPlausibleEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim());
}

/** Digits, one leading +, the usual separators, and 8 to 15 digits in all. */
export function isPhoneText(phone: string): boolean {
  const trimmed = phone.trim();
  if (!/^\+?[\d\s.\-()/]+$/.test(trimmed)) return false;
  const digits = trimmed.replace(/\D/g, "").length;
  return digits >= 8 && digits <= 15;
}

export type FieldErrors = Partial<Record<string, string>>;

export function validate(values: FormValues, t: Translate): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of ["event_type", "date", "start_time", "end_time", "place", "name"] as const) {
    if (values[field].trim() === "") errors[field] = t("required");
  }
  if (values.email.trim() === "") errors.email = t("required");
  else if (!isPlausibleEmail(values.email)) errors.email = t("invalidEmail");
  if (values.phone.trim() === "") errors.phone = t("required");
  else if (!isPhoneText(values.phone)) errors.phone = t("invalidPhone");
  if (values.guests.trim() !== "") {
    const guests = Number(values.guests);
    if (!Number.isInteger(guests) || guests < 1 || guests > 100000) {
      errors.guests = t("invalidGuests");
    }
  }
  if (parseEurosToCents(values.budget) === "invalid") errors.budget_cents = t("invalidBudget");
  if ([...values.message].length > MESSAGE_MAX) {
    errors.message = t("tooLong", { max: MESSAGE_MAX });
  }
  if (!values.consent) errors.consent = t("consentRequired");
  return errors;
}

/** The body of POST /api/v1/public/booking/:slug/requests. */
export function requestBody(values: FormValues, token: string, locale: string) {
  const budget = parseEurosToCents(values.budget);
  return {
    event_type: values.event_type.trim(),
    date: values.date,
    start_time: values.start_time,
    end_date: endsNextDay(values.start_time, values.end_time) ? nextDay(values.date) : values.date,
    end_time: values.end_time,
    place: values.place.trim(),
    guests: values.guests.trim() === "" ? null : Number(values.guests),
    services: values.services,
    budget_cents: typeof budget === "number" ? budget : null,
    message: values.message,
    name: values.name.trim(),
    email: values.email.trim(),
    phone: values.phone.trim(),
    consent: values.consent,
    locale,
    form_token: token,
    website: values.website,
  };
}
