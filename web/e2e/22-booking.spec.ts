import {
  addDays,
  csrf,
  expect,
  expectAccessible,
  followServerClock,
  ORIGIN,
  signIn,
  test,
  TODAY,
} from "./fixtures";

// The public booking page (issue 19): the owner opens it with two services; a visitor on a
// 375 px phone asks for a date, sees whether it looks free, is told what is missing, sends the
// request and gets its reference; the office finds it in its inbox with the text as typed,
// answers by e-mail and accepts it: the draft quote opens. The quote is sent; from the client's
// page the office e-mails the client-space link; the client opens the space from that e-mail on
// the phone, signs the quote from it and writes a message the office reads. Once the event is
// completed, the client gets the rating e-mail, rates it 5 stars on the phone; the rating shows
// on the mission and, with the organisation's choice, on the booking page.
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
  await phone.getByLabel("E-mail", { exact: true }).fill("camille.durand@example.fr");
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

  // The inbox page: the request, its text shown as text, a reply, then accepting it.
  await page.goto("/demandes");
  await expect(
    page.getByRole("heading", { name: "Demandes de réservation", level: 1 }),
  ).toBeVisible();
  await expect(page.getByText("1 nouvelle(s) demande(s)")).toBeVisible();
  await expectAccessible(page, "/demandes");
  await page.getByRole("link", { name: request.reference }).click();
  await expect(page.getByTestId("booking-message")).toHaveText(
    "<script>alert('x')</script> Bonjour !",
  );
  await expectAccessible(page, "/demandes/:id");
  await page.getByLabel("Répondre par e-mail").fill("Bonjour Camille, la date est libre !");
  await page.getByRole("button", { name: "Envoyer la réponse" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "la date est libre" })).toBeVisible();
  await expect(page.getByText("En discussion")).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/booking-request.png", fullPage: true });
  await page.getByRole("button", { name: "Accepter", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Accepter la demande" });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, "accept dialog", { include: "[role=dialog]" });
  await dialog.getByRole("button", { name: "Accepter et créer le devis" }).click();
  await expect(page).toHaveURL(/\/devis\/\d+$/);
  await expect(page.getByText("Animation DJ mariage")).toBeVisible();
  const after = await (await page.request.get(`/api/v1/booking-requests/${request.id}`)).json();
  expect(after.request.status).toBe("quoted");

  // The quote goes out (the mailer takes it), then the client-space link from the client's page.
  const quoteSent = await page.request.post(`/api/v1/quotes/${after.request.quote_id}/send`, {
    headers,
    data: {},
  });
  expect(quoteSent.status(), await quoteSent.text()).toBe(202);
  await expect
    .poll(async () => {
      const q = await (await page.request.get(`/api/v1/quotes/${after.request.quote_id}`)).json();
      return q.status;
    })
    .toBe("sent");
  await page.goto(`/clients/${after.request.client_id}`);
  const spaceCard = page.getByTestId("client-space");
  await expect(spaceCard.getByText("Aucun lien envoyé pour le moment.")).toBeVisible();
  await spaceCard.getByRole("button", { name: "Envoyer le lien de l'espace client" }).click();
  const issue = page.getByRole("dialog", { name: "Envoyer le lien de l'espace client" });
  await expect(issue.getByLabel("Adresse e-mail")).toHaveValue("camille.durand@example.fr");
  await issue.getByRole("button", { name: "Envoyer", exact: true }).click();
  await expect(issue.getByTestId("client-space-issued")).toContainText(
    "Lien envoyé à camille.durand@example.fr.",
  );
  await expectAccessible(page, "client space dialog", { include: "[role=dialog]" });
  await issue.getByRole("button", { name: "Fermer" }).first().click();
  await expect(spaceCard.getByText("Actif")).toBeVisible();
  await expect(spaceCard.getByText("jamais ouvert")).toBeVisible();
  const mailLink = async (template: string, pattern: RegExp) => {
    let found = "";
    await expect
      .poll(async () => {
        const list = await (await page.request.get("/api/v1/admin/emails")).json();
        const mail = list.items.find((e: { template: string }) => e.template === template);
        if (!mail) return "";
        const detail = await (await page.request.get(`/api/v1/admin/emails/${mail.id}`)).json();
        found = pattern.exec(detail.text)?.[0] ?? "";
        return found;
      })
      .not.toBe("");
    return found;
  };
  const spaceLink = await mailLink("client.space", /\/espace-client\/[0-9a-f]{64}/);

  // The client, on a phone: the space from the e-mail, the quote signed from it.
  const client = await browser.newContext({
    viewport: { width: 375, height: 740 },
    locale: "fr-FR",
    isMobile: true,
    hasTouch: true,
  });
  await followServerClock(client, ORIGIN);
  const rater = await client.newPage();
  await rater.goto(spaceLink);
  await expect(rater.getByTestId("space-greeting")).toContainText("Bonjour Camille Durand");
  expect(await rater.locator("#root").count()).toBe(0);
  const quoteRow = rater.locator("[data-testid^=space-quote-]");
  await expect(quoteRow).toContainText("À signer");
  await expect(quoteRow).toContainText("1 440,00 € TTC");
  await expect(rater.getByTestId("space-event")).toContainText("Mariage");
  await expect(rater.getByTestId("space-event")).toContainText("Château de Montplaisir, Lyon");
  await expectAccessible(rater, "/espace-client");
  await rater.screenshot({ path: "e2e/artifacts/client-space-375.png", fullPage: true });
  await quoteRow.getByRole("button", { name: "Consulter et signer" }).click();
  await expect(rater).toHaveURL(/\/p\/devis\/[0-9a-f]{64}$/);
  await rater.getByLabel(/Nom et prénom/).fill("Camille Durand");
  const pad = rater.getByTestId("signature-pad");
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await rater.mouse.move(box.x + 20, box.y + box.height / 2);
  await rater.mouse.down();
  await rater.mouse.move(box.x + box.width / 2, box.y + 15, { steps: 8 });
  await rater.mouse.move(box.x + box.width - 20, box.y + box.height - 15, { steps: 8 });
  await rater.mouse.up();
  await rater
    .getByRole("checkbox", { name: "Bon pour accord : j'accepte ce devis et ses conditions" })
    .check();
  await rater.getByRole("button", { name: "Signer le devis" }).click();
  await expect(rater.getByRole("heading", { name: "Devis signé — merci !" })).toBeVisible();
  await rater.goto(spaceLink);
  await expect(quoteRow).toContainText("Signé");
  // The signed quote's PDF, from the space.
  const pdfLink = quoteRow.getByRole("link", { name: /Télécharger le PDF du devis/ });
  const pdf = await rater.request.get((await pdfLink.getAttribute("href"))!);
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await rater.getByRole("button", { name: "Envoyer" }).click();
  await expect(rater.getByText("Écrivez votre message.")).toBeVisible();
  await rater.getByLabel("Votre message").fill("Pouvez-vous arriver à 17 h ? <b>merci</b>");
  await rater.getByRole("button", { name: "Envoyer" }).click();
  await expect(rater.getByText("Message envoyé.", { exact: false })).toBeVisible();
  await expect(rater.getByRole("list", { name: "Vos messages envoyés" })).toContainText(
    "Pouvez-vous arriver à 17 h ? <b>merci</b>",
  );
  await page.reload();
  await expect(page.getByTestId("client-space-messages")).toContainText(
    "Pouvez-vous arriver à 17 h ? <b>merci</b>",
  );
  await expect(spaceCard.getByText(/ouvert 2 fois/)).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/client-space-office.png", fullPage: true });

  // The event takes place: completed, the client is invited to rate it.
  for (const status of ["confirmed", "in_progress", "completed"]) {
    const moved = await page.request.post(`/api/v1/missions/${after.request.mission_id}/status`, {
      headers,
      data: { status },
    });
    expect(moved.status(), await moved.text()).toBe(200);
  }
  const ratingLink = await mailLink("rating.request", /\/noter\/[0-9a-f]{64}/);
  await rater.goto(ratingLink);
  await expect(rater.getByRole("group", { name: "Votre note" })).toBeVisible();
  await expectAccessible(rater, "/noter");
  await rater.getByRole("button", { name: "Envoyer ma note" }).click();
  await expect(rater.getByText("Choisissez une note de 1 à 5 étoiles.")).toBeVisible();
  await rater.getByRole("radio", { name: "5 sur 5" }).check();
  await rater.getByLabel("Un commentaire (facultatif)").fill("Une soirée parfaite, merci !");
  await rater.getByRole("checkbox", { name: /J'accepte que ma note/ }).check();
  await rater.screenshot({ path: "e2e/artifacts/rating-375.png", fullPage: true });
  await rater.getByRole("button", { name: "Envoyer ma note" }).click();
  await expect(rater.getByTestId("rating-sent")).toContainText("Merci pour votre note !");
  // The rating shows on the mission and, once chosen, on the public page.
  await page.goto(`/missions/${after.request.mission_id}`);
  const ratingCard = page.getByTestId("mission-rating");
  await expect(ratingCard).toContainText("5/5");
  await expect(ratingCard).toContainText("Une soirée parfaite, merci !");
  await expect(ratingCard).toContainText("Publication acceptée");
  await expectAccessible(page, "/missions/:id with its rating");
  await page.screenshot({ path: "e2e/artifacts/mission-rating.png", fullPage: true });
  // The reports: the request won (its quote was signed), the rating in the average.
  await page.goto("/rapports");
  const bookingFigures = page.getByTestId("report-bookings");
  await expect(bookingFigures.getByText("Gagnées", { exact: true })).toBeVisible();
  await expect(bookingFigures.getByText("100 %")).toBeVisible();
  await expect(page.getByTestId("ratings-average")).toContainText("5,0/5 sur 1 note(s)");
  const shown = await page.request.put("/api/v1/booking-settings", {
    headers,
    data: {
      enabled: true,
      intro: "Parlez-nous de votre événement : nous répondons sous 24 heures.",
      event_types: ["Mariage", "Anniversaire", "Soirée d'entreprise"],
      service_ids: [(await service.json()).id],
      show_ratings: true,
    },
  });
  expect(shown.status(), await shown.text()).toBe(200);
  await rater.goto(`/reserver/${slug}`);
  await expect(rater.getByText("5/5 d'après 1 avis de clients")).toBeVisible();
  await expect(rater.getByText("Une soirée parfaite, merci !")).toBeVisible();
  await expect(rater.getByText("Camille — Mariage")).toBeVisible();
  await expectAccessible(rater, "/reserver with reviews");
  await rater.screenshot({ path: "e2e/artifacts/booking-reviews-375.png" });
  await client.close();

  // Paramètres → Réservation shows the page's address and the code to embed it.
  await page.goto("/parametres");
  await page.getByRole("tab", { name: "Réservation" }).click();
  await expect(page.getByRole("switch", { name: "Page de réservation ouverte" })).toBeChecked();
  await expect(page.getByLabel("Adresse de la page")).toHaveValue(`${ORIGIN}/reserver/${slug}`);
  await expectAccessible(page, "/parametres booking tab");
});
