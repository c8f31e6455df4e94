import { expect, expectAccessible, OWNER, signIn, test } from "./fixtures";

test("signing out leads to the sign-in page, which refuses a wrong password", async ({ page }) => {
  await signIn(page);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Tableau de bord", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Menu du compte" }).click();
  await expect(page.getByRole("menu").getByText(OWNER.email)).toBeVisible();
  await expect(page.getByRole("menu").getByText("Propriétaire")).toBeVisible();
  await page.getByRole("menuitem", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/connexion$/);

  // Signed out for real: the signed-in area sends back here, remembering where to return.
  await page.goto("/equipe");
  await expect(page).toHaveURL(/\/connexion\?suivant=%2Fequipe$/);
  await expect(page.getByRole("heading", { name: "Connexion" })).toBeVisible();
  await expectAccessible(page, "/connexion");

  await page.getByLabel("Adresse e-mail ou identifiant").fill(OWNER.email);
  await page.getByLabel("Mot de passe").fill("pas le bon mot de passe");
  await page.getByRole("button", { name: "Se connecter", exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText("Adresse e-mail ou mot de passe incorrect.");
  await expect(page.getByLabel("Mot de passe")).toHaveValue("");

  await page.getByLabel("Mot de passe").fill(OWNER.password);
  await page.getByRole("button", { name: "Se connecter", exact: true }).click();
  await expect(page).toHaveURL(/\/equipe$/);
  await expect(page.getByRole("heading", { name: "Équipe", level: 1 })).toBeVisible();
  await expect(page.getByRole("cell", { name: /Greg Nizery/ })).toBeVisible();
  await expectAccessible(page, "/equipe");
  await page.screenshot({ path: "e2e/artifacts/team.png", fullPage: true });
});

test("a refused Google sign-in comes back to the sign-in page with a readable reason", async ({
  page,
}) => {
  await page.goto("/connexion?erreur=google-inconnu");
  await expect(page.getByRole("alert")).toHaveText(
    "Aucun compte Planify n'utilise cette adresse Google : demandez une invitation à votre administrateur.",
  );
  // This server has a Google client (the fake of e2e/fake-google.mjs): the button starts the
  // flow and brings the user back where they were going.
  await expect(page.getByRole("link", { name: "Se connecter avec Google" })).toHaveAttribute(
    "href",
    "/api/v1/auth/google/start?suivant=%2F",
  );
});

test("the audit log shows the failed and successful sign-ins", async ({ page }) => {
  await signIn(page);
  await page.goto("/journal");
  await expect(page.getByRole("heading", { name: "Journal d'audit", level: 1 })).toBeVisible();
  await expect(page.getByRole("cell", { name: /Échec de connexion/ }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: /^Connexion/ }).first()).toBeVisible();
  await page.getByRole("combobox", { name: "Type d'action" }).click();
  await page.getByRole("option", { name: "Équipe et rôles" }).click();
  await expect(page.getByText("Aucune action enregistrée.")).toBeVisible();
  await expectAccessible(page, "/journal");
});

test("the profile lists this device and checks the current password", async ({ page }) => {
  await signIn(page);
  await page.goto("/profil");
  await expect(page.getByRole("heading", { name: "Mon profil", level: 1 })).toBeVisible();
  const sessions = page.getByRole("list", { name: "Sessions actives" });
  await expect(sessions.getByText("Cet appareil")).toBeVisible();
  await page.getByLabel("Mot de passe actuel").fill("pas le bon mot de passe");
  await page.getByLabel("Nouveau mot de passe").fill("un autre secret 2026");
  await page.getByRole("button", { name: "Changer le mot de passe" }).click();
  await expect(page.getByText("Mot de passe incorrect.")).toBeVisible();
  await expectAccessible(page, "/profil");
  await page.screenshot({ path: "e2e/artifacts/profile.png", fullPage: true });
});
