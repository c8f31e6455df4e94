import {
  ORIGIN,
  invoiceableClient,
  expect,
  expectAccessible,
  followServerClock,
  noToasts,
  signIn,
  test,
} from "./fixtures";

// Getting paid online (issue 16): the organisation connects its own Stripe account (the local
// fake of e2e/fake-stripe.mjs), a client signs a quote on a phone and pays the deposit on the
// checkout page, Stripe's signed webhook lands, and the office sees the deposit invoice paid.

const STRIPE = `http://127.0.0.1:${process.env.PLANIFY_FAKE_STRIPE_PORT ?? 18091}`;
const KEY = "sk_test_51PlanifyEndToEnd00000000004242";
const WEBHOOK_SECRET = "whsec_PlanifyEndToEndSecret000000";

test("sign a quote on a phone → pay the deposit on Stripe → the office sees it paid", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signIn(page);

  // Settings → Paiements: the key is checked with Stripe, the webhook address is given.
  await page.goto("/parametres");
  await page.getByRole("tab", { name: "Paiements" }).click();
  await page.getByLabel("Clé secrète Stripe").fill("pk_test_not_a_secret_key");
  await page.getByLabel("Secret de signature du webhook").fill(WEBHOOK_SECRET);
  await page.getByRole("button", { name: "Connecter et vérifier" }).click();
  await expect(page.getByText(/Clé secrète Stripe attendue/)).toBeVisible();
  await page.getByLabel("Clé secrète Stripe").fill(KEY);
  await page.getByRole("button", { name: "Connecter et vérifier" }).click();
  const status = page.getByTestId("stripe-status");
  await expect(status.getByText("Connecté", { exact: true })).toBeVisible();
  await expect(status).toContainText("sk_test_…4242");
  await expect(status).toContainText("Sono Lumière (test)");
  const webhookUrl = await page.getByRole("textbox", { name: "Adresse du webhook" }).inputValue();
  expect(webhookUrl).toMatch(/\/api\/v1\/webhooks\/stripe\/[0-9a-f]{48}$/);
  await noToasts(page);
  await expectAccessible(page, "settings → paiements");
  await page.screenshot({ path: "e2e/artifacts/payment-settings.png", fullPage: true });
  // What one pastes in Stripe's dashboard.
  const configured = await page.request.post(`${STRIPE}/__config`, {
    data: { webhook_url: webhookUrl, webhook_secret: WEBHOOK_SECRET, planify_url: ORIGIN },
  });
  expect(configured.ok()).toBe(true);

  // A quote with a 30 % deposit, sent to the client.
  await page.goto("/");
  const { headers, clientId } = await invoiceableClient(
    page,
    "Camille Martin",
    "camille@martin.fr",
  );
  const quote = await page.request.post("/api/v1/quotes", {
    headers,
    data: {
      client_id: clientId,
      title: "Mariage Martin",
      deposit_kind: "acompte",
      deposit_bp: 3000,
      lines: [
        {
          description: "Animation DJ",
          quantity_milli: 1000,
          unit_price_cents: 100_000,
          vat_rate_bp: 2000,
        },
      ],
    },
  });
  expect(quote.status(), await quote.text()).toBe(201);
  const quoteId = ((await quote.json()) as { id: number }).id;
  const sent = await page.request.post(`/api/v1/quotes/${quoteId}/send`, { headers, data: {} });
  expect(sent.status(), await sent.text()).toBe(202);
  const link = ((await sent.json()) as { link: string }).link;
  await expect
    .poll(
      async () =>
        ((await (await page.request.get(`/api/v1/quotes/${quoteId}`)).json()) as { status: string })
          .status,
    )
    .toBe("sent");

  // The client, on a phone: signs, then pays the deposit.
  const phone = await browser.newContext({ viewport: { width: 375, height: 812 } });
  await followServerClock(phone, ORIGIN);
  const client_page = await phone.newPage();
  await client_page.goto(new URL(link).pathname);
  await client_page.getByLabel(/Nom et prénom/).fill("Camille Martin");
  const pad = client_page.getByTestId("signature-pad");
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await client_page.mouse.move(box.x + 20, box.y + box.height / 2);
  await client_page.mouse.down();
  await client_page.mouse.move(box.x + box.width / 2, box.y + 15, { steps: 8 });
  await client_page.mouse.move(box.x + box.width - 20, box.y + box.height - 15, { steps: 8 });
  await client_page.mouse.up();
  await client_page
    .getByRole("checkbox", { name: "Bon pour accord : j'accepte ce devis et ses conditions" })
    .check();
  await client_page.getByRole("button", { name: "Signer le devis" }).click();
  await expect(client_page.getByRole("heading", { name: "Devis signé — merci !" })).toBeVisible();
  const deposit = client_page.getByTestId("public-quote-deposit");
  await expect(deposit).toContainText(/360,00\s€/);
  await expectAccessible(client_page, "signed quote with its deposit to pay");
  await deposit.getByRole("button", { name: "Payer l'acompte" }).click();

  // Stripe's page (the fake), then back to Planify's return page.
  await expect(
    client_page.getByRole("heading", { name: "Paiement sécurisé (test)" }),
  ).toBeVisible();
  await expect(client_page.getByText("Acompte — devis DEV-")).toBeVisible();
  await client_page.getByRole("button", { name: /Payer 360,00/ }).click();
  await expect(client_page).toHaveURL(/\/paiement\/retour\/[0-9a-f]{64}$/);
  // The webhook is applied by the job worker: "being confirmed" turns into "received".
  await expect(client_page.getByRole("heading", { name: "Paiement reçu — merci !" })).toBeVisible({
    timeout: 30_000,
  });
  await expect(client_page.getByText(/acompte du devis DEV-/)).toBeVisible();
  await expectAccessible(client_page, "payment return page");
  await client_page.screenshot({ path: "e2e/artifacts/payment-return.png", fullPage: true });
  await phone.close();

  // The office: the deposit invoice was issued automatically and is paid.
  const deposits = (await (
    await page.request.get(`/api/v1/invoices?kind=deposit&quote_id=${quoteId}`)
  ).json()) as { items: { id: number; number: string }[] };
  expect(deposits.items).toHaveLength(1);
  await page.goto(`/factures/${deposits.items[0]!.id}`);
  await expect(page.getByText("Payée", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("En ligne (Stripe)")).toBeVisible();
  await expect(page.getByText("Aucune relance envoyée.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Mettre les relances en pause" })).toHaveCount(0);
  await expectAccessible(page, "deposit invoice paid online");
  await page.screenshot({ path: "e2e/artifacts/invoice-paid-online.png", fullPage: true });

  // Stripe's events, as the settings page lists them.
  await page.goto("/parametres");
  await page.getByRole("tab", { name: "Paiements" }).click();
  // The reminder schedule: the default four steps, each e-mail previewed.
  const reminders = page.getByRole("group", { name: /^Relance \d$/ });
  await expect(reminders).toHaveCount(4);
  await page.getByRole("button", { name: "Aperçu de la relance 4" }).click();
  const preview = page.getByRole("dialog");
  await expect(preview.getByRole("heading", { name: /Mise en demeure : facture/ })).toBeVisible();
  await expect(preview.locator("iframe")).toBeVisible();
  await expectAccessible(page, "reminder preview", {
    include: "[role=dialog]",
    exclude: ["iframe"],
  });
  await page.keyboard.press("Escape");
  await expect(preview).toBeHidden();
  const events = page.getByRole("list", { name: "Événements Stripe" });
  await expect(events.getByText("payment_intent.succeeded", { exact: true })).toBeVisible();
  await expect(events.getByText("checkout.session.completed", { exact: true })).toBeVisible();
  await expect(events.getByText("Appliqué")).toHaveCount(2);
  await expectAccessible(page, "settings → paiements with events");

  // The payments list: the online payment, found by its origin.
  await page.getByRole("link", { name: "Paiements" }).first().click();
  await expect(page.getByRole("heading", { name: "Paiements", level: 1 })).toBeVisible();
  await page.getByRole("combobox", { name: "Origine" }).click();
  await page.getByRole("option", { name: "En ligne (Stripe)" }).click();
  const rows = page.getByRole("table", { name: "Paiements" }).getByRole("row");
  await expect(rows.filter({ hasText: deposits.items[0]!.number })).toHaveCount(1);
  await expect(page.getByTestId("payments-summary")).toContainText(/360,00\s€/);
  await expectAccessible(page, "payments list, online only");
  await page.screenshot({ path: "e2e/artifacts/payments-list.png", fullPage: true });
  await page.getByRole("combobox", { name: "Origine" }).click();
  await page.getByRole("option", { name: "Repris de l'ancienne application" }).click();
  await expect(page.getByText("Aucun paiement ne correspond à ces filtres")).toBeVisible();
});
