import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";
import { missionStatusSchema, type MissionStatus } from "./planning";

export const calendarFeedSchema = z.object({
  id: z.number().int(),
  scope: z.enum(["personal", "organization"]),
  statuses: z.array(missionStatusSchema),
  crew_user_id: z.number().int().nullable(),
  crew_user_name: z.string(),
  url: z.string().nullable(),
  webcal_url: z.string().nullable(),
  created_at: z.string(),
  last_fetched_at: z.string().nullable(),
});
export type CalendarFeed = z.infer<typeof calendarFeedSchema>;
const feedList = z.object({ items: z.array(calendarFeedSchema) });

export const calendarFeedKeys = {
  all: ["calendar-feeds"] as const,
};

export function listCalendarFeeds(signal?: AbortSignal) {
  return apiRequest("/api/v1/calendar-feeds", feedList, { signal });
}

export const calendarFeedsQuery = () =>
  queryOptions({
    queryKey: calendarFeedKeys.all,
    queryFn: ({ signal }) => listCalendarFeeds(signal),
    select: (data) => data.items,
  });

/** The caller's own feeds: their personal one and, for planners, the organisation's. */
export function useCalendarFeeds() {
  return useQuery(calendarFeedsQuery());
}

export interface CalendarFeedInput {
  scope: "personal" | "organization";
  statuses?: MissionStatus[];
  crew_user_id?: number;
}

export function useCreateCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CalendarFeedInput) =>
      apiRequest("/api/v1/calendar-feeds", calendarFeedSchema, { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarFeedKeys.all }),
  });
}

/** A new secret address; the old one stops answering at once. */
export function useRotateCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      apiRequest(`/api/v1/calendar-feeds/${id}/rotate`, calendarFeedSchema, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarFeedKeys.all }),
  });
}

export function useDeleteCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      apiRequest(`/api/v1/calendar-feeds/${id}`, z.undefined(), { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarFeedKeys.all }),
  });
}

/** The QR code of a feed's webcal:// address (an SVG the server draws). */
export function calendarFeedQrUrl(id: number): string {
  return `/api/v1/calendar-feeds/${id}/qr`;
}
