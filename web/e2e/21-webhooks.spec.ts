import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { expect, expectAccessible, signIn, test } from "./fixtures";

// Paramètres → Webhooks (issue 20): an owner registers an endpoint on a local receiver (the
// suite's server allows local receivers: PLANIFY_TEST_WEBHOOKS_LOCAL), copies the secret shown
// once, tests it and sees the delivery logged; the receiver checks the signature with that
// secret; a replay, a pause, a failing endpoint's log, a new secret, a deletion.

const PORT = Number(process.env.PLANIFY_E2E_RECEIVER_PORT ?? 18094);
const RECEIVER = `http://127.0.0.1:${PORT}`;

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
const received: Received[] = [];
let receiver: Server | undefined;

test.beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body });
      res.statusCode = req.url === "/fail" ? 500 : 200;
      res.end(req.url === "/fail" ? "boom" : "ok");
    });
  });
  await new Promise<void>((resolve) => receiver!.listen(PORT, "127.0.0.1", resolve));
});

test.afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
});

/** The receiver's check, as docs/webhooks.md tells integrators to write it. */
function signatureIsValid(secret: string, delivery: Received): boolean {
  const header = String(delivery.headers["planify-signature"] ?? "");
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=") as [string, string]));
  if (!parts.t || !parts.v1) return false;
  const expected = createHmac("sha256", secret).update(`${parts.t}.${delivery.body}`).digest("hex");
  return expected === parts.v1;
}

test("an owner registers a webhook, tests it, replays it, and reads the log", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.goto("/parametres");
  await page.getByRole("tab", { name: "Webhooks" }).click();
  await expect(page.getByText("Aucun webhook pour l'instant")).toBeVisible();

  // Nothing filled: each problem at its field, nothing registered.
  await page.getByRole("button", { name: "Ajouter le webhook" }).click();
  await expect(page.getByText("Adresse complète attendue (https://…).")).toBeVisible();
  await expect(page.getByText("Choisissez au moins un événement.")).toBeVisible();
  const url = page.getByLabel("Adresse de réception (https)");
  await expect(url).toHaveAttribute("aria-invalid", "true");
  await url.fill("ftp://example.org/hook");
  await page.getByLabel("Facture payée").check();
  await page.getByRole("button", { name: "Ajouter le webhook" }).click();
  await expect(page.getByText("Choisissez au moins un événement.")).toBeHidden();
  await expect(url).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Aucun webhook pour l'instant")).toBeVisible();

  // Registered: the secret is shown once.
  await url.fill(`${RECEIVER}/ok`);
  await page.getByLabel("Description").fill("n8n");
  await page.getByLabel("Devis signé").check();
  await page.getByRole("button", { name: "Ajouter le webhook" }).click();
  const secretBox = page.getByLabel("Secret de signature");
  await expect(secretBox).toBeVisible();
  const secret = await secretBox.inputValue();
  expect(secret.length).toBeGreaterThan(20);
  const endpoint = page.getByRole("listitem", { name: `${RECEIVER}/ok` });
  await expect(endpoint).toContainText("n8n");
  await expect(endpoint).toContainText("Facture payée");
  await expect(endpoint).toContainText("Devis signé");
  await expect(endpoint).toContainText("Actif");
  await expectAccessible(page, "webhooks tab");

  // Test it: the delivery is logged as delivered, and its signature checks out with the secret.
  await endpoint.getByRole("button", { name: "Tester" }).click();
  const log = endpoint.getByRole("table");
  const first = log.getByTestId("webhook-delivery").first();
  await expect(first).toContainText("Livré");
  await expect(first).toContainText("HTTP 200");
  await expect(first).toContainText("Test");
  expect(received).toHaveLength(1);
  expect(received[0]!.headers["planify-event"]).toBe("ping");
  expect(signatureIsValid(secret, received[0]!)).toBe(true);
  expect(signatureIsValid("whsec_not_the_secret", received[0]!)).toBe(false);

  // Send it again from the log: a new delivery, marked as a replay, the same body.
  await first.getByRole("button", { name: "Renvoyer" }).click();
  await expect(log.getByTestId("webhook-delivery")).toHaveCount(2);
  const replay = log.getByTestId("webhook-delivery").first();
  await expect(replay).toContainText("renvoi de l'envoi");
  await expect(replay).toContainText("Livré");
  await expect.poll(() => received.length).toBe(2);
  expect(received[1]!.body).toBe(received[0]!.body);
  expect(received[1]!.headers["planify-delivery"]).not.toBe(
    received[0]!.headers["planify-delivery"],
  );
  await page.screenshot({ path: "e2e/artifacts/webhooks-light.png", fullPage: true });

  // Pause, then enable again.
  await endpoint.getByRole("button", { name: "Mettre en pause" }).click();
  await expect(endpoint).toContainText("Désactivé");
  await expect(endpoint.getByRole("button", { name: "Tester" })).toBeDisabled();
  await endpoint.getByRole("button", { name: "Réactiver" }).click();
  await expect(endpoint).toContainText("Actif");

  // A new secret: shown once, different; the old one no longer signs.
  await endpoint.getByRole("button", { name: "Nouveau secret" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Nouveau secret" }).click();
  await expect(secretBox).not.toHaveValue(secret);
  const rotated = await secretBox.inputValue();
  await endpoint.getByRole("button", { name: "Tester" }).click();
  await expect.poll(() => received.length).toBe(3);
  expect(signatureIsValid(rotated, received[2]!)).toBe(true);
  expect(signatureIsValid(secret, received[2]!)).toBe(false);

  // A receiver answering 500: the log says so while the queue retries.
  await url.fill(`${RECEIVER}/fail`);
  await page.getByLabel("Devis signé").check();
  await page.getByRole("button", { name: "Ajouter le webhook" }).click();
  const failing = page.getByRole("listitem", { name: `${RECEIVER}/fail` });
  await expect(failing).toBeVisible();
  await failing.getByRole("button", { name: "Tester" }).click();
  const attempt = failing.getByTestId("webhook-delivery").first();
  await expect(attempt).toContainText("HTTP 500");
  await expect(attempt).toContainText("Réponse 500");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "e2e/artifacts/webhooks-dark.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });

  // Deleted: gone from the list, and nothing more goes there.
  await failing.getByRole("button", { name: "Supprimer" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Supprimer" }).click();
  await expect(failing).toHaveCount(0);
  await expect(endpoint).toBeVisible();
});
