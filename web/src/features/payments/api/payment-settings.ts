import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

// Settings → Paiements: the organisation's own Stripe account (admins). The server never sends
// a secret back: only a hint of the key, the webhook address to paste in Stripe, and what Stripe
// said at the last check.

export const paymentAccountSchema = z.object({
  provider: z.literal("stripe"),
  connected: z.boolean(),
  key_hint: z.string().nullable(),
  livemode: z.boolean(),
  webhook_secret_set: z.boolean(),
  webhook_url: z.string().nullable(),
  checked_at: z.string().nullable(),
  check_ok: z.boolean().nullable(),
  check_message: z.string(),
  account_name: z.string(),
  last_event_at: z.string().nullable(),
});
export type PaymentAccount = z.infer<typeof paymentAccountSchema>;

export const paymentEventSchema = z.object({
  id: z.number().int(),
  event_id: z.string(),
  type: z.string(),
  status: z.enum(["received", "applied", "ignored", "failed"]).catch("received"),
  outcome: z.string(),
  deliveries: z.number().int(),
  livemode: z.boolean(),
  received_at: z.string(),
  processed_at: z.string().nullable(),
});
export type PaymentEvent = z.infer<typeof paymentEventSchema>;

export const paymentKeys = {
  account: ["payment-settings"] as const,
  events: ["payment-events"] as const,
};

export const paymentAccountQuery = () =>
  queryOptions({
    queryKey: paymentKeys.account,
    queryFn: ({ signal }) =>
      apiRequest("/api/v1/payment-settings", paymentAccountSchema, { signal }),
  });

export function usePaymentAccount() {
  return useQuery(paymentAccountQuery());
}

export const paymentEventsQuery = () =>
  queryOptions({
    queryKey: paymentKeys.events,
    queryFn: ({ signal }) =>
      apiRequest(
        "/api/v1/payment-events?limit=20",
        z.object({ items: z.array(paymentEventSchema) }),
        { signal },
      ),
    select: (data) => data.items,
  });

export function usePaymentEvents() {
  return useQuery(paymentEventsQuery());
}

export interface PaymentAccountInput {
  secret_key: string;
  webhook_secret: string;
}

function useAccountMutation<T>(fn: (input: T) => Promise<PaymentAccount>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (account) => queryClient.setQueryData(paymentKeys.account, account),
  });
}

export function useConnectStripe() {
  return useAccountMutation((input: PaymentAccountInput) =>
    apiRequest("/api/v1/payment-settings", paymentAccountSchema, { method: "PUT", body: input }),
  );
}

export function useTestStripe() {
  return useAccountMutation(() =>
    apiRequest("/api/v1/payment-settings/test", paymentAccountSchema, { method: "POST" }),
  );
}

export function useDisconnectStripe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest("/api/v1/payment-settings", z.undefined(), { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: paymentKeys.account }),
  });
}
