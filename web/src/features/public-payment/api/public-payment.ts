import { queryOptions, useMutation, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

// What a client reaches without a session: an invoice's page, the checkout that pays it (or a
// signed quote's deposit) on Stripe, and the page Stripe sends them back to. The link's token is
// the credential; payments are recorded by Stripe's webhook only, never by this side.

/** 64 hex digits, or the 43 URL-safe characters of a link the legacy app sent (imported). */
export function isPublicToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{32,128}$/.test(token);
}

export const publicInvoiceSchema = z.object({
  number: z.string(),
  kind: z.enum(["standard", "deposit"]).catch("standard"),
  status: z.string(),
  title: z.string(),
  client_name: z.string(),
  seller_name: z.string(),
  total_gross_cents: z.number().int(),
  prepaid_cents: z.number().int(),
  credited_cents: z.number().int(),
  paid_cents: z.number().int(),
  amount_due_cents: z.number().int(),
  issue_date: z.string().nullable(),
  due_date: z.string().nullable(),
  disputed: z.boolean(),
  can_pay_online: z.boolean(),
  payments: z.array(
    z.object({
      number: z.string(),
      method: z.string(),
      amount_cents: z.number().int(),
      refunded_cents: z.number().int(),
      received_on: z.string(),
    }),
  ),
});
export type PublicInvoice = z.infer<typeof publicInvoiceSchema>;

export const checkoutStateSchema = z.object({
  status: z.enum(["open", "paid", "failed", "expired"]),
  purpose: z.enum(["invoice", "deposit"]).catch("invoice"),
  amount_cents: z.number().int(),
  document_number: z.string(),
  organization_name: z.string(),
  failure_reason: z.string().nullable(),
});
export type CheckoutState = z.infer<typeof checkoutStateSchema>;

const checkoutStartSchema = z.object({ url: z.string(), amount_cents: z.number().int() });

export const publicPaymentKeys = {
  invoice: (token: string) => ["public-invoice", token] as const,
  checkout: (token: string) => ["public-checkout", token] as const,
};

const invoiceBase = (token: string) => `/api/v1/public/invoices/${encodeURIComponent(token)}`;

export function publicInvoicePdfUrl(token: string): string {
  return `${invoiceBase(token)}/pdf`;
}

export const publicInvoiceQuery = (token: string) =>
  queryOptions({
    queryKey: publicPaymentKeys.invoice(token),
    queryFn: ({ signal }) => apiRequest(invoiceBase(token), publicInvoiceSchema, { signal }),
    enabled: isPublicToken(token),
  });

export function usePublicInvoice(token: string) {
  return useQuery(publicInvoiceQuery(token));
}

/** While Stripe's confirmation has not arrived, the return page asks again every 2 seconds. */
export const checkoutStateQuery = (token: string) =>
  queryOptions({
    queryKey: publicPaymentKeys.checkout(token),
    queryFn: ({ signal }) =>
      apiRequest(`/api/v1/public/checkouts/${encodeURIComponent(token)}`, checkoutStateSchema, {
        signal,
      }),
    enabled: isPublicToken(token),
    refetchInterval: (query) => (query.state.data?.status === "open" ? 2000 : false),
  });

export function useCheckoutState(token: string) {
  return useQuery(checkoutStateQuery(token));
}

/** Opens Stripe's payment page for what the invoice still owes, then leaves for it. */
export function usePayInvoice(token: string) {
  return useMutation({
    mutationFn: () =>
      apiRequest(`${invoiceBase(token)}/checkout`, checkoutStartSchema, {
        method: "POST",
        body: {},
      }),
    onSuccess: ({ url }) => {
      window.location.assign(url);
    },
  });
}
