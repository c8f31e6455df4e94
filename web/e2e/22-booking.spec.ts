import { addDays, csrf, expect, expectAccessible, ORIGIN, signIn, test, TODAY } from "./fixtures";

// The public booking page (issue 19): the owner opens it with two services; a visitor on a
// 375 px phone asks for a date, sees whether it looks free, is told what is missing, sends the
// request and gets its reference; the office finds it in its inbox with the text as typed.
// The page is the public pages' own bundle (public.html), not the office app.

const EVENT_DAY = addDays(TODAY, 60);

test("a visitor on a phone books a date and the office receives it", async ({ page, browser }) => {
  await signIn(page);
  const headers = { Origin: ORIGIN, "X-CSRF-Token": await csrf(page) };
  const session = await (await page.request.get("/api/v1/auth/session")).json();
  const slug: string = session.organization.slug;
  const service = await page.request.post("/api/v1/catalogue", {
    headers,
    data: {
      kind: "service",
      name: "Animation DJ mariage",
      description: "Cérémonie, cocktail et soirée dansante",
      unit: "flat",
      unit_price_cents: 120000,
    },
  });
  expect(service.status(), await service.text()).toBe(201);
  const settings = await page.request.put("/api/v1/booking-settings", {
    headers,
    data: {
      enabled: true,
      intro: "Parlez-nous de votre événement : nous répondons sous 24 heures.",
      event_types: ["Mariage", "Anniversaire", "Soirée d'entreprise"],
      service_ids: [(await service.json()).id],
    },
  });
  expect(settings.status(), await settings.text()).toBe(200);

  // The visitor: no session, a phone-sized screen, French.
  const visitor = await browser.newContext({
    viewport: { width: 375, height: 740 },
    locale: "fr-FR",
    isMobile: true,
    hasTouch: true,
  });
  const phone = await visitor.newPage();
  const errors: string[] = [];
  phone.on("pageerror", (error) => errors.push(error.message));
  phone.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await phone.goto(`/reserver/${slug}`);
  await expect(phone.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(phone.getByText("nous répondons sous 24 heures")).toBeVisible();
  // The office app is not loaded here.
  expect(await phone.locator("#root").count()).toBe(0);
  await expectAccessible(phone, "/reserver (empty form)");

  await phone.getByLabel("Type d'événement").selectOption("Mariage");
  await phone.getByLabel("Date").fill(EVENT_DAY);
  await phone.getByLabel("Début").fill("19:00");
  await phone.getByLabel("Fin").fill("02:00");
  await phone.getByLabel("Fin").blur();
  await expect(phone.getByText("Se termine le lendemain.")).toBeVisible();
  await expect(phone.getByTestId("availability")).toHaveText(/Cette date semble libre/);
  await phone.getByLabel("Lieu").fill("Château de Montplaisir, Lyon");
  await phone.getByLabel("Nombre d'invités").fill("120");
  await phone.getByLabel("Budget (€, facultatif)").fill("1 500");
  await phone.getByRole("checkbox", { name: /Animation DJ mariage/ }).check();
  await phone.getByLabel("Votre message").fill("<script>alert('x')</script> Bonjour !");
  await phone.getByLabel("Nom et prénom").fill("Camille Durand");
  await phone.getByLabel("E-mail").fill("camille.durand@example.fr");
  await phone.getByLabel("Téléphone").fill("06 12 34 56 78");

  // Consent forgotten: said at the field, nothing sent.
  await phone.getByRole("button", { name: "Envoyer la demande" }).click();
  await expect(phone.getByText("Vérifiez les champs signalés.")).toBeVisible();
  await expect(
    phone.getByText("Acceptez d'être recontacté pour que la demande puisse être traitée."),
  ).toBeVisible();
  await expectAccessible(phone, "/reserver (errors shown)");
  await phone.screenshot({ path: "e2e/artifacts/booking-form-375.png", fullPage: true });

  await phone.getByRole("checkbox", { name: /J'accepte d'être recontacté/ }).check();
  await phone.getByRole("button", { name: "Envoyer la demande" }).click();
  const sent = phone.getByTestId("booking-sent");
  await expect(sent).toContainText("Demande envoyée");
  await expect(sent).toContainText(/DEM-\d{5}/);
  await expectAccessible(phone, "/reserver (sent)");
  await phone.screenshot({ path: "e2e/artifacts/booking-sent-375.png", fullPage: true });
  expect(errors).toEqual([]);
  await visitor.close();

  // The office's inbox has it, as typed.
  const inbox = await (await page.request.get("/api/v1/booking-requests")).json();
  const request = inbox.items[0];
  expect(request).toMatchObject({
    status: "new",
    event_type: "Mariage",
    contact_name: "Camille Durand",
    phone: "+33612345678",
    budget_cents: 150000,
    guests: 120,
    message: "<script>alert('x')</script> Bonjour !",
  });
  expect(request.services[0].name).toBe("Animation DJ mariage");
});
