import { expect, expectAccessible, signIn, test } from "./fixtures";

test("the owner fills the legal identity; bad identifiers are caught at their field", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/parametres");
  const form = page.getByRole("form", { name: "Organisation" });
  await expect(form.getByLabel("Nom commercial")).toHaveValue("Sono Lumière Événements");
  await expectAccessible(page, "/parametres organisation");

  await form.getByLabel("SIREN").fill("732 829 321");
  await form.getByLabel("IBAN").fill("FR76 3000 6000 0112 3456 7890 188");
  await form.getByRole("button", { name: "Enregistrer" }).click();
  await expect(form.getByText("SIREN invalide (9 chiffres, clé de contrôle).")).toBeVisible();
  await expect(form.getByText("IBAN invalide.")).toBeVisible();

  await form.getByLabel("Raison sociale").fill("Sono Lumière Événements SAS");
  await form.getByLabel("Forme juridique").fill("SAS");
  await form.getByLabel("SIREN").fill("732 829 320");
  await form.getByLabel("SIRET").fill("732 829 320 00074");
  await form.getByLabel("N° de TVA intracommunautaire").fill("FR44732829320");
  await form.getByLabel("IBAN").fill("FR76 3000 6000 0112 3456 7890 189");
  await form.getByLabel("BIC").fill("BNPAFRPP");
  await form.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Réglages de l'organisation enregistrés.")).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/organization.png", fullPage: true });

  // A logo: the preview shows the stored image.
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
    "base64",
  );
  await form
    .getByLabel("Logo")
    .setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: png });
  await expect(page.getByText("Logo enregistré.")).toBeVisible();
  await expect(form.getByRole("img", { name: "Logo" })).toHaveAttribute(
    "src",
    /^\/api\/v1\/files\/\d+\/[0-9a-f]{64}$/,
  );

  // Stored, normalised, and the bank details come back for the owner only.
  await page.reload();
  await expect(form.getByLabel("SIREN")).toHaveValue("732829320");
  await expect(form.getByLabel("IBAN")).toHaveValue("FR7630006000011234567890189");
});
