import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

export const EQUIPMENT_STATUSES = ["available", "maintenance", "retired"] as const;

export const itemSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  category: z.string(),
  storage_site: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  quantity_owned: z.number().int(),
  quantity_out_of_service: z.number().int(),
  status: z.enum(EQUIPMENT_STATUSES),
  rental_price_cents: z.number().int(),
  notes: z.string(),
  barcode: z.string().nullable(),
  short_code: z.string(),
  maintenance_interval_days: z.number().int().nullable().optional(),
  brand: z.string().optional(),
  model: z.string().optional(),
  vat_rate_bp: z.number().int().nullable().optional(),
  replacement_value_cents: z.number().int().nullable().optional(),
  weight_grams: z.number().int().nullable().optional(),
  tracking: z.enum(["stock", "unit"]).default("stock"),
  photo_url: z.string().nullable().default(null),
  created_at: z.string(),
  updated_at: z.string(),
});
export type EquipmentItem = z.infer<typeof itemSchema>;

export interface EquipmentInput {
  name: string;
  category: string;
  quantity_owned: number;
  quantity_out_of_service: number;
  status: (typeof EQUIPMENT_STATUSES)[number];
  rental_price_cents: number;
  notes: string;
  storage_site_id: number | null;
  barcode: string;
  maintenance_interval_days: number | null;
  brand: string;
  model: string;
  vat_rate_bp: number | null;
  replacement_value_cents: number | null;
  weight_grams: number | null;
  tracking: "stock" | "unit";
}

export const equipmentKeys = {
  all: ["equipment"] as const,
  list: (q: string, category: string, page: number, site = "", state = "") =>
    [...equipmentKeys.all, "list", q, category, page, site, state] as const,
  everything: () => [...equipmentKeys.all, "everything"] as const,
  categories: () => [...equipmentKeys.all, "categories"] as const,
};

export const EQUIPMENT_PAGE_SIZE = 50;

/** States the inventory filters on (besides every state but retired). */
export const EQUIPMENT_STATES = ["available", "maintenance", "out", "retired"] as const;

/** A page of the inventory: searched, by category, depot (`site`: an id) and state. */
export function useEquipment(q: string, category: string, page: number, site = "", state = "") {
  return useQuery({
    queryKey: equipmentKeys.list(q, category, page, site, state),
    queryFn: ({ signal }) =>
      apiRequest(
        `/api/v1/equipment?${new URLSearchParams({
          q,
          category,
          ...(site ? { site_id: site } : {}),
          ...(state ? { state } : {}),
          limit: String(EQUIPMENT_PAGE_SIZE),
          offset: String(page * EQUIPMENT_PAGE_SIZE),
        }).toString()}`,
        z.object({ items: z.array(itemSchema), total: z.number().int() }),
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

/** The whole catalogue (up to 500 lines), for pickers. */
export function useAllEquipment(enabled = true) {
  return useQuery({
    queryKey: equipmentKeys.everything(),
    enabled,
    queryFn: ({ signal }) =>
      apiRequest(
        "/api/v1/equipment?limit=500",
        z.object({ items: z.array(itemSchema), total: z.number().int() }),
        { signal },
      ),
    select: (data) => data.items,
  });
}

export function useEquipmentCategories() {
  return useQuery({
    queryKey: equipmentKeys.categories(),
    queryFn: ({ signal }) =>
      apiRequest("/api/v1/equipment/categories", z.object({ items: z.array(z.string()) }), {
        signal,
      }),
    select: (data) => data.items,
  });
}

export function useSaveEquipment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: EquipmentInput }) =>
      id === null
        ? apiRequest("/api/v1/equipment", itemSchema, { method: "POST", body: input })
        : apiRequest(`/api/v1/equipment/${id}`, itemSchema, { method: "PUT", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: equipmentKeys.all }),
  });
}
