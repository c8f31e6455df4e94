import type { APIRequestContext } from "@playwright/test";
import { addDays, csrf, expect, expectAccessible, ORIGIN, signIn, test, TODAY } from "./fixtures";

// Google Calendar against the local fake of e2e/fake-google.mjs (consent, tokens, Calendar API,
// free/busy), which the server reaches over real HTTP and its worker syncs in the background.
const GOOGLE = `http://127.0.0.1:${process.env.PLANIFY_FAKE_GOOGLE_PORT ?? 18092}`;
// Léa, the technician who joined in 04-invitation.
const LEA = { email: "lea.tech@sono-lumiere.fr", password: "un tout nouveau secret" };
const day = addDays(TODAY, 30);

interface FakeEvent {
  id: string;
  summary: string;
  deleted: boolean;
  start: { dateTime: string };
}

async function liveEvents(request: APIRequestContext): Promise<FakeEvent[]> {
  const answer = (await (await request.get(`${GOOGLE}/__events?calendar=primary`)).json()) as {
    items: FakeEvent[];
  };
  return answer.items.filter((e) => !e.deleted);
}

test("a technician connects Google Calendar: her missions go there, her busy time blocks, a revoked access shows", async ({
  page,
  browser,
  request,
}) => {
  // Her Google calendar: a dentist appointment that morning, 10:00 → 11:00 Paris time.
  await request.post(`${GOOGLE}/__busy`, {
    data: {
      calendar: "primary",
      busy: [{ start: `${day}T09:00:00Z`, end: `${day}T10:00:00Z` }],
    },
  });

  await signIn(page, LEA);
  await page.goto("/profil");
  await expect(page.getByText("Aucun agenda Google connecté.")).toBeVisible();
  await expect(page.getByLabel("Agenda Google")).toHaveValue("primary");
  await page.getByRole("button", { name: "Connecter Google Agenda" }).click();
  // Google's consent, then our callback, then back to the profile.
  await expect(page).toHaveURL(/\/profil\?google=connecte/);
  await expect(
    page.getByRole("status").filter({ hasText: "Google Agenda connecté" }),
  ).toBeVisible();
  const connection = page.getByTestId("google-connection");
  await expect(connection.getByText(LEA.email)).toBeVisible();
  await expect(connection.getByText(/dernière synchronisation le/)).toBeVisible();
  await expect(connection.getByText(/^Créneaux occupés lus le/)).toBeVisible();

  // The planner puts her on an evening mission: it lands in her Google calendar.
  const planner = await browser.newContext({ baseURL: ORIGIN });
  const plannerPage = await planner.newPage();
  await signIn(plannerPage);
  const token = await csrf(plannerPage);
  const headers = { Origin: ORIGIN, "X-CSRF-Token": token };
  const members = (await (await plannerPage.request.get("/api/v1/members")).json()) as {
    items: { user_id: number; email: string }[];
  };
  const lea = members.items.find((m) => m.email === LEA.email)!;
  const created = await plannerPage.request.post("/api/v1/missions", {
    headers,
    data: {
      title: "Soirée synchronisée",
      status: "confirmed",
      starts_at: `${day}T20:00:00+01:00`,
      ends_at: `${day}T23:00:00+01:00`,
      crew: [{ user_id: lea.user_id, position: "technician", lead: true }],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const mission = (await created.json()) as { id: number };
  await expect
    .poll(async () => (await liveEvents(request)).map((e) => e.summary))
    .toContain("Soirée synchronisée");

  // Her dentist appointment, read from Google, blocks a morning mission for her.
  const check = await plannerPage.request.post("/api/v1/missions/check", {
    headers,
    data: {
      starts_at: `${day}T10:30:00+01:00`,
      ends_at: `${day}T12:00:00+01:00`,
      crew: [{ user_id: lea.user_id }],
    },
  });
  const verdict = (await check.json()) as { blocking: boolean; conflicts: { message: string }[] };
  expect(verdict.blocking).toBe(true);
  expect(verdict.conflicts[0]!.message).toContain("agenda Google");

  // The mission page says the event is in her calendar as it is now.
  await plannerPage.goto(`/missions/${mission.id}`);
  await expect(plannerPage.getByTestId("mission-google-sync")).toContainText("à jour");

  // Léa removes Planify from her Google account; the planner moves the mission: her profile
  // shows the connection interrupted, and why.
  await request.post(`${GOOGLE}/__revoke`, { data: { account: LEA.email } });
  const moved = await plannerPage.request.post(`/api/v1/missions/${mission.id}/reschedule`, {
    headers,
    data: { starts_at: `${day}T21:00:00+01:00`, ends_at: `${day}T23:30:00+01:00` },
  });
  expect(moved.status(), await moved.text()).toBe(200);
  await page.goto("/profil");
  await expect(async () => {
    await page.reload();
    await expect(connection.getByText("Interrompu")).toBeVisible({ timeout: 2_000 });
  }).toPass();
  await expect(connection.getByRole("alert")).toContainText("reconnectez votre compte Google");
  await expectAccessible(page, "/profil with an interrupted Google connection");
  await page.screenshot({ path: "e2e/artifacts/google-calendar-broken.png", fullPage: true });

  // She reconnects: the moved mission reaches her calendar, under the same event.
  await connection.getByRole("button", { name: "Reconnecter" }).click();
  await expect(page).toHaveURL(/\/profil\?google=connecte/);
  await expect(connection.getByText("Synchronisé")).toBeVisible();
  await expect
    .poll(
      async () =>
        (await liveEvents(request)).find((e) => e.summary === "Soirée synchronisée")?.start
          .dateTime,
    )
    .toBe(`${day}T20:00:00.000Z`);

  // Disconnecting takes Planify's events out of her calendar.
  await connection.getByRole("button", { name: "Déconnecter" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Déconnecter" }).click();
  await expect(page.getByText("Aucun agenda Google connecté.")).toBeVisible();
  await expect.poll(async () => (await liveEvents(request)).length).toBe(0);
  await planner.close();
});
