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

// Notifications (docs/notifications.md): the office assigns a DJ to a mission → the DJ's bell
// shows 1 → the menu opens the mission; the DJ turns the kind off → the next assignment says
// nothing.
const THEO = { email: "theo.dj@sono-lumiere.fr", password: "platines et vinyles" };

test("an assignment reaches the DJ's bell and opens the mission; turned off, nothing", async ({
  page,
  browser,
}) => {
  await signIn(page);
  const headers = { Origin: ORIGIN, "X-CSRF-Token": await csrf(page) };
  // A DJ joins through an invitation (the link read from the outbox).
  const invited = await page.request.post("/api/v1/invitations", {
    headers,
    data: { email: THEO.email, role: "dj" },
  });
  expect(invited.status(), await invited.text()).toBe(201);
  const outbox = (await (await page.request.get("/api/v1/admin/emails")).json()) as {
    items: { id: number; template: string; to: string }[];
  };
  const mail = outbox.items.find((e) => e.template === "auth.invitation" && e.to === THEO.email)!;
  const detail = (await (await page.request.get(`/api/v1/admin/emails/${mail.id}`)).json()) as {
    text: string;
  };
  const token = /jeton=([0-9a-f]{64})/.exec(detail.text)![1];
  const dj = await browser.newContext({ baseURL: ORIGIN });
  const djPage = await dj.newPage();
  const accepted = await djPage.request.post("/api/v1/invitations/accept", {
    headers: { Origin: ORIGIN },
    data: { token, display_name: "Théo Martin", password: THEO.password },
  });
  expect(accepted.status(), await accepted.text()).toBe(201);
  const members = (await (await page.request.get("/api/v1/members")).json()) as {
    items: { user_id: number; email: string }[];
  };
  const theo = members.items.find((m) => m.email === THEO.email)!;

  await djPage.goto("/");
  await expect(djPage.getByRole("heading", { name: "Tableau de bord", level: 1 })).toBeVisible();
  await expect(djPage.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();

  const assign = async (title: string, day: string) => {
    const created = await page.request.post("/api/v1/missions", {
      headers,
      data: {
        title,
        status: "confirmed",
        starts_at: `${day}T19:00:00+01:00`,
        ends_at: `${day}T23:30:00+01:00`,
        crew: [{ user_id: theo.user_id, position: "dj", lead: true }],
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    return ((await created.json()) as { id: number }).id;
  };

  // The office puts Théo on a mission: his bell shows 1.
  const mission = await assign("Soirée des vendanges", addDays(TODAY, 15));
  await djPage.reload();
  const bell = djPage.getByRole("button", { name: "Notifications, 1 non lue(s)" });
  await expect(bell).toBeVisible();
  await expect(djPage.getByTestId("unread-count")).toHaveText("1");
  await bell.click();
  const item = djPage.getByRole("menuitem", { name: /Nouvelle mission : Soirée des vendanges/ });
  await expect(item).toBeVisible();
  await expectAccessible(djPage, "notification menu");
  await djPage.screenshot({ path: "e2e/artifacts/notifications-bell.png" });
  await item.click();
  await expect(djPage).toHaveURL(new RegExp(`/missions/${mission}$`));
  await expect(
    djPage.getByRole("heading", { name: "Soirée des vendanges", level: 1 }),
  ).toBeVisible();
  // Opened, it is read: the bell has nothing new.
  await expect(djPage.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();

  // Théo turns assignments off in his preferences.
  await djPage.goto("/notifications");
  await expect(djPage.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  await expect(djPage.getByRole("link", { name: /Soirée des vendanges/ })).toBeVisible();
  const inApp = djPage.getByRole("checkbox", {
    name: "Affectation à une mission — Dans Planify",
  });
  await expect(inApp).toBeChecked();
  await inApp.click();
  await djPage
    .getByRole("checkbox", { name: "Affectation à une mission — Sur mes appareils" })
    .click();
  await djPage.getByRole("combobox", { name: "Affectation à une mission — E-mail" }).click();
  await djPage.getByRole("option", { name: "Non" }).click();
  await djPage.getByRole("button", { name: "Enregistrer" }).click();
  await expect(djPage.getByText("Préférences enregistrées.")).toBeVisible();
  // Invoices are not a DJ's business: not even offered.
  await expect(djPage.getByRole("rowheader", { name: "Facture payée" })).toHaveCount(0);
  await noToasts(djPage);
  await expectAccessible(djPage, "/notifications");
  await djPage.screenshot({ path: "e2e/artifacts/notifications-page.png", fullPage: true });

  await assign("Mariage à la ferme", addDays(TODAY, 22));
  await djPage.reload();
  await expect(djPage.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  await expect(inApp).not.toBeChecked();
  await expect(djPage.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();
  await expect(djPage.getByRole("link", { name: /Mariage à la ferme/ })).toHaveCount(0);
  const count = (await (await djPage.request.get("/api/v1/notifications/unread-count")).json()) as {
    unread: number;
  };
  expect(count.unread).toBe(0);
  await dj.close();
});
