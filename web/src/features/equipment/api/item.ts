import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";
import { equipmentKeys, itemSchema } from "./equipment";
import { maintenanceSchema, movementSchema } from "./logistics";

const PAGE = 50;

const calendarSchema = z.object({
  items: z.array(
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
});
export type ItemMission = z.infer<typeof calendarSchema>["items"][number];

export const itemKeys = {
  item: (id: number) => [...equipmentKeys.all, "item", id] as const,
  movements: (id: number) => [...equipmentKeys.all, "item", id, "movements"] as const,
  maintenance: (id: number) => [...equipmentKeys.all, "item", id, "maintenance"] as const,
  calendar: (id: number, from: string, to: string) =>
    [...equipmentKeys.all, "item", id, "calendar", from, to] as const,
};

export function useEquipmentItem(id: number) {
  return useQuery({
    queryKey: itemKeys.item(id),
    queryFn: ({ signal }) => apiRequest(`/api/v1/equipment/${id}`, itemSchema, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** The item's journal, newest first, fifty lines at a time. */
export function useItemMovements(id: number) {
  return useInfiniteQuery({
    queryKey: itemKeys.movements(id),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(PAGE) });
      if (pageParam) params.set("before", String(pageParam));
      return apiRequest(
        `/api/v1/equipment/${id}/movements?${params.toString()}`,
        z.object({ items: z.array(movementSchema) }),
        { signal },
      );
    },
    initialPageParam: 0,
    getNextPageParam: (last) =>
      last.items.length < PAGE ? undefined : last.items[last.items.length - 1]?.id,
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useItemMaintenance(id: number) {
  return useQuery({
    queryKey: itemKeys.maintenance(id),
    queryFn: ({ signal }) =>
      apiRequest(
        `/api/v1/maintenance?item_id=${id}`,
        z.object({ items: z.array(maintenanceSchema) }),
        { signal },
      ),
    select: (data) => data.items,
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** The missions holding the item over [from, to). */
export function useItemCalendar(id: number, from: string, to: string) {
  return useQuery({
    queryKey: itemKeys.calendar(id, from, to),
    queryFn: ({ signal }) =>
      apiRequest(
        `/api/v1/equipment/${id}/missions?${new URLSearchParams({ from, to }).toString()}`,
        calendarSchema,
        { signal },
      ),
    select: (data) => data.items,
    enabled: Number.isInteger(id) && id > 0,
  });
}
