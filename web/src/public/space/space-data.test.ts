import { describe, expect, it } from "vitest";

import { formatCents, isSpacePage } from "./space-data";

const page = {
  organization_name: "Sono Lumière",
  logo_url: null,
  brand_color: "#112233",
  organization_email: "contact@sono-lumiere.fr",
  organization_phone: null,
  client_name: "Mariage Durand",
  expires_at: "2026-12-25T14:00:00.000Z",
  time_zone: "Europe/Paris",
  quotes: [
    {
      id: 1,
      number: "DEV-2026-0001",
      title: "Mariage",
      status: "sent",
      gross_cents: 180000,
      issue_date: "2026-11-25",
      valid_until: "2026-12-31",
      can_open: true,
    },
  ],
  invoices: [],
  events: [
    {
      title: "Mariage",
      status: "confirmed",
      date: "2026-12-12",
      starts_at: null,
      ends_at: null,
      venue: "Château",
      lead_name: null,
      lead_email: null,
    },
  ],
  messages: [{ id: 3, body: "Bonjour", created_at: "2026-11-25T14:00:00.000Z" }],
};

describe("client space answer", () => {
  it("accepts what the server sends", () => {
    expect(isSpacePage(page)).toBe(true);
  });

  it("refuses a wrong shape instead of drawing half a page", () => {
    expect(isSpacePage({ ...page, quotes: [{ ...page.quotes[0], gross_cents: "1800" }] })).toBe(
      false,
    );
    expect(isSpacePage({ ...page, events: null })).toBe(false);
    expect(isSpacePage(null)).toBe(false);
  });
});

describe("formatCents", () => {
  it("writes integer cents as euros in French and English", () => {
    expect(formatCents(180000, "fr")).toBe("1\u202f800,00\u00a0€");
    expect(formatCents(5, "fr")).toBe("0,05\u00a0€");
    expect(formatCents(123456789, "en")).toBe("€1,234,567.89");
    expect(formatCents(-2050, "en")).toBe("-€20.50");
  });
});
