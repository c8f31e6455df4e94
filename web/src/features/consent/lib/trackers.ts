import type { SiteAnalytics } from "../api/site-config";
import type { TrackerName } from "./consent";

/**
 * Loads the trackers the visitor allowed, each once per page load, from the hosts the server's
 * Content-Security-Policy names for them. Withdrawing is a reload after `forgetTrackers()`: a
 * script already running cannot be trusted to stop, a fresh page never starts it.
 */

const started = new Set<TrackerName>();

function addScript(src: string, attributes: Record<string, string> = {}) {
  const script = document.createElement("script");
  script.src = src;
  script.async = true;
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  document.head.appendChild(script);
}

type Queue = unknown[] & Record<string, unknown>;

function startPostHog(config: NonNullable<SiteAnalytics["posthog"]>) {
  // PostHog's script reads the calls queued on window.posthog before it arrived (`_i`: init).
  const queue = [] as unknown as Queue;
  queue._i = [
    [
      config.key,
      { api_host: config.api_host, capture_pageview: "history_change", person_profiles: "never" },
      "posthog",
    ],
  ];
  queue.__SV = 1;
  (window as unknown as Record<string, unknown>).posthog = queue;
  addScript(config.script_url);
}

function startPlausible(config: NonNullable<SiteAnalytics["plausible"]>) {
  addScript(config.script_url, {
    "data-domain": config.domain,
    "data-api": `${config.api_host}/api/event`,
  });
}

function startDatafast(config: NonNullable<SiteAnalytics["datafast"]>) {
  addScript(config.script_url, {
    "data-website-id": config.website_id,
    "data-domain": config.domain,
  });
}

function startMetaPixel(config: NonNullable<SiteAnalytics["meta_pixel"]>) {
  // The pixel's script takes over `fbq`, replaying what was queued before it arrived.
  type Fbq = ((...args: unknown[]) => void) & {
    queue: unknown[][];
    loaded: boolean;
    version: string;
    push: unknown;
    callMethod?: (...args: unknown[]) => void;
  };
  const fbq = ((...args: unknown[]) => {
    if (fbq.callMethod) fbq.callMethod(...args);
    else fbq.queue.push(args);
  }) as Fbq;
  fbq.queue = [];
  fbq.loaded = true;
  fbq.version = "2.0";
  fbq.push = fbq;
  const w = window as unknown as Record<string, unknown>;
  w.fbq = fbq;
  w._fbq = fbq;
  fbq("init", config.pixel_id);
  fbq("track", "PageView");
  addScript(config.script_url);
}

/** Starts each allowed tracker not started yet on this page. */
export function startTrackers(analytics: SiteAnalytics, allowed: TrackerName[]) {
  for (const name of allowed) {
    if (started.has(name)) continue;
    started.add(name);
    if (name === "posthog" && analytics.posthog) startPostHog(analytics.posthog);
    if (name === "plausible" && analytics.plausible) startPlausible(analytics.plausible);
    if (name === "datafast" && analytics.datafast) startDatafast(analytics.datafast);
    if (name === "meta_pixel" && analytics.meta_pixel) startMetaPixel(analytics.meta_pixel);
  }
}

/** Whether a tracker already runs on this page (a withdrawal then needs a reload). */
export function trackersRunning(): boolean {
  return started.size > 0;
}

// What the providers leave in the browser: PostHog (ph_…, __ph…), Meta (_fbp, _fbc),
// Datafast (datafast_…), Plausible (plausible_… in localStorage; no cookie).
const TRACKER_NAMES = /^(ph_|__ph|_fbp|_fbc|datafast_|plausible_)/;

/** Deletes the trackers' cookies (on this host and its parent domains) and stored keys. */
export function forgetTrackers() {
  const host = window.location.hostname;
  const parts = host.split(".");
  const domains = [""];
  for (let i = 0; i < parts.length - 1; i++) domains.push(`; domain=.${parts.slice(i).join(".")}`);
  for (const pair of document.cookie.split(";")) {
    const name = pair.split("=")[0]?.trim() ?? "";
    if (!TRACKER_NAMES.test(name)) continue;
    for (const domain of domains) {
      document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/${domain}`;
    }
  }
  for (const storage of [localStorage, sessionStorage]) {
    for (const key of Object.keys(storage)) if (TRACKER_NAMES.test(key)) storage.removeItem(key);
  }
}
