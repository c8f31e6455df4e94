import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

// Booking requests from the public page and the page's settings (docs/booking.md).

export const BOOKING_STATUSES = ["new", "in_discussion", "quoted", "won", "lost", "spam"] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

const requestSchema = z.object({
  id: z.number().int(),
  reference: z.string(),
  status: z.enum(BOOKING_STATUSES),
  event_type: z.string(),
  starts_at: z.string(),
  ends_at: z.string(),
  place: z.string(),
  guests: z.number().int().nullable(),
  services: z.array(z.object({ id: z.number().int(), name: z.string() })),
  budget_cents: z.number().int().nullable(),
  message: z.string(),
  contact_name: z.string(),
  email: z.string(),
  phone: z.string(),
  locale: z.string(),
  looked_free: z.boolean(),
  decline_reason: z.string(),
  client_id: z.number().int().nullable(),
  mission_id: z.number().int().nullable(),
  quote_id: z.number().int().nullable(),
  accepted_at: z.string().nullable(),
  proposed_user_id: z.number().int().nullable(),
  performer_answer: z.string(),
  created_at: z.string(),
});
export type BookingRequest = z.infer<typeof requestSchema>;

const detailSchema = z.object({
  request: requestSchema,
  messages: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(["reply", "decline"]),
      body: z.string(),
      author_name: z.string(),
      created_at: z.string(),
    }),
  ),
  similar_clients: z.array(
    z.object({ id: z.number().int(), name: z.string(), reason: z.string() }),
  ),
  proposed_user_name: z.string().nullable(),
});
export type BookingDetail = z.infer<typeof detailSchema>;

const settingsSchema = z.object({
  enabled: z.boolean(),
  intro: z.string(),
  event_types: z.array(z.string()),
  service_ids: z.array(z.number().int()),
  frame_ancestors: z.array(z.string()),
  two_step: z.boolean(),
  show_ratings: z.boolean(),
  space_show_times: z.boolean(),
  space_show_venue: z.boolean(),
  space_show_lead: z.boolean(),
  updated_at: z.string().nullable(),
});
export type BookingSettings = z.infer<typeof settingsSchema>;

const key = ["booking"] as const;
export const PAGE_SIZE = 50;

export function bookingRequestsQuery(filter: { status: string; q: string; page: number }) {
  const params = new URLSearchParams({
    limit: String(PAGE_SIZE),
    offset: String(filter.page * PAGE_SIZE),
  });
  if (filter.status) params.set("status", filter.status);
  if (filter.q) params.set("q", filter.q);
  return queryOptions({
    queryKey: [...key, "requests", filter],
    queryFn: ({ signal }) =>
      apiRequest(
        `/api/v1/booking-requests?${params.toString()}`,
        z.object({
          items: z.array(requestSchema),
          total: z.number().int(),
          new_count: z.number().int(),
        }),
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

export function useBookingRequests(filter: { status: string; q: string; page: number }) {
  return useQuery(bookingRequestsQuery(filter));
}

export function useBookingRequest(id: number) {
  return useQuery({
    queryKey: [...key, "request", id],
    queryFn: ({ signal }) => apiRequest(`/api/v1/booking-requests/${id}`, detailSchema, { signal }),
  });
}

function useBookingMutation<TInput, TResult>(mutationFn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useSetBookingStatus(id: number) {
  return useBookingMutation((status: BookingStatus) =>
    apiRequest(`/api/v1/booking-requests/${id}/status`, detailSchema, {
      method: "PUT",
      body: { status },
    }),
  );
}

export function useReplyToBooking(id: number) {
  return useBookingMutation((message: string) =>
    apiRequest(`/api/v1/booking-requests/${id}/reply`, detailSchema, {
      method: "POST",
      body: { message },
    }),
  );
}

export function useDeclineBooking(id: number) {
  return useBookingMutation((input: { reason: string; notify: boolean }) =>
    apiRequest(`/api/v1/booking-requests/${id}/decline`, detailSchema, {
      method: "POST",
      body: input,
    }),
  );
}

export function useAcceptBooking(id: number) {
  return useBookingMutation(
    (input: { client_id?: number; allow_duplicate?: boolean; pricing_rule_id?: number }) =>
      apiRequest(
        `/api/v1/booking-requests/${id}/accept`,
        z.object({
          client_id: z.number().int(),
          mission_id: z.number().int(),
          quote_id: z.number().int(),
          created: z.boolean(),
        }),
        { method: "POST", body: input },
      ),
  );
}

export function useBookingSettings() {
  return useQuery({
    queryKey: [...key, "settings"],
    queryFn: ({ signal }) => apiRequest("/api/v1/booking-settings", settingsSchema, { signal }),
  });
}

export function useSaveBookingSettings() {
  return useBookingMutation((input: Omit<BookingSettings, "updated_at">) =>
    apiRequest("/api/v1/booking-settings", settingsSchema, { method: "PUT", body: input }),
  );
}

/** The catalogue lines the page may offer (active ones; the settings keep their order). */
export function useOfferableItems() {
  return useQuery({
    queryKey: [...key, "offerable"],
    queryFn: ({ signal }) =>
      apiRequest(
        "/api/v1/catalogue?limit=500",
        z.object({
          items: z.array(
            z.object({ id: z.number().int(), name: z.string(), archived: z.boolean() }),
          ),
        }),
        { signal },
      ),
    select: (data) => data.items.filter((item) => !item.archived),
  });
}

const ratingSchema = z.object({
  mission_id: z.number().int(),
  mission_title: z.string(),
  mission_starts_at: z.string(),
  event_type: z.string(),
  first_name: z.string(),
  requested_at: z.string(),
  expires_at: z.string(),
  submitted_at: z.string().nullable(),
  overall: z.number().int().nullable(),
  comment: z.string(),
  public_consent: z.boolean(),
  crew: z.array(z.object({ user_id: z.number().int(), stars: z.number().int() })),
});
export type MissionRating = z.infer<typeof ratingSchema>;

/** The client's rating of a mission (null until the invitation went out). */
export function useMissionRating(missionId: number, enabled: boolean) {
  return useQuery({
    queryKey: [...key, "rating", missionId],
    queryFn: ({ signal }) =>
      apiRequest(
        `/api/v1/missions/${missionId}/rating`,
        z.object({ rating: ratingSchema.nullable() }),
        { signal },
      ),
    enabled,
  });
}

const proposalSchema = z.object({
  id: z.number().int(),
  reference: z.string(),
  event_type: z.string(),
  starts_at: z.string(),
  ends_at: z.string(),
  place: z.string(),
  guests: z.number().int().nullable(),
});
export type BookingProposal = z.infer<typeof proposalSchema>;

/** The dates a manager proposed to the signed-in performer (the legacy two-step validation). */
export function useBookingProposals() {
  return useQuery({
    queryKey: [...key, "proposals"],
    queryFn: ({ signal }) =>
      apiRequest("/api/v1/booking-proposals", z.object({ items: z.array(proposalSchema) }), {
        signal,
      }),
  });
}

export function useAnswerProposal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, answer }: { id: number; answer: "accept" | "refuse" }) =>
      apiRequest(
        `/api/v1/booking-proposals/${id}/answer`,
        z.object({ id: z.number().int(), performer_answer: z.string() }),
        { method: "POST", body: { answer } },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
