import AxeBuilder from "@axe-core/playwright";
import {
  test as base,
  expect,
  type BrowserContext,
  type Locator,
  type Page,
} from "@playwright/test";
import { E2E_NOW } from "./clock";

export { E2E_NOW };

/**
 * Moves the pages' clock to the server's (read from its Date header): `new Date()` and
 * `Date.now()` run from the server's "now" at normal speed. Only Date is shifted; timers,
 * animation frames and performance.now() stay the browser's own, so focus management and
 * animations behave exactly as for a user.
 */
export async function followServerClock(context: BrowserContext, baseURL: string) {
  const response = await context.request.get(`${baseURL}/healthz`);
  const date = response.headers()["date"];
  if (!date) throw new Error("the server sent no Date header");
  // The header has whole seconds; half a second splits the difference.
  const offset = Date.parse(date) + 500 - Date.now();
  await context.addInitScript((shift: number) => {
    const RealDate = Date;
    class ShiftedDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(RealDate.now() + shift);
        else super(...(args as [string | number | Date]));
      }
      static override now() {
        return RealDate.now() + shift;
      }
    }
    globalThis.Date = ShiftedDate as DateConstructor;
  }, offset);
}

// Every test fails on a console error or an uncaught exception in the page, and every page it
// visits can be scanned by axe (serious and critical violations fail).
export const test = base.extend<{ consoleErrors: string[] }>({
  context: async ({ context, baseURL }, use) => {
    await followServerClock(context, baseURL!);
    await use(context);
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await use(errors);
    expect(errors, "console errors").toEqual([]);
  },
});

export async function expectAccessible(
  page: Page,
  context: string,
  options: { exclude?: string[]; include?: string } = {},
) {
  // Toasts are left out: they come and go with an opacity transition (and, sonner being loaded
  // on the first toast, one may arrive just after noToasts()), so the contrast axe measures on a
  // fading toast says nothing about the page; they are announced through their own live region.
  let builder = new AxeBuilder({ page }).exclude("[data-sonner-toaster]");
  // A modal dialog is checked on its own: what lies under its overlay is dimmed on purpose.
  if (options.include) builder = builder.include(options.include);
  // Sandboxed frames without scripts (e-mail previews) cannot host axe; exclude them.
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const results = await builder.analyze();
  const blocking = results.violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  expect(
    blocking.map(
      (v) =>
        `${context}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    ),
  ).toEqual([]);
}

/** The server's origin, as playwright.config.ts builds it. */
export const ORIGIN = `http://127.0.0.1:${process.env.PLANIFY_E2E_PORT ?? 18090}`;

/** The owner created by 01-setup.spec.ts. */
export const OWNER = { email: "greg@sono-lumiere.fr", password: "correct horse battery" };

/** Signs the page's browser context in through the API (cookies land in the context). */
export async function signIn(page: Page, account = OWNER) {
  const response = await page.request.post("/api/v1/auth/sign-in", {
    data: { email: account.email, password: account.password },
    headers: { Origin: ORIGIN },
  });
  expect(response.status(), await response.text()).toBe(200);
}

// Paris calendar dates, computed the way the app reads them.
export function parisDay(date: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(date);
}
/** The suite's "today" in Paris, as the server and the pages see it. */
export const TODAY = parisDay(new Date(E2E_NOW));
/** The year of the suite's "today" (document numbers carry it). */
export const YEAR = Number(TODAY.slice(0, 4));
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Picks a day in the date picker, turning to the next month when needed. */
export async function pickDay(page: Page, trigger: Locator, day: string) {
  await trigger.click();
  const calendar = page.getByRole("dialog", { name: "Calendrier" });
  await expect(calendar).toBeVisible();
  const label = new Intl.DateTimeFormat("fr-FR", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${day}T12:00:00Z`));
  const button = calendar.getByRole("button", { name: new RegExp(` ${label}`) });
  if (!(await button.isVisible())) {
    await calendar.getByRole("button", { name: /suivant/i }).click();
  }
  await button.click();
  await expect(calendar).toBeHidden();
}

/** The session's CSRF token, for API calls made from a signed-in page. */
export async function csrf(page: Page): Promise<string> {
  const cookies = await page.context().cookies();
  return cookies.find((c) => c.name === "planify_csrf")?.value ?? "";
}

/**
 * Toasts fade out after a few seconds unless hovered: move the pointer away, then wait (axe
 * flags a toast that is half faded).
 */
export async function noToasts(page: Page) {
  await page.mouse.move(0, 0);
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 10_000 });
}

/**
 * Through the API of a signed-in page: gives the organisation what issuing an invoice needs
 * (also set by 05-organization, so a spec also runs on its own after 01) and creates a client
 * with one primary contact; returns the CSRF headers and the client's id.
 */
export async function invoiceableClient(page: Page, name: string, email: string) {
  const headers = { Origin: ORIGIN, "X-CSRF-Token": await csrf(page) };
  const settings = await page.request.patch("/api/v1/organization", {
    headers,
    data: {
      siren: "732829320",
      vat_number: "FR44732829320",
      share_capital_cents: 1_000_000,
      address_line1: "1 rue du Parc",
      postal_code: "37000",
      city: "Tours",
    },
  });
  expect(settings.status(), await settings.text()).toBe(200);
  const client = await page.request.post("/api/v1/clients", {
    headers,
    data: {
      kind: "individual",
      name,
      billing_address: { line1: "8 rue des Lilas", postal_code: "37000", city: "Tours" },
      contacts: [{ name, email, primary: true }],
    },
  });
  expect(client.status(), await client.text()).toBe(201);
  return { headers, clientId: ((await client.json()) as { id: number }).id };
}

export { expect };
