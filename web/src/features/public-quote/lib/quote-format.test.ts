import { describe, expect, it } from "vitest";
import { translate, type Translate } from "@/lib/i18n";
import { publicQuoteSchema } from "../api/public-quote";
import { documentDiscountCents, formatDay, formatQuantity, formatRate } from "./quote-format";

const fr: Translate = (key, params) => translate("fr", key, params);
const en: Translate = (key, params) => translate("en", key, params);
// Intl puts (narrow) no-break spaces in numbers; compare with plain ones.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("formatQuantity", () => {
  it("writes hours, days and km like the PDF", () => {
    expect(formatQuantity(6000, "hour", "fr", fr)).toBe("6 h");
    expect(formatQuantity(1500, "day", "fr", fr)).toBe("1,5 j");
    expect(formatQuantity(1500, "day", "en", en)).toBe("1.5 d");
    expect(formatQuantity(42_250, "km", "fr", fr)).toBe("42,25 km");
  });

  it("shows the bare number for units, flat fees and no unit", () => {
    expect(formatQuantity(3000, "unit", "fr", fr)).toBe("3");
    expect(formatQuantity(1000, "flat", "fr", fr)).toBe("1");
    expect(formatQuantity(125, null, "fr", fr)).toBe("0,125");
  });

  it("keeps milli-units exact and groups thousands", () => {
    expect(formatQuantity(100, "hour", "fr", fr)).toBe("0,1 h");
    expect(formatQuantity(300, "hour", "fr", fr)).toBe("0,3 h");
    expect(plain(formatQuantity(1_234_500, "km", "fr", fr))).toBe("1 234,5 km");
    expect(formatQuantity(-2000, "unit", "fr", fr)).toBe("-2");
  });
});

describe("formatRate", () => {
  it("turns basis points into a percentage", () => {
    expect(plain(formatRate(2000, "fr"))).toBe("20 %");
    expect(plain(formatRate(550, "fr"))).toBe("5,5 %");
    expect(plain(formatRate(210, "fr"))).toBe("2,1 %");
    expect(formatRate(550, "en")).toBe("5.5%");
  });
});

describe("formatDay", () => {
  it("shows the calendar day as written, whatever the time zone", () => {
    expect(formatDay("2026-11-24", "fr")).toBe("24/11/2026");
    expect(formatDay("2026-01-01", "fr")).toBe("01/01/2026");
    expect(formatDay("not a date", "fr")).toBe("not a date");
  });
});

describe("documentDiscountCents", () => {
  it("is what the document discount took off the lines, text lines aside", () => {
    const lines = [
      { kind: "service", net_cents: 60_000 },
      { kind: "text", net_cents: 0 },
      { kind: "travel", net_cents: 4_000 },
    ];
    expect(documentDiscountCents(lines, 57_600)).toEqual({
      linesNetCents: 64_000,
      discountCents: 6_400,
    });
    expect(documentDiscountCents(lines, 64_000).discountCents).toBe(0);
  });
});

describe("publicQuoteSchema", () => {
  it("reads the server's answer and tolerates unknown kinds and units", () => {
    const parsed = publicQuoteSchema.parse({
      id: 7,
      number: "DEV-2026-0001",
      status: "sent",
      title: "Mariage",
      client_name: "Camille Martin",
      client_email: null,
      seller_name: "DJ Services",
      total_net_cents: 60_000,
      total_vat_cents: 12_000,
      total_gross_cents: 72_000,
      vat_regime: "standard",
      description: "",
      venue_text: "",
      purchase_order_ref: "",
      service_starts_at: null,
      service_ends_at: null,
      client: { kind: "individual", name: "Camille Martin" },
      discount_bp: 0,
      discount_cents: 0,
      lines: [
        {
          kind: "hologram",
          description: "Animation",
          unit: "parsec",
          quantity_milli: 6000,
          unit_price_cents: 10_000,
          vat_rate_bp: 2000,
          discount_bp: 0,
          discount_cents: 0,
          net_cents: 60_000,
          catalogue_item_id: null,
          equipment_item_id: null,
        },
      ],
      vat_breakdown: [{ rate_bp: 2000, base_cents: 60_000, discount_cents: 0, vat_cents: 12_000 }],
      deposit_kind: "acompte",
      deposit_bp: 3000,
      deposit_cents: 21_600,
      deposit_amount_cents: 0,
      issue_date: "2026-11-24",
      valid_until: "2026-12-24",
      terms: "Paiement à 30 jours.",
      accepted_at: null,
      declined_at: null,
      decline_reason: null,
      signature: null,
    });
    expect(parsed.lines[0]).toMatchObject({ kind: "service", unit: null });
    expect(parsed.deposit_cents).toBe(21_600);
  });
});
