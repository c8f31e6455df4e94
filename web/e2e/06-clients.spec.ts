import { expect, expectAccessible, signIn, test } from "./fixtures";

test("clients: create, find without accents, and confirm a likely duplicate", async ({ page }) => {
  await signIn(page);
  await page.goto("/clients");
  await expect(page.getByRole("heading", { name: "Clients", level: 1 })).toBeVisible();
  await expect(page.getByText("Aucun client pour l'instant.")).toBeVisible();
  await expectAccessible(page, "/clients empty");

  await page.getByRole("button", { name: "Nouveau client" }).click();
  let dialog = page.getByRole("dialog");
  await dialog.getByLabel("Nom").fill("Éléonore Martin");
  await dialog.getByLabel("E-mail de contact").fill("eleonore@example.fr");
  await dialog.getByLabel("Ville").fill("Tours");
  await expectAccessible(page, "new client dialog", { include: "[role=dialog]" });
  await dialog.getByRole("button", { name: "Créer le client" }).click();
  await expect(page.getByText("Client « Éléonore Martin » créé.")).toBeVisible();
  await expect(page.getByRole("cell", { name: /Éléonore Martin/ })).toBeVisible();

  // Found by a search typed without accents or capitals.
  await page.getByLabel("Rechercher un client").fill("ELEONORE tours");
  await expect(page.getByText("1 client(s)")).toBeVisible();
  await page.getByLabel("Rechercher un client").fill("paris");
  await expect(page.getByText("Aucun client ne correspond.")).toBeVisible();
  await page.getByLabel("Rechercher un client").fill("");

  // Same e-mail: the dialog warns, then creates on confirmation.
  await page.getByRole("button", { name: "Nouveau client" }).click();
  dialog = page.getByRole("dialog");
  await dialog.getByLabel("Nom").fill("E. Martin");
  await dialog.getByLabel("E-mail de contact").fill("Eleonore@Example.fr");
  await dialog.getByRole("button", { name: "Créer le client" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Éléonore Martin");
  await dialog.getByRole("button", { name: "Créer quand même" }).click();
  await expect(page.getByText("2 client(s)")).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/clients.png", fullPage: true });
});
