import { request as playwrightRequest } from "@playwright/test";
import { csrf, E2E_NOW, expect, expectAccessible, ORIGIN, signIn, test } from "./fixtures";

// The offline scan queue (docs/pwa.md): in a basement with no network, each scan is kept on the
// phone « en attente »; when the network returns each is applied once, and one the server
// refuses (the office took the last smoke machine meanwhile) is reported with its reason.
test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

function at(hours: number): string {
  return new Date(Date.parse(E2E_NOW) + hours * 3_600_000).toISOString();
}

test("three scans made offline become exactly three movements; a conflicting one is reported", async ({
  page,
  context,
}) => {
  await signIn(page);
  const headers = { Origin: ORIGIN, "X-CSRF-Token": await csrf(page) };
  const create = async (url: string, data: unknown) => {
    const res = await page.request.post(url, { headers, data });
    expect(res.ok(), `${url}: ${await res.text()}`).toBe(true);
    return ((await res.json()) as { id: number }).id;
  };
  const items = [
    { name: "Sub 18 pouces", barcode: "3760000002103" },
    { name: "Pied d'enceinte", barcode: "3760000002110" },
    { name: "Câble XLR 10 m", barcode: "3760000002127" },
  ];
  const ids: number[] = [];
  for (const item of items) {
    ids.push(await create("/api/v1/equipment", { ...item, category: "Son", quantity_owned: 2 }));
  }
  const smoke = await create("/api/v1/equipment", {
    name: "Machine à fumée",
    category: "Effets",
    barcode: "3760000002134",
    quantity_owned: 1,
  });
  const mission = await create("/api/v1/missions", {
    title: "Concert au sous-sol",
    status: "confirmed",
    starts_at: at(6),
    ends_at: at(10),
    equipment: [...ids, smoke].map((item_id) => ({ item_id, quantity: 1 })),
  });

  // Online, the page reads the mission's gear (and how to recognise it).
  const gearBook = page.waitForResponse((r) => r.url().includes("/api/v1/equipment?limit=500"));
  await page.goto(`/scanner/mission/${mission}`);
  await expect(page.getByRole("heading", { name: "Concert au sous-sol" })).toBeVisible();
  await gearBook;

  // The basement: no network.
  await context.setOffline(true);
  await expect(page.getByRole("status").filter({ hasText: "Hors ligne" })).toBeVisible();
  const code = page.getByLabel("Code scanné");
  const queue = page.getByRole("list", { name: "Scans hors ligne" });
  for (const item of items) {
    await code.fill(item.barcode);
    await code.press("Enter");
    await expect(queue.getByRole("listitem").filter({ hasText: item.name })).toContainText(
      "en attente",
    );
  }
  // A code that is not this mission's gear cannot be read offline: said at once.
  await code.fill("3760000000017");
  await code.press("Enter");
  await expect(page.getByRole("alert")).toContainText("hors ligne, seul son matériel se lit");

  // Meanwhile the office, online, loads the only smoke machine; the phone scans it too.
  const office = await playwrightRequest.newContext({
    baseURL: ORIGIN,
    storageState: await context.storageState(),
  });
  const taken = await office.post(`/api/v1/missions/${mission}/gear/check-out`, {
    headers,
    data: { items: [{ item_id: smoke, quantity: 1 }] },
  });
  expect(taken.status(), await taken.text()).toBe(200);
  await code.fill("3760000002134");
  await code.press("Enter");
  await expect(queue.getByRole("listitem")).toHaveCount(4);
  await expectAccessible(page, "offline scans");
  await page.screenshot({ path: "e2e/artifacts/offline-scans-pending.png", fullPage: true });

  // The network returns: the three go through once, the smoke machine is refused with why.
  await context.setOffline(false);
  await expect(page.getByText("3 scan(s) hors ligne enregistré(s).")).toBeVisible();
  const refusal = queue.getByRole("alert");
  await expect(refusal).toContainText("Machine à fumée");
  await expect(refusal).toContainText("Plus aucune unité de « Machine à fumée »");
  await expect(queue.getByText("en attente")).toHaveCount(0);
  // Everything is on the truck now: the pick list has nothing left to load.
  await expect(page.getByText(/^Tout est chargé/)).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/offline-scans-sent.png", fullPage: true });

  const gear = (await (await office.get(`/api/v1/missions/${mission}/gear`)).json()) as {
    items: { item_id: number; out: number }[];
    movements: { item_id: number; kind: string; notes: string }[];
  };
  const offlineMoves = gear.movements.filter((m) => m.notes === "Scan hors ligne");
  expect(offlineMoves.map((m) => m.item_id).sort()).toEqual([...ids].sort());
  expect(gear.movements.filter((m) => m.item_id === smoke)).toHaveLength(1);
  for (const id of ids) expect(gear.items.find((i) => i.item_id === id)?.out).toBe(1);

  // Read and dismissed, the refusal goes; nothing is sent twice after a reload.
  await refusal.getByRole("button", { name: "J'ai compris" }).click();
  await expect(queue).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Concert au sous-sol" })).toBeVisible();
  const again = (await (await office.get(`/api/v1/missions/${mission}/gear`)).json()) as {
    movements: unknown[];
  };
  expect(again.movements).toHaveLength(4);
  await office.dispose();
});
