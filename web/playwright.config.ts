import { defineConfig, devices } from "@playwright/test";
import path from "node:path";
import { E2E_NOW } from "./e2e/clock";
import { E2E_DATA_DIR, PLANIFY_BINARY, ROOT } from "./e2e/paths";

// End-to-end tests: Debian's Chromium (no browser download) against a real `planify serve`
// on a fresh SQLite database, serving the built web app (web/dist).
const root = ROOT;
const binary = PLANIFY_BINARY;
const port = Number(process.env.PLANIFY_E2E_PORT ?? 18090);
const dataDir = E2E_DATA_DIR;
const stripePort = Number(process.env.PLANIFY_FAKE_STRIPE_PORT ?? 18091);
const googlePort = Number(process.env.PLANIFY_FAKE_GOOGLE_PORT ?? 18092);

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./e2e/artifacts",
  fullyParallel: false,
  workers: 1, // one server, one database: specs run in file order (01-…, 02-…)
  retries: 0,
  // Budgets for a loaded 2-core machine (make test runs beside builds); every wait is on visible
  // state, so an idle machine finishes long before them.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    locale: "fr-FR",
    // The service worker stays out of every spec but the installable app's (e2e 26): a worker
    // serving from its cache would hide what the server answers.
    serviceWorkers: "block",
    timezoneId: "Europe/Paris",
    launchOptions: {
      executablePath: process.env.PLANIFY_CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: [
    {
      // The local fake Stripe (API and checkout page) the server talks to over real HTTP.
      command: `exec node e2e/fake-stripe.mjs`,
      url: `http://127.0.0.1:${stripePort}/healthz`,
      reuseExistingServer: false,
      timeout: 10_000,
      stdout: "ignore",
      stderr: "pipe",
      env: { PLANIFY_FAKE_STRIPE_PORT: String(stripePort) },
    },
    {
      // The local fake Google (consent, tokens, Calendar API) for Google Calendar sync.
      command: `exec node e2e/fake-google.mjs`,
      url: `http://127.0.0.1:${googlePort}/healthz`,
      reuseExistingServer: false,
      timeout: 10_000,
      stdout: "ignore",
      stderr: "pipe",
      env: { PLANIFY_FAKE_GOOGLE_PORT: String(googlePort) },
    },
    {
      command: `rm -rf "${dataDir}" && mkdir -p "${dataDir}" && exec "${binary}" serve`,
      url: `http://127.0.0.1:${port}/readyz`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        PLANIFY_LISTEN: `127.0.0.1:${port}`,
        PLANIFY_DATA_DIR: dataDir,
        PLANIFY_WEB_DIR: path.join(root, "web/dist"),
        PLANIFY_LOG_LEVEL: "warn",
        PLANIFY_TEST_CLOCK_START: E2E_NOW,
        PLANIFY_STRIPE_API_URL: `http://127.0.0.1:${stripePort}`,
        // Google sign-in and Calendar, all against the fake.
        PLANIFY_GOOGLE_CLIENT_ID: "planify-e2e.apps.googleusercontent.com",
        PLANIFY_GOOGLE_CLIENT_SECRET: "fake-google-e2e-secret",
        PLANIFY_GOOGLE_ISSUER: `http://127.0.0.1:${googlePort}`,
        PLANIFY_GOOGLE_CALENDAR_URL: `http://127.0.0.1:${googlePort}`,
        // Outgoing webhooks to the spec's local receiver (tests only, never in production).
        PLANIFY_TEST_WEBHOOKS_LOCAL: "true",
      },
    },
  ],
});
