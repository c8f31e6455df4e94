import type { Locator, Page } from "@playwright/test";
import {
  csrf,
  ORIGIN,
  addDays,
  expect,
  expectAccessible,
  parisDay,
  pickDay,
  signIn,
  test,
  TODAY,
} from "./fixtures";

const today = TODAY;
// Wednesday of next week: the calendar's week view is one "next" away from it.
const weekday = (new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
const wednesday = addDays(today, 7 - weekday + 2);
const thursday = addDays(wednesday, 1);

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

  // A venue, reused from mission to mission.
  await page.goto("/lieux");
  await expect(page.getByText("Aucun lieu pour l'instant.")).toBeVisible();
  await expectAccessible(page, "/lieux empty");
  await page.getByRole("button", { name: "Nouveau lieu" }).click();
  dialog = page.getByRole("dialog");
  await dialog.getByLabel("Nom").fill("Château de Vaux");
  await dialog.getByLabel("Ville").fill("Maincy");
  await dialog.getByLabel("Notes d'accès").fill("Accès camion par la grille est");
  await dialog.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("cell", { name: "Château de Vaux" })).toBeVisible();

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
  await choose(page, dialog.getByRole("combobox", { name: "Lieu" }), "Château de Vaux");
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
  await expect(page.getByText("Château de Vaux")).toBeVisible();
  await expect(page.getByTestId("mission-equipment")).toContainText("2 × Enceinte JBL PRX815");
  await expect(page.getByText("Déplacée par Greg Nizery")).toBeVisible();
  // Once the toasts are gone (axe misreads their fade-in colours).
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 10_000 });
  await expectAccessible(page, "/missions/:id");
  await page.screenshot({ path: "e2e/artifacts/mission.png", fullPage: true });
});

test("crew see only their own missions and declare their own time off", async ({ page }) => {
  await signIn(page);
  const members = (await (await page.request.get("/api/v1/members")).json()) as {
    items: { user_id: number; email: string }[];
  };
  const lea = members.items.find((m) => m.email === "lea.tech@sono-lumiere.fr")!;
  const created = await page.request.post("/api/v1/missions", {
    headers: { Origin: ORIGIN, "X-CSRF-Token": await csrf(page) },
    data: {
      title: "Soirée Léa",
      starts_at: `${addDays(wednesday, 3)}T20:00:00+01:00`,
      ends_at: `${addDays(wednesday, 4)}T01:00:00+01:00`,
      crew: [{ user_id: lea.user_id, position: "technician" }],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const wedding = (
    (await (await page.request.get("/api/v1/missions?q=mariage")).json()) as {
      items: { id: number }[];
    }
  ).items[0]!;

  await page.context().clearCookies();
  await signIn(page, { email: "lea.tech@sono-lumiere.fr", password: "un tout nouveau secret" });
  await page.goto("/missions");
  await expect(page.getByText("1 mission(s)")).toBeVisible();
  await expect(page.getByRole("link", { name: "Soirée Léa" })).toBeVisible();
  await expect(page.getByText("Mariage Dupont")).toHaveCount(0);
  expect((await page.request.get(`/api/v1/missions/${wedding.id}`)).status()).toBe(404);
  await expectAccessible(page, "/missions as crew");

  // No planning controls for crew, but their own time off.
  await page.goto("/planning");
  await expect(page.getByText("Vos missions.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Nouvelle mission" })).toHaveCount(0);
  await page.getByRole("button", { name: "Indisponibilité" }).click();
  const dialog = page.getByRole("dialog", { name: "Indisponibilité" });
  await pickDay(page, dialog.getByRole("button", { name: "Début" }), thursday);
  await dialog.getByLabel("Heure de début (heure de Paris)").fill("00:00");
  await pickDay(page, dialog.getByRole("button", { name: "Fin" }), thursday);
  await dialog.getByLabel("Heure de fin (heure de Paris)").fill("23:59");
  await dialog.getByLabel("Motif").fill("Rendez-vous médical");
  await dialog.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Indisponibilité enregistrée.")).toBeVisible();
  const off = (await (
    await page.request.get(
      `/api/v1/unavailability?from=${wednesday}T00:00:00Z&to=${addDays(wednesday, 7)}T00:00:00Z`,
    )
  ).json()) as { items: { user: { id: number }; reason: string }[] };
  expect(off.items.map((u) => [u.user.id, u.reason])).toEqual([
    [lea.user_id, "Rendez-vous médical"],
  ]);
});

test("the client page shows the client's missions and edits the whole client", async ({ page }) => {
  await signIn(page);
  await page.goto("/clients");
  await page.getByRole("link", { name: "Mariage Dupont" }).click();
  await expect(page.getByRole("heading", { name: "Mariage Dupont", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Mariage Dupont" })).toBeVisible(); // its mission
  await page.getByRole("button", { name: "Modifier le client" }).click();
  const dialog = page.getByRole("dialog", { name: "Modifier le client" });
  await dialog.getByRole("button", { name: "Ajouter un contact" }).click();
  await dialog.getByLabel("Nom du contact").fill("Claire Dupont");
  await dialog.getByLabel("E-mail de contact").fill("claire@dupont.fr");
  await dialog.getByLabel("Ville").first().fill("Melun");
  await expectAccessible(page, "client dialog", { include: "[role=dialog]" });
  await dialog.getByRole("button", { name: "Enregistrer" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("link", { name: "claire@dupont.fr" })).toBeVisible();
  await expect(page.getByText("Melun")).toBeVisible();
});
