import { readFile } from "node:fs/promises";
import { expect, expectAccessible, noToasts, signIn, test } from "./fixtures";

// Administration → Sauvegardes (issue 17): the owner asks for a backup, the server's worker
// makes it, the list shows it and it downloads as a gzip archive holding the manifest and the
// database. The page says how to restore and that the secret key is kept apart.

test("the owner backs up the instance and downloads the archive", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.goto("/");
  await page.getByRole("link", { name: "Administration" }).first().click();
  await expect(page.getByRole("heading", { name: "Administration", level: 1 })).toBeVisible();
  await page.getByRole("tab", { name: "Sauvegardes" }).click();
  await expect(page.getByText("La clé secrète n'est jamais dans une sauvegarde")).toBeVisible();
  await expect(page.getByText(/chaque nuit à 2 h 30/)).toBeVisible();

  await page.getByRole("button", { name: "Sauvegarder maintenant" }).click();
  await expect(page.getByText("Sauvegarde demandée", { exact: false })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: /planify-backup-\d{8}T\d{6}Z\.tar\.gz/ });
  await expect(row.first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("button", { name: "Sauvegarder maintenant" })).toBeEnabled();
  await noToasts(page);
  await expectAccessible(page, "backups");
  await page.screenshot({ path: "e2e/artifacts/backups.png", fullPage: true });

  const download = page.waitForEvent("download");
  await row
    .first()
    .getByRole("button", { name: /Télécharger/ })
    .click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^planify-backup-\d{8}T\d{6}Z\.tar\.gz$/);
  const bytes = await readFile(await file.path());
  expect(bytes[0]).toBe(0x1f);
  expect(bytes[1]).toBe(0x8b);
});
