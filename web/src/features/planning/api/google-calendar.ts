import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

export const googleConnectionSchema = z.object({
  id: z.number().int(),
  provider: z.literal("google"),
  scope: z.enum(["personal", "organization"]),
  account_email: z.string(),
  calendar_id: z.string(),
  import_busy: z.boolean(),
  status: z.enum(["active", "broken"]),
  last_error: z.string().nullable(),
  last_synced_at: z.string().nullable(),
  busy_synced_at: z.string().nullable(),
  events: z.number().int(),
  created_at: z.string(),
});
export type GoogleConnection = z.infer<typeof googleConnectionSchema>;
const connectionList = z.object({
  available: z.boolean(),
  items: z.array(googleConnectionSchema),
});
export type GoogleConnections = z.infer<typeof connectionList>;

export const googleCalendarKeys = {
  all: ["google-calendar"] as const,
  mission: (id: number) => ["google-calendar", "mission", id] as const,
};

export const googleConnectionsQuery = () =>
  queryOptions({
    queryKey: googleCalendarKeys.all,
    queryFn: ({ signal }) => apiRequest("/api/v1/google-calendar", connectionList, { signal }),
    // A connection made a moment ago syncs in the background: looked at again until it has.
    refetchInterval: (query) =>
      query.state.data?.items.some((c) => c.status === "active" && !c.last_synced_at)
        ? 3000
        : false,
  });

/** The caller's own Google Calendar connections, and whether the server offers Google. */
export function useGoogleConnections() {
  return useQuery(googleConnectionsQuery());
}

export interface GoogleConnectInput {
  scope: "personal" | "organization";
  calendar_id: string;
  import_busy: boolean;
}

/** Starts the consent: the browser leaves for Google and comes back to the profile page. */
export function useConnectGoogle() {
  return useMutation({
    mutationFn: (input: GoogleConnectInput) =>
      apiRequest("/api/v1/google-calendar/connect", z.object({ url: z.string() }), {
        method: "POST",
        body: input,
      }),
    onSuccess: ({ url }) => window.location.assign(url),
  });
}

export function useSyncGoogleNow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      apiRequest(`/api/v1/google-calendar/${id}/sync`, z.object({ queued: z.boolean() }), {
        method: "POST",
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: googleCalendarKeys.all }),
  });
}

/** Our events leave the Google calendar, then the access is revoked (in the background). */
export function useDisconnectGoogle() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      apiRequest(`/api/v1/google-calendar/${id}`, z.undefined(), { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: googleCalendarKeys.all }),
  });
}

const missionSyncSchema = z.object({
  items: z.array(
    z.object({
      user: z.object({ id: z.number().int(), name: z.string() }),
      scope: z.enum(["personal", "organization"]),
      status: z.enum(["active", "broken"]),
      pushed: z.boolean(),
      up_to_date: z.boolean(),
      synced_at: z.string().nullable(),
    }),
  ),
});
export type MissionSync = z.infer<typeof missionSyncSchema>["items"][number];

/** Per person, whether the mission is in their Google calendar as it is now. */
export function useMissionCalendarSync(missionId: number) {
  return useQuery({
    queryKey: googleCalendarKeys.mission(missionId),
    queryFn: ({ signal }) =>
      apiRequest(`/api/v1/missions/${missionId}/calendar-sync`, missionSyncSchema, { signal }),
    select: (data) => data.items,
  });
}
