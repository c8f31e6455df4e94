import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";
import { equipmentKeys } from "./equipment";
import { maintenanceSchema, outSchema } from "./logistics";

const kitSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  barcode: z.string().nullable(),
  short_code: z.string(),
  storage_site: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  notes: z.string(),
  archived: z.boolean(),
  items: z.array(
    z.object({
      item_id: z.number().int(),
      name: z.string(),
      quantity: z.number().int(),
      on_shelf: z.number().int(),
    }),
  ),
  available: z.number().int(),
});
export type Kit = z.infer<typeof kitSchema>;

const dueSchema = z.object({
  item_id: z.number().int(),
  name: z.string(),
  category: z.string(),
  due_on: z.string(),
  overdue: z.boolean(),
  under_way: z.boolean(),
});
export type DueCheck = z.infer<typeof dueSchema>;

const stockSchema = z.object({
  item_id: z.number().int(),
  name: z.string(),
  owned: z.number().int(),
  on_shelf: z.number().int(),
  sites: z.array(
    z.object({
      site_id: z.number().int().nullable(),
      name: z.string().nullable(),
      quantity: z.number().int(),
      home: z.boolean(),
    }),
  ),
});
export type ItemStock = z.infer<typeof stockSchema>;

const displayMissionSchema = z.object({
  mission_id: z.number().int(),
  title: z.string(),
  status: z.string(),
  starts_at: z.string(),
  ends_at: z.string(),
  address: z.string(),
  lead_name: z.string().nullable(),
  lines: z.array(
    z.object({
      item_id: z.number().int(),
      name: z.string(),
      booked: z.number().int(),
      out: z.number().int(),
    }),
  ),
});
export type DisplayMission = z.infer<typeof displayMissionSchema>;

const displaySchema = z.object({
  organization: z.string(),
  site: z.string(),
  time_zone: z.string(),
  now: z.string(),
  departures: z.array(displayMissionSchema),
  returns: z.array(displayMissionSchema),
  out: z.array(outSchema),
  maintenance: z.array(maintenanceSchema),
});
export type DepotDisplay = z.infer<typeof displaySchema>;

export const inventoryKeys = {
  kits: () => [...equipmentKeys.all, "kits"] as const,
  kit: (id: number) => [...equipmentKeys.all, "kits", id] as const,
  due: () => [...equipmentKeys.all, "due"] as const,
  stock: (item: number) => [...equipmentKeys.all, "stock", item] as const,
  displayToken: (site: number) => ["depot-display", "token", site] as const,
  display: (token: string) => ["depot-display", token] as const,
};

export function useKits(enabled = true) {
  return useQuery({
    queryKey: inventoryKeys.kits(),
    queryFn: ({ signal }) =>
      apiRequest("/api/v1/equipment/kits", z.object({ items: z.array(kitSchema) }), { signal }),
    select: (data) => data.items,
    enabled,
  });
}

export function fetchKit(id: number, signal?: AbortSignal) {
  return apiRequest(`/api/v1/equipment/kits/${id}`, kitSchema, { signal });
}

export interface KitDraft {
  name: string;
  barcode: string;
  items: { item_id: number; quantity: number }[];
}

export function useCreateKit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (kit: KitDraft) =>
      apiRequest("/api/v1/equipment/kits", kitSchema, { method: "POST", body: kit }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inventoryKeys.kits() }),
  });
}

export function useArchiveKit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      apiRequest(`/api/v1/equipment/kits/${id}/archive`, z.unknown(), { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inventoryKeys.kits() }),
  });
}

/** Periodic checks due within the next two weeks (and overdue ones). */
export function useDueChecks(enabled = true) {
  return useQuery({
    queryKey: inventoryKeys.due(),
    queryFn: ({ signal }) =>
      apiRequest("/api/v1/maintenance/due?within=14", z.object({ items: z.array(dueSchema) }), {
        signal,
      }),
    select: (data) => data.items,
    enabled,
  });
}

export function useItemStock(item: number | null) {
  return useQuery({
    queryKey: inventoryKeys.stock(item ?? 0),
    queryFn: ({ signal }) => apiRequest(`/api/v1/equipment/${item}/stock`, stockSchema, { signal }),
    enabled: item !== null && item > 0,
  });
}

export function useTransfer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      item,
      from,
      to,
      quantity,
      unit,
    }: {
      item: number;
      from: number | null;
      to: number | null;
      quantity: number;
      unit?: number;
    }) =>
      apiRequest(`/api/v1/equipment/${item}/transfer`, stockSchema, {
        method: "POST",
        body:
          unit === undefined
            ? { from_site_id: from, to_site_id: to, quantity }
            : { to_site_id: to, unit_id: unit },
      }),
    onSuccess: (stock) => {
      queryClient.setQueryData(inventoryKeys.stock(stock.item_id), stock);
      return queryClient.invalidateQueries({ queryKey: equipmentKeys.all });
    },
  });
}

export function useDisplayToken(site: number) {
  return useQuery({
    queryKey: inventoryKeys.displayToken(site),
    queryFn: ({ signal }) =>
      apiRequest(
        `/api/v1/storage-sites/${site}/display`,
        z.object({ active: z.boolean(), issued_at: z.string().nullable() }),
        { signal },
      ),
  });
}

export function useIssueDisplayToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (site: number) =>
      apiRequest(
        `/api/v1/storage-sites/${site}/display`,
        z.object({ token: z.string(), url: z.string(), issued_at: z.string() }),
        { method: "POST" },
      ),
    onSuccess: (_data, site) =>
      queryClient.invalidateQueries({ queryKey: inventoryKeys.displayToken(site) }),
  });
}

export function useRevokeDisplayToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (site: number) =>
      apiRequest(`/api/v1/storage-sites/${site}/display`, z.unknown(), { method: "DELETE" }),
    onSuccess: (_data, site) =>
      queryClient.invalidateQueries({ queryKey: inventoryKeys.displayToken(site) }),
  });
}

/** A depot's wall display: no session, refreshed every minute. */
export function useDepotDisplay(token: string) {
  return useQuery({
    queryKey: inventoryKeys.display(token),
    queryFn: ({ signal }) =>
      apiRequest(`/api/v1/display/${encodeURIComponent(token)}`, displaySchema, { signal }),
    refetchInterval: 60_000,
    refetchIntervalInBackground: true,
    retry: false,
  });
}
