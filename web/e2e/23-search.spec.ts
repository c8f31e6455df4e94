import { addDays, csrf, expect, expectAccessible, ORIGIN, signIn, test, TODAY } from "./fixtures";

// The search box (docs/search.md): Ctrl+K, type, arrows, Enter opens the object; "all results"
// opens the search page; a technician finds her mission and nothing commercial.
const LEA = { email: "lea.tech@sono-lumiere.fr", password: "un tout nouveau secret" };
const day = addDays(TODAY, 9);

test("the palette finds clients and missions as you type, and a technician only her missions", async ({
  page,
  browser,
}) => {
  await signIn(page);
  const headers = { Origin: ORIGIN, "X-CSRF-Token": await csrf(page) };
  const members = (await (await page.request.get("/api/v1/members")).json()) as {
    items: { user_id: number; email: string }[];
  };
  const lea = members.items.find((m) => m.email === LEA.email)!;
  const client = await page.request.post("/api/v1/clients", {
    headers,
    data: {
      kind: "individual",
      name: "Famille Bérénice Lavigne",
      contacts: [{ name: "Bérénice Lavigne", email: "berenice@lavigne.fr", primary: true }],
    },
  });
  expect(client.status(), await client.text()).toBe(201);
  const clientId = ((await client.json()) as { id: number }).id;
  const created = await page.request.post("/api/v1/missions", {
    headers,
    data: {
      title: "Bal des pompiers",
      status: "confirmed",
      client_id: clientId,
      starts_at: `${day}T20:00:00+01:00`,
      ends_at: `${day}T23:30:00+01:00`,
      crew: [{ user_id: lea.user_id, position: "technician", lead: true }],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const mission = (await created.json()) as { id: number };

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Tableau de bord", level: 1 })).toBeVisible();
  await page.keyboard.press("Control+k");
  await expect(page.getByRole("combobox", { name: "Rechercher" })).toBeFocused();
  // Accents and case do not matter; the first letters are enough.
  await page.keyboard.type("BERENI");
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("group", { name: "Clients" })).toBeVisible();
  await expect(dialog.getByRole("option", { name: /^Famille Bérénice Lavigne/ })).toBeVisible();
  await expect(dialog.getByRole("group", { name: "Missions" })).toBeVisible();
  const missionOption = dialog.getByRole("option", { name: /^Bal des pompiers/ });
  await expect(missionOption).toBeVisible();
  await expectAccessible(page, "command palette with results");
  await page.screenshot({ path: "e2e/artifacts/search-palette.png" });
  // Keyboard only: down to the mission, Enter opens it.
  for (let i = 0; i < 5; i++) {
    if ((await missionOption.getAttribute("aria-selected")) === "true") break;
    await page.keyboard.press("ArrowDown");
  }
  await expect(missionOption).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/missions/${mission.id}$`));
  await expect(page.getByRole("heading", { name: "Bal des pompiers", level: 1 })).toBeVisible();

  // "All results" leads to the search page, grouped by kind.
  await page.keyboard.press("Control+k");
  await page.keyboard.type("lavigne");
  await page.getByRole("option", { name: /Tous les résultats pour « lavigne »/ }).click();
  await expect(page).toHaveURL(/\/recherche\?q=lavigne$/);
  await expect(page.getByRole("heading", { name: "Recherche", level: 1 })).toBeVisible();
  const clients = page.getByRole("region", { name: "Clients" });
  await expect(clients.getByRole("link", { name: /Famille Bérénice Lavigne/ })).toHaveAttribute(
    "href",
    `/clients/${clientId}`,
  );
  await expect(page.getByRole("region", { name: "Missions" })).toBeVisible();
  await expectAccessible(page, "/recherche");
  await page.screenshot({ path: "e2e/artifacts/search-page.png", fullPage: true });
  await page.getByRole("searchbox", { name: "Rechercher" }).fill("zzzzqq");
  await expect(page.getByText("Rien ne correspond à « zzzzqq »")).toBeVisible();

  // Léa, technician: her mission, never the client.
  const context = await browser.newContext({ baseURL: ORIGIN });
  const leaPage = await context.newPage();
  await signIn(leaPage, LEA);
  await leaPage.goto("/recherche?q=lavigne");
  await expect(
    leaPage
      .getByRole("region", { name: "Missions" })
      .getByRole("link", { name: /Bal des pompiers/ }),
  ).toBeVisible();
  await expect(leaPage.getByRole("region", { name: "Clients" })).toHaveCount(0);
  await expect(leaPage.locator("main")).not.toContainText("berenice@lavigne.fr");
  await context.close();
});
