import { readFile } from "node:fs/promises";
import { expect, expectAccessible, invoiceableClient, noToasts, signIn, test } from "./fixtures";

// Exports (issue 17): a small export downloads at once (Excel and CSV for French Excel); the
// full workbook is made by the server's worker, its progress shown, then downloaded from the
// history. The server's clock reads 29 January 2027 (e2e/clock.ts): the files carry that day.

test("export invoices and clients at once, the full workbook in the background", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.goto("/");
  await invoiceableClient(page, "Léa Moreau", "lea@moreau.fr");
  await page.getByRole("link", { name: "Exports" }).first().click();
  await expect(page.getByRole("heading", { name: "Exports", level: 1 })).toBeVisible();
  await expect(page.getByText("Aucun export pour l'instant")).toBeVisible();
  await expect(page.getByTestId("export-columns")).toContainText("Total TTC");

  // Invoices, as Excel: downloaded as soon as it is made.
  const xlsx = page.waitForEvent("download");
  await page.getByRole("button", { name: "Exporter" }).click();
  const invoices = await xlsx;
  expect(invoices.suggestedFilename()).toBe("planify-factures-2027-01-29.xlsx");
  const workbook = await readFile(await invoices.path());
  expect(workbook.subarray(0, 2).toString("latin1")).toBe("PK");
  await expect(page.getByText(/Export prêt : \d+ ligne/)).toBeVisible();

  // Clients as CSV for French Excel: a BOM, semicolons.
  await page.getByRole("combobox", { name: "Données" }).click();
  await page.getByRole("option", { name: "Clients", exact: true }).click();
  await page.getByRole("combobox", { name: "Format" }).click();
  await page.getByRole("option", { name: /CSV pour Excel/ }).click();
  await page.getByRole("combobox", { name: "Statut" }).click();
  await page.getByRole("option", { name: "Actif" }).click();
  const csv = page.waitForEvent("download");
  await page.getByRole("button", { name: "Exporter" }).click();
  const clients = await csv;
  expect(clients.suggestedFilename()).toBe("planify-clients-2027-01-29.csv");
  const text = await readFile(await clients.path(), "utf8");
  expect(text.startsWith("\uFEFFN°;Type;Nom;")).toBe(true);
  expect(text).toContain(";Léa Moreau;");
  expect(text).toContain("lea@moreau.fr");

  // Everything: the worker makes it; the history shows it ready, with its size.
  await page.getByRole("combobox", { name: "Données" }).click();
  await page.getByRole("option", { name: /Tout \(classeur Excel/ }).click();
  await expect(page.getByRole("combobox", { name: "Format" })).toContainText("Excel (.xlsx)");
  await page.getByRole("button", { name: "Exporter" }).click();
  await expect(page.getByText("Export lancé", { exact: false })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "planify-export-complet-2027-01-29.xlsx" });
  await expect(row.getByText("Prêt")).toBeVisible();
  await expect(
    page.getByRole("row").filter({ hasText: "planify-clients-2027-01-29.csv" }),
  ).toBeVisible();
  await noToasts(page);
  await expectAccessible(page, "exports");
  await page.screenshot({ path: "e2e/artifacts/exports.png", fullPage: true });

  const full = page.waitForEvent("download");
  await row.getByRole("link", { name: /Télécharger planify-export-complet/ }).click();
  const everything = await full;
  expect(everything.suggestedFilename()).toBe("planify-export-complet-2027-01-29.xlsx");
  expect((await readFile(await everything.path())).subarray(0, 2).toString("latin1")).toBe("PK");

  // Settings → Comptabilité: the FEC of the year, the VAT collected, the accounts.
  await page.goto("/parametres");
  await page.getByRole("tab", { name: "Comptabilité" }).click();
  await expect(page.getByText("TVA collectée sur les encaissements")).toBeVisible();
  const fecDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Télécharger le FEC" }).click();
  const fec = await fecDownload;
  expect(fec.suggestedFilename()).toBe("732829320FEC20271231.txt");
  const fecText = await readFile(await fec.path(), "utf8");
  expect(fecText.startsWith("JournalCode\tJournalLib\tEcritureNum\t")).toBe(true);
  const clientAccount = page.getByLabel("Compte clients");
  await clientAccount.fill("41A");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText(/Numéro de compte attendu/)).toBeVisible();
  await clientAccount.fill("411100");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Paramètres comptables enregistrés")).toBeVisible();
  await noToasts(page);
  await expectAccessible(page, "settings → comptabilité");
  await page.screenshot({ path: "e2e/artifacts/accounting-settings.png", fullPage: true });
});
