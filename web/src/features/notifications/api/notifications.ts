import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import * as z from "zod/mini";
import { apiRequest } from "@/lib/api-client";
import { notificationKeys } from "./unread-count";

export const NOTIFICATION_KINDS = [
  "mission_assigned",
  "mission_moved",
  "mission_canceled",
  "quote_signed",
  "quote_declined",
  "invoice_paid",
  "payment_failed",
  "booking_request",
  "equipment_late",
  "maintenance_due",
  "job_failed",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

const notificationSchema = z.object({
  id: z.int(),
  kind: z.string(),
  subject_type: z.string(),
  subject_id: z.string(),
  path: z.string(),
  data: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  read_at: z.nullable(z.string()),
});
export type Notification = z.infer<typeof notificationSchema>;

const pageSchema = z.object({
  items: z.array(notificationSchema),
  unread: z.int(),
  more: z.boolean(),
});
export type NotificationPage = z.infer<typeof pageSchema>;

/** The member's notifications, newest first, page after page (`before` the last id seen). */
export function useNotifications(unreadOnly: boolean, pageSize = 20) {
  return useInfiniteQuery({
    queryKey: [...notificationKeys.list(unreadOnly), pageSize],
    initialPageParam: 0,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(pageSize) });
      if (pageParam > 0) params.set("before", String(pageParam));
      if (unreadOnly) params.set("unread", "true");
      return apiRequest(`/api/v1/notifications?${params.toString()}`, pageSchema, { signal });
    },
    getNextPageParam: (last) => (last.more ? last.items[last.items.length - 1]?.id : undefined),
  });
}

function useNotificationMutation<TInput, TResult>(mutationFn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkRead() {
  return useNotificationMutation((id: number) =>
    apiRequest(`/api/v1/notifications/${id}/read`, z.undefined(), { method: "POST" }),
  );
}

export function useMarkAllRead() {
  return useNotificationMutation(() =>
    apiRequest("/api/v1/notifications/read-all", z.object({ marked: z.int() }), {
      method: "POST",
    }),
  );
}

export const EMAIL_DELIVERIES = ["off", "immediate", "digest"] as const;
export type EmailDelivery = (typeof EMAIL_DELIVERIES)[number];

const preferenceSchema = z.object({
  kind: z.enum(NOTIFICATION_KINDS),
  in_app: z.boolean(),
  email: z.enum(EMAIL_DELIVERIES),
  push: z.boolean(),
});
export type Preference = z.infer<typeof preferenceSchema>;
const preferencesSchema = z.object({ preferences: z.array(preferenceSchema) });

/** Every kind the member's role receives, with their choice or the default. */
export function usePreferences() {
  return useQuery({
    queryKey: notificationKeys.preferences(),
    queryFn: ({ signal }) =>
      apiRequest("/api/v1/notifications/preferences", preferencesSchema, { signal }),
    select: (data) => data.preferences,
  });
}

export function useSavePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (preferences: Preference[]) =>
      apiRequest("/api/v1/notifications/preferences", preferencesSchema, {
        method: "PUT",
        body: { preferences },
      }),
    onSuccess: (data) => queryClient.setQueryData(notificationKeys.preferences(), data),
  });
}

export async function getPushKey(): Promise<string> {
  const { public_key } = await apiRequest("/api/v1/push/key", z.object({ public_key: z.string() }));
  return public_key;
}

export async function subscribeDevice(subscription: PushSubscriptionJSON): Promise<void> {
  await apiRequest("/api/v1/push/subscriptions", z.object({ id: z.int() }), {
    method: "POST",
    body: subscription,
  });
}

export async function unsubscribeDevice(endpoint: string): Promise<void> {
  await apiRequest("/api/v1/push/unsubscribe", z.undefined(), {
    method: "POST",
    body: { endpoint },
  });
}
