import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, expectAccessible, signIn, test } from "./fixtures";
import { ROOT } from "./paths";

// The database the legacy app itself produced (../shared/legacy/sample-legacy.db, kept with
// the server's tests): 18 missions in November and December 2026, invoices FAC-2026-000x.
const SAMPLE = path.join(ROOT, "server", "tests", "legacy", "sample-legacy.db");

test("Administration → Importer: the legacy sample, its dry run report, then the import", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/administration");
  await page.getByRole("tab", { name: "Importer" }).click();
  await expect(page.getByText("Aucun import pour l'instant.")).toBeVisible();

  // Nothing chosen: said at the field.
  await page.getByRole("button", { name: "Envoyer et vérifier" }).click();
  await expect(
    page.getByText("Choisissez le fichier .db de l'ancienne application."),
  ).toBeVisible();

  // The sample with, as its static/ folder, something that is not a .zip: said at that field.
  await page.getByLabel("Base de l'ancienne application (.db)").setInputFiles(SAMPLE);
  const filesField = page.getByLabel("Fichiers de l'ancienne application (.zip, facultatif)");
  await filesField.setInputFiles({
    name: "static.zip",
    mimeType: "application/zip",
    buffer: Buffer.from("pas une archive"),
  });
  await page.getByRole("button", { name: "Envoyer et vérifier" }).click();
  await expect(page.getByText(/Archive \.zip illisible/)).toBeVisible();

  // The sample and its static/ folder zipped (by Python's zipfile, an independent writer):
  // checked by a dry run, whose report is a table.
  const zip = test.info().outputPath("static.zip");
  execFileSync("python3", [
    "-c",
    "import sys, zipfile\n" +
      "with zipfile.ZipFile(sys.argv[1], 'w') as z:\n" +
      "    z.writestr('static/uploads/logo_ab12cd34.png', b'\\x89PNG')\n",
    zip,
  ]);
  await filesField.setInputFiles(zip);
  await page.getByRole("button", { name: "Envoyer et vérifier" }).click();
  const view = page.getByTestId("legacy-upload");
  await expect(view.getByText(/avec static\.zip/)).toBeVisible();
  await expect(view.getByText("Vérifié", { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(view.getByText(/Essai : voici ce que l'import ferait/)).toBeVisible();
  const missions = view.getByRole("row", { name: /^prestations/ });
  await expect(missions.getByRole("cell").first()).toHaveText("18");
  await expect(view.getByRole("row", { name: /Factures TTC/ })).toContainText(/3\s067,20/);
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 10_000 });
  await expectAccessible(page, "/administration import (dry run)");

  // Imported, with its progress, into this organisation.
  await view.getByRole("button", { name: "Importer", exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Importer" }).click();
  await expect(view.getByText("Import terminé.")).toBeVisible({ timeout: 120_000 });
  await expect(view.getByText(/Importé dans/)).toBeVisible();
  await expect(view.getByRole("button", { name: "Rapport d'import (JSON)" })).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/legacy-import.png", fullPage: true });

  // The invoices list shows the legacy numbers; the calendar, the legacy missions.
  await page.goto("/factures");
  await page.getByRole("searchbox", { name: "Rechercher un document" }).fill("FAC-2026-000");
  await expect(page.getByRole("cell", { name: "FAC-2026-0002" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "FAC-2026-0003" })).toBeVisible();
  await page.goto("/planning");
  await page.locator(".fc-dayGridMonth-button").click();
  await page.locator(".fc-prev-button").click();
  await expect(page.locator(".fc-event", { hasText: "Festival Riverside" })).toBeVisible();
});
