import type { Locator, Page } from "@playwright/test";
import { ORIGIN, expect, expectAccessible, signIn, test } from "./fixtures";

// Paris calendar dates, computed the way the app reads them.
function parisDay(date: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(date);
}
function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

const today = parisDay(new Date());
// Wednesday of next week: the calendar's week view is one "next" away from it.
const weekday = (new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
const wednesday = addDays(today, 7 - weekday + 2);
const thursday = addDays(wednesday, 1);

/** Picks a day in the date picker, turning to the next month when needed. */
async function pickDay(page: Page, trigger: Locator, day: string) {
  await trigger.click();
  const calendar = page.getByRole("dialog", { name: "Calendrier" });
  await expect(calendar).toBeVisible();
  const label = new Intl.DateTimeFormat("fr-FR", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${day}T12:00:00Z`));
  const button = calendar.getByRole("button", { name: new RegExp(` ${label}`) });
  if (!(await button.isVisible())) {
    await calendar.getByRole("button", { name: /suivant/i }).click();
  }
  await button.click();
  await expect(calendar).toBeHidden();
}

async function choose(page: Page, combobox: Locator, option: string) {
  await combobox.click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

async function fillMission(page: Page, title: string, start: string, end: string) {
  const dialog = page.getByRole("dialog", { name: "Nouvelle mission" });
  await dialog.getByLabel("Intitulé").fill(title);
  await pickDay(page, dialog.getByRole("button", { name: "Début" }), wednesday);
  await dialog.getByLabel("Heure de début (heure de Paris)").fill(start);
  await pickDay(page, dialog.getByRole("button", { name: "Fin" }), wednesday);
  await dialog.getByLabel("Heure de fin (heure de Paris)").fill(end);
  await choose(page, dialog.getByRole("combobox", { name: "Client" }), "Mariage Dupont");
  await dialog.getByRole("button", { name: "Ajouter une personne" }).click();
  await choose(page, dialog.getByRole("combobox", { name: "Personne" }), "Greg Nizery");
  return dialog;
}

test("planning: client → mission with a DJ and two speakers → overlap refused → drag in the week view", async ({
  page,
}) => {
  await signIn(page);

  // The gear: four speakers.
  await page.goto("/materiel");
  await expect(page.getByText("Aucun matériel pour l'instant.")).toBeVisible();
  await expectAccessible(page, "/materiel empty");
  await page.getByRole("button", { name: "Nouveau matériel" }).click();
  let dialog = page.getByRole("dialog");
  await dialog.getByLabel("Nom").fill("Enceinte JBL PRX815");
  await dialog.getByLabel("Catégorie").fill("Son");
  await dialog.getByLabel("Quantité possédée").fill("4");
  await dialog.getByLabel("Prix de location HT").fill("45");
  await dialog.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("cell", { name: "Enceinte JBL PRX815" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "4 / 4" })).toBeVisible();

  // The client.
  await page.goto("/clients");
  await page.getByRole("button", { name: "Nouveau client" }).click();
  dialog = page.getByRole("dialog");
  await dialog.getByLabel("Nom").fill("Mariage Dupont");
  await dialog.getByRole("button", { name: "Créer le client" }).click();
  await expect(page.getByText("Client « Mariage Dupont » créé.")).toBeVisible();

  // The mission: Greg as DJ, two speakers.
  await page.goto("/planning");
  await expect(page.getByRole("heading", { name: "Planning", level: 1 })).toBeVisible();
  await expectAccessible(page, "/planning");
  await page.getByRole("button", { name: "Nouvelle mission" }).click();
  dialog = await fillMission(page, "Mariage Dupont", "18:00", "23:30");
  await dialog.getByRole("button", { name: "Ajouter du matériel" }).click();
  await choose(
    page,
    dialog.getByRole("combobox", { name: "Matériel" }),
    "Enceinte JBL PRX815 (4/4)",
  );
  await dialog.getByLabel("Quantité").fill("2");
  await expect(dialog.getByTestId("live-check")).toContainText("Aucun conflit de planning.");
  await expectAccessible(page, "mission dialog", { include: "[role=dialog]" });
  await dialog.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await expect(page.getByText("Mission « Mariage Dupont » créée.")).toBeVisible();
  await expect(dialog).toBeHidden();

  // The same DJ two hours later: the live check warns, the save is refused in plain words.
  await page.getByRole("button", { name: "Nouvelle mission" }).click();
  dialog = await fillMission(page, "Anniversaire Léa", "20:00", "23:59");
  await expect(dialog.getByTestId("live-check")).toContainText(
    "Greg Nizery est déjà sur « Mariage Dupont »",
  );
  await dialog.getByRole("button", { name: "Enregistrer", exact: true }).click();
  const refusal = dialog.getByRole("alert");
  await expect(refusal).toContainText(
    "Conflit de planning : Greg Nizery est déjà sur « Mariage Dupont »",
  );
  await expect(refusal).toContainText("de 20:00 à 23:30");
  await dialog.getByRole("button", { name: "Annuler" }).click();
  await expect(dialog).toBeHidden();

  const listed = await page.request.get(`/api/v1/missions?q=${encodeURIComponent("Mariage")}`);
  const body = (await listed.json()) as {
    items: { id: number; starts_at: string }[];
    total: number;
  };
  expect(body.total).toBe(1);
  const missionId = body.items[0]!.id;
  expect((await (await page.request.get("/api/v1/missions")).json()).total).toBe(1);

  // Week view, next week: drag the wedding from Wednesday to Thursday.
  await page.locator(".fc-timeGridWeek-button").click();
  await page.locator(".fc-next-button").click();
  const event = page.locator(".fc-timegrid-event", { hasText: "Mariage Dupont" });
  await expect(event).toBeVisible();
  await event.scrollIntoViewIfNeeded();
  const box = (await event.boundingBox())!;
  const wedCol = (await page
    .locator(`td.fc-timegrid-col[data-date="${wednesday}"]`)
    .boundingBox())!;
  const thuCol = (await page.locator(`td.fc-timegrid-col[data-date="${thursday}"]`).boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + 10;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 10, y, { steps: 4 });
  await page.mouse.move(x + (thuCol.x - wedCol.x), y, { steps: 12 });
  await page.mouse.up();
  await expect(page.getByText("« Mariage Dupont » déplacée.")).toBeVisible();
  await expect(
    page.locator(`td.fc-timegrid-col[data-date="${thursday}"] .fc-timegrid-event`, {
      hasText: "Mariage Dupont",
    }),
  ).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/planning-week.png", fullPage: true });

  // Saved: the server has it on Thursday, 18:00 Paris time, crew and gear unchanged.
  const saved = await page.request.get(`/api/v1/missions/${missionId}`, {
    headers: { Origin: ORIGIN },
  });
  const mission = (await saved.json()) as {
    starts_at: string;
    crew: { name: string }[];
    equipment: { quantity: number }[];
  };
  expect(parisDay(new Date(mission.starts_at))).toBe(thursday);
  expect(
    new Intl.DateTimeFormat("fr-FR", {
      timeZone: "Europe/Paris",
      hour: "2-digit",
      minute: "2-digit",
    }).format(new Date(mission.starts_at)),
  ).toBe("18:00");
  expect(mission.crew.map((c) => c.name)).toEqual(["Greg Nizery"]);
  expect(mission.equipment[0]!.quantity).toBe(2);

  // The mission page tells the same, with its history.
  await page.locator(".fc-timegrid-event", { hasText: "Mariage Dupont" }).click();
  await expect(page.getByRole("heading", { name: "Mariage Dupont", level: 1 })).toBeVisible();
  await expect(page.getByTestId("mission-crew")).toContainText("Greg Nizery");
  await expect(page.getByTestId("mission-equipment")).toContainText("2 × Enceinte JBL PRX815");
  await expect(page.getByText("Déplacée par Greg Nizery")).toBeVisible();
  // Once the toasts are gone (axe misreads their fade-in colours).
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 10_000 });
  await expectAccessible(page, "/missions/:id");
  await page.screenshot({ path: "e2e/artifacts/mission.png", fullPage: true });
});
