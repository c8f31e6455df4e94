import { describe, expect, it } from "vitest";
import { NAV_ITEMS, visibleNavItems } from "./nav-items";

const OWNER = [
  "organization.read",
  "organization.manage",
  "members.read",
  "members.manage",
  "audit.read",
  "emails.read",
  "clients.read",
  "missions.read_all",
  "missions.manage",
  "equipment.read",
  "quotes.manage",
  "invoices.manage",
  "exports.run",
];
const DJ = ["organization.read", "missions.read_own", "equipment.read"];

describe("navigation", () => {
  it("shows the planning to crew through their own-missions permission", () => {
    expect(visibleNavItems(DJ).map((i) => i.to)).toEqual([
      "/",
      "/planning",
      "/missions",
      "/materiel",
      "/scanner",
      "/lieux",
      "/parametres",
    ]);
  });

  it("shows the office everything it may open, in the plan's order", () => {
    expect(visibleNavItems(OWNER).map((i) => i.to)).toEqual([
      "/",
      "/planning",
      "/missions",
      "/clients",
      "/devis",
      "/factures",
      "/exports",
      "/catalogue",
      "/materiel",
      "/scanner",
      "/lieux",
      "/equipe",
      "/journal",
      "/administration",
      "/parametres",
    ]);
  });

  it("keeps the phone's bottom bar to five entries at most", () => {
    expect(NAV_ITEMS.filter((i) => i.mobile).length).toBeLessThanOrEqual(5);
  });
});
