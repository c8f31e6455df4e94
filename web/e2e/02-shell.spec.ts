import { expect, expectAccessible, signIn, test } from "./fixtures";

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

test("the shell renders in French with navigation and no console errors", async ({
  page,
  consoleErrors,
}) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Navigation principale" }).first();
  await expect(nav.getByRole("link", { name: "Tableau de bord" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(nav.getByRole("link", { name: "Paramètres" })).toBeVisible();
  await expect(page.getByText("SQLite")).toBeVisible();
  await expectAccessible(page, "/");
  await page.screenshot({ path: "e2e/artifacts/shell-desktop.png", fullPage: true });
  expect(consoleErrors).toEqual([]);
});

test("Ctrl+K opens the command palette, which navigates and closes on Escape", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Tableau de bord", level: 1 })).toBeVisible();
  await page.keyboard.press("Control+k");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Rechercher" })).toBeFocused();
  await expectAccessible(page, "command palette");
  // Focus stays inside the open dialog.
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await page.keyboard.press("Control+k");
  await expect(page.getByRole("combobox", { name: "Rechercher" })).toBeFocused();
  await page.keyboard.type("param");
  await expect(page.getByRole("option", { name: "Paramètres" })).toHaveAttribute(
    "aria-selected",
    "true",
  );
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/parametres$/);
  await expect(page.getByRole("heading", { name: "Paramètres", level: 1 })).toBeVisible();
});

test("every control is reachable with Tab and visibly focused", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Tableau de bord", level: 1 })).toBeVisible();
  const reached: string[] = [];
  // Enough presses to pass every menu entry (the menu grows with the features).
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press("Tab");
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return {
        name: el.getAttribute("aria-label") ?? el.textContent?.trim() ?? el.tagName,
        outline: style.outlineStyle !== "none" && style.outlineWidth !== "0px",
      };
    });
    if (info) {
      reached.push(info.name);
      expect(info.outline, `focus ring on ${info.name}`).toBe(true);
    }
  }
  for (const name of [
    "Aller au contenu",
    "Tableau de bord",
    "Paramètres",
    "Rechercher",
    "Changer de thème",
    "Menu du compte",
  ]) {
    expect(reached).toContain(name);
  }
});

test("the theme toggle switches to dark and is remembered", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Changer de thème" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await expectAccessible(page, "/ dark");
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.getByRole("button", { name: "Changer de thème" }).click();
  await expect(page.locator("html")).not.toHaveClass(/dark/);
});

test("the interface switches to English from the settings", async ({ page }) => {
  await page.goto("/parametres");
  await page.getByRole("tab", { name: "Apparence" }).click();
  await page.getByLabel("Langue").click();
  await page.getByRole("option", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expectAccessible(page, "/parametres (en)");
  await page.getByLabel("Language").click();
  await page.getByRole("option", { name: "Français" }).click();
  await expect(page.getByRole("heading", { name: "Paramètres", level: 1 })).toBeVisible();
});

test("an unknown address shows the not-found page inside the shell", async ({ page }) => {
  await page.goto("/nulle-part");
  await expect(page.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
  await page.getByRole("link", { name: "Retour au tableau de bord" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 740 }, hasTouch: true });

  test("a bottom navigation and a menu sheet replace the sidebar", async ({ page }) => {
    await page.goto("/");
    const bottomNav = page.getByRole("navigation", { name: "Navigation principale" }).last();
    await expect(bottomNav.getByRole("link", { name: "Paramètres" })).toBeVisible();
    await page.getByRole("button", { name: "Ouvrir le menu" }).click();
    const sheet = page.getByRole("dialog");
    await expect(sheet).toBeVisible();
    await expectAccessible(page, "phone menu");
    await page.keyboard.press("Escape");
    await expect(sheet).toBeHidden();
    await bottomNav.getByRole("link", { name: "Paramètres" }).click();
    await expect(page).toHaveURL(/\/parametres$/);
    await expect(page.getByRole("heading", { name: "Paramètres", level: 1 })).toBeVisible();
    // Once the page has settled (entry animations, lazy tabs); names what sticks out if not.
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            if (document.documentElement.scrollWidth <= window.innerWidth) return "";
            const wide = Array.from(document.querySelectorAll("body *"))
              .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
              .slice(0, 5)
              .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).slice(0, 60)}`);
            return wide.join(" | ") || "overflow";
          }),
        { message: "no horizontal scroll at 375 px", timeout: 5000 },
      )
      .toBe("");
    await page.screenshot({ path: "e2e/artifacts/shell-phone.png", fullPage: true });
  });
});
