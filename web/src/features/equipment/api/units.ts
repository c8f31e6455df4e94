import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";
import { equipmentKeys } from "./equipment";
import { maintenanceSchema, movementSchema, unitSchema } from "./logistics";

export const unitKeys = {
  ofItem: (item: number) => [...equipmentKeys.all, "item", item, "units"] as const,
  unit: (id: number) => [...equipmentKeys.all, "unit", id] as const,
};

const unitViewSchema = z.object({
  unit: unitSchema,
  movements: z.array(movementSchema),
  maintenance: z.array(maintenanceSchema),
});
export type UnitView = z.infer<typeof unitViewSchema>;

export interface UnitInput {
  serial_number: string;
  barcode: string;
  notes: string;
}

/** The units of an item tracked by unit (retired ones left out). */
export function useItemUnits(item: number, enabled = true) {
  return useQuery({
    queryKey: unitKeys.ofItem(item),
    queryFn: ({ signal }) =>
      apiRequest(`/api/v1/equipment/${item}/units`, z.object({ items: z.array(unitSchema) }), {
        signal,
      }),
    select: (data) => data.items,
    enabled: enabled && Number.isInteger(item) && item > 0,
  });
}

/** One unit with its journal and maintenance records. */
export function useUnit(id: number) {
  return useQuery({
    queryKey: unitKeys.unit(id),
    queryFn: ({ signal }) =>
      apiRequest(`/api/v1/equipment/units/${id}`, unitViewSchema, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** Adds a unit (`item` set) or renames one (`id` set). */
export function useSaveUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ item, id, input }: { item?: number; id?: number; input: UnitInput }) =>
      id === undefined
        ? apiRequest(`/api/v1/equipment/${item ?? 0}/units`, unitSchema, {
            method: "POST",
            body: input,
          })
        : apiRequest(`/api/v1/equipment/units/${id}`, unitSchema, { method: "PATCH", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: equipmentKeys.all }),
  });
}

/** A unit in maintenance back on the shelf, repaired (its open records closed). */
export function useUnitBackInService() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      apiRequest(`/api/v1/equipment/units/${id}/back-in-service`, unitSchema, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: equipmentKeys.all }),
  });
}

export function useRetireUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      apiRequest(`/api/v1/equipment/units/${id}/retire`, unitSchema, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: equipmentKeys.all }),
  });
}
