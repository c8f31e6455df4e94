import type { APIRequestContext } from "@playwright/test";
import {
  addDays,
  csrf,
  expect,
  expectAccessible,
  noToasts,
  ORIGIN,
  signIn,
  test,
  TODAY,
} from "./fixtures";

// Léa, the technician who joined in 04-invitation (her password reset there too).
const LEA = { email: "lea.tech@sono-lumiere.fr", password: "un tout nouveau secret" };
const day = addDays(TODAY, 20);

/** The DTSTART of the event whose SUMMARY is `title`, as the feed writes it (UTC). */
function startOf(ics: string, title: string): string | undefined {
  const unfolded = ics.replace(/\r\n /g, "");
  for (const event of unfolded.split("BEGIN:VEVENT").slice(1)) {
    if (event.includes(`\r\nSUMMARY:${title}\r\n`)) {
      return /\r\nDTSTART:(\d{8}T\d{6}Z)\r\n/.exec(event)?.[1];
    }
  }
  return undefined;
}

async function feedOf(request: APIRequestContext, url: string, etag?: string) {
  const path = new URL(url).pathname;
  return request.get(`${ORIGIN}${path}`, etag ? { headers: { "If-None-Match": etag } } : {});
}

test("a crew member subscribes to her calendar; a planner moves her mission; the feed follows", async ({
  page,
  browser,
  context,
}) => {
  // The planner puts Léa on a mission, 20:00 → 23:00 Paris time.
  const planner = await browser.newContext({ baseURL: ORIGIN });
  const plannerPage = await planner.newPage();
  await signIn(plannerPage);
  const token = await csrf(plannerPage);
  const members = (await (await plannerPage.request.get("/api/v1/members")).json()) as {
    items: { user_id: number; email: string }[];
  };
  const lea = members.items.find((m) => m.email === LEA.email)!;
  const created = await plannerPage.request.post("/api/v1/missions", {
    headers: { Origin: ORIGIN, "X-CSRF-Token": token },
    data: {
      title: "Concert au parc",
      status: "confirmed",
      starts_at: `${day}T20:00:00+01:00`,
      ends_at: `${day}T23:00:00+01:00`,
      crew: [{ user_id: lea.user_id, position: "technician", lead: true }],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const mission = (await created.json()) as { id: number };

  // Léa, on her profile: no address yet, she creates one and copies it.
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: ORIGIN });
  await signIn(page, LEA);
  await page.goto("/profil");
  await expect(page.getByText("Pas encore d'adresse d'abonnement.")).toBeVisible();
  await page.getByRole("button", { name: "Créer mon adresse d'abonnement" }).click();
  const address = page.getByLabel("Adresse d'abonnement");
  await expect(address).toHaveValue(/\/api\/v1\/public\/calendar\/cal_[0-9a-f]{64}\.ics$/);
  await expect(page.getByText("Pas encore lue par un agenda.")).toBeVisible();
  // The "created" toast can sit over the copy button on this screen (and a hovered toast stays):
  // close it before copying.
  const createdToast = page.getByRole("listitem").filter({ hasText: "Adresse créée." });
  await createdToast.getByRole("button", { name: "Close toast" }).click();
  await expect(createdToast).toHaveCount(0);
  await page.getByRole("button", { name: "Copier" }).click();
  await expect(page.getByText("Adresse copiée.")).toBeVisible();
  const url = await address.inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

  // The QR code for her phone.
  await page.getByRole("button", { name: "QR code pour le téléphone" }).click();
  const qr = page.getByRole("img", { name: "QR code de l'adresse d'abonnement" });
  await expect(qr).toBeVisible();
  await expect
    .poll(() => qr.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);
  await noToasts(page);
  await expectAccessible(page, "/profil with a calendar address");
  await page.screenshot({ path: "e2e/artifacts/calendar-feed.png", fullPage: true });

  // Her calendar app fetches the feed: the concert at 19:00 UTC (20:00 in Paris, winter).
  const first = await feedOf(page.request, url);
  expect(first.status()).toBe(200);
  expect(first.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const compact = day.replaceAll("-", "");
  expect(startOf(await first.text(), "Concert au parc")).toBe(`${compact}T190000Z`);
  const etag = first.headers()["etag"]!;
  expect((await feedOf(page.request, url, etag)).status()).toBe(304);

  // The planner moves the concert an hour later; the next fetch shows the new time.
  const moved = await plannerPage.request.post(`/api/v1/missions/${mission.id}/reschedule`, {
    headers: { Origin: ORIGIN, "X-CSRF-Token": token },
    data: { starts_at: `${day}T21:00:00+01:00`, ends_at: `${day}T23:59:00+01:00` },
  });
  expect(moved.status(), await moved.text()).toBe(200);
  const second = await feedOf(page.request, url, etag);
  expect(second.status()).toBe(200);
  expect(startOf(await second.text(), "Concert au parc")).toBe(`${compact}T200000Z`);
  await page.reload();
  await expect(page.getByText(/^Lue par un agenda le /)).toBeVisible();

  // A new link: the old address stops answering.
  await page.getByRole("button", { name: "Changer le lien" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Changer le lien" }).click();
  await expect(page.getByText("Nouveau lien créé ; l'ancien ne fonctionne plus.")).toBeVisible();
  await expect(address).not.toHaveValue(url);
  expect((await feedOf(page.request, url)).status()).toBe(404);
  expect((await feedOf(page.request, await address.inputValue())).status()).toBe(200);
  await planner.close();
});

test("a planner makes a calendar of the confirmed missions from Settings → Planning", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/parametres");
  await page.getByRole("tab", { name: "Planning" }).click();
  await expect(page.getByText("Aucun calendrier d'organisation pour l'instant.")).toBeVisible();
  await page.getByRole("checkbox", { name: "Confirmée" }).check();
  await page.getByRole("button", { name: "Créer un calendrier" }).click();
  await expect(page.getByText("Adresse créée.")).toBeVisible();
  const list = page.getByRole("list", { name: "Calendriers de l'organisation" });
  await expect(list.getByText("Toute l'équipe")).toBeVisible();
  await expect(list.getByText("Confirmée")).toBeVisible();
  const url = await list.getByLabel("Adresse d'abonnement").inputValue();
  const feed = await feedOf(page.request, url);
  expect(feed.status()).toBe(200);
  expect(await feed.text()).toContain("SUMMARY:Concert au parc");
  await noToasts(page);
  await expectAccessible(page, "/parametres planning calendars");
});
