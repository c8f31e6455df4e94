import { useQuery } from "@tanstack/react-query";
import * as z from "zod/mini";
import { apiRequest } from "@/lib/api-client";

// The bell's count (docs/notifications.md): on the first screen, so kept apart from the list.

export const notificationKeys = {
  all: ["notifications"] as const,
  unread: () => ["notifications", "unread"] as const,
  list: (unreadOnly: boolean) => ["notifications", "list", unreadOnly] as const,
  preferences: () => ["notifications", "preferences"] as const,
};

const unreadSchema = z.object({ unread: z.int() });

/** Unread notifications of the signed-in member; asked again every minute and on focus. */
export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unread(),
    queryFn: ({ signal }) =>
      apiRequest("/api/v1/notifications/unread-count", unreadSchema, { signal }),
    select: (data) => data.unread,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}
