import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

export const ITEM_KINDS = ["service", "rental", "product", "fee", "travel"] as const;
export const UNITS = ["hour", "day", "unit", "km", "flat"] as const;

const itemSchema = z.object({
  id: z.number().int(),
  kind: z.enum(ITEM_KINDS),
  name: z.string(),
  description: z.string(),
  sku: z.string(),
  unit: z.enum(UNITS),
  unit_price_cents: z.number().int(),
  vat_rate_bp: z.number().int(),
  equipment_item_id: z.number().int().nullable(),
  archived: z.boolean(),
});
export type CatalogueItem = z.infer<typeof itemSchema>;
export type CatalogueItemInput = Omit<CatalogueItem, "id" | "archived">;

const ruleSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  event_type: z.string(),
  hourly_rate_cents: z.number().int(),
  minimum_minutes: z.number().int(),
  weekend_surcharge_bp: z.number().int(),
  holiday_surcharge_bp: z.number().int(),
  night_surcharge_bp: z.number().int(),
  surcharge_mode: z.enum(["compound", "additive"]),
  night_start_minutes: z.number().int(),
  night_end_minutes: z.number().int(),
  travel_flat_cents: z.number().int(),
  travel_per_km_cents: z.number().int(),
  travel_free_km: z.number().int(),
  vat_rate_bp: z.number().int(),
  archived: z.boolean(),
});
export type PricingRule = z.infer<typeof ruleSchema>;
export type PricingRuleInput = Omit<PricingRule, "id" | "archived">;

const priceSchema = z.object({
  weekend: z.boolean(),
  holiday: z.boolean(),
  night: z.boolean(),
  billed_minutes: z.number().int(),
  hourly_rate_cents: z.number().int(),
  lines: z.array(
    z.object({
      kind: z.string(),
      description: z.string(),
      unit: z.string(),
      quantity_milli: z.number().int(),
      unit_price_cents: z.number().int(),
      vat_rate_bp: z.number().int(),
      net_cents: z.number().int(),
    }),
  ),
  net_cents: z.number().int(),
});
export type PriceSuggestion = z.infer<typeof priceSchema>;

export const catalogueKeys = {
  all: ["catalogue"] as const,
  items: (q: string) => [...catalogueKeys.all, "items", q] as const,
  rules: () => [...catalogueKeys.all, "rules"] as const,
};

export function useCatalogueItems(q: string) {
  return useQuery({
    queryKey: catalogueKeys.items(q),
    queryFn: ({ signal }) =>
      apiRequest(
        `/api/v1/catalogue?${new URLSearchParams({ q, limit: "500" }).toString()}`,
        z.object({ items: z.array(itemSchema), total: z.number().int() }),
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

export function useSaveCatalogueItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: CatalogueItemInput }) =>
      id === null
        ? apiRequest("/api/v1/catalogue", itemSchema, { method: "POST", body: input })
        : apiRequest(`/api/v1/catalogue/${id}`, itemSchema, { method: "PUT", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogueKeys.all }),
  });
}

export function usePricingRules() {
  return useQuery({
    queryKey: catalogueKeys.rules(),
    queryFn: ({ signal }) =>
      apiRequest("/api/v1/pricing-rules", z.object({ items: z.array(ruleSchema) }), { signal }),
    select: (data) => data.items,
  });
}

export function useSavePricingRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: PricingRuleInput }) =>
      id === null
        ? apiRequest("/api/v1/pricing-rules", ruleSchema, { method: "POST", body: input })
        : apiRequest(`/api/v1/pricing-rules/${id}`, ruleSchema, { method: "PUT", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogueKeys.all }),
  });
}

export function priceWithRule(
  id: number,
  body: { starts_at: string; ends_at: string; distance_km: number },
) {
  return apiRequest(`/api/v1/pricing-rules/${id}/price`, priceSchema, { method: "POST", body });
}
