import { append, h, replace } from "../dom";
import type { Locale, Translate } from "../i18n";
import { askLinkForm } from "../space/ask-link";
import {
  type BookingPage,
  getAvailability,
  getBookingPage,
  PublicApiError,
  sendBookingRequest,
} from "./api";
import {
  emptyValues,
  endsNextDay,
  type FieldErrors,
  type FormValues,
  MESSAGE_MAX,
  requestBody,
  validate,
} from "./form-values";

type Context = {
  root: HTMLElement;
  slug: string;
  locale: Locale;
  t: Translate;
  embedded: boolean;
  onLocale: (locale: Locale) => void;
};

/** The public booking page of one organisation: loads, then renders its form. */
export async function renderBookingPage(ctx: Context): Promise<void> {
  const { root, t } = ctx;
  replace(root, h("p", { class: "pub-muted", role: "status" }, t("loading")));
  let page: BookingPage;
  try {
    page = await getBookingPage(ctx.slug);
  } catch (error) {
    const missing = error instanceof PublicApiError && error.status === 404;
    replace(
      root,
      h(
        "div",
        { class: "pub-card", role: "alert" },
        h("p", {}, t(missing ? "notFound" : "loadError")),
        missing
          ? null
          : h(
              "button",
              { type: "button", class: "pub-button", onclick: () => void renderBookingPage(ctx) },
              t("retry"),
            ),
      ),
    );
    return;
  }
  if (page.brand_color && /^#[0-9a-fA-F]{6}$/.test(page.brand_color)) {
    document.documentElement.style.setProperty("--brand", page.brand_color);
  }
  document.title = page.name;
  renderForm(ctx, page, emptyValues());
}

// The server refuses a form sent less than 3 s after it was served (a bot's speed); a person
// who is that quick waits the rest of it behind "Envoi…" instead of seeing an error.
const MIN_FILL_MS = 3500;

function renderForm(ctx: Context, page: BookingPage, values: FormValues): void {
  const { root, t } = ctx;
  const servedAt = performance.now();
  const errors: Record<string, HTMLElement> = {};
  const inputs: Record<string, HTMLElement> = {};

  // A labelled control with its error slot, wired to `values`.
  const field = (
    name: keyof FormValues | "budget_cents",
    label: string,
    control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
    hint?: string,
  ) => {
    const id = `f-${name}`;
    control.id = id;
    control.setAttribute("aria-describedby", `${id}-error${hint ? ` ${id}-hint` : ""}`);
    inputs[name] = control;
    errors[name] = h("p", { class: "pub-error", id: `${id}-error` });
    return h(
      "div",
      { class: "pub-field" },
      h("label", { for: id }, label),
      control,
      hint ? h("p", { class: "pub-hint", id: `${id}-hint` }, hint) : null,
      errors[name],
    );
  };
  const text = (
    name: keyof FormValues,
    type: string,
    props: Record<string, string | boolean> = {},
  ) => {
    const input = h("input", { type, name, value: String(values[name]), ...props });
    input.addEventListener("input", () => {
      (values as Record<string, unknown>)[name] = input.value;
    });
    return input;
  };

  const eventType =
    page.event_types.length > 0
      ? h(
          "select",
          { name: "event_type", required: true },
          h("option", { value: "" }, t("chooseType")),
          ...page.event_types.map((type) =>
            h("option", { value: type, selected: values.event_type === type }, type),
          ),
        )
      : text("event_type", "text", { required: true, maxlength: "80" });
  eventType.addEventListener("change", () => {
    values.event_type = (eventType as HTMLSelectElement | HTMLInputElement).value;
  });

  const date = text("date", "date", { required: true, min: page.min_date });
  const start = text("start_time", "time", { required: true, step: "900" });
  const end = text("end_time", "time", { required: true, step: "900" });
  const nextDayNote = h("p", { class: "pub-hint", hidden: true }, t("endsNextDay"));
  const availability = h("div", { class: "pub-availability", "aria-live": "polite" });

  let checking = 0;
  const checkAvailability = async () => {
    nextDayNote.hidden = !endsNextDay(values.start_time, values.end_time);
    if (!values.date || values.date < page.min_date) {
      replace(availability);
      return;
    }
    const ticket = ++checking;
    replace(availability, h("p", { class: "pub-muted" }, t("checking")));
    try {
      const answer = await getAvailability(
        ctx.slug,
        values.date,
        values.start_time,
        values.end_time,
      );
      if (ticket !== checking) return;
      if (answer.available) {
        replace(
          availability,
          h("p", { class: "pub-free", "data-testid": "availability" }, "✓ ", t("free")),
        );
        return;
      }
      replace(
        availability,
        h("p", { class: "pub-busy", "data-testid": "availability" }, t("busy")),
        answer.alternatives.length > 0
          ? h(
              "div",
              { class: "pub-alternatives" },
              h("span", {}, t("alternatives")),
              ...answer.alternatives.map((day) =>
                h(
                  "button",
                  {
                    type: "button",
                    class: "pub-chip",
                    onclick: () => {
                      values.date = day;
                      date.value = day;
                      void checkAvailability();
                    },
                  },
                  formatDay(day, ctx.locale),
                ),
              ),
            )
          : h("p", { class: "pub-muted" }, t("noAlternative")),
      );
    } catch {
      if (ticket === checking) replace(availability);
    }
  };
  for (const input of [date, start, end])
    input.addEventListener("change", () => void checkAvailability());

  const services = page.services.map((service) => {
    const box = h("input", {
      type: "checkbox",
      name: "services",
      value: String(service.id),
      checked: values.services.includes(service.id),
    });
    box.addEventListener("change", () => {
      values.services = box.checked
        ? [...values.services, service.id]
        : values.services.filter((id) => id !== service.id);
    });
    return h(
      "label",
      { class: "pub-check" },
      box,
      h(
        "span",
        {},
        h("strong", {}, service.name),
        service.description ? h("small", {}, service.description) : null,
      ),
    );
  });

  const message = h(
    "textarea",
    { name: "message", rows: "5", maxlength: String(MESSAGE_MAX) },
    values.message,
  );
  const counter = h("p", { class: "pub-hint" }, `0 / ${MESSAGE_MAX} ${t("characters")}`);
  message.addEventListener("input", () => {
    values.message = message.value;
    counter.textContent = `${[...message.value].length} / ${MESSAGE_MAX} ${t("characters")}`;
  });

  const consent = h("input", {
    type: "checkbox",
    name: "consent",
    id: "f-consent",
    checked: values.consent,
  });
  consent.addEventListener("change", () => {
    values.consent = consent.checked;
  });
  errors.consent = h("p", { class: "pub-error", id: "f-consent-error" });
  consent.setAttribute("aria-describedby", "f-consent-error");
  inputs.consent = consent;

  // The honeypot: off-screen, out of the tab order, ignored by assistive technology.
  const honeypot = h("input", {
    type: "text",
    name: "website",
    tabindex: "-1",
    autocomplete: "off",
  });
  honeypot.addEventListener("input", () => {
    values.website = honeypot.value;
  });

  const summary = h("p", { class: "pub-alert", role: "alert", hidden: true });
  const submit = h("button", { type: "submit", class: "pub-button" }, t("send"));

  const form = h(
    "form",
    { class: "pub-form", novalidate: true },
    h(
      "fieldset",
      {},
      h("legend", {}, t("eventSection")),
      field("event_type", t("eventType"), eventType),
      h(
        "div",
        { class: "pub-row" },
        field("date", t("date"), date),
        field("start_time", t("startTime"), start),
        field("end_time", t("endTime"), end),
      ),
      nextDayNote,
      availability,
      field(
        "place",
        t("place"),
        text("place", "text", { required: true, maxlength: "300", autocomplete: "street-address" }),
        t("placeHint"),
      ),
      h(
        "div",
        { class: "pub-row" },
        field(
          "guests",
          t("guests"),
          text("guests", "number", { min: "1", max: "100000", inputmode: "numeric" }),
        ),
        field("budget_cents", t("budget"), text("budget", "text", { inputmode: "decimal" })),
      ),
    ),
    services.length > 0
      ? h("fieldset", {}, h("legend", {}, t("servicesSection")), ...services)
      : null,
    h(
      "fieldset",
      {},
      h("legend", {}, t("contactSection")),
      field("message", t("message"), message),
      counter,
      field(
        "name",
        t("name"),
        text("name", "text", { required: true, maxlength: "120", autocomplete: "name" }),
      ),
      field("email", t("email"), text("email", "email", { required: true, autocomplete: "email" })),
      field(
        "phone",
        t("phone"),
        text("phone", "tel", { required: true, autocomplete: "tel" }),
        t("phoneHint"),
      ),
      h(
        "div",
        { class: "pub-consent" },
        h("label", { class: "pub-check" }, consent, h("span", {}, t("consent"))),
        errors.consent,
      ),
      h(
        "div",
        { class: "pub-honeypot", "aria-hidden": "true" },
        h("label", {}, "Website", honeypot),
      ),
    ),
    summary,
    submit,
  );

  const showErrors = (found: FieldErrors) => {
    let first: HTMLElement | undefined;
    for (const [name, slot] of Object.entries(errors)) {
      const message = found[name] ?? "";
      slot.textContent = message;
      inputs[name]?.setAttribute("aria-invalid", message ? "true" : "false");
      if (message && !first) first = inputs[name];
    }
    const any = Object.values(found).some(Boolean);
    summary.hidden = !any;
    summary.textContent = any ? t("fixFields") : "";
    first?.focus();
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const found = validate(values, ctx.t);
    showErrors(found);
    if (Object.keys(found).length > 0) return;
    submit.disabled = true;
    submit.textContent = t("sending");
    const wait = Math.max(0, servedAt + MIN_FILL_MS - performance.now());
    new Promise((resolve) => setTimeout(resolve, wait))
      .then(() => sendBookingRequest(ctx.slug, requestBody(values, page.form_token, ctx.locale)))
      .then((receipt) => renderSent(ctx, page, receipt.reference))
      .catch((error: unknown) => {
        submit.disabled = false;
        submit.textContent = t("send");
        if (error instanceof PublicApiError && error.status === 422) {
          const fields = { ...error.fields };
          if (fields.form_token) {
            summary.hidden = false;
            summary.textContent = t("expired");
            return;
          }
          // The server's own words are French; an English visitor gets the generic hint.
          if (ctx.locale === "en")
            for (const key of Object.keys(fields)) fields[key] = t("fixFields");
          if (fields.end_date) fields.end_time = fields.end_date;
          showErrors(fields);
          return;
        }
        summary.hidden = false;
        summary.textContent =
          error instanceof PublicApiError && error.status === 429
            ? t("tooMany")
            : t("networkError");
      });
  });

  replace(
    root,
    header(ctx, page),
    form,
    ctx.embedded ? null : askLinkForm(ctx.slug, ctx.t),
    footer(ctx),
  );
  if (values.date) void checkAvailability();
}

function renderSent(ctx: Context, page: BookingPage, reference: string): void {
  const { root, t } = ctx;
  const again = h(
    "button",
    {
      type: "button",
      class: "pub-button pub-secondary",
      onclick: () => void renderBookingPage(ctx),
    },
    t("another"),
  );
  replace(
    root,
    header(ctx, page),
    h(
      "section",
      { class: "pub-card", role: "status", "data-testid": "booking-sent" },
      h("h2", {}, t("sentTitle")),
      h("p", {}, t("sentBody", { reference })),
      again,
    ),
    footer(ctx),
  );
  root.querySelector("h2")?.setAttribute("tabindex", "-1");
  (root.querySelector("h2") as HTMLElement | null)?.focus();
}

function header(ctx: Context, page: BookingPage): HTMLElement {
  const other: Locale = ctx.locale === "fr" ? "en" : "fr";
  return h(
    "header",
    { class: "pub-header" },
    h(
      "div",
      { class: "pub-brand" },
      page.logo_url ? h("img", { src: page.logo_url, alt: "", width: "48", height: "48" }) : null,
      h("h1", {}, page.name),
    ),
    h(
      "button",
      { type: "button", class: "pub-link", lang: other, onclick: () => ctx.onLocale(other) },
      ctx.t("switchLanguage"),
    ),
    page.intro ? h("p", { class: "pub-intro" }, page.intro) : null,
    page.review_count > 0 ? reviews(ctx, page) : null,
  );
}

/** What earlier clients said, with their consent: first name, event type, stars. */
function reviews(ctx: Context, page: BookingPage): HTMLElement {
  const average = (page.average_hundredths / 100).toLocaleString(
    ctx.locale === "en" ? "en-GB" : "fr-FR",
    {
      maximumFractionDigits: 1,
    },
  );
  return h(
    "section",
    { class: "pub-reviews", "aria-label": ctx.t("reviewsTitle") },
    h(
      "p",
      { class: "pub-average" },
      ctx.t("reviewsAverage", { average, count: page.review_count }),
    ),
    ...page.reviews.map((r) =>
      h(
        "figure",
        { class: "pub-review" },
        h(
          "p",
          { class: "pub-review-stars", "aria-label": ctx.t("ratingStars", { count: r.overall }) },
          "★".repeat(r.overall) + "☆".repeat(5 - r.overall),
        ),
        r.comment ? h("blockquote", {}, r.comment) : null,
        h("figcaption", {}, [r.first_name, r.event_type].filter(Boolean).join(" — ")),
      ),
    ),
  );
}

function footer(ctx: Context): HTMLElement {
  const el = h("footer", { class: "pub-footer" });
  append(el, ctx.t("poweredBy"));
  return el;
}

function formatDay(day: string, locale: Locale): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "fr-FR", {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
}
