import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

export const MISSION_STATUSES = [
  "draft",
  "planned",
  "confirmed",
  "in_progress",
  "completed",
  "canceled",
] as const;
export const missionStatusSchema = z.enum(MISSION_STATUSES);
export type MissionStatus = z.infer<typeof missionStatusSchema>;

export const CREW_POSITIONS = ["dj", "technician", "assistant", "driver", "other"] as const;
export type CrewPosition = (typeof CREW_POSITIONS)[number];

const ref = z.object({ id: z.number().int(), name: z.string() }).nullable();

const conflictSchema = z.object({
  kind: z.enum(["crew_busy", "crew_unavailable", "equipment_shortage", "venue_booked"]),
  blocking: z.boolean(),
  resource: z.number().int(),
  resource_kind: z.enum(["member", "profile", "item", "venue"]).optional(),
  mission: z.object({ id: z.number().int(), title: z.string() }).nullable(),
  starts_at: z.string(),
  ends_at: z.string(),
  requested: z.number().int(),
  available: z.number().int(),
  message: z.string(),
});
export type Conflict = z.infer<typeof conflictSchema>;

export const missionSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  status: missionStatusSchema,
  client: ref,
  venue: ref,
  address: z.string(),
  event_type: z.string(),
  guest_count: z.number().int().nullable(),
  starts_at: z.string(),
  ends_at: z.string(),
  description: z.string(),
  notes: z.string().optional(),
  custom_fields: z.record(z.string(), z.string()),
  // A member (user_id) or a crew profile without an account (profile_id).
  crew: z.array(
    z.object({
      user_id: z.number().int().nullable(),
      profile_id: z.number().int().nullable().default(null),
      name: z.string(),
      position: z.string(),
      label: z.string(),
      lead: z.boolean(),
    }),
  ),
  equipment: z.array(
    z.object({ item_id: z.number().int(), name: z.string(), quantity: z.number().int() }),
  ),
  cancellation_reason: z.string(),
  sequence: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Mission = z.infer<typeof missionSchema>;

/** A mission as the calendar gets it (GET /api/v1/calendar): what a cell shows. */
export const calendarMissionSchema = missionSchema
  .pick({
    id: true,
    title: true,
    status: true,
    client: true,
    venue: true,
    starts_at: true,
    ends_at: true,
  })
  .extend({
    crew: z.array(
      z.object({
        user_id: z.number().int().nullable(),
        profile_id: z.number().int().nullable().default(null),
        name: z.string(),
        position: z.string(),
        lead: z.boolean(),
      }),
    ),
  });
export type CalendarMission = z.infer<typeof calendarMissionSchema>;

const missionDetailsSchema = missionSchema.extend({ conflicts: z.array(conflictSchema) });
export type MissionDetails = z.infer<typeof missionDetailsSchema>;

const unavailabilitySchema = z.object({
  id: z.number().int(),
  user: z.object({ id: z.number().int(), name: z.string() }),
  starts_at: z.string(),
  ends_at: z.string(),
  reason: z.string(),
  // google: read from the member's connected Google calendar (replaced at each reading)
  source: z.enum(["manual", "google"]).default("manual"),
  created_at: z.string(),
});
export type Unavailability = z.infer<typeof unavailabilitySchema>;

const fieldSchema = z.object({
  key: z.string(),
  label: z.string(),
  type: z.enum(["text", "textarea", "number", "select", "date"]),
  options: z.array(z.string()),
  required: z.boolean(),
});
export type CustomField = z.infer<typeof fieldSchema>;

const placeSchema = z.object({ id: z.number().int(), name: z.string(), archived: z.boolean() });

export interface MissionInput {
  title: string;
  status?: "draft" | "planned" | "confirmed";
  client_id: number | null;
  venue_id: number | null;
  address: string;
  event_type: string;
  guest_count: number | null;
  starts_at: string;
  ends_at: string;
  description: string;
  notes: string;
  custom_fields: Record<string, string>;
  crew: (({ user_id: number } | { profile_id: number }) & {
    position: CrewPosition;
    label: string;
    lead: boolean;
  })[];
  equipment: { item_id: number; quantity: number }[];
  override_reason?: string;
}

export interface CalendarFilters {
  crewId: number | null;
  status: MissionStatus | null;
  clientId: number | null;
}

export const planningKeys = {
  all: ["planning"] as const,
  calendar: (from: string, to: string, f: CalendarFilters) =>
    [...planningKeys.all, "calendar", from, to, f] as const,
  list: (params: Record<string, string>) => [...planningKeys.all, "list", params] as const,
  mission: (id: number) => [...planningKeys.all, "mission", id] as const,
  history: (id: number) => [...planningKeys.all, "history", id] as const,
  fields: () => [...planningKeys.all, "fields"] as const,
  venues: () => [...planningKeys.all, "venues"] as const,
};

function filterParams(f: CalendarFilters): Record<string, string> {
  const params: Record<string, string> = {};
  if (f.crewId) params.crew_id = String(f.crewId);
  if (f.status) params.status = f.status;
  if (f.clientId) params.client_id = String(f.clientId);
  return params;
}

export const calendarQuery = (from: string, to: string, filters: CalendarFilters) =>
  queryOptions({
    queryKey: planningKeys.calendar(from, to, filters),
    queryFn: ({ signal }) =>
      apiRequest(
        `/api/v1/calendar?${new URLSearchParams({ from, to, ...filterParams(filters) }).toString()}`,
        z.object({
          missions: z.array(calendarMissionSchema),
          unavailability: z.array(unavailabilitySchema),
          truncated: z.boolean(),
        }),
        { signal },
      ),
    placeholderData: keepPreviousData,
  });

export function useCalendar(from: string, to: string, filters: CalendarFilters) {
  return useQuery({ ...calendarQuery(from, to, filters), enabled: from !== "" && to !== "" });
}

export const MISSIONS_PAGE_SIZE = 25;

export function useMissions(params: Record<string, string>) {
  return useQuery({
    queryKey: planningKeys.list(params),
    queryFn: ({ signal }) =>
      apiRequest(
        `/api/v1/missions?${new URLSearchParams(params).toString()}`,
        z.object({ items: z.array(missionSchema), total: z.number().int() }),
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

export function useMission(id: number) {
  return useQuery({
    queryKey: planningKeys.mission(id),
    queryFn: ({ signal }) => apiRequest(`/api/v1/missions/${id}`, missionDetailsSchema, { signal }),
  });
}

export function useMissionHistory(id: number, enabled: boolean) {
  return useQuery({
    queryKey: planningKeys.history(id),
    enabled,
    queryFn: ({ signal }) =>
      apiRequest(
        `/api/v1/missions/${id}/history`,
        z.object({
          items: z.array(
            z.object({
              id: z.number().int(),
              action: z.string(),
              actor: z.object({ name: z.string() }),
              details: z.unknown(),
              created_at: z.string(),
            }),
          ),
        }),
        { signal },
      ),
  });
}

export function useMissionFields() {
  return useQuery({
    queryKey: planningKeys.fields(),
    queryFn: ({ signal }) =>
      apiRequest("/api/v1/mission-fields", z.object({ items: z.array(fieldSchema) }), { signal }),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

export function useVenues(enabled: boolean) {
  return useQuery({
    queryKey: planningKeys.venues(),
    enabled,
    queryFn: ({ signal }) =>
      apiRequest(
        "/api/v1/venues?limit=200",
        z.object({ items: z.array(placeSchema), total: z.number().int() }),
        { signal },
      ),
    select: (data) => data.items,
  });
}

export function useCreateVenue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      apiRequest("/api/v1/venues", placeSchema, { method: "POST", body: { name } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: planningKeys.venues() }),
  });
}

function useInvalidatePlanning() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: planningKeys.all });
}

export function useSaveMission() {
  const invalidate = useInvalidatePlanning();
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: MissionInput }) =>
      id === null
        ? apiRequest("/api/v1/missions", missionDetailsSchema, { method: "POST", body: input })
        : apiRequest(`/api/v1/missions/${id}`, missionDetailsSchema, {
            method: "PUT",
            body: input,
          }),
    onSuccess: invalidate,
  });
}

export function useReschedule() {
  const invalidate = useInvalidatePlanning();
  return useMutation({
    mutationFn: (input: {
      id: number;
      starts_at: string;
      ends_at: string;
      override_reason?: string;
    }) =>
      apiRequest(`/api/v1/missions/${input.id}/reschedule`, missionDetailsSchema, {
        method: "POST",
        body: input,
      }),
    onSuccess: invalidate,
  });
}

export function useChangeStatus() {
  const invalidate = useInvalidatePlanning();
  return useMutation({
    mutationFn: (input: {
      id: number;
      status: MissionStatus;
      reason?: string;
      override_reason?: string;
    }) =>
      apiRequest(`/api/v1/missions/${input.id}/status`, missionDetailsSchema, {
        method: "POST",
        body: input,
      }),
    onSuccess: invalidate,
  });
}

export function checkPlan(body: {
  mission_id?: number;
  starts_at: string;
  ends_at: string;
  crew?: ({ user_id: number } | { profile_id: number })[];
  equipment?: { item_id: number; quantity: number }[];
  venue_id?: number | null;
}) {
  return apiRequest(
    "/api/v1/missions/check",
    z.object({ conflicts: z.array(conflictSchema), blocking: z.boolean() }),
    { method: "POST", body },
  );
}

export function useAddUnavailability() {
  const invalidate = useInvalidatePlanning();
  return useMutation({
    mutationFn: (input: { user_id?: number; starts_at: string; ends_at: string; reason: string }) =>
      apiRequest("/api/v1/unavailability", unavailabilitySchema, { method: "POST", body: input }),
    onSuccess: invalidate,
  });
}

export function useRemoveUnavailability() {
  const invalidate = useInvalidatePlanning();
  return useMutation({
    mutationFn: (id: number) =>
      apiRequest(`/api/v1/unavailability/${id}`, z.unknown(), { method: "DELETE" }),
    onSuccess: invalidate,
  });
}

/** Clients for pickers (the 200 first by name). */
export function useClientOptions(enabled: boolean) {
  return useQuery({
    queryKey: ["clients", "options"],
    enabled,
    queryFn: ({ signal }) =>
      apiRequest(
        "/api/v1/clients?limit=200",
        z.object({
          items: z.array(z.object({ id: z.number().int(), name: z.string() })),
          total: z.number().int(),
        }),
        { signal },
      ),
    select: (data) => data.items,
  });
}

const settingsSchema = z.object({
  crew_travel_buffer_minutes: z.number().int(),
  equipment_prep_minutes: z.number().int(),
  equipment_return_minutes: z.number().int(),
  time_zone: z.string(),
});
export type PlanningSettings = z.infer<typeof settingsSchema>;

export function usePlanningSettings() {
  return useQuery({
    queryKey: [...planningKeys.all, "settings"],
    queryFn: ({ signal }) => apiRequest("/api/v1/planning/settings", settingsSchema, { signal }),
  });
}

export function useSavePlanningSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<PlanningSettings, "time_zone">) =>
      apiRequest("/api/v1/planning/settings", settingsSchema, { method: "PUT", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: planningKeys.all }),
  });
}

export function useSaveMissionFields() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fields: CustomField[]) =>
      apiRequest("/api/v1/mission-fields", z.object({ items: z.array(fieldSchema) }), {
        method: "PUT",
        body: { fields },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: planningKeys.fields() }),
  });
}
