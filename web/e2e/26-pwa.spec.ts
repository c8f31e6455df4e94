import { chromium } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, ORIGIN, signIn, test } from "./fixtures";

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

  // No network: the start URL still opens the app (its page and scripts from the worker).
  await context.setOffline(true);
  const offline = await page.goto("/");
  expect(offline?.status()).toBe(200);
  await expect(page.locator("#root")).not.toBeEmpty();
  await expect(page).toHaveTitle("Planify");
  // A deep link too: the router shows the page the address names.
  await page.goto("/notifications");
  await expect(page.locator("#root")).not.toBeEmpty();
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
