import { readFile } from "node:fs/promises";
import { expect, expectAccessible, invoiceableClient, noToasts, signIn, test } from "./fixtures";

// A client's personal data (issue 17, RGPD): from the client's page the owner downloads
// everything stored about the client as a .zip, then erases the client: the name must be typed
// again, and the answer names the issued invoice that the law keeps. The server's clock reads
// 29 January 2027 (e2e/clock.ts): the archive carries that day.

test("the owner exports then erases a client whose invoice is kept", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.goto("/");
  const { headers, clientId } = await invoiceableClient(page, "Hugo Lambert", "hugo@lambert.fr");
  const created = await page.request.post("/api/v1/invoices", {
    headers,
    data: {
      client_id: clientId,
      title: "Soirée Lambert",
      lines: [
        {
          description: "Animation DJ",
          quantity_milli: 1000,
          unit_price_cents: 60000,
          vat_rate_bp: 2000,
        },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const invoiceId = ((await created.json()) as { id: number }).id;
  const issued = await page.request.post(`/api/v1/invoices/${invoiceId}/issue`, { headers });
  expect(issued.status(), await issued.text()).toBe(200);
  const number = ((await issued.json()) as { number: string }).number;

  await page.goto(`/clients/${clientId}`);
  await expect(page.getByRole("heading", { name: "Hugo Lambert", level: 1 })).toBeVisible();
  await expect(page.getByText("Données personnelles (RGPD)")).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Exporter ses données" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`donnees-client-${clientId}-2027-01-29.zip`);
  const bytes = await readFile(await file.path());
  expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
  expect(bytes.includes(Buffer.from("LISEZMOI.txt"))).toBe(true);

  await page.getByRole("button", { name: "Effacer ce client" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText("Cette action est définitive")).toBeVisible();
  const confirm = dialog.getByRole("button", { name: "Effacer définitivement" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/tapez le nom du client/).fill("Hugo");
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/tapez le nom du client/).fill("Hugo Lambert");
  await expectAccessible(page, "erase dialog");
  await confirm.click();

  await expect(
    dialog.getByRole("heading", { name: "Données personnelles effacées" }),
  ).toBeVisible();
  await expect(dialog.getByText(number)).toBeVisible();
  await expect(dialog.getByText(/pendant 10 ans/)).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/client-erased-dialog.png", fullPage: true });
  await dialog.getByRole("button", { name: "Fermer" }).first().click();

  await expect(
    page.getByRole("heading", { name: `Client effacé n° ${clientId}`, level: 1 }),
  ).toBeVisible();
  await expect(
    page.getByText("Les données personnelles de ce client ont été effacées."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Effacer ce client" })).toHaveCount(0);
  await expect(page.getByText("hugo@lambert.fr")).toHaveCount(0);
  await noToasts(page);
  await expectAccessible(page, "erased client");
  await page.screenshot({ path: "e2e/artifacts/client-erased.png", fullPage: true });
});
