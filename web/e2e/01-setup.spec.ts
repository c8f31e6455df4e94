import { E2E_NOW, TODAY, expect, expectAccessible, parisDay, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

test("the server and the pages run on the suite's clock, not on the real date", async ({
  page,
}) => {
  const response = await page.request.get("/healthz");
  const server = Date.parse(response.headers()["date"]!);
  expect(server).toBeGreaterThanOrEqual(Date.parse(E2E_NOW));
  expect(parisDay(new Date(server))).toBe(TODAY);
  await page.goto("/");
  const browser = await page.evaluate(() => Date.now());
  expect(Math.abs(browser - server)).toBeLessThan(60_000);
  expect(await page.evaluate(() => new Date().getFullYear())).toBe(Number(TODAY.slice(0, 4)));
});

test("a fresh instance opens on the first-run screen, in French", async ({
  page,
  consoleErrors,
}) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/bienvenue$/);
  await expect(page.getByRole("heading", { name: "Bienvenue sur Planify" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expectAccessible(page, "/bienvenue");
  expect(consoleErrors).toEqual([]);
});

test("the form shows each problem at its field, from the browser and from the server", async ({
  page,
}) => {
  await page.goto("/bienvenue");
  await page.getByRole("button", { name: "Créer mon organisation" }).click();
  await expect(page.getByText("Ce champ est obligatoire.").first()).toBeVisible();
  await expect(page.getByLabel("Nom de l'organisation")).toHaveAttribute("aria-invalid", "true");

  // A name with no letter or digit passes the browser's checks; the server refuses it and the
  // message lands on the field.
  await page.getByLabel("Nom de l'organisation").fill("!!!");
  await page.getByLabel("Votre nom").fill("Greg Nizery");
  await page.getByLabel("Adresse e-mail").fill("greg@sono-lumiere.fr");
  await page.getByLabel("Mot de passe").fill("correct horse battery");
  await page.getByRole("button", { name: "Créer mon organisation" }).click();
  await expect(
    page.getByText("Le nom doit contenir au moins une lettre ou un chiffre."),
  ).toBeVisible();
  await expectAccessible(page, "/bienvenue with errors");
});

test("creating the organisation leads to the dashboard", async ({ page }) => {
  await page.goto("/bienvenue");
  await page.getByLabel("Nom de l'organisation").fill("Sono Lumière Événements");
  await page.getByLabel("Votre nom").fill("Greg Nizery");
  await page.getByLabel("Adresse e-mail").fill("Greg@Sono-Lumiere.fr");
  await page.getByLabel("Mot de passe").fill("correct horse battery");
  await page.getByRole("button", { name: "Créer mon organisation" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText("Organisation « Sono Lumière Événements » créée.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Tableau de bord", level: 1 })).toBeVisible();
  await expect(page.getByText("Opérationnel")).toBeVisible();

  // The door is closed now.
  await page.goto("/bienvenue");
  await expect(page).toHaveURL(/\/$/);
});
