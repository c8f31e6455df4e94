import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import { E2E_NOW, expect, expectAccessible, test } from "./fixtures";
import { E2E_DATA_DIR, PLANIFY_BINARY, ROOT } from "./paths";

// Trackers and consent (issue 20, CNIL rules): a second `planify serve` on the suite's database,
// configured with PostHog, Plausible, DataFast and the Meta Pixel on their real hosts. The
// browser's requests to any host but this machine are intercepted (and answered by small
// stand-ins that behave like the providers: a cookie, a report), so the test sees exactly what
// would leave: nothing before consent, nothing after a refusal, the chosen purposes' tools after
// consent, nothing again once withdrawn from the footer — and their cookies gone.

const PORT = Number(process.env.PLANIFY_E2E_CONSENT_PORT ?? 18093);
const SITE = `http://127.0.0.1:${PORT}`;
const OWNER = { email: "greg@sono-lumiere.fr", password: "correct horse battery" };

let server: ChildProcess | undefined;

test.beforeAll(async () => {
  server = spawn(PLANIFY_BINARY, ["serve"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PLANIFY_LISTEN: `127.0.0.1:${PORT}`,
      PLANIFY_DATA_DIR: E2E_DATA_DIR,
      PLANIFY_WEB_DIR: path.join(ROOT, "web/dist"),
      PLANIFY_LOG_LEVEL: "warn",
      PLANIFY_TEST_CLOCK_START: E2E_NOW,
      PLANIFY_WORKER_THREADS: "0", // the suite's own server runs the jobs
      PLANIFY_BACKUP_DAILY: "false",
      PLANIFY_WEB_POSTHOG_KEY: "phc_e2e",
      PLANIFY_WEB_PLAUSIBLE_DOMAIN: "planify.example.fr",
      PLANIFY_WEB_DATAFAST_ID: "dfid_e2e",
      PLANIFY_WEB_DATAFAST_DOMAIN: "planify.example.fr",
      PLANIFY_WEB_META_PIXEL_ID: "1234567890",
    },
  });
  for (;;) {
    const ready = await fetch(`${SITE}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (server.exitCode !== null) throw new Error(`planify serve exited (${server.exitCode})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});

test.afterAll(() => {
  server?.kill("SIGTERM");
});

// Stand-ins for the providers' scripts: each does what the real one does first.
const SCRIPTS: Record<string, string> = {
  "https://eu-assets.i.posthog.com/static/array.js": `
    document.cookie = "ph_phc_e2e_posthog=%7B%22distinct_id%22%3A%22x%22%7D; path=/";
    localStorage.setItem("ph_phc_e2e_posthog", "{}");
    fetch("https://eu.i.posthog.com/e/", { method: "POST", body: "{}" });`,
  "https://plausible.io/js/script.js": `
    fetch("https://plausible.io/api/event", { method: "POST", body: "{}" });`,
  "https://datafa.st/js/script.js": `
    document.cookie = "datafast_visitor_id=v1; path=/";
    fetch("https://datafa.st/api/events", { method: "POST", body: "{}" });`,
  "https://connect.facebook.net/en_US/fbevents.js": `
    document.cookie = "_fbp=fb.1.1.1; path=/";
    new Image().src = "https://www.facebook.com/tr?id=1234567890&ev=PageView";`,
};
const GIF = Buffer.from("R0lGODlhAQABAAAAACwAAAAAAQABAAACAkQBADs=", "base64");

/** Every request the pages make to a host other than this machine, in order. */
async function interceptOutside(context: BrowserContext): Promise<string[]> {
  const outside: string[] = [];
  await context.route(
    (url) => url.hostname !== "127.0.0.1",
    async (route) => {
      const url = route.request().url();
      outside.push(url);
      const script = SCRIPTS[url];
      if (script) {
        await route.fulfill({ contentType: "text/javascript", body: script });
      } else if (url.startsWith("https://www.facebook.com/tr")) {
        await route.fulfill({ contentType: "image/gif", body: GIF });
      } else {
        await route.fulfill({
          status: 202,
          contentType: "text/plain",
          headers: { "Access-Control-Allow-Origin": "*" },
          body: "ok",
        });
      }
    },
  );
  return outside;
}

const TRACKER_COOKIE = /^(ph_|_fbp|_fbc|datafast_)/;
async function trackerCookies(context: BrowserContext) {
  return (await context.cookies()).map((c) => c.name).filter((name) => TRACKER_COOKIE.test(name));
}

function hosts(urls: string[]) {
  return [...new Set(urls.map((u) => new URL(u).host))].sort();
}

async function settled(page: Page) {
  await page.waitForLoadState("networkidle");
}

test("no tracker before consent or after a refusal; the chosen purposes after consent; none once withdrawn", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const outside = await interceptOutside(context);

  // First visit, a public page: the banner asks, nothing has left, no tracker cookie.
  const response = await page.goto(`${SITE}/connexion`);
  const csp = response!.headers()["content-security-policy"]!;
  for (const host of [
    "https://eu-assets.i.posthog.com",
    "https://eu.i.posthog.com",
    "https://plausible.io",
    "https://datafa.st",
    "https://connect.facebook.net",
    "https://www.facebook.com",
  ]) {
    expect(csp).toContain(host);
  }
  const banner = page.getByRole("region", { name: "Vos choix sur les traceurs" });
  await expect(banner).toBeVisible();
  await expect(banner.getByRole("button", { name: "Tout refuser" })).toBeVisible();
  await expect(banner.getByRole("button", { name: "Tout accepter" })).toBeVisible();
  await expectAccessible(page, "consent banner");
  await page.screenshot({ path: "e2e/artifacts/consent-banner-light.png" });
  await settled(page);
  expect(outside).toEqual([]);
  expect(await trackerCookies(context)).toEqual([]);

  // Refuse: the banner goes, the choice is kept with its date, and still nothing leaves.
  await banner.getByRole("button", { name: "Tout refuser" }).click();
  await expect(banner).toBeHidden();
  const stored = JSON.parse(
    (await page.evaluate(() => localStorage.getItem("planify.consent"))) ?? "{}",
  ) as { audience: boolean; marketing: boolean; decided_at: string };
  expect(stored).toMatchObject({ audience: false, marketing: false });
  expect(stored.decided_at.slice(0, 10)).toBe(E2E_NOW.slice(0, 10));
  await page.reload();
  await expect(page.getByRole("button", { name: "Cookies" })).toBeVisible();
  await settled(page);
  await expect(banner).toBeHidden();
  expect(outside).toEqual([]);
  expect(await trackerCookies(context)).toEqual([]);

  // From the footer, audience measurement only: PostHog, Plausible and DataFast load and report;
  // the advertising pixel does not.
  await page.getByRole("button", { name: "Cookies" }).click();
  let dialog = page.getByRole("dialog", { name: "Vos choix sur les traceurs" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Choix du 29/01/2027, valable jusqu'au 29/07/2027.");
  const audience = dialog.getByRole("switch", { name: "Mesure d'audience" });
  const marketing = dialog.getByRole("switch", { name: "Publicité" });
  await expect(audience).toHaveAttribute("aria-checked", "false");
  await expect(marketing).toHaveAttribute("aria-checked", "false");
  await expectAccessible(page, "consent dialog", { include: "[role=dialog]" });
  await audience.click();
  await dialog.getByRole("button", { name: "Enregistrer mes choix" }).click();
  await expect(dialog).toBeHidden();
  await expect
    .poll(() => hosts(outside))
    .toEqual(["datafa.st", "eu-assets.i.posthog.com", "eu.i.posthog.com", "plausible.io"]);
  await expect
    .poll(() => trackerCookies(context))
    .toEqual(expect.arrayContaining(["ph_phc_e2e_posthog", "datafast_visitor_id"]));
  expect(outside.some((u) => u.includes("facebook"))).toBe(false);

  // Signed in, the app's footer offers the same choices: accept everything, the pixel loads.
  const signedIn = await page.request.post(`${SITE}/api/v1/auth/sign-in`, {
    data: OWNER,
    headers: { Origin: SITE },
  });
  expect(signedIn.status()).toBe(200);
  await page.goto(`${SITE}/`);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await page.getByRole("button", { name: "Cookies" }).click();
  dialog = page.getByRole("dialog", { name: "Vos choix sur les traceurs" });
  await expect(dialog.getByRole("switch", { name: "Mesure d'audience" })).toHaveAttribute(
    "aria-checked",
    "true",
  );
  await dialog.getByRole("button", { name: "Tout accepter" }).click();
  await expect.poll(() => hosts(outside)).toContain("www.facebook.com");
  await expect.poll(() => trackerCookies(context)).toContain("_fbp");

  // Withdraw from the footer: the page starts again without them, their cookies and stored
  // entries are gone, and browsing on sends nothing anywhere.
  await page.getByRole("button", { name: "Cookies" }).click();
  dialog = page.getByRole("dialog", { name: "Vos choix sur les traceurs" });
  const reloaded = page.waitForEvent("load");
  await dialog.getByRole("button", { name: "Tout refuser" }).click();
  await reloaded;
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await settled(page);
  expect(await trackerCookies(context)).toEqual([]);
  expect(
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("ph_"))),
  ).toEqual([]);
  outside.length = 0;
  await page.getByRole("link", { name: "Clients" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Clients" })).toBeVisible();
  await page.goto(`${SITE}/confidentialite`);
  await expect(page.getByRole("heading", { level: 1, name: "Confidentialité" })).toBeVisible();
  await settled(page);
  expect(outside).toEqual([]);
  const list = page.getByTestId("tracker-list");
  for (const tool of ["PostHog", "Plausible", "DataFast", "Meta Pixel"]) {
    await expect(list).toContainText(tool);
  }
  await expect(list).not.toContainText("Actif dans ce navigateur.");
  await expectAccessible(page, "privacy page");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.evaluate(() => localStorage.removeItem("planify.consent"));
  await page.reload();
  await expect(page.getByRole("region", { name: "Vos choix sur les traceurs" })).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/consent-banner-dark.png", fullPage: true });
});

test("with no tracker configured there is no banner, no Cookies link and nothing to load", async ({
  page,
  context,
}) => {
  const outside = await interceptOutside(context);
  await page.goto("/confidentialite");
  await expect(page.getByTestId("no-trackers")).toBeVisible();
  await expect(page.getByRole("link", { name: "Confidentialité" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Cookies" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Vos choix sur les traceurs" })).toHaveCount(0);
  await settled(page);
  expect(outside).toEqual([]);
});
