import { execFile } from "node:child_process";
import { promisify } from "node:util";
import {
  ORIGIN,
  TODAY,
  addDays,
  invoiceableClient,
  expect,
  expectAccessible,
  noToasts,
  signIn,
  test,
} from "./fixtures";
import { E2E_DATA_DIR, PLANIFY_BINARY } from "./paths";

// Automatic reminders (issue 16): an invoice falls overdue and an unsigned quote waits; days
// later the scheduled job runs and sends the first payment reminder and the quote's follow-up,
// each with the link the client already has.
//
// The server's clock is pinned (E2E_NOW) and cannot jump ten days, so "ten days later" is a
// second process on the same database: `planify worker --exit-when-idle` with its own clock
// fires the schedules due at its time (reminders.run among them) and runs their jobs. The jobs
// it enqueues are due at its time, so the server's own worker (still at E2E_NOW) never takes
// them. It moves the system schedules ten days ahead: this spec runs last.

const run = promisify(execFile);

/** The first Monday-to-Friday at least `days` after TODAY (fixed French holidays skipped). */
function workingDayAfter(days: number): string {
  const fixed = ["01-01", "05-01", "05-08", "07-14", "08-15", "11-01", "11-11", "12-25"];
  let day = addDays(TODAY, days);
  for (;;) {
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !fixed.includes(day.slice(5))) return day;
    day = addDays(day, 1);
  }
}

test("an overdue invoice and an unsigned quote are chased by the scheduled job", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  const { headers, clientId } = await invoiceableClient(page, "Julien Petit", "julien@petit.fr");
  const line = {
    description: "Sonorisation",
    quantity_milli: 1000,
    unit_price_cents: 50_000,
    vat_rate_bp: 2000,
  };

  // An invoice payable on receipt, issued and sent today.
  const invoice = await page.request.post("/api/v1/invoices", {
    headers,
    data: { client_id: clientId, title: "Soirée Petit", payment_terms_days: 0, lines: [line] },
  });
  expect(invoice.status(), await invoice.text()).toBe(201);
  const invoiceId = ((await invoice.json()) as { id: number }).id;
  const issued = await page.request.post(`/api/v1/invoices/${invoiceId}/issue`, {
    headers,
    data: {},
  });
  expect(issued.status(), await issued.text()).toBe(200);
  const issuedInvoice = (await issued.json()) as { number: string; due_date: string };
  expect(issuedInvoice.due_date).toBe(TODAY);
  const invoiceSent = await page.request.post(`/api/v1/invoices/${invoiceId}/send`, {
    headers,
    data: {},
  });
  expect(invoiceSent.status(), await invoiceSent.text()).toBe(202);
  const payLink = ((await invoiceSent.json()) as { link: string }).link;

  // A quote sent today that nobody signs.
  const quote = await page.request.post("/api/v1/quotes", {
    headers,
    data: { client_id: clientId, title: "Anniversaire Petit", lines: [line] },
  });
  expect(quote.status(), await quote.text()).toBe(201);
  const quoteId = ((await quote.json()) as { id: number }).id;
  const quoteSent = await page.request.post(`/api/v1/quotes/${quoteId}/send`, {
    headers,
    data: {},
  });
  expect(quoteSent.status(), await quoteSent.text()).toBe(202);
  const signLink = ((await quoteSent.json()) as { link: string }).link;
  await expect
    .poll(
      async () =>
        ((await (await page.request.get(`/api/v1/quotes/${quoteId}`)).json()) as { status: string })
          .status,
    )
    .toBe("sent");

  // Today nothing is due: the invoice page says so.
  await page.goto(`/factures/${invoiceId}`);
  await expect(page.getByText("Aucune relance envoyée.")).toBeVisible();

  // Eight working days or more later, 09:30 UTC (after the 9 h send hour in Paris).
  const later = workingDayAfter(8);
  const { stdout } = await run(PLANIFY_BINARY, ["worker", "--exit-when-idle"], {
    env: {
      ...process.env,
      PLANIFY_DATA_DIR: E2E_DATA_DIR,
      // The server's address: the links in the e-mails are the same.
      PLANIFY_LISTEN: new URL(ORIGIN).host,
      PLANIFY_TEST_CLOCK_START: `${later}T09:30:00Z`,
      PLANIFY_LOG_LEVEL: "warn",
    },
  });
  expect(stdout).toMatch(/schedules: \d+ fired/);
  expect(stdout).toMatch(/0 dead/);

  // The invoice's history: the first reminder of the schedule whose day has come (+7), once.
  const [year, month, day] = later.split("-");
  const sentOn = `${day}/${month}/${year}`;
  await page.reload();
  const history = page.getByText(`Relance J+7 envoyée le ${sentOn} à julien@petit.fr`);
  await expect(history).toBeVisible();
  await expect(page.getByText(/Rappel J-3 envoyée/)).toHaveCount(0);
  await expectAccessible(page, "invoice with its reminder history");
  await page.screenshot({ path: "e2e/artifacts/invoice-reminder-history.png", fullPage: true });

  // The quote's follow-up.
  await page.goto(`/devis/${quoteId}`);
  await expect(page.getByText(`Relance envoyée le ${sentOn} à julien@petit.fr`)).toBeVisible();
  await expectAccessible(page, "quote with its follow-up");
  await page.screenshot({ path: "e2e/artifacts/quote-followup-history.png", fullPage: true });

  // The e-mails as sent: the reminder's template, with the invoice's own payment link.
  await page.getByRole("link", { name: "Administration" }).first().click();
  await page
    .getByRole("button", { name: `Rappel : facture ${issuedInvoice.number} à régler` })
    .click();
  const mail = page.getByRole("dialog");
  await expect(mail.frameLocator("iframe").getByRole("link", { name: /régler/i })).toBeVisible();
  await mail.getByRole("tab", { name: "Texte" }).click();
  const text = await mail.getByTestId("email-text").innerText();
  expect(text).toContain(payLink);
  expect(text).toContain("600,00");
  await page.keyboard.press("Escape");
  const followUp = (await (await page.request.get("/api/v1/admin/emails?limit=200")).json()) as {
    items: { id: number; template: string; to: string }[];
  };
  const followUpMail = followUp.items.find((m) => m.template === "quote.followup");
  expect(followUpMail?.to).toBe("julien@petit.fr");
  const detail = (await (
    await page.request.get(`/api/v1/admin/emails/${followUpMail!.id}`)
  ).json()) as { text: string };
  expect(detail.text).toContain(signLink);

  // Settings → Paiements: the quote follow-ups are set beside the payment reminders.
  await page.goto("/parametres");
  await page.getByRole("tab", { name: "Paiements" }).click();
  const followupDays = page.getByLabel("Relance du devis (jours après l'envoi)");
  await expect(followupDays).toHaveValue("7");
  await followupDays.fill("5");
  await page.getByRole("button", { name: "Aperçu de la relance du devis" }).click();
  const preview = page.getByRole("dialog");
  await expect(preview.getByRole("heading", { name: /Votre devis DEV-2026-0042/ })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(preview).toBeHidden();
  await page.getByRole("button", { name: "Enregistrer les relances" }).click();
  await expect(page.getByText("Programme de relances enregistré")).toBeVisible();
  await page.reload();
  await page.getByRole("tab", { name: "Paiements" }).click();
  await expect(page.getByLabel("Relance du devis (jours après l'envoi)")).toHaveValue("5");
  await page.screenshot({ path: "e2e/artifacts/reminder-settings.png", fullPage: true });

  // The link in the reminder opens the client's invoice page, ready to pay.
  await noToasts(page);
  await page.goto(new URL(payLink).pathname);
  await expect(page.getByRole("heading", { name: new RegExp(issuedInvoice.number) })).toBeVisible();
  await expect(page.getByText(/600,00\s€/).first()).toBeVisible();
  await expectAccessible(page, "public invoice page from a reminder");
});
