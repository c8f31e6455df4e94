import { chromium } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { csrf, E2E_NOW, expect, followServerClock, ORIGIN, signIn, test } from "./fixtures";

// The installable app (docs/pwa.md): what Lighthouse's PWA checks asked (installable, a service
// worker, the start URL answering offline), read from Chromium itself — Lighthouse 12 dropped
// its PWA category.
// Chromium refuses to install from an off-the-record profile (Playwright's usual contexts), so
// this spec runs in a profile of its own on disk.

test("the app is installable, its service worker starts it offline, and the API is never cached", async ({
  browserName,
}) => {
  expect(browserName).toBe("chromium");
  const profile = mkdtempSync(path.join(tmpdir(), "planify-pwa-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.PLANIFY_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
    baseURL: ORIGIN,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    serviceWorkers: "allow",
  });
  await followServerClock(context, ORIGIN);
  const page = context.pages()[0] ?? (await context.newPage());
  await signIn(page);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Tableau de bord", level: 1 })).toBeVisible();
  // The worker is installed once the page has loaded; it then controls the page.
  await expect
    .poll(() =>
      page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state),
    )
    .toBe("activated");
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);

  // The manifest: a name, a standalone start URL in scope, icons of 192 and 512 pixels, maskable.
  const manifest = (await (await page.request.get("/manifest.webmanifest")).json()) as {
    name: string;
    start_url: string;
    scope: string;
    display: string;
    icons: { src: string; sizes: string; purpose: string }[];
  };
  expect(manifest.name).toBe("Planify");
  expect(manifest.display).toBe("standalone");
  expect(manifest.start_url.startsWith(manifest.scope)).toBe(true);
  expect(manifest.icons.map((i) => i.sizes)).toEqual(
    expect.arrayContaining(["192x192", "512x512"]),
  );
  expect(manifest.icons.some((i) => i.purpose === "maskable")).toBe(true);
  for (const icon of manifest.icons) {
    const res = await page.request.get(icon.src);
    expect(res.status(), icon.src).toBe(200);
    expect(res.headers()["content-type"]).toBe("image/png");
  }
  // Chromium's own verdict: nothing keeps the app from being installed.
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as {
    installabilityErrors: { errorId: string }[];
  };
  expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);

  // The member's missions of the next 14 days, read once online…
  const headers = { Origin: ORIGIN, "X-CSRF-Token": await csrf(page) };
  const me = (await (await page.request.get("/api/v1/auth/session")).json()) as {
    user: { id: number };
  };
  const soon = new Date(Date.parse(E2E_NOW) + 3 * 86_400_000);
  const created = await page.request.post("/api/v1/missions", {
    headers,
    data: {
      title: "Festival des caves",
      status: "confirmed",
      address: "12 rue des Caves, Tours",
      starts_at: soon.toISOString(),
      ends_at: new Date(soon.getTime() + 4 * 3_600_000).toISOString(),
      crew: [{ user_id: me.user.id, position: "technician", lead: true }],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  await page.goto("/mes-missions");
  await expect(page.getByRole("link", { name: "Festival des caves" })).toBeVisible();

  // No network: the start URL still opens the app (its page and scripts from the worker).
  await context.setOffline(true);
  const offline = await page.goto("/");
  expect(offline?.status()).toBe(200);
  await expect(page.locator("#root")).not.toBeEmpty();
  await expect(page).toHaveTitle("Planify");
  // …and readable offline, even after starting the app cold: the page, the session kept on the
  // device, the missions as they were last read.
  await page.goto("/mes-missions");
  await expect(page.getByRole("heading", { name: "Mes missions", level: 1 })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Hors ligne" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Festival des caves" })).toBeVisible();
  await expect(page.getByText("12 rue des Caves, Tours")).toBeVisible();
  // The API is never answered from the cache: offline, it fails.
  const api = await page.evaluate(async () => {
    try {
      return (await fetch("/api/v1/auth/session")).status;
    } catch {
      return "offline";
    }
  });
  expect(api).toBe("offline");
  await context.setOffline(false);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Tableau de bord", level: 1 })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(ORIGIN);
  await context.close();
  rmSync(profile, { recursive: true, force: true });
});
