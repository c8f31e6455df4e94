import { TODAY, addDays, expect, expectAccessible, pickDay, signIn, test } from "./fixtures";

// Saturday of next week, Paris.
const today = TODAY;
const weekday = (new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
const saturday = addDays(today, 7 - weekday + 5);

test("catalogue: an item, a pricing grid, and the price it gives a Saturday night", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/catalogue");
  await expect(page.getByRole("heading", { name: "Catalogue et tarifs", level: 1 })).toBeVisible();
  await expect(page.getByText("Aucun article pour l'instant.")).toBeVisible();
  await expectAccessible(page, "/catalogue empty");

  await page.getByRole("button", { name: "Nouvel article" }).click();
  let dialog = page.getByRole("dialog");
  await dialog.getByLabel("Nom").fill("Prestation DJ (heure)");
  await dialog.getByRole("combobox", { name: "Unité" }).click();
  await page.getByRole("option", { name: "heure", exact: true }).click();
  await dialog.getByLabel("Prix unitaire HT").fill("120");
  await dialog.getByLabel("Référence").fill("DJ-H");
  await dialog.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("cell", { name: /120,00\s€ \/ heure/ })).toBeVisible();

  await page.getByRole("tab", { name: "Grilles tarifaires" }).click();
  await page.getByRole("button", { name: "Nouvelle grille" }).click();
  dialog = page.getByRole("dialog");
  await dialog.getByLabel("Nom").fill("Mariage");
  await dialog.getByLabel("Tarif horaire HT").fill("100");
  await dialog.getByLabel("Durée minimale (heures)").fill("4");
  await dialog.getByLabel("Majoration week-end (%)").fill("20");
  await dialog.getByLabel("Majoration de nuit (%)").fill("25");
  await expectAccessible(page, "pricing grid dialog", { include: "[role=dialog]" });
  await dialog.getByRole("button", { name: "Enregistrer" }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole("cell", { name: "week-end 20 %, férié 0 %, nuit 25 %" }),
  ).toBeVisible();

  // Saturday 19:00 → Sunday 01:00: 100 € × 1.20 × 1.25 = 150 € an hour, 6 hours.
  await page.getByRole("button", { name: "Simuler" }).click();
  await pickDay(page, page.getByRole("button", { name: "Début" }), saturday);
  await page.getByLabel("Heure de début (heure de Paris)").fill("19:00");
  await pickDay(page, page.getByRole("button", { name: "Fin" }), addDays(saturday, 1));
  await page.getByLabel("Heure de fin (heure de Paris)").fill("01:00");
  await page.getByRole("button", { name: "Calculer" }).click();
  const result = page.getByTestId("price-result");
  await expect(result).toContainText("(majoration week-end, nuit)");
  await expect(result).toContainText(/Total HT\s*900,00\s€/);
});
