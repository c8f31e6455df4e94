import { h, replace } from "../dom";
import type { Locale, MessageKey, Translate } from "../i18n";
import { PublicApiError, call, getJson, isObject, sendJson } from "../api";
import { formatCents, isSpacePage, type SpacePage } from "./space-data";

// The client space (/espace-client/<token>, docs/booking.md "Client space"): the client's quotes
// (to sign), invoices (to download and pay), upcoming events and a way to write to the office,
// reached by a magic link without a password.

type Context = {
  root: HTMLElement;
  token: string;
  locale: Locale;
  t: Translate;
  onLocale: (locale: Locale) => void;
};

const quoteStatus: Record<string, MessageKey> = {
  sent: "spaceQuoteSent",
  accepted: "spaceQuoteAccepted",
  declined: "spaceQuoteDeclined",
  expired: "spaceQuoteExpired",
};
const invoiceStatus: Record<string, MessageKey> = {
  issued: "spaceInvoiceDue",
  partially_paid: "spaceInvoicePartial",
  paid: "spaceInvoicePaid",
};

export async function renderSpacePage(ctx: Context): Promise<void> {
  const { root, t } = ctx;
  replace(root, h("p", { class: "pub-muted", role: "status" }, t("loading")));
  const base = `/api/v1/public/client-space/${encodeURIComponent(ctx.token)}`;
  let page: SpacePage;
  try {
    page = await getJson(base, isSpacePage);
  } catch (error) {
    const status = error instanceof PublicApiError ? error.status : 0;
    const key: MessageKey =
      status === 404 ? "spaceUnknown" : status === 410 ? "spaceExpired" : "loadError";
    replace(root, h("div", { class: "pub-card", role: "alert" }, h("p", {}, t(key))));
    return;
  }
  document.title = `${t("spaceTitle")} — ${page.organization_name}`;
  if (page.brand_color && /^#[0-9a-fA-F]{6}$/.test(page.brand_color)) {
    document.documentElement.style.setProperty("--brand", page.brand_color);
  }
  const tag = ctx.locale === "en" ? "en-GB" : "fr-FR";
  const day = (iso: string) =>
    new Intl.DateTimeFormat(tag, { dateStyle: "long", timeZone: "UTC" }).format(
      new Date(`${iso}T12:00:00Z`),
    );
  const time = (iso: string) =>
    new Intl.DateTimeFormat(tag, { timeStyle: "short", timeZone: page.time_zone }).format(
      new Date(iso),
    );
  const money = (cents: number) => formatCents(cents, ctx.locale);

  // Opens a document's own page (signing, payment) in this tab.
  const opener = (kind: "quote" | "invoice", id: number, label: string, primary: boolean) => {
    const error = h("p", { class: "pub-error", role: "alert" });
    const button = h(
      "button",
      { type: "button", class: primary ? "pub-button" : "pub-button pub-secondary" },
      label,
    );
    button.addEventListener("click", () => {
      button.disabled = true;
      error.textContent = "";
      call(
        (v: unknown): v is { url: string } => isObject(v) && typeof v.url === "string",
        `${base}/documents`,
        {
          method: "POST",
          body: JSON.stringify({ kind, id }),
        },
      )
        .then(({ url }) => window.location.assign(url))
        .catch((failure: unknown) => {
          button.disabled = false;
          error.textContent =
            failure instanceof PublicApiError && failure.status === 409
              ? failure.message
              : t("networkError");
        });
    });
    return h("div", { class: "pub-actions" }, button, error);
  };

  const other: Locale = ctx.locale === "fr" ? "en" : "fr";
  const heading = h(
    "header",
    { class: "pub-header" },
    h(
      "div",
      { class: "pub-brand" },
      page.logo_url ? h("img", { src: page.logo_url, alt: "", width: "48", height: "48" }) : null,
      h("h1", {}, page.organization_name),
    ),
    h(
      "button",
      { type: "button", class: "pub-link", lang: other, onclick: () => ctx.onLocale(other) },
      t("switchLanguage"),
    ),
    h(
      "p",
      { class: "pub-intro", "data-testid": "space-greeting" },
      t("spaceHello", { name: page.client_name }),
    ),
  );

  const quotes = h(
    "section",
    { class: "pub-card", "aria-labelledby": "space-quotes" },
    h("h2", { id: "space-quotes" }, t("spaceQuotes")),
    page.quotes.length === 0 ? h("p", { class: "pub-muted" }, t("spaceNoQuotes")) : null,
    ...page.quotes.map((q) =>
      h(
        "article",
        { class: "pub-item", "data-testid": `space-quote-${q.number}` },
        h(
          "div",
          { class: "pub-item-head" },
          h("strong", {}, q.number),
          h(
            "span",
            { class: `pub-badge pub-badge-${q.status}` },
            t(quoteStatus[q.status] ?? "spaceQuoteSent"),
          ),
        ),
        q.title ? h("p", {}, q.title) : null,
        h(
          "p",
          { class: "pub-muted" },
          t("spaceAmount", { amount: money(q.gross_cents) }),
          q.status === "sent" && q.valid_until
            ? ` · ${t("spaceValidUntil", { date: day(q.valid_until) })}`
            : "",
        ),
        q.can_open
          ? opener(
              "quote",
              q.id,
              q.status === "sent" ? t("spaceSign") : t("spaceView"),
              q.status === "sent",
            )
          : null,
        h(
          "a",
          {
            class: "pub-link",
            href: `${base}/quotes/${q.id}/pdf`,
            download: `${q.number}.pdf`,
            "aria-label": t("spaceQuotePdfOf", { number: q.number }),
          },
          t("spaceQuotePdf"),
        ),
      ),
    ),
  );

  const invoices = h(
    "section",
    { class: "pub-card", "aria-labelledby": "space-invoices" },
    h("h2", { id: "space-invoices" }, t("spaceInvoices")),
    page.invoices.length === 0 ? h("p", { class: "pub-muted" }, t("spaceNoInvoices")) : null,
    ...page.invoices.map((i) =>
      h(
        "article",
        { class: "pub-item", "data-testid": `space-invoice-${i.number}` },
        h(
          "div",
          { class: "pub-item-head" },
          h("strong", {}, i.number),
          h(
            "span",
            { class: `pub-badge pub-badge-${i.status}` },
            t(invoiceStatus[i.status] ?? "spaceInvoiceDue"),
          ),
        ),
        i.title ? h("p", {}, i.title) : null,
        h(
          "p",
          { class: "pub-muted" },
          t("spaceAmount", { amount: money(i.gross_cents) }),
          i.remaining_cents > 0
            ? ` · ${t("spaceRemaining", { amount: money(i.remaining_cents) })}`
            : "",
          i.remaining_cents > 0 && i.due_date
            ? ` · ${t("spaceDue", { date: day(i.due_date) })}`
            : "",
        ),
        opener(
          "invoice",
          i.id,
          i.remaining_cents > 0 ? t("spacePay") : t("spaceDownload"),
          i.remaining_cents > 0,
        ),
      ),
    ),
  );

  const events = h(
    "section",
    { class: "pub-card", "aria-labelledby": "space-events" },
    h("h2", { id: "space-events" }, t("spaceEvents")),
    page.events.length === 0 ? h("p", { class: "pub-muted" }, t("spaceNoEvents")) : null,
    ...page.events.map((e) =>
      h(
        "article",
        { class: "pub-item", "data-testid": "space-event" },
        h(
          "div",
          { class: "pub-item-head" },
          h("strong", {}, e.title),
          h("span", { class: "pub-muted" }, day(e.date)),
        ),
        e.starts_at && e.ends_at
          ? h("p", {}, t("spaceTimes", { start: time(e.starts_at), end: time(e.ends_at) }))
          : null,
        e.venue ? h("p", {}, e.venue) : null,
        e.lead_name
          ? h(
              "p",
              { class: "pub-muted" },
              t("spaceLead", { name: e.lead_name }),
              e.lead_email ? " · " : "",
              e.lead_email ? h("a", { href: `mailto:${e.lead_email}` }, e.lead_email) : null,
            )
          : null,
      ),
    ),
  );

  // Writing to the office.
  const sent = h("ul", { class: "pub-messages", "aria-label": t("spaceSentMessages") });
  const showMessages = (messages: SpacePage["messages"]) =>
    replace(
      sent,
      ...messages.map((m) =>
        h(
          "li",
          {},
          h(
            "span",
            { class: "pub-muted" },
            new Intl.DateTimeFormat(tag, {
              dateStyle: "short",
              timeStyle: "short",
              timeZone: page.time_zone,
            }).format(new Date(m.created_at)),
          ),
          h("p", {}, m.body),
        ),
      ),
    );
  showMessages(page.messages);
  const textarea = h("textarea", { id: "space-message", rows: "4", maxlength: "5000" });
  const messageError = h("p", { class: "pub-error", id: "space-message-error", role: "alert" });
  const done = h("p", { class: "pub-free", role: "status" });
  const send = h("button", { type: "submit", class: "pub-button" }, t("spaceSend"));
  const form = h(
    "form",
    { class: "pub-card", novalidate: true, "aria-labelledby": "space-write" },
    h("h2", { id: "space-write" }, t("spaceWrite")),
    h(
      "div",
      { class: "pub-field" },
      h("label", { for: "space-message" }, t("spaceMessage")),
      textarea,
    ),
    messageError,
    done,
    send,
    sent,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    done.textContent = "";
    if (!textarea.value.trim()) {
      messageError.textContent = t("spaceMessageRequired");
      return;
    }
    messageError.textContent = "";
    send.disabled = true;
    sendJson(`${base}/messages`, { message: textarea.value })
      .then((saved) => {
        send.disabled = false;
        if (
          isObject(saved) &&
          typeof saved.body === "string" &&
          typeof saved.created_at === "string"
        ) {
          page.messages.unshift({
            id: Number(saved.id),
            body: saved.body,
            created_at: saved.created_at,
          });
          showMessages(page.messages);
        }
        textarea.value = "";
        done.textContent = t("spaceMessageSent");
      })
      .catch((failure: unknown) => {
        send.disabled = false;
        messageError.textContent =
          failure instanceof PublicApiError && failure.status === 429
            ? t("tooMany")
            : failure instanceof PublicApiError && failure.fields.message
              ? failure.fields.message
              : t("networkError");
      });
  });

  const contact = [page.organization_email, page.organization_phone].filter(Boolean).join(" · ");
  replace(
    root,
    heading,
    quotes,
    invoices,
    events,
    form,
    h(
      "footer",
      { class: "pub-footer" },
      contact ? h("p", {}, contact) : null,
      h("p", {}, t("spaceLinkUntil", { date: day(page.expires_at.slice(0, 10)) })),
    ),
  );
}
