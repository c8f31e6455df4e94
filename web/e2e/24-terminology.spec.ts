import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { addDays, csrf, expect, invoiceableClient, ORIGIN, signIn, test, TODAY } from "./fixtures";
import { E2E_DATA_DIR, PLANIFY_BINARY } from "./paths";

// The organisation's own words (docs/terminology.md): with « événement », « organisateur » and
// « régisseur » chosen, the navigation, the pages, the crew's e-mail and an invoice's PDF all say
// them, with their articles. Put back to the defaults at the end: later specs read them.
const LEA = { email: "lea.tech@sono-lumiere.fr", password: "un tout nouveau secret" };
const day = addDays(TODAY, 12);

const MISSION_WORD = "Vocabulaire : une mission";
const CLIENT_WORD = "Vocabulaire : un client";
const CREW_WORD = "Vocabulaire : un technicien";

async function chooseWord(page: import("@playwright/test").Page, select: string, label: string) {
  if (!page.url().endsWith("/parametres")) await page.goto("/parametres");
  const combobox = page.getByRole("combobox", { name: select, exact: true });
  await combobox.click();
  await page.getByRole("option", { name: label, exact: true }).click();
  await expect(combobox).toHaveText(label);
}

test("with « événement », « organisateur » and « régisseur » chosen, the navigation, the pages, a sent e-mail and a PDF say them", async ({
  page,
}) => {
  await signIn(page);
  await chooseWord(page, MISSION_WORD, "Événements");
  await chooseWord(page, CLIENT_WORD, "Organisateurs");
  await chooseWord(page, CREW_WORD, "Régisseurs");
  // The preview follows the choice before it is saved, with the masculine and the elision.
  const preview = page.getByLabel("Aperçu");
  await expect(preview).toContainText("Nouvel événement");
  await expect(preview).toContainText("L'événement est confirmé");
  await expect(preview).toContainText("Aucun événement");
  await expect(preview).toContainText("Nouvel organisateur · Fiche de l'organisateur");
  await expect(preview).toContainText("Le régisseur est prévenu");
  await preview.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "e2e/artifacts/terminology-settings.png" });
  const form = page
    .locator("form")
    .filter({ has: page.getByRole("combobox", { name: MISSION_WORD }) });
  await form.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Réglages de l'organisation enregistrés.")).toBeVisible();

  // Navigation and pages.
  await page.goto("/missions");
  const nav = page.getByRole("navigation", { name: "Navigation principale" });
  await expect(nav.getByRole("link", { name: "Événements" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Missions" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Organisateurs" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Clients" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Événements", level: 1 })).toBeVisible();
  await page.goto("/clients");
  await expect(page.getByRole("heading", { name: "Organisateurs", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Nouvel organisateur" })).toBeVisible();

  // A confirmed event with Léa: its page, and the e-mail she is sent.
  const headers = { Origin: ORIGIN, "X-CSRF-Token": await csrf(page) };
  const members = (await (await page.request.get("/api/v1/members")).json()) as {
    items: { user_id: number; email: string }[];
  };
  const lea = members.items.find((m) => m.email === LEA.email)!;
  const created = await page.request.post("/api/v1/missions", {
    headers,
    data: {
      title: "Gala des vendanges",
      status: "confirmed",
      starts_at: `${day}T19:00:00+01:00`,
      ends_at: `${day}T23:30:00+01:00`,
      crew: [{ user_id: lea.user_id, position: "technician", lead: true }],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const mission = (await created.json()) as { id: number };
  await page.goto(`/missions/${mission.id}`);
  await expect(page.getByRole("heading", { name: "Gala des vendanges", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Annuler l'événement" })).toBeVisible();
  await expect(page.getByText("Confirmé", { exact: true }).first()).toBeVisible();
  // Léa's position, in the organisation's word for a technician.
  await expect(page.getByText("Régisseur", { exact: true }).first()).toBeVisible();

  // The crew's e-mails go out with the reminders job (hourly): queue one now, as the scheduler
  // would, and wait for the e-mail in the outbox.
  execFileSync(PLANIFY_BINARY, ["jobs", "enqueue", "reminders.run"], {
    env: { ...process.env, PLANIFY_DATA_DIR: E2E_DATA_DIR },
  });
  type Email = { id: number; template: string; to: string; subject: string };
  const assignedEmail = async () => {
    const list = (await (await page.request.get("/api/v1/admin/emails")).json()) as {
      items: Email[];
    };
    return list.items.find(
      (e) => e.template === "mission.assigned" && e.subject.includes("Gala des vendanges"),
    );
  };
  await expect.poll(assignedEmail).toBeTruthy();
  const assigned = await assignedEmail();
  expect(assigned!.to).toBe(LEA.email);
  expect(assigned!.subject).toMatch(/^Nouvel événement : Gala des vendanges le /);
  const detail = (await (
    await page.request.get(`/api/v1/admin/emails/${assigned!.id}`)
  ).json()) as {
    text: string;
  };
  expect(detail.text).toContain("Vous êtes affecté(e) à l'événement Gala des vendanges");

  // An invoice for it: its PDF names the event's date with the organisation's word.
  const { clientId } = await invoiceableClient(page, "Domaine des Vignes", "contact@vignes.fr");
  const invoice = await page.request.post("/api/v1/invoices", {
    headers,
    data: {
      client_id: clientId,
      title: "Gala des vendanges",
      service_starts_at: `${day}T19:00:00+01:00`,
      lines: [
        {
          description: "Sonorisation",
          quantity_milli: 1000,
          unit_price_cents: 90000,
          vat_rate_bp: 2000,
        },
      ],
    },
  });
  expect(invoice.status(), await invoice.text()).toBe(201);
  const invoiceId = ((await invoice.json()) as { id: number }).id;
  // Issued: its legal mentions are frozen with the word of the day.
  const issued = await page.request.post(`/api/v1/invoices/${invoiceId}/issue`, { headers });
  expect(issued.status(), await issued.text()).toBe(200);
  const pdf = await page.request.get(`/api/v1/invoices/${invoiceId}/pdf`);
  expect(pdf.status()).toBe(200);
  const dir = mkdtempSync(path.join(tmpdir(), "planify-terms-"));
  const file = path.join(dir, "facture.pdf");
  writeFileSync(file, await pdf.body());
  const text = execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"]).toString();
  const [y, m, d] = day.split("-");
  expect(text).toContain(`Date de l'événement : ${d}/${m}/${y}`);
  expect(text).toContain("Nature de l'opération : prestation de services");
  // The client block's heading says the organisation's word for a client.
  expect(text).toContain("ORGANISATEUR");
  expect(text).not.toContain("CLIENT");

  // Back to the default words.
  await chooseWord(page, MISSION_WORD, "Missions");
  await chooseWord(page, CLIENT_WORD, "Clients");
  await chooseWord(page, CREW_WORD, "Techniciens");
  await form.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Réglages de l'organisation enregistrés.").first()).toBeVisible();
  await page.goto("/missions");
  await expect(page.getByRole("heading", { name: "Missions", level: 1 })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Clients" })).toBeVisible();
});
