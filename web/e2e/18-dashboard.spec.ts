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

// The landing page per role: the office sees its week, its money and what waits; a technician
// sees her own missions and time off, and no amount at all.
const LEA = { email: "lea.tech@sono-lumiere.fr", password: "un tout nouveau secret" };
const tomorrow = addDays(TODAY, 1);

test("a manager's dashboard shows the week with its gaps and the money; a technician's shows hers", async ({
  page,
  browser,
}) => {
  await signIn(page);
  const token = await csrf(page);
  const members = (await (await page.request.get("/api/v1/members")).json()) as {
    items: { user_id: number; email: string }[];
  };
  const lea = members.items.find((m) => m.email === LEA.email)!;
  const created = await page.request.post("/api/v1/missions", {
    headers: { Origin: ORIGIN, "X-CSRF-Token": token },
    data: {
      title: "Soirée d'entreprise",
      status: "confirmed",
      address: "12 quai de la Loire, 37000 Tours",
      starts_at: `${tomorrow}T19:00:00+01:00`,
      ends_at: `${tomorrow}T23:00:00+01:00`,
      crew: [{ user_id: lea.user_id, position: "technician", lead: true }],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const mission = (await created.json()) as { id: number };

  await page.goto("/");
  const agenda = page.getByTestId("dashboard-agenda");
  await expect(agenda.getByText("Aujourd'hui et les 7 prochains jours")).toBeVisible();
  const line = agenda.getByRole("listitem").filter({ hasText: "Soirée d'entreprise" });
  await expect(line.getByText("Pas de DJ")).toBeVisible();
  await expect(line.getByText("19:00–23:00")).toBeVisible();
  await expect(line.getByRole("link", { name: /12 quai de la Loire/ })).toHaveAttribute(
    "href",
    /openstreetmap\.org\/search\?query=12%20quai%20de%20la%20Loire/,
  );
  const money = page.getByTestId("dashboard-money");
  await expect(money.getByText("Facturé ce mois (HT)")).toBeVisible();
  await expect(money.getByText("Reste à encaisser")).toBeVisible();
  await expect(page.getByTestId("dashboard-quotes")).toBeVisible();
  await expect(page.getByTestId("dashboard-late-gear")).toBeVisible();
  await noToasts(page);
  await expectAccessible(page, "/ dashboard for the owner (light)");
  await page.screenshot({ path: "e2e/artifacts/dashboard-owner-light.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await expectAccessible(page, "/ dashboard for the owner (dark)");
  await page.screenshot({ path: "e2e/artifacts/dashboard-owner-dark.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });
  // The line leads to the mission.
  await line.getByRole("link", { name: "Soirée d'entreprise" }).click();
  await expect(page).toHaveURL(new RegExp(`/missions/${mission.id}$`));

  // The tiles' "see …" links open the lists already filtered.
  await page.goto("/");
  const quotesLink = page
    .getByTestId("dashboard-quotes")
    .getByRole("link", { name: /^Voir les devis/ });
  await expect(quotesLink).toHaveAttribute("href", /^\/devis(\?statut=sent)?$/);
  await page.goto("/factures?statut=overdue");
  await expect(page.getByRole("combobox", { name: "Statut" })).toHaveText("En retard");
  await page.goto("/devis?statut=sent");
  await expect(page.getByRole("combobox", { name: "Statut" })).toHaveText("Envoyé");
  await page.goto("/devis?statut=nimportequoi");
  await expect(page.getByRole("combobox", { name: "Statut" })).toHaveText("Tous les statuts");

  // Léa, technician: her missions, her things, no money.
  const context = await browser.newContext({ baseURL: ORIGIN });
  const leaPage = await context.newPage();
  await signIn(leaPage, LEA);
  await leaPage.goto("/");
  const mine = leaPage.getByTestId("dashboard-agenda");
  await expect(mine.getByText("Mes prochaines missions")).toBeVisible();
  await expect(mine.getByRole("link", { name: "Soirée d'entreprise" })).toBeVisible();
  await expect(mine.getByText("Pas de DJ")).toHaveCount(0);
  await expect(
    leaPage.getByTestId("dashboard-mine").getByText("Mes indisponibilités"),
  ).toBeVisible();
  await expect(leaPage.getByTestId("dashboard-money")).toHaveCount(0);
  await expect(leaPage.getByTestId("dashboard-quotes")).toHaveCount(0);
  await expect(leaPage.locator("main")).not.toContainText("€");
  await expectAccessible(leaPage, "/ dashboard for a technician");
  await leaPage.screenshot({ path: "e2e/artifacts/dashboard-technician.png", fullPage: true });
  await context.close();
});
