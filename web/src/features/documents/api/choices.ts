import { useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";
import { LINE_KINDS, LINE_UNITS } from "./documents";

// What the editor picks from: the organisation's clients and catalogue (read through their
// public API, not another feature's internals), and percentages typed by hand.

export function useClientChoices() {
  return useQuery({
    queryKey: ["documents", "client-choices"],
    queryFn: ({ signal }) =>
      apiRequest(
        "/api/v1/clients?limit=200",
        z.object({ items: z.array(z.object({ id: z.number().int(), name: z.string() })) }),
        { signal },
      ),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

const catalogueItem = z.object({
  id: z.number().int(),
  kind: z.enum(LINE_KINDS),
  name: z.string(),
  description: z.string(),
  unit: z.enum(LINE_UNITS),
  unit_price_cents: z.number().int(),
  vat_rate_bp: z.number().int(),
});

export function useCatalogueOptions() {
  return useQuery({
    queryKey: ["documents", "catalogue-choices"],
    queryFn: ({ signal }) =>
      apiRequest("/api/v1/catalogue?limit=500", z.object({ items: z.array(catalogueItem) }), {
        signal,
      }),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

/** "10" / "10,5" / "5.25 %" → basis points (1000, 1050, 525); "" → null; bad text → null. */
export function parsePercent(text: string): number | null {
  const match = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!match) return null;
  const [, whole = "0", fraction = ""] = match;
  const bp = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return bp <= 10000 ? bp : null;
}

/** 1050 → "10,5" (fr) / "10.5" (en). */
export function formatPercentInput(bp: number, locale: "fr" | "en"): string {
  const whole = Math.trunc(bp / 100);
  const rest = bp % 100;
  if (rest === 0) return String(whole);
  return `${whole}${locale === "fr" ? "," : "."}${String(rest).padStart(2, "0").replace(/0+$/, "")}`;
}
