import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";
import { equipmentKeys } from "./equipment";

export const RETURN_CONDITIONS = ["ok", "damaged", "missing"] as const;
export type ReturnCondition = (typeof RETURN_CONDITIONS)[number];

export const movementSchema = z.object({
  id: z.number().int(),
  item_id: z.number().int(),
  item_name: z.string(),
  mission_id: z.number().int().nullable(),
  mission_title: z.string().nullable(),
  kind: z.string(),
  quantity: z.number().int(),
  condition: z.string().nullable(),
  occurred_at: z.string(),
  user_id: z.number().int().nullable(),
  user_name: z.string().nullable(),
  notes: z.string(),
  kit_id: z.number().int().nullable().optional(),
  kit_name: z.string().nullable().optional(),
  from_site_name: z.string().nullable().optional(),
  to_site_name: z.string().nullable().optional(),
  unit_id: z.number().int().nullable().optional(),
  unit_serial: z.string().nullable().optional(),
});
export type Movement = z.infer<typeof movementSchema>;

const gearLineSchema = z.object({
  item_id: z.number().int(),
  name: z.string(),
  booked: z.number().int(),
  out: z.number().int(),
  checked_out: z.number().int(),
  returned_ok: z.number().int(),
  returned_damaged: z.number().int(),
  returned_missing: z.number().int(),
  to_load: z.number().int(),
  extra: z.number().int(),
});
export type GearLine = z.infer<typeof gearLineSchema>;

export const TRACKINGS = ["stock", "unit"] as const;
export const UNIT_STATUSES = ["available", "out", "maintenance", "lost", "retired"] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

export const unitSchema = z.object({
  id: z.number().int(),
  item_id: z.number().int(),
  item_name: z.string(),
  serial_number: z.string(),
  barcode: z.string().nullable(),
  short_code: z.string(),
  condition: z.string(),
  status: z.enum(UNIT_STATUSES),
  storage_site: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  mission: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  notes: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type EquipmentUnit = z.infer<typeof unitSchema>;

const gearSchema = z.object({
  mission_id: z.number().int(),
  items: z.array(gearLineSchema),
  movements: z.array(movementSchema),
  units: z.array(unitSchema).default([]),
});
export type MissionGear = z.infer<typeof gearSchema>;

export const outSchema = z.object({
  mission_id: z.number().int(),
  mission_title: z.string(),
  mission_status: z.string(),
  mission_ends_at: z.string(),
  item_id: z.number().int(),
  item_name: z.string(),
  quantity: z.number().int(),
  out_since: z.string(),
  held_by: z.string().nullable(),
});
export type OutLine = z.infer<typeof outSchema>;

const scanSchema = z.object({
  item: z.object({
    id: z.number().int(),
    name: z.string(),
    category: z.string(),
    status: z.string(),
    quantity_owned: z.number().int(),
    quantity_out_of_service: z.number().int(),
    barcode: z.string().nullable(),
    short_code: z.string(),
    tracking: z.enum(TRACKINGS).default("stock"),
    photo_url: z.string().nullable().default(null),
  }),
  on_shelf: z.number().int(),
  out: z.array(outSchema),
  out_elsewhere: z.number().int(),
  missions: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      status: z.string(),
      starts_at: z.string(),
      ends_at: z.string(),
      booked: z.number().int(),
      out: z.number().int(),
    }),
  ),
  units: z.array(unitSchema).default([]),
});
export type ScanView = z.infer<typeof scanSchema>;

export const maintenanceSchema = z.object({
  id: z.number().int(),
  item_id: z.number().int(),
  item_name: z.string(),
  kind: z.string(),
  status: z.string(),
  quantity: z.number().int(),
  description: z.string(),
  vendor_name: z.string(),
  cost_cents: z.number().int().nullable(),
  opened_at: z.string(),
  closed_at: z.string().nullable(),
  next_due_on: z.string().nullable(),
  mission_id: z.number().int().nullable(),
  unit_id: z.number().int().nullable().optional(),
  unit_serial: z.string().nullable().optional(),
  photo_url: z.string().nullable().default(null),
  expected_back_on: z.string().nullable().default(null),
});
export type MaintenanceRecord = z.infer<typeof maintenanceSchema>;

export const logisticsKeys = {
  all: [...equipmentKeys.all, "logistics"] as const,
  gear: (mission: number) => [...logisticsKeys.all, "gear", mission] as const,
  scan: (item: number) => [...logisticsKeys.all, "scan", item] as const,
  late: () => [...logisticsKeys.all, "late"] as const,
  maintenance: () => [...logisticsKeys.all, "maintenance"] as const,
};

/**
 * What a scanned text names: a label from any host, a legacy label, "MAT-42", "KIT-3", "UNI-12",
 * a barcode or a unit's serial number.
 */
export function lookupCode(code: string, signal?: AbortSignal) {
  return apiRequest(
    `/api/v1/equipment/lookup?${new URLSearchParams({ code }).toString()}`,
    z.object({
      kind: z.enum(["item", "kit", "unit"]),
      item_id: z.number().int().nullable(),
      kit_id: z.number().int().nullable(),
      unit_id: z.number().int().nullable().default(null),
      name: z.string(),
      matched_by: z.string(),
    }),
    { signal },
  );
}

export function useScanView(item: number) {
  return useQuery({
    queryKey: logisticsKeys.scan(item),
    queryFn: ({ signal }) => apiRequest(`/api/v1/equipment/${item}/scan`, scanSchema, { signal }),
    enabled: Number.isInteger(item) && item > 0,
  });
}

export function useMissionGear(mission: number, enabled = true) {
  return useQuery({
    queryKey: logisticsKeys.gear(mission),
    queryFn: ({ signal }) => apiRequest(`/api/v1/missions/${mission}/gear`, gearSchema, { signal }),
    enabled: enabled && Number.isInteger(mission) && mission > 0,
  });
}

/** A line of a movement: an item, a whole kit (`kit_id`), or one unit (`unit_id`). */
export interface MoveLine {
  item_id?: number;
  kit_id?: number;
  unit_id?: number;
  quantity: number;
  condition?: ReturnCondition;
}

/** Check-out or return of several lines at once: all of them or none. */
export function useMoveGear() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      mission,
      direction,
      items,
      notes,
    }: {
      mission: number;
      direction: "check-out" | "return";
      items: MoveLine[];
      notes?: string;
    }) =>
      apiRequest(`/api/v1/missions/${mission}/gear/${direction}`, gearSchema, {
        method: "POST",
        body: { items, notes: notes ?? "" },
      }),
    onSuccess: (gear) => {
      queryClient.setQueryData(logisticsKeys.gear(gear.mission_id), gear);
      return queryClient.invalidateQueries({ queryKey: equipmentKeys.all });
    },
  });
}

export function useLateReturns(enabled = true) {
  return useQuery({
    queryKey: logisticsKeys.late(),
    queryFn: ({ signal }) =>
      apiRequest("/api/v1/equipment/late-returns", z.object({ items: z.array(outSchema) }), {
        signal,
      }),
    select: (data) => data.items,
    enabled,
  });
}

export function useOpenMaintenance(enabled = true) {
  return useQuery({
    queryKey: logisticsKeys.maintenance(),
    queryFn: ({ signal }) =>
      apiRequest("/api/v1/maintenance?open=1", z.object({ items: z.array(maintenanceSchema) }), {
        signal,
      }),
    select: (data) => data.items,
    enabled,
  });
}

export function useCloseMaintenance() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: number; status: "done" | "cancelled" }) =>
      apiRequest(`/api/v1/maintenance/${id}/close`, maintenanceSchema, {
        method: "POST",
        body: { status },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: equipmentKeys.all }),
  });
}

export function useReportProblem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      item,
      description,
      unit,
      expectedBack,
    }: {
      item: number;
      description: string;
      unit?: number;
      /** YYYY-MM-DD: when the repairer gives it back ("" when not known). */
      expectedBack?: string;
    }) =>
      apiRequest(`/api/v1/equipment/${item}/maintenance`, maintenanceSchema, {
        method: "POST",
        body: {
          kind: "repair",
          quantity: 1,
          description,
          ...(unit === undefined ? {} : { unit_id: unit }),
          ...(expectedBack ? { expected_back_on: expectedBack } : {}),
        },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: equipmentKeys.all }),
  });
}

/** Units lost from the depot, or found again (one unit by name for an item tracked by unit). */
export function useLossOrFound() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      item,
      found,
      quantity,
      unit,
    }: {
      item: number;
      found: boolean;
      quantity: number;
      unit?: number;
    }) =>
      apiRequest(
        `/api/v1/equipment/${item}/${found ? "found" : "loss"}`,
        z.object({ id: z.number().int() }).passthrough(),
        { method: "POST", body: unit === undefined ? { quantity } : { unit_id: unit } },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: equipmentKeys.all }),
  });
}

/** The address of a label sheet (a PDF the browser opens). */
export function labelsUrl(
  ids: number[],
  layout: "3x8" | "4x10" | "single",
  skip: number,
  kitIds: number[] = [],
  unitIds: number[] = [],
) {
  const params = new URLSearchParams({ layout, skip: String(skip) });
  if (ids.length > 0) params.set("ids", ids.join(","));
  if (kitIds.length > 0) params.set("kit_ids", kitIds.join(","));
  if (unitIds.length > 0) params.set("unit_ids", unitIds.join(","));
  return `/api/v1/equipment/labels?${params.toString()}`;
}
