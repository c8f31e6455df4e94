import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

// The client's view of a quote, reached with the e-mailed link: no session, the link's token is
// the credential.

const lineSchema = z.object({
  // An unknown kind or unit from a newer server still shows as a plain priced line.
  kind: z
    .enum(["service", "rental", "product", "fee", "travel", "discount", "text"])
    .catch("service"),
  description: z.string(),
  unit: z.enum(["hour", "day", "unit", "km", "flat"]).nullable().catch(null),
  quantity_milli: z.number().int(),
  unit_price_cents: z.number().int(),
  vat_rate_bp: z.number().int(),
  discount_bp: z.number().int(),
  discount_cents: z.number().int(),
  net_cents: z.number().int(),
});
export type PublicQuoteLine = z.infer<typeof lineSchema>;

const signatureSchema = z.object({
  signer_name: z.string(),
  signed_at: z.string(),
  method: z.string(),
  document_sha256: z.string(),
});

// The server sends these keys and no others (no row ids): an allow-list, tested on both sides.
export const publicQuoteSchema = z.object({
  number: z.string().nullable(),
  status: z.enum(["sent", "accepted", "declined", "expired"]),
  title: z.string(),
  client_name: z.string(),
  client_email: z.string().nullable(),
  seller_name: z.string(),
  total_net_cents: z.number().int(),
  total_vat_cents: z.number().int(),
  total_gross_cents: z.number().int(),
  vat_regime: z.string(),
  description: z.string().catch(""),
  venue_text: z.string().catch(""),
  service_starts_at: z.string().nullable().catch(null),
  service_ends_at: z.string().nullable().catch(null),
  discount_bp: z.number().int().catch(0),
  discount_cents: z.number().int().catch(0),
  lines: z.array(lineSchema),
  vat_breakdown: z.array(
    z.object({
      rate_bp: z.number().int(),
      base_cents: z.number().int(),
      discount_cents: z.number().int(),
      vat_cents: z.number().int(),
    }),
  ),
  deposit_kind: z.enum(["none", "acompte", "arrhes"]).catch("none"),
  deposit_bp: z.number().int(),
  deposit_cents: z.number().int(),
  issue_date: z.string().nullable(),
  valid_until: z.string().nullable(),
  terms: z.string().catch(""),
  accepted_at: z.string().nullable(),
  declined_at: z.string().nullable(),
  decline_reason: z.string().nullable(),
  signature: signatureSchema.nullable(),
  /** "Payer l'acompte" is offered (accepted, a deposit asked, the seller takes card payments). */
  can_pay_deposit: z.boolean().catch(false),
});
export type PublicQuote = z.infer<typeof publicQuoteSchema>;

export interface SignQuoteInput {
  signer_name: string;
  signer_email: string;
  /** The drawn signature as a PNG data URL. */
  signature: string;
  consent: boolean;
}

export const publicQuoteKeys = {
  all: ["public-quote"] as const,
  detail: (token: string) => [...publicQuoteKeys.all, token] as const,
};

/**
 * The e-mailed links carry 64 hex digits (43 URL-safe characters for the links the legacy app
 * sent, still valid after an import); anything else is not worth asking the server about.
 */
export function isPublicQuoteToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{32,128}$/.test(token);
}

const base = (token: string) => `/api/v1/public/quotes/${encodeURIComponent(token)}`;

/** Where the PDF is served: the signed one once the quote is signed. */
export function publicQuotePdfUrl(token: string): string {
  return `${base(token)}/pdf`;
}

export const publicQuoteQuery = (token: string) =>
  queryOptions({
    queryKey: publicQuoteKeys.detail(token),
    queryFn: ({ signal }) => apiRequest(base(token), publicQuoteSchema, { signal }),
    enabled: isPublicQuoteToken(token),
  });

export function usePublicQuote(token: string) {
  return useQuery(publicQuoteQuery(token));
}

export function useSignPublicQuote(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SignQuoteInput) =>
      apiRequest(
        `${base(token)}/sign`,
        z.object({ status: z.literal("accepted"), accepted_at: z.string() }),
        { method: "POST", body: input },
      ),
    onSuccess: ({ status, accepted_at }) => {
      // Show the signed state at once; the refetch brings the signature's details.
      queryClient.setQueryData(publicQuoteKeys.detail(token), (old: PublicQuote | undefined) =>
        old ? { ...old, status, accepted_at } : old,
      );
      return queryClient.invalidateQueries({ queryKey: publicQuoteKeys.detail(token) });
    },
  });
}

/** Opens Stripe's page for the signed quote's deposit, then leaves for it. */
export function usePayDeposit(token: string) {
  return useMutation({
    mutationFn: () =>
      apiRequest(
        `${base(token)}/checkout`,
        z.object({ url: z.string(), amount_cents: z.number().int() }),
        { method: "POST", body: {} },
      ),
    onSuccess: ({ url }) => window.location.assign(url),
  });
}

export function useDeclinePublicQuote(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      apiRequest(`${base(token)}/decline`, z.object({ status: z.literal("declined") }), {
        method: "POST",
        body: { reason },
      }),
    onSuccess: ({ status }) => {
      queryClient.setQueryData(publicQuoteKeys.detail(token), (old: PublicQuote | undefined) =>
        old ? { ...old, status } : old,
      );
      return queryClient.invalidateQueries({ queryKey: publicQuoteKeys.detail(token) });
    },
  });
}
