import type { Locator, Page } from "@playwright/test";
import { addDays, expect, expectAccessible, pickDay, signIn, test, TODAY } from "./fixtures";

// Wednesday of next week: "Qui est libre ?" shows it one "next week" away.
const weekday = (new Date(`${TODAY}T12:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
const wednesday = addDays(TODAY, 7 - weekday + 2);

async function choose(page: Page, combobox: Locator, option: string) {
  await combobox.click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

async function newMission(page: Page, title: string, start: string, end: string) {
  await page.getByRole("button", { name: "Nouvelle mission" }).click();
  const dialog = page.getByRole("dialog", { name: "Nouvelle mission" });
  await dialog.getByLabel("Intitulé").fill(title);
  await pickDay(page, dialog.getByRole("button", { name: "Début" }), wednesday);
  await dialog.getByLabel("Heure de début (heure de Paris)").fill(start);
  await pickDay(page, dialog.getByRole("button", { name: "Fin" }), wednesday);
  await dialog.getByLabel("Heure de fin (heure de Paris)").fill(end);
  await dialog.getByRole("button", { name: "Ajouter une personne" }).click();
  await choose(
    page,
    dialog.getByRole("combobox", { name: "Personne" }),
    "Lina Freelance (sans compte)",
  );
  return dialog;
}

test("crew without an account: added in Équipe, planned, conflict-checked, in « Qui est libre ? »", async ({
  page,
}) => {
  await signIn(page);

  // Équipe → a freelancer who will never sign in.
  await page.goto("/equipe");
  await expect(page.getByRole("heading", { name: "Profils sans compte" })).toBeVisible();
  await page.getByRole("button", { name: "Ajouter un profil" }).click();
  let dialog = page.getByRole("dialog", { name: "Nouveau profil sans compte" });
  await dialog.getByLabel("Nom").fill("Lina Freelance");
  await dialog.getByLabel("Téléphone").fill("pas de numéro");
  await dialog.getByRole("button", { name: "Enregistrer" }).click();
  await expect(dialog.getByText("Numéro de téléphone invalide.")).toBeVisible();
  await dialog.getByLabel("Téléphone").fill("06 12 34 56 78");
  await dialog.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Profil de Lina Freelance enregistré.")).toBeVisible();
  await expect(dialog).toBeHidden();
  const row = page.getByRole("row", { name: /Lina Freelance/ });
  await expect(row).toContainText("+33612345678");
  await expect(row).toContainText("0 mission(s) à venir");
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 10_000 });
  await expectAccessible(page, "/equipe with a crew profile");

  // Planned on a mission like a member.
  await page.goto("/planning");
  await expect(page.getByRole("heading", { name: "Planning", level: 1 })).toBeVisible();
  dialog = await newMission(page, "Festival des Lumières", "14:00", "18:00");
  await expect(dialog.getByTestId("live-check")).toContainText("Aucun conflit de planning.");
  await dialog.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await expect(page.getByText("Mission « Festival des Lumières » créée.")).toBeVisible();
  await expect(dialog).toBeHidden();

  // The same afternoon elsewhere: her conflict is named and the save refused.
  dialog = await newMission(page, "Kermesse", "16:00", "19:00");
  await expect(dialog.getByTestId("live-check")).toContainText(
    "Lina Freelance est déjà sur « Festival des Lumières »",
  );
  await dialog.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await expect(dialog.getByRole("alert")).toContainText(
    "Conflit de planning : Lina Freelance est déjà sur « Festival des Lumières »",
  );
  await dialog.getByRole("button", { name: "Annuler" }).click();
  await expect(dialog).toBeHidden();

  // « Qui est libre ? »: her row, marked without an account, busy on Wednesday.
  await page.getByRole("tab", { name: "Qui est libre ?" }).click();
  await page.getByRole("button", { name: "Semaine suivante" }).click();
  const board = page.getByRole("row", { name: /Lina Freelance/ });
  await expect(board).toContainText("sans compte");
  await expect(board.getByRole("link", { name: "14:00 Festival des Lumières" })).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/crew-profiles-board.png", fullPage: true });

  // The mission page says who she is; Équipe counts the mission.
  await board.getByRole("link", { name: "14:00 Festival des Lumières" }).click();
  await expect(
    page.getByRole("heading", { name: "Festival des Lumières", level: 1 }),
  ).toBeVisible();
  await expect(page.getByTestId("mission-crew")).toContainText("Lina Freelance");
  await expect(page.getByTestId("mission-crew")).toContainText("sans compte");
  await page.goto("/equipe");
  await expect(page.getByRole("row", { name: /Lina Freelance/ })).toContainText(
    "1 mission(s) à venir",
  );
  await page.screenshot({ path: "e2e/artifacts/crew-profiles-team.png", fullPage: true });

  // Erased at her request: the exact name asked for, then her name and phone are gone; the
  // mission keeps a line under « Intervenant effacé ».
  await page
    .getByRole("row", { name: /Lina Freelance/ })
    .getByRole("button", { name: "Effacer" })
    .click();
  const erase = page.getByRole("dialog", { name: "Effacer le profil de Lina Freelance" });
  await erase.getByLabel("Saisissez « Lina Freelance » pour confirmer").fill("Lina");
  await erase.getByRole("button", { name: "Effacer définitivement" }).click();
  await expect(erase.getByText(/Saisissez le nom exact du profil/)).toBeVisible();
  await erase.getByLabel("Saisissez « Lina Freelance » pour confirmer").fill("Lina Freelance");
  await erase.getByRole("button", { name: "Effacer définitivement" }).click();
  await expect(page.getByText("Profil effacé.")).toBeVisible();
  await expect(page.getByRole("row", { name: /Lina Freelance/ })).toHaveCount(0);
  await page.getByRole("switch", { name: "Archivés et rattachés" }).click();
  const erased = page.getByRole("row", { name: /Intervenant effacé/ });
  await expect(erased).toContainText("Effacé");
  await expect(erased).not.toContainText("+33612345678");
  await page.screenshot({ path: "e2e/artifacts/crew-profiles-erased.png", fullPage: true });
});
