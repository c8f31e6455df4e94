import { h, replace } from "../dom";
import type { Locale, Translate } from "../i18n";
import { PublicApiError, getJson, sendJson } from "../api";

// The client's rating page (/noter/<token>): 1–5 stars overall, optionally per crew member, a
// comment and the consent to show it (docs/booking.md "Ratings").

type RatingPage = {
  organization_name: string;
  event_type: string;
  starts_at: string;
  crew: { user_id: number; first_name: string }[];
  submitted: boolean;
};

const isRatingPage = (v: unknown): v is RatingPage => {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.organization_name === "string" &&
    typeof o.event_type === "string" &&
    typeof o.starts_at === "string" &&
    typeof o.submitted === "boolean" &&
    Array.isArray(o.crew) &&
    o.crew.every(
      (c: unknown) =>
        typeof c === "object" &&
        c !== null &&
        Number.isInteger((c as Record<string, unknown>).user_id) &&
        typeof (c as Record<string, unknown>).first_name === "string",
    )
  );
};

type Context = { root: HTMLElement; token: string; locale: Locale; t: Translate };

export async function renderRatingPage(ctx: Context): Promise<void> {
  const { root, t } = ctx;
  replace(root, h("p", { class: "pub-muted", role: "status" }, t("loading")));
  const path = `/api/v1/public/ratings/${encodeURIComponent(ctx.token)}`;
  let page: RatingPage;
  try {
    page = await getJson(path, isRatingPage);
  } catch (error) {
    const status = error instanceof PublicApiError ? error.status : 0;
    const key = status === 404 ? "ratingUnknown" : status === 410 ? "ratingExpired" : "loadError";
    replace(root, h("div", { class: "pub-card", role: "alert" }, h("p", {}, t(key))));
    return;
  }
  document.title = page.organization_name;
  const heading = h("header", { class: "pub-header" }, h("h1", {}, page.organization_name));
  if (page.submitted) {
    replace(
      root,
      heading,
      h("div", { class: "pub-card", role: "status" }, h("p", {}, t("ratingAlready"))),
    );
    return;
  }
  const date = new Intl.DateTimeFormat(ctx.locale === "en" ? "en-GB" : "fr-FR", {
    dateStyle: "long",
    timeZone: "Europe/Paris",
  }).format(new Date(page.starts_at));

  // A row of five radio buttons drawn as stars; `optional` adds "no rating".
  const stars = (name: string, legend: string, optional: boolean) => {
    const options = [1, 2, 3, 4, 5].map((n) =>
      h(
        "label",
        { class: "pub-star" },
        h("input", {
          type: "radio",
          name,
          value: String(n),
          "aria-label": t("ratingStars", { count: n }),
        }),
        h("span", { "aria-hidden": "true" }, "★"),
      ),
    );
    return h(
      "fieldset",
      { class: "pub-stars" },
      h("legend", {}, legend),
      optional
        ? h(
            "label",
            { class: "pub-check" },
            h("input", { type: "radio", name, value: "", checked: true }),
            t("ratingNone"),
          )
        : null,
      h("div", { class: "pub-star-row" }, ...options),
    );
  };
  const valueOf = (form: HTMLFormElement, name: string) =>
    (form.elements.namedItem(name) as RadioNodeList | null)?.value ?? "";

  const error = h("p", { class: "pub-error", id: "overall-error", role: "alert" });
  const comment = h("textarea", { id: "rating-comment", rows: "4", maxlength: "2000" });
  const consent = h("input", { type: "checkbox", id: "rating-consent" });
  const submit = h("button", { type: "submit", class: "pub-button" }, t("ratingSend"));
  const form = h(
    "form",
    { class: "pub-form", novalidate: true },
    h(
      "fieldset",
      {},
      h("legend", {}, t("ratingTitle", { event: page.event_type })),
      h("p", { class: "pub-muted" }, t("ratingIntro", { date })),
      stars("overall", t("ratingOverall"), false),
      error,
      page.crew.length > 0
        ? h("p", { class: "pub-field" }, h("strong", {}, t("ratingCrew")))
        : null,
      ...page.crew.map((c) => stars(`crew-${c.user_id}`, c.first_name || "—", true)),
      h(
        "div",
        { class: "pub-field" },
        h("label", { for: "rating-comment" }, t("ratingComment")),
        comment,
      ),
      h("label", { class: "pub-check" }, consent, h("span", {}, t("ratingConsent"))),
    ),
    submit,
  );
  form.addEventListener("change", () => {
    if (valueOf(form, "overall")) error.textContent = "";
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const overall = Number(valueOf(form, "overall"));
    if (!overall) {
      error.textContent = t("ratingOverallRequired");
      return;
    }
    error.textContent = "";
    const crew = page.crew
      .map((c) => ({ user_id: c.user_id, stars: Number(valueOf(form, `crew-${c.user_id}`)) }))
      .filter((c) => c.stars > 0);
    submit.disabled = true;
    sendJson(path, { overall, crew, comment: comment.value, public_consent: consent.checked })
      .then(() => {
        replace(
          root,
          heading,
          h(
            "div",
            { class: "pub-card", role: "status", "data-testid": "rating-sent" },
            h("h2", {}, t("ratingThanks")),
          ),
        );
      })
      .catch((failure: unknown) => {
        submit.disabled = false;
        error.textContent =
          failure instanceof PublicApiError && failure.status === 409
            ? t("ratingAlready")
            : t("networkError");
      });
  });
  replace(root, heading, form);
}
