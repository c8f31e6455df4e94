import { readFile } from "node:fs/promises";
import {
  csrf,
  noToasts,
  ORIGIN,
  YEAR,
  expect,
  expectAccessible,
  followServerClock,
  signIn,
  test,
} from "./fixtures";

// The journey of the plan: quote → send → the client opens the link from the e-mail and signs
// on the public page → deposit invoice → final invoice deducting the deposit → credit note.

test("quote → send → sign on the public link → deposit → final invoice → credit note", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.goto("/");
  const token = await csrf(page);
  const headers = { Origin: ORIGIN, "X-CSRF-Token": token };

  // What an invoice needs that earlier specs did not fill: share capital and address.
  const settings = await page.request.patch("/api/v1/organization", {
    headers,
    data: {
      share_capital_cents: 1_000_000,
      address_line1: "1 rue du Parc",
      postal_code: "37000",
      city: "Tours",
    },
  });
  expect(settings.status(), await settings.text()).toBe(200);
  const client = await page.request.post("/api/v1/clients", {
    headers,
    data: {
      kind: "company",
      name: "Château de Montplaisir",
      billing_address: { line1: "2 allée des Tilleuls", postal_code: "69003", city: "Lyon" },
      contacts: [{ name: "Inès Moreau", email: "ines@montplaisir.fr", primary: true }],
    },
  });
  expect(client.status(), await client.text()).toBe(201);
  const clientId = ((await client.json()) as { id: number }).id;

  // The quote, with live totals from the server.
  await page.goto("/devis");
  await expect(page.getByRole("heading", { name: "Devis", level: 1 })).toBeVisible();
  await expectAccessible(page, "/devis");
  await page.getByRole("link", { name: "Nouveau devis" }).click();
  await expect(page.getByRole("heading", { name: "Nouveau devis", level: 1 })).toBeVisible();
  await page.getByRole("combobox", { name: "Client" }).click();
  await page.getByRole("option", { name: "Château de Montplaisir" }).click();
  await page.getByLabel("Objet").fill("Mariage Dupont");
  const first = page.getByRole("group", { name: "Ligne 1" });
  await first.getByLabel("Désignation").fill("Animation DJ");
  await first.getByLabel("Quantité").fill("6");
  await first.getByRole("combobox", { name: "Unité" }).click();
  await page.getByRole("option", { name: "heure", exact: true }).click();
  await first.getByLabel("Prix unitaire HT").fill("100");
  await page.getByRole("button", { name: "Ajouter une ligne" }).click();
  const second = page.getByRole("group", { name: "Ligne 2" });
  await second.getByLabel("Désignation").fill("Frais de déplacement");
  await second.getByLabel("Prix unitaire HT").fill("50");
  await page.getByLabel("Remise sur le document (%)").fill("10");
  await page.getByRole("combobox", { name: "Acompte" }).click();
  await page.getByRole("option", { name: "Acompte (engagement ferme)" }).click();
  await page.getByLabel("Acompte (% du TTC)").fill("30");
  // The legacy example: 650 € − 10 % = 585 € HT, 117 € VAT, 702 € TTC, 30 % deposit 210.60 €.
  await expect(page.getByTestId("total-net")).toHaveText(/585,00\s€/);
  await expect(page.getByTestId("total-gross")).toHaveText(/702,00\s€/);
  await expect(page.getByText(/Acompte demandé/)).toBeVisible();
  await expectAccessible(page, "/devis/nouveau");
  await page.screenshot({ path: "e2e/artifacts/quote-editor.png", fullPage: true });
  await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await expect(page.getByRole("heading", { name: /Devis \(brouillon\)/ })).toBeVisible();
  await noToasts(page);
  await expectAccessible(page, "quote page (draft)");
  const quoteUrl = page.url();

  // Send: the number is taken, the e-mail leaves through the outbox, the quote becomes "sent".
  await page.getByRole("button", { name: "Envoyer" }).click();
  const send = page.getByRole("dialog", { name: "Envoyer le devis" });
  await expect(send.getByLabel("Destinataire")).toHaveValue("ines@montplaisir.fr");
  await send.getByRole("button", { name: "Envoyer" }).click();
  await expect(send).toBeHidden();
  const year = YEAR;
  await expect(
    page.getByRole("heading", { name: new RegExp(`Devis DEV-${year}-\\d{4}`) }),
  ).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("Envoyé", { exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });

  // The link, as the client receives it (read from the organisation's outbox).
  const emails = await (await page.request.get("/api/v1/admin/emails")).json();
  const sent = emails.items.find((e: { template: string }) => e.template === "quote.sent");
  const email = await (await page.request.get(`/api/v1/admin/emails/${sent.id}`)).json();
  const link = /https?:\/\/\S+\/p\/devis\/[0-9a-f]{64}/.exec(email.text)?.[0];
  expect(link, email.text).toBeTruthy();

  // The client, on a phone, without any session.
  const phone = await browser.newContext({ viewport: { width: 375, height: 812 } });
  await followServerClock(phone, ORIGIN);
  const client_page = await phone.newPage();
  await client_page.goto(new URL(link!).pathname);
  await expect(client_page.getByText("Mariage Dupont").first()).toBeVisible();
  await expect(client_page.getByText(/702,00\s€/).first()).toBeVisible();
  await expectAccessible(client_page, "public quote page");
  await client_page.screenshot({ path: "e2e/artifacts/public-quote.png", fullPage: true });
  await client_page.getByLabel(/Nom et prénom/).fill("Inès Moreau");
  await expect(client_page.getByLabel(/Adresse e-mail/)).toHaveValue("ines@montplaisir.fr");
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
  await expect(client_page.getByTestId("public-quote-accepted")).toContainText("Inès Moreau");
  const overflow = await client_page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, "the public page fits a 375 px phone").toBeLessThanOrEqual(0);
  await phone.close();

  // Back at the office: accepted, with the evidence.
  await page.goto(quoteUrl);
  await expect(page.getByText("Accepté", { exact: true })).toBeVisible();
  const evidence = page.getByTestId("signature-evidence");
  await expect(evidence).toContainText("Inès Moreau");
  await expect(evidence).toContainText(/SHA-256 [0-9a-f]{64}/);
  await expect(page.getByRole("link", { name: "Modifier" })).toHaveCount(0);

  // Deposit invoice, issued.
  await page.getByRole("button", { name: /Facture d'acompte \(210,60\s€\)/ }).click();
  await expect(
    page.getByRole("heading", { name: /Facture d'acompte \(brouillon\)/ }),
  ).toBeVisible();
  await noToasts(page);
  await expectAccessible(page, "deposit invoice (draft)");
  await page.getByRole("button", { name: "Émettre la facture" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Émettre la facture" }).click();
  const depositHeading = page.getByRole("heading", {
    name: new RegExp(`Facture d'acompte FAC-${year}-\\d{4}`),
  });
  await expect(depositHeading).toBeVisible();
  const depositNumber = /FAC-\d{4}-\d{4}/.exec((await depositHeading.textContent()) ?? "")![0];

  // The client pays the deposit by transfer; the bank statement is attached as proof.
  await page.getByRole("button", { name: "Enregistrer un paiement" }).click();
  const payment = page.getByRole("dialog", { name: "Enregistrer un paiement" });
  await expect(payment.getByLabel("Montant")).toHaveValue("210,60");
  await payment.getByLabel("Référence (virement, chèque…)").fill("VIR 2611 DUPONT");
  await payment.getByLabel("Fichier justificatif").setInputFiles({
    name: "releve.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\nrelevé\n%%EOF"),
  });
  await expectAccessible(page, "payment dialog", { include: "[role=dialog]" });
  await payment.getByRole("button", { name: "Enregistrer un paiement" }).click();
  await expect(payment).toBeHidden();
  await expect(page.getByText("Payée", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "justificatif" })).toBeVisible();
  await expect(page.getByTestId("invoice-remaining")).toHaveText(/0,00\s€/);

  // The client's SIREN, now known: the final invoice is a complete e-invoice (Factur-X).
  const withSiren = await page.request.put(`/api/v1/clients/${clientId}`, {
    headers,
    data: {
      kind: "company",
      name: "Château de Montplaisir",
      siren: "552100554",
      billing_address: { line1: "2 allée des Tilleuls", postal_code: "69003", city: "Lyon" },
      contacts: [{ name: "Inès Moreau", email: "ines@montplaisir.fr", primary: true }],
    },
  });
  expect(withSiren.status(), await withSiren.text()).toBe(200);

  // Final invoice: the deposit is deducted.
  await page.goto(quoteUrl);
  await page.getByRole("button", { name: "Facture finale" }).click();
  await expect(page.getByRole("heading", { name: /^Facture \(brouillon\)/ })).toBeVisible();
  await expect(page.getByText(`Acompte ${depositNumber}`, { exact: false })).toBeVisible();
  await expect(page.getByText(/491,40\s€/).first()).toBeVisible();
  await page.getByRole("button", { name: "Émettre la facture" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Émettre la facture" }).click();
  await expect(
    page.getByRole("heading", { name: new RegExp(`^Facture FAC-${year}-\\d{4}`) }),
  ).toBeVisible();
  await expect(page.getByTestId("invoice-remaining")).toHaveText(/491,40\s€/);
  await noToasts(page);
  await expectAccessible(page, "final invoice (issued)");
  const pdf = await page.request.get(
    `${page.url().replace(/\/factures\//, "/api/v1/invoices/")}/pdf`,
  );
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  // The PDF is a Factur-X: its EN 16931 data downloads from the page too.
  expect((await pdf.body()).includes(Buffer.from("factur-x.xml"))).toBe(true);
  const xmlDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Données Factur-X (XML)" }).click();
  const xmlFile = await xmlDownload;
  expect(xmlFile.suggestedFilename()).toMatch(new RegExp(`^FAC-${year}-\\d{4}\\.xml$`));
  const xml = await readFile(await xmlFile.path(), "utf8");
  expect(xml).toContain("<ram:TypeCode>380</ram:TypeCode>");
  expect(xml).toContain("<ram:DuePayableAmount>491.40</ram:DuePayableAmount>");

  // A credit note for everything left: the invoice is cancelled by it.
  await page.getByRole("button", { name: "Faire un avoir" }).click();
  const creditDialog = page.getByRole("dialog", { name: "Faire un avoir" });
  await expect(creditDialog.getByLabel("Montant TTC de l'avoir")).toHaveValue("491,40");
  await creditDialog.getByLabel("Motif").fill("Prestation annulée par le client");
  await creditDialog.getByRole("button", { name: "Émettre l'avoir" }).click();
  await expect(creditDialog).toBeHidden();
  await expect(page.getByRole("link", { name: new RegExp(`AV-${year}-\\d{4}`) })).toBeVisible();
  await expect(page.getByText("Annulée", { exact: true })).toBeVisible();
  await expect(page.getByTestId("invoice-remaining")).toHaveText(/0,00\s€/);
  await page.screenshot({ path: "e2e/artifacts/invoice.png", fullPage: true });

  await page.goto("/factures");
  await expect(page.getByTestId("invoices-summary")).toContainText("2 facture(s)");
  await expectAccessible(page, "/factures");

  // The client's page: its documents; nothing left to collect (deposit paid, rest credited).
  await page.goto(`/clients/${clientId}`);
  const linked = page.getByTestId("linked-documents");
  await expect(linked.getByText("Payée", { exact: true })).toBeVisible();
  await expect(linked.getByTestId("balance-due")).toHaveCount(0);
  await expect(linked.getByRole("link", { name: new RegExp(`Devis DEV-${year}`) })).toBeVisible();
  await expect(linked.getByRole("link", { name: /Facture d'acompte FAC-/ })).toBeVisible();
});
