import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type APIRequestContext, type Page } from "@playwright/test";
import {
  E2E_NOW,
  ORIGIN,
  OWNER,
  expect,
  expectAccessible,
  followServerClock,
  signIn,
  test,
} from "./fixtures";

// A phone on the loading dock.
test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

async function api(request: APIRequestContext, page: Page, url: string, data: unknown) {
  const cookies = await page.context().cookies();
  const token = cookies.find((c) => c.name === "planify_csrf")?.value ?? "";
  const response = await request.post(url, {
    data,
    headers: { Origin: ORIGIN, "X-CSRF-Token": token },
  });
  expect(response.ok(), `${url}: ${await response.text()}`).toBe(true);
  return (await response.json()) as { id: number };
}

function at(hours: number): string {
  return new Date(Date.parse(E2E_NOW) + hours * 3_600_000).toISOString();
}

test("equipment: wedge scan, batch check-out of 3 items, return 2 OK and 1 damaged, maintenance and late returns", async ({
  page,
}) => {
  await signIn(page);
  const item = (name: string, barcode?: string) =>
    api(page.request, page, "/api/v1/equipment", {
      name,
      category: "Scanner",
      quantity_owned: 4,
      ...(barcode ? { barcode } : {}),
    });
  const speaker = await item("Enceinte QSC K12", "3760000000017");
  const beam = await item("Lyre Beam 7R");
  const mixer = await item("Table Pioneer DJM");
  const gig = await api(page.request, page, "/api/v1/missions", {
    title: "Soirée Quai 9",
    status: "confirmed",
    starts_at: at(3),
    ends_at: at(9),
    equipment: [speaker, beam, mixer].map((i) => ({ item_id: i.id, quantity: 1 })),
  });
  // Last night's mission kept one beam: it is late.
  const lastNight = await api(page.request, page, "/api/v1/missions", {
    title: "Anniversaire Léa",
    status: "confirmed",
    starts_at: at(-40),
    ends_at: at(-34),
    equipment: [{ item_id: beam.id, quantity: 1 }],
  });
  await api(page.request, page, `/api/v1/missions/${lastNight.id}/gear/check-out`, {
    items: [{ item_id: beam.id, quantity: 1 }],
  });

  // A wedge scanner types the barcode then Enter: the item's scan page opens.
  await page.goto("/scanner");
  await expect(page.getByRole("heading", { name: "Scanner" })).toBeVisible();
  await expectAccessible(page, "/scanner");
  await page.getByLabel("Code scanné").fill("3760000000017");
  await page.getByLabel("Code scanné").press("Enter");
  await expect(page.getByRole("heading", { name: "Enceinte QSC K12" })).toBeVisible();
  await expect(page.getByTestId("on-shelf")).toHaveText("4 en rayon sur 4");
  await expect(page.getByText("Soirée Quai 9")).toBeVisible();
  await expectAccessible(page, "/scanner/materiel");
  await page.screenshot({ path: "e2e/artifacts/scanner-item-phone.png", fullPage: true });

  // Batch mode: the mission's pick list ticks itself off as the three items are scanned.
  await page.getByRole("link", { name: "Retour au scanner" }).click();
  await page.getByRole("link", { name: /Soirée Quai 9/ }).click();
  await expect(page.getByRole("heading", { name: "Soirée Quai 9" })).toBeVisible();
  const code = page.getByLabel("Code scanné");
  await expect(page.getByTestId(`pick-${speaker.id}`)).toHaveAttribute("data-done", "false");
  await code.fill("3760000000017");
  await code.press("Enter");
  await expect(page.getByTestId(`pick-${speaker.id}`)).toHaveAttribute("data-done", "true");
  await code.fill(`MAT-${beam.id}`);
  await code.press("Enter");
  await expect(page.getByTestId(`pick-${beam.id}`)).toHaveAttribute("data-done", "true");
  // A label printed on another host still names its item.
  await code.fill(`http://192.168.1.20:8080/scanner/materiel/${mixer.id}`);
  await code.press("Enter");
  await expect(page.getByTestId(`pick-${mixer.id}`)).toHaveAttribute("data-done", "true");
  await code.fill("inconnu-999");
  await code.press("Enter");
  await expect(page.getByRole("alert")).toHaveText(/Aucun matériel ne porte le code/);
  await expectAccessible(page, "/scanner/mission");
  await page.screenshot({ path: "e2e/artifacts/scanner-batch-phone.png", fullPage: true });
  await page.getByRole("button", { name: "Valider la sortie (3)" }).click();
  await expect(page.getByText("3 unité(s) sorties.")).toBeVisible();
  await expect(
    page.getByText("Tout est chargé. Scannez un matériel pour l'ajouter."),
  ).toBeVisible();

  // Back at the depot: two come back fine, the mixer damaged.
  await page.getByRole("button", { name: "Retour", exact: true }).click();
  for (const scanned of ["3760000000017", `MAT-${beam.id}`, `MAT-${mixer.id}`]) {
    await code.fill(scanned);
    await code.press("Enter");
  }
  await expect(page.getByTestId(`pick-${mixer.id}`)).toHaveAttribute("data-done", "true");
  await page.getByRole("combobox", { name: "État au retour : Table Pioneer DJM" }).click();
  await page.getByRole("option", { name: "Abîmé (en réparation)" }).click();
  await page.getByRole("button", { name: "Valider le retour (3)" }).click();
  await expect(page.getByText("3 unité(s) rentrées.")).toBeVisible();

  // The mission's page tells what came back and how.
  await page.goto(`/missions/${gig.id}`);
  const gear = page.getByTestId("mission-equipment");
  await expect(gear.getByText("1 abîmé(s)")).toBeVisible();
  await expect(gear.getByText("1 rentré(s)")).toHaveCount(2);

  // The damaged mixer is at the repairer; last night's beam is late.
  await page.goto("/materiel");
  await expect(page.getByTestId("maintenance").getByText("1 × Table Pioneer DJM")).toBeVisible();
  await expect(
    page.getByTestId("late-returns").getByText(/1 × Lyre Beam 7R — Anniversaire Léa/),
  ).toBeVisible();
  await expectAccessible(page, "/materiel with logistics");
});

test("equipment: a kit is loaded in one scan, and the depot's wall display shows the day without a session", async ({
  page,
  browser,
  baseURL,
}) => {
  await signIn(page);
  const depot = await api(page.request, page, "/api/v1/storage-sites", { name: "Dépôt Est" });
  const item = (name: string) =>
    api(page.request, page, "/api/v1/equipment", {
      name,
      category: "Kit",
      quantity_owned: 10,
      storage_site_id: depot.id,
    });
  const speaker = await item("Enceinte FBT X-Lite");
  const cable = await item("Câble XLR 5 m");
  const gig = await api(page.request, page, "/api/v1/missions", {
    title: "Salon Auto Lyon",
    status: "confirmed",
    starts_at: at(2),
    ends_at: at(8),
    address: "Eurexpo, Chassieu",
    equipment: [
      { item_id: speaker.id, quantity: 2 },
      { item_id: cable.id, quantity: 4 },
    ],
  });

  // The kit is made on the equipment page.
  await page.goto("/materiel");
  await page.getByRole("button", { name: "Nouveau kit" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Nom du kit").fill("Flight case Salon");
  await dialog.getByRole("combobox", { name: "Matériel 1" }).click();
  await page.getByRole("option", { name: "Enceinte FBT X-Lite" }).click();
  await dialog.getByLabel("Quantité").first().fill("2");
  await dialog.getByRole("button", { name: "Ajouter un matériel" }).click();
  await dialog.getByRole("combobox", { name: "Matériel 2" }).click();
  await page.getByRole("option", { name: "Câble XLR 5 m" }).click();
  await dialog.getByLabel("Quantité").nth(1).fill("4");
  await dialog.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Kit « Flight case Salon » enregistré.")).toBeVisible();
  const kits = page.getByTestId("kits");
  await expect(kits.getByText("Flight case Salon")).toBeVisible();
  await expect(kits.getByText("2 disponible(s) en rayon")).toBeVisible();
  // The toast fades out first: axe reads a half-transparent toast as poor contrast.
  await expect(page.getByText("Kit « Flight case Salon » enregistré.")).toBeHidden();
  await expectAccessible(page, "/materiel with kits");
  const kitCode = (await kits.locator(".font-mono").first().textContent())?.trim() ?? "";
  expect(kitCode).toMatch(/^KIT-\d+$/);

  // One scan of the kit's label loads both lines of the pick list.
  await page.goto(`/scanner/mission/${gig.id}`);
  const code = page.getByLabel("Code scanné");
  await code.fill(kitCode);
  await code.press("Enter");
  await expect(page.getByTestId(`pick-${speaker.id}`)).toHaveAttribute("data-done", "true");
  await expect(page.getByTestId(`pick-${cable.id}`)).toHaveAttribute("data-done", "true");
  await page.getByRole("button", { name: "Valider la sortie (6)" }).click();
  await expect(page.getByText("6 unité(s) sorties.")).toBeVisible();

  // The speaker's sheet: its mission, its journal (with the kit), and a transfer to another depot.
  await api(page.request, page, "/api/v1/storage-sites", { name: "Dépôt Ouest" });
  await page.goto("/materiel");
  await page.getByRole("link", { name: "Enceinte FBT X-Lite" }).click();
  await expect(page.getByRole("heading", { name: "Enceinte FBT X-Lite" })).toBeVisible();
  await expect(page.getByTestId("item-calendar").getByText("Salon Auto Lyon")).toBeVisible();
  await expect(page.getByTestId("item-movements").getByText("Sortie × 2")).toBeVisible();
  await expect(page.getByTestId("item-movements").getByText(/kit Flight case Salon/)).toBeVisible();
  await page.getByRole("button", { name: "Transférer" }).click();
  const transfer = page.getByRole("dialog");
  await transfer.getByRole("combobox", { name: "Vers" }).click();
  await page.getByRole("option", { name: "Dépôt Ouest" }).click();
  await transfer.getByLabel("Quantité").fill("3");
  await transfer.getByRole("button", { name: "Transférer" }).click();
  await expect(page.getByText("3 × Enceinte FBT X-Lite transféré(s).")).toBeVisible();
  const depots = page.getByRole("list", { name: "Par dépôt" });
  await expect(depots.getByText("Dépôt Ouest")).toBeVisible();
  await expect(
    page.getByTestId("item-movements").getByText("Dépôt Est → Dépôt Ouest"),
  ).toBeVisible();
  await expect(page.getByText("3 × Enceinte FBT X-Lite transféré(s).")).toBeHidden();
  // What the model is: brand, model, weight and value, shown on its sheet.
  await page.getByRole("button", { name: "Modifier" }).click();
  const edit = page.getByRole("dialog");
  await edit.getByLabel("Marque").fill("FBT");
  await edit.getByLabel("Modèle").fill("X-Lite 15A");
  await edit.getByLabel("Poids (kg)").fill("21,5");
  await edit.getByLabel("Valeur à neuf (€)").fill("1 290");
  await edit.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("FBT X-Lite 15A")).toBeVisible();
  await expect(page.getByTestId("item-figures").getByText("21,5")).toBeVisible();
  await expect(page.getByTestId("item-figures").getByText(/1\s290,00/)).toBeVisible();
  // Toasts fade out first: axe reads a half-transparent toast as poor contrast.
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0);
  await expectAccessible(page, "/materiel/:id");
  await page.screenshot({ path: "e2e/artifacts/item-sheet-phone.png", fullPage: true });

  // The category is renamed once, on every item filed under it.
  await page.goto("/materiel");
  await page.getByRole("button", { name: "Catégories" }).click();
  const list = page.getByRole("dialog");
  const row = list
    .getByRole("listitem")
    .filter({ has: page.getByLabel("Nom de la catégorie Kit", { exact: true }) });
  await row.getByRole("textbox").fill("Sono plein air");
  await row.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Catégorie « Sono plein air » enregistrée.")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("cell", { name: "Sono plein air" }).first()).toBeVisible();

  // The depot's wall display: a link made on the places page, opened without a session.
  await page.goto("/lieux");
  await page.getByRole("tab", { name: "Dépôts" }).click();
  await page
    .getByRole("row", { name: /Dépôt Est/ })
    .getByRole("button", { name: "Affichage mural" })
    .click();
  await page.getByRole("button", { name: "Créer un lien" }).click();
  const link = page.getByLabel("Lien de l'affichage");
  await expect(link).toHaveValue(/\/affichage\/dsp_[0-9a-f]{48}$/);
  const url = new URL(await link.inputValue());
  await expect(page.getByTestId("display-state")).toHaveText(/Un lien est actif/);

  const screen = await browser.newContext({
    baseURL,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    viewport: { width: 1920, height: 1080 },
  });
  try {
    await followServerClock(screen, baseURL!);
    const wall = await screen.newPage();
    await wall.goto(url.pathname);
    await expect(wall.getByRole("heading", { name: "Dépôt Est" })).toBeVisible();
    await expect(wall.getByTestId("display-departures").getByText("Salon Auto Lyon")).toBeVisible();
    await expect(wall.getByTestId("display-departures").getByText(/Eurexpo/)).toBeVisible();
    await expect(wall.getByTestId("display-out").getByText("4 × Câble XLR 5 m")).toBeVisible();
    await expectAccessible(wall, "/affichage");
    await wall.screenshot({ path: "e2e/artifacts/depot-display.png" });

    // Revoked from the office: the screen says so at its next load.
    await page.getByRole("button", { name: "Révoquer" }).click();
    await expect(page.getByTestId("display-state")).toHaveText("Aucun lien actif.");
    await wall.reload();
    await expect(wall.getByRole("alert")).toHaveText(/n'existe plus/);
  } finally {
    await screen.close();
  }
});

// The camera path: Chromium's fake camera plays a QR label the server printed.
test("equipment: units with serial numbers — a unit already out is refused naming its mission, then comes back damaged", async ({
  page,
}) => {
  await signIn(page);
  // A model tracked by unit, created from the form.
  await page.goto("/materiel");
  await page.getByRole("button", { name: "Nouveau matériel" }).click();
  const form = page.getByRole("dialog");
  await form.getByLabel("Nom").fill("Lyre Robe 600");
  await form.getByLabel("Quantité possédée").fill("2");
  await form.getByRole("combobox", { name: "Suivi" }).click();
  await page.getByRole("option", { name: "Par unité (numéros de série)" }).click();
  await form.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("« Lyre Robe 600 » enregistré.")).toBeVisible();
  await page.getByRole("link", { name: "Lyre Robe 600" }).click();
  await expect(page.getByRole("heading", { name: "Lyre Robe 600" })).toBeVisible();
  const itemId = Number(new URL(page.url()).pathname.split("/").pop());
  const units = page.getByTestId("item-units");
  await expect(units.getByRole("listitem")).toHaveCount(2);
  const firstCode = (await units.locator(".font-mono").first().textContent())?.trim() ?? "";
  expect(firstCode).toMatch(/^UNI-\d+$/);
  const unitId = Number(firstCode.slice(4));

  // Its serial number, typed once.
  await page.getByRole("button", { name: `Modifier l'unité ${firstCode}` }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Numéro de série").fill("RB600-01");
  await dialog.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Unité RB600-01 enregistrée.")).toBeVisible();
  await expect(units.getByText("RB600-01")).toBeVisible();
  // Its photo, for whoever looks for it on the shelf.
  await page.getByLabel("Photo du matériel").setInputFiles({
    name: "lyre.png",
    mimeType: "image/png",
    buffer: Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
      "base64",
    ),
  });
  await expect(page.getByTestId("item-photo")).toBeVisible();
  await expect(page.getByTestId("item-photo")).toHaveAttribute("src", /\/photo\?v=/);
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0);
  await expectAccessible(page, "/materiel/:id with units");
  await page.screenshot({ path: "e2e/artifacts/item-units-phone.png", fullPage: true });

  const wedding = await api(page.request, page, "/api/v1/missions", {
    title: "Mariage Rousseau",
    status: "confirmed",
    starts_at: at(2),
    ends_at: at(8),
    equipment: [{ item_id: itemId, quantity: 1 }],
  });
  const gala = await api(page.request, page, "/api/v1/missions", {
    title: "Gala des Lumières",
    status: "confirmed",
    starts_at: at(3),
    ends_at: at(9),
    equipment: [{ item_id: itemId, quantity: 1 }],
  });

  // The serial number read off the plate opens that unit; it goes out with the wedding.
  await page.goto("/scanner");
  await page.getByLabel("Code scanné").fill("RB600-01");
  await page.getByLabel("Code scanné").press("Enter");
  await expect(page.getByTestId("scanned-unit")).toContainText("Unité RB600-01");
  await expect(page.getByTestId("scanned-unit")).toContainText("En dépôt");
  await page
    .locator("div.rounded-md")
    .filter({ hasText: "Mariage Rousseau" })
    .getByRole("button", { name: "Sortir" })
    .click();
  await expect(page.getByText("Sortie enregistrée.")).toBeVisible();
  await expect(page.getByTestId("scanned-unit")).toContainText("Sortie");

  // The gala's crew scans the same unit: refused, naming the wedding.
  await page.goto(`/scanner/mission/${gala.id}`);
  const code = page.getByLabel("Code scanné");
  await code.fill(firstCode);
  await code.press("Enter");
  await expect(page.getByTestId(`pick-${itemId}`)).toHaveAttribute("data-done", "true");
  await page.getByRole("button", { name: "Valider la sortie (1)" }).click();
  await expect(page.getByRole("alert")).toContainText("Mariage Rousseau");

  // The unit's own label (as a phone's camera app opens it) brings it back damaged.
  await page.goto(`/scanner/unite/${unitId}`);
  await expect(page.getByTestId("scanned-unit")).toContainText("Unité RB600-01");
  await page.getByRole("button", { name: "Retour abîmé" }).click();
  await expect(page.getByText("Retour enregistré.")).toBeVisible();
  await expect(page.getByTestId("scanned-unit")).toContainText("En maintenance");

  // On the sheet: the unit is in maintenance, the wedding's pick list names what went out.
  await page.goto(`/materiel/${itemId}`);
  const row = page.getByTestId("item-units").getByRole("listitem").filter({ hasText: "RB600-01" });
  await expect(row.getByText("En maintenance")).toBeVisible();
  await expect(page.getByTestId("item-maintenance").getByText(/RB600-01/)).toBeVisible();
  await page.goto(`/missions/${wedding.id}`);
  await expect(page.getByTestId("mission-equipment").getByText("1 abîmé(s)")).toBeVisible();

  // The inventory filtered on what is in maintenance: the lyre, not the speaker back in order.
  await page.goto("/materiel");
  await expect(page.getByRole("link", { name: "Enceinte QSC K12" })).toBeVisible();
  await page.getByRole("combobox", { name: "État" }).click();
  await page.getByRole("option", { name: "En maintenance" }).click();
  await expect(page.getByRole("link", { name: "Lyre Robe 600" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Enceinte QSC K12" })).toHaveCount(0);

  // Repaired: back in service from its sheet, its repair record closed.
  await page.getByRole("link", { name: "Lyre Robe 600" }).click();
  const repaired = page
    .getByTestId("item-units")
    .getByRole("listitem")
    .filter({ hasText: "RB600-01" });
  await repaired.getByRole("button", { name: "Remettre en service" }).click();
  await expect(page.getByText("RB600-01 est de retour en dépôt.")).toBeVisible();
  await expect(repaired.getByText("En dépôt")).toBeVisible();
  await expect(
    page.getByTestId("item-maintenance").getByText("Fait", { exact: true }),
  ).toBeVisible();
});

test("equipment: the camera reads a printed label and opens its item", async ({
  page,
  baseURL,
}) => {
  await signIn(page);
  const cookies = await page.context().cookies();
  const token = cookies.find((c) => c.name === "planify_csrf")?.value ?? "";
  const created = await page.request.post("/api/v1/equipment", {
    data: { name: "Machine à fumée", quantity_owned: 1 },
    headers: { Origin: ORIGIN, "X-CSRF-Token": token },
  });
  expect(created.ok()).toBe(true);
  const { id } = (await created.json()) as { id: number };
  const pdf = await page.request.get(`/api/v1/equipment/labels?layout=single&ids=${id}`);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");

  // The label as the camera would film it: rasterised (poppler), then a Y4M clip.
  const dir = mkdtempSync(path.join(tmpdir(), "planify-camera-"));
  writeFileSync(path.join(dir, "label.pdf"), await pdf.body());
  execFileSync("pdftoppm", [
    "-r",
    "220",
    "-gray",
    path.join(dir, "label.pdf"),
    path.join(dir, "label"),
  ]);
  const pgm = readdirSync(dir).find((f) => f.endsWith(".pgm"));
  if (!pgm) throw new Error("pdftoppm wrote no image");
  writeFileSync(path.join(dir, "label.y4m"), toY4m(readFileSync(path.join(dir, pgm))));

  const browser = await chromium.launch({
    executablePath: process.env.PLANIFY_CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-video-capture=${path.join(dir, "label.y4m")}`,
    ],
  });
  try {
    const context = await browser.newContext({
      baseURL,
      locale: "fr-FR",
      timezoneId: "Europe/Paris",
      viewport: { width: 375, height: 812 },
      permissions: ["camera"],
    });
    await followServerClock(context, baseURL!);
    const phone = await context.newPage();
    const response = await phone.request.post("/api/v1/auth/sign-in", {
      data: { email: OWNER.email, password: OWNER.password },
      headers: { Origin: ORIGIN },
    });
    expect(response.status()).toBe(200);
    await phone.goto("/scanner");
    await phone.getByRole("button", { name: "Utiliser la caméra" }).click();
    await expect(phone.getByRole("heading", { name: "Machine à fumée" })).toBeVisible();
    await expect(phone).toHaveURL(new RegExp(`/scanner/materiel/${id}$`));
  } finally {
    await browser.close();
  }
});

/** A grey PGM (P5) as a one-frame 4:2:0 Y4M, padded white to even sides. */
function toY4m(pgm: Buffer): Buffer {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString("latin1"));
  if (!header) throw new Error("not a binary PGM");
  const [, w, h] = header.map(Number) as [number, number, number];
  const pixels = pgm.subarray(header[0].length);
  const width = w + (w % 2);
  const height = h + (h % 2);
  const luma = Buffer.alloc(width * height, 255);
  for (let y = 0; y < h; y += 1) pixels.copy(luma, y * width, y * w, y * w + w);
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  return Buffer.concat([
    Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`, "latin1"),
    luma,
    chroma,
  ]);
}
