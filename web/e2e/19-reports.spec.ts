import { readFile } from "node:fs/promises";
import {
  expect,
  expectAccessible,
  invoiceableClient,
  noToasts,
  ORIGIN,
  pickDay,
  signIn,
  test,
  TODAY,
  addDays,
} from "./fixtures";

// Reports (issue 20): the period's figures as the server counts them, a chart loaded on demand
// with its table, a CSV for French Excel, presets and comparison; not for the crew.
const LEA = { email: "lea.tech@sono-lumiere.fr", password: "un tout nouveau secret" };
const euros = (cents: number) =>
  new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" }).format(cents / 100);

/** "2027-01-29" → "29/01/2027", as the date fields show it. */
const frenchDay = (day: string) => day.split("-").reverse().join("/");

interface Report {
  from: string;
  to: string;
  totals: { revenue_net_cents: number; collected_cents: number };
  by_client: { name: string; revenue_net_cents: number }[];
}

test("the office reads its revenue by month and client, compares, and downloads a CSV", async ({
  page,
  browser,
}) => {
  await signIn(page);
  const { headers, clientId } = await invoiceableClient(
    page,
    "Famille Bernard",
    "bernard@exemple.fr",
  );
  const invoice = await page.request.post("/api/v1/invoices", {
    headers,
    data: {
      client_id: clientId,
      title: "Mariage Bernard",
      lines: [
        {
          description: "Animation DJ",
          quantity_milli: 1000,
          unit_price_cents: 123_400,
          vat_rate_bp: 2000,
        },
      ],
    },
  });
  expect(invoice.status(), await invoice.text()).toBe(201);
  const invoiceId = ((await invoice.json()) as { id: number }).id;
  const issued = await page.request.post(`/api/v1/invoices/${invoiceId}/issue`, {
    headers,
    data: {},
  });
  expect(issued.status(), await issued.text()).toBe(200);
  const paid = await page.request.post(`/api/v1/invoices/${invoiceId}/payments`, {
    headers,
    data: {
      method: "bank_transfer",
      reference: "VIR-BERNARD",
      amount_cents: 30_000,
      received_on: TODAY,
    },
  });
  expect(paid.status(), await paid.text()).toBe(201);
  const yearStart = `${TODAY.slice(0, 4)}-01-01`;
  const expected = (await (
    await page.request.get(`/api/v1/reports?from=${yearStart}&to=${TODAY}&compare=last_year`)
  ).json()) as Report;

  await page.goto("/");
  await page.getByRole("navigation").getByRole("link", { name: "Rapports" }).first().click();
  await expect(page.getByRole("heading", { name: "Rapports", level: 1 })).toBeVisible();
  // The calendar year so far, compared with last year.
  await expect(page.getByRole("button", { name: "Du", exact: true })).toHaveText(
    frenchDay(yearStart),
  );
  await expect(page.getByRole("button", { name: "Au", exact: true })).toHaveText(frenchDay(TODAY));
  await expect(page.getByRole("combobox", { name: "Période" })).toContainText("Cette année");
  const revenue = page.getByText("Chiffre d'affaires HT", { exact: true }).locator("..");
  await expect(revenue).toContainText(euros(expected.totals.revenue_net_cents));
  // The chart arrives lazily, its table below.
  await expect(
    page
      .getByRole("figure", { name: /Graphique du chiffre d'affaires/ })
      .locator("svg")
      .first(),
  ).toBeVisible();
  const byClient = page.getByRole("table", { name: "Par client" });
  await expect(byClient.getByRole("row", { name: /Famille Bernard/ })).toContainText(
    euros(123_400),
  );
  await noToasts(page);
  await expectAccessible(page, "/rapports (light)");
  await page.screenshot({ path: "e2e/artifacts/reports-light.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await expectAccessible(page, "/rapports (dark)");
  await page.screenshot({ path: "e2e/artifacts/reports-dark.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });

  // The month's table as CSV for French Excel.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: /CSV — Chiffre d'affaires par mois/ }).click();
  const csv = await download;
  expect(csv.suggestedFilename()).toBe(`chiffre-affaires-${yearStart}-${TODAY}.csv`);
  const text = await readFile(await csv.path(), "utf8");
  expect(text.startsWith("\uFEFFMois;Facturé HT;Avoirs HT;CA HT;TVA;Encaissé;Factures\r\n")).toBe(
    true,
  );
  expect(text).toContain(`${TODAY.slice(0, 7)};`);

  // Last year: nothing invoiced then in this test's world.
  await page.getByRole("combobox", { name: "Période" }).click();
  await page.getByRole("option", { name: "L'année dernière" }).click();
  const lastYear = Number(TODAY.slice(0, 4)) - 1;
  await expect(page.getByRole("button", { name: "Du", exact: true })).toHaveText(
    `01/01/${lastYear}`,
  );
  await expect(page.getByText("Aucune facture sur cette période")).toBeVisible();
  // A period of its own: from the 1st of this month; the invoice is back, the preset says so.
  await page.getByRole("combobox", { name: "Période" }).click();
  await page.getByRole("option", { name: "Ce mois-ci" }).click();
  await pickDay(page, page.getByRole("button", { name: "Du", exact: true }), addDays(TODAY, -1));
  await expect(page.getByRole("combobox", { name: "Période" })).toContainText("Personnalisée");
  await expect(byClient.getByRole("row", { name: /Famille Bernard/ })).toContainText(
    euros(123_400),
  );

  // Léa, technician: no Rapports in her menu, and the page says it is not for her role.
  const context = await browser.newContext({ baseURL: ORIGIN });
  const leaPage = await context.newPage();
  await signIn(leaPage, LEA);
  await leaPage.goto("/");
  await expect(leaPage.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(leaPage.getByRole("navigation").getByRole("link", { name: "Rapports" })).toHaveCount(
    0,
  );
  await leaPage.goto("/rapports");
  await expect(leaPage.getByText("Accès réservé")).toBeVisible();
  await context.close();
});
