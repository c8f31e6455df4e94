import { expect, expectAccessible, OWNER, test } from "./fixtures";

// The e-mail-only field ("Adresse e-mail", with the required mark " *"), never the sign-in
// form's "Adresse e-mail ou identifiant", which a plain substring match would also take.
const EMAIL_ONLY = /^Adresse e-mail(?! ou)/;

// The whole account story after onboarding (01): sign in with the form, invite a technician,
// find the link in the admin outbox, accept it as the technician, who then sees only what a
// technician may see.
test("an invited technician joins from the outbox link and sees only a technician's pages", async ({
  page,
}) => {
  await page.goto("/connexion");
  await page.getByLabel("Adresse e-mail ou identifiant").fill(OWNER.email);
  await page.getByLabel("Mot de passe").fill(OWNER.password);
  await page.getByRole("button", { name: "Se connecter", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Tableau de bord", level: 1 })).toBeVisible();

  // Invite.
  await page.getByRole("link", { name: "Équipe" }).first().click();
  await page.getByRole("button", { name: "Inviter" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Adresse e-mail").fill("Lea.Tech@Sono-Lumiere.fr");
  await dialog.getByRole("combobox", { name: "Rôle" }).click();
  await page.getByRole("option", { name: "Technicien" }).click();
  await expectAccessible(page, "invite dialog", { include: "[role=dialog]" });
  await dialog.getByRole("button", { name: "Envoyer l'invitation" }).click();
  await expect(page.getByText("Invitation envoyée à lea.tech@sono-lumiere.fr.")).toBeVisible();
  await expect(
    page
      .getByRole("region", { name: "Invitations en attente" })
      .getByText("lea.tech@sono-lumiere.fr"),
  ).toBeVisible();

  // The outbox holds the message, rendered.
  await page.getByRole("link", { name: "Administration" }).first().click();
  await expect(page.getByRole("heading", { name: "Administration", level: 1 })).toBeVisible();
  await page
    .getByRole("button", { name: /vous invite à rejoindre Sono Lumière Événements/ })
    .click();
  const mail = page.getByRole("dialog");
  const frame = mail.frameLocator("iframe");
  await expect(frame.getByRole("link", { name: "Accepter l'invitation" })).toBeVisible();
  await expectAccessible(page, "outbox message", {
    include: "[role=dialog]",
    exclude: ["iframe"],
  });
  await page.screenshot({ path: "e2e/artifacts/outbox.png", fullPage: true });
  await mail.getByRole("tab", { name: "Texte" }).click();
  const text = await mail.getByTestId("email-text").innerText();
  const link = /https?:\/\/\S+\/invitation\?jeton=[0-9a-f]{64}/.exec(text)?.[0];
  expect(link, text).toBeTruthy();
  await page.keyboard.press("Escape");

  // Sign out; the technician opens the link.
  await page.getByRole("button", { name: "Menu du compte" }).click();
  await page.getByRole("menuitem", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/connexion$/);
  await page.goto(link!);
  await expect(
    page.getByText(
      "Greg Nizery vous invite à rejoindre Sono Lumière Événements en tant que Technicien.",
    ),
  ).toBeVisible();
  await expectAccessible(page, "/invitation");
  await page.getByLabel("Votre nom").fill("Léa Martin");
  await page.getByLabel("Choisissez un mot de passe").fill("un mot de passe solide");
  await page.getByRole("button", { name: "Accepter l'invitation" }).click();
  await expect(page.getByText("Bienvenue chez Sono Lumière Événements !")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Tableau de bord", level: 1 })).toBeVisible();

  // A technician's view: no team, audit or administration pages, in the menu or by address.
  const nav = page.getByRole("navigation", { name: "Navigation principale" }).first();
  await expect(nav.getByRole("link", { name: "Tableau de bord" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Équipe" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Journal d'audit" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Administration" })).toHaveCount(0);
  for (const path of ["/equipe", "/journal", "/administration"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Accès réservé" })).toBeVisible();
  }
  const members = await page.request.get("/api/v1/members");
  expect(members.status()).toBe(403);
  await page.getByRole("button", { name: "Menu du compte" }).click();
  await expect(page.getByRole("menu").getByText("Technicien")).toBeVisible();
  await expect(page.getByRole("menu").getByText("lea.tech@sono-lumiere.fr")).toBeVisible();
});

test("a forgotten password is replaced through the link in the outbox", async ({ page }) => {
  await page.goto("/connexion");
  await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
  // The page is loaded lazily: until it shows, "Adresse e-mail" would also match the sign-in
  // form's "Adresse e-mail ou identifiant" (a loaded machine filled that one, then the
  // navigation replaced it with an empty form).
  await expect(page.getByRole("heading", { name: "Mot de passe oublié", level: 1 })).toBeVisible();
  await page.getByLabel(EMAIL_ONLY).fill("lea.tech@sono-lumiere.fr");
  await page.getByRole("button", { name: "Envoyer le lien" }).click();
  await expect(page.getByText(/Si un compte existe pour cette adresse/)).toBeVisible();

  // Read the link as the owner would see it in the outbox (through the API this time).
  const signIn = await page.request.post("/api/v1/auth/sign-in", {
    data: { email: OWNER.email, password: OWNER.password },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(signIn.status()).toBe(200);
  const list = await (await page.request.get("/api/v1/admin/emails")).json();
  const reset = list.items.find((e: { template: string }) => e.template === "auth.password_reset");
  const detail = await (await page.request.get(`/api/v1/admin/emails/${reset.id}`)).json();
  const link = /https?:\/\/\S+\/mot-de-passe\/nouveau\?jeton=[0-9a-f]{64}/.exec(detail.text)?.[0];
  expect(link).toBeTruthy();
  await page.request.post("/api/v1/auth/sign-out", {
    headers: {
      Origin: new URL(page.url()).origin,
      "X-CSRF-Token": (await signIn.json()).csrf_token,
    },
  });

  await page.goto(link!);
  await page.getByLabel("Nouveau mot de passe").fill("un tout nouveau secret");
  await page.getByRole("button", { name: "Enregistrer et me connecter" }).click();
  await expect(page.getByRole("heading", { name: "Tableau de bord", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Menu du compte" }).click();
  await expect(page.getByRole("menu").getByText("lea.tech@sono-lumiere.fr")).toBeVisible();
});

test("a sign-in link from the outbox opens the app once", async ({ page }) => {
  await page.goto("/connexion");
  await page.getByRole("button", { name: "Se connecter avec un lien par e-mail" }).click();
  await page.getByLabel(EMAIL_ONLY).fill(OWNER.email);
  await page.getByRole("button", { name: "Recevoir un lien de connexion" }).click();
  await expect(page.getByText(/un lien de connexion vient d'être envoyé/)).toBeVisible();

  const origin = new URL(page.url()).origin;
  const admin = await page.context().browser()!.newContext();
  const api = admin.request;
  const signIn = await api.post(`${origin}/api/v1/auth/sign-in`, {
    data: { email: OWNER.email, password: OWNER.password },
    headers: { Origin: origin },
  });
  expect(signIn.status()).toBe(200);
  const list = await (await api.get(`${origin}/api/v1/admin/emails`)).json();
  const mail = list.items.find((e: { template: string }) => e.template === "auth.magic_link");
  const detail = await (await api.get(`${origin}/api/v1/admin/emails/${mail.id}`)).json();
  const link = /https?:\/\/\S+\/connexion\/lien\?jeton=[0-9a-f]{64}/.exec(detail.text)?.[0];
  expect(link).toBeTruthy();
  await admin.close();

  await page.goto(link!);
  await expect(page.getByRole("heading", { name: "Tableau de bord", level: 1 })).toBeVisible();
  // Single use: a second visit is refused with a way back.
  await page.context().clearCookies();
  await page.goto(link!);
  await expect(page.getByRole("alert")).toContainText("Ce lien n'est plus valable");
  await expect(page.getByRole("link", { name: "Retour à la connexion" })).toBeVisible();
});
