import "./public.css";

import { renderBookingPage } from "./booking/booking-page";
import { type Locale, preferredLocale, translator } from "./i18n";
import { renderRatingPage } from "./rating/rating-page";
import { renderSpacePage } from "./space/space-page";

// The public pages' own entry (public.html): no React, no office code (docs/architecture.md,
// "Public pages"). /reserver/<slug> and its embeddable version /reserver/<slug>/embed; the rating
// page /noter/<token>; the client space /espace-client/<token>.

const root = document.getElementById("public");
const match = /^\/reserver\/([^/]+)(\/embed)?\/?$/.exec(window.location.pathname);
const rating = /^\/noter\/([0-9a-f]{16,128})\/?$/.exec(window.location.pathname);
const space = /^\/espace-client\/([0-9a-f]{16,128})\/?$/.exec(window.location.pathname);

function show(locale: Locale): void {
  if (!root) return;
  document.documentElement.lang = locale;
  const t = translator(locale);
  if (rating?.[1]) {
    void renderRatingPage({ root, token: rating[1], locale, t });
    return;
  }
  if (space?.[1]) {
    void renderSpacePage({ root, token: space[1], locale, t, onLocale: show });
    return;
  }
  if (!match?.[1]) {
    root.textContent = t("notFound");
    return;
  }
  void renderBookingPage({
    root,
    slug: decodeURIComponent(match[1]),
    locale,
    t,
    embedded: Boolean(match[2]),
    onLocale: show,
  });
}

if (match?.[2]) {
  // Framed on the provider's site: tell the page around how tall the form is (embed.js).
  document.documentElement.classList.add("pub-embedded");
  const report = () =>
    window.parent.postMessage(
      { type: "planify:booking-height", height: document.documentElement.scrollHeight },
      "*",
    );
  new ResizeObserver(report).observe(document.body);
}

show(preferredLocale(navigator.languages.length > 0 ? navigator.languages : [navigator.language]));
