import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

const endpointSchema = z.object({
  id: z.number().int(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()),
  status: z.enum(["active", "disabled"]),
  consecutive_failures: z.number().int(),
  disabled_reason: z.string(),
  disabled_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type WebhookEndpoint = z.infer<typeof endpointSchema>;

const withSecretSchema = z.object({ endpoint: endpointSchema, secret: z.string() });

const deliverySchema = z.object({
  id: z.number().int(),
  endpoint_id: z.number().int(),
  event: z.string(),
  status: z.enum(["pending", "succeeded", "failed", "refused"]),
  attempts: z.number().int(),
  response_status: z.number().int().nullable(),
  response_ms: z.number().int().nullable(),
  error: z.string(),
  replay_of: z.number().int().nullable(),
  payload: z.unknown(),
  created_at: z.string(),
  last_attempt_at: z.string().nullable(),
  delivered_at: z.string().nullable(),
});
export type WebhookDelivery = z.infer<typeof deliverySchema>;

const key = ["webhooks"] as const;

export const webhooksQuery = () =>
  queryOptions({
    queryKey: key,
    queryFn: ({ signal }) =>
      apiRequest(
        "/api/v1/webhooks",
        z.object({ items: z.array(endpointSchema), events: z.array(z.string()) }),
        { signal },
      ),
  });

export function useWebhooks() {
  return useQuery(webhooksQuery());
}

/** An endpoint's last deliveries; looked at again every few seconds while one is pending. */
export function useWebhookDeliveries(id: number) {
  return useQuery({
    queryKey: [...key, id, "deliveries"],
    queryFn: ({ signal }) =>
      apiRequest(
        `/api/v1/webhooks/${id}/deliveries`,
        z.object({ items: z.array(deliverySchema) }),
        { signal },
      ),
    select: (data) => data.items,
    refetchInterval: (query) =>
      query.state.data?.items.some((d) => d.status === "pending") ? 2000 : false,
  });
}

export interface WebhookInput {
  url?: string;
  description?: string;
  events?: string[];
  active?: boolean;
}

function useWebhookMutation<TInput, TResult>(mutationFn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useCreateWebhook() {
  return useWebhookMutation((input: WebhookInput) =>
    apiRequest("/api/v1/webhooks", withSecretSchema, { method: "POST", body: input }),
  );
}

export function useUpdateWebhook() {
  return useWebhookMutation(({ id, ...input }: WebhookInput & { id: number }) =>
    apiRequest(`/api/v1/webhooks/${id}`, endpointSchema, { method: "PATCH", body: input }),
  );
}

export function useDeleteWebhook() {
  return useWebhookMutation((id: number) =>
    apiRequest(`/api/v1/webhooks/${id}`, z.undefined(), { method: "DELETE" }),
  );
}

export function useRotateWebhookSecret() {
  return useWebhookMutation((id: number) =>
    apiRequest(`/api/v1/webhooks/${id}/rotate-secret`, withSecretSchema, { method: "POST" }),
  );
}

export function usePingWebhook() {
  return useWebhookMutation((id: number) =>
    apiRequest(`/api/v1/webhooks/${id}/ping`, deliverySchema, { method: "POST" }),
  );
}

export function useReplayDelivery() {
  return useWebhookMutation(({ id, delivery }: { id: number; delivery: number }) =>
    apiRequest(`/api/v1/webhooks/${id}/deliveries/${delivery}/replay`, deliverySchema, {
      method: "POST",
    }),
  );
}
