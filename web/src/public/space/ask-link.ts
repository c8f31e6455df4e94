import { h } from "../dom";
import type { Translate } from "../i18n";
import { PublicApiError, sendJson } from "../api";

/**
 * "Already a client?" on the booking page: the client types their address and, when it is a
 * client's, receives a fresh client-space link by e-mail. The answer is the same whether the
 * address is known or not (docs/booking.md "Client space").
 */
export function askLinkForm(slug: string, t: Translate): HTMLElement {
  const input = h("input", {
    id: "space-ask-email",
    type: "email",
    autocomplete: "email",
    required: true,
  });
  const error = h("p", { class: "pub-error", role: "alert" });
  const done = h("p", { class: "pub-free", role: "status" });
  const send = h(
    "button",
    { type: "submit", class: "pub-button pub-secondary" },
    t("spaceAskSend"),
  );
  const form = h(
    "form",
    { novalidate: true },
    h(
      "div",
      { class: "pub-field" },
      h("label", { for: "space-ask-email" }, t("spaceAskEmail")),
      input,
    ),
    error,
    done,
    send,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    error.textContent = "";
    done.textContent = "";
    send.disabled = true;
    sendJson(`/api/v1/public/booking/${encodeURIComponent(slug)}/client-space`, {
      email: input.value,
    })
      .then(() => {
        done.textContent = t("spaceAskDone");
      })
      .catch((failure: unknown) => {
        error.textContent =
          failure instanceof PublicApiError && failure.status === 422
            ? (failure.fields.email ?? failure.message)
            : failure instanceof PublicApiError && failure.status === 429
              ? t("tooMany")
              : t("networkError");
      })
      .finally(() => {
        send.disabled = false;
      });
  });
  return h("details", { class: "pub-card pub-ask" }, h("summary", {}, t("spaceAsk")), form);
}
