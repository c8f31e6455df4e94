import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

const entry = z.object({
  id: z.number().int(),
  actor: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  action: z.string(),
  entity_type: z.string(),
  entity_id: z.string(),
  details: z.unknown(),
  ip: z.string(),
  user_agent: z.string(),
  created_at: z.string(),
});
export type AuditEntry = z.infer<typeof entry>;
const page = z.object({ items: z.array(entry), next_before: z.number().int().nullable() });

export const auditKeys = {
  all: ["audit"] as const,
  list: (action: string) => [...auditKeys.all, "list", action] as const,
};

export function listAudit(action: string, before: number | null, signal?: AbortSignal) {
  const params = new URLSearchParams({ limit: "50" });
  if (action) params.set("action", action);
  if (before) params.set("before", String(before));
  return apiRequest(`/api/v1/audit?${params.toString()}`, page, { signal });
}

export const auditQuery = (action: string) =>
  infiniteQueryOptions({
    queryKey: auditKeys.list(action),
    queryFn: ({ pageParam, signal }) => listAudit(action, pageParam, signal),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.next_before,
  });

export function useAudit(action: string) {
  return useInfiniteQuery(auditQuery(action));
}
