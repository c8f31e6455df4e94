import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

// Quotes, invoices, credit notes and payments. Money is integer cents, quantities thousandths,
// rates basis points; the server computes every total (POST /api/v1/documents/totals for the
// editor's live view), the web never rounds money itself.

export const LINE_KINDS = [
  "service",
  "rental",
  "product",
  "fee",
  "travel",
  "discount",
  "text",
] as const;
export const LINE_UNITS = ["hour", "day", "unit", "km", "flat"] as const;
export const QUOTE_STATUSES = [
  "draft",
  "sent",
  "accepted",
  "declined",
  "expired",
  "cancelled",
] as const;
export const INVOICE_STATUSES = ["draft", "issued", "partially_paid", "paid", "cancelled"] as const;
export const PAYMENT_METHODS = ["bank_transfer", "cheque", "cash", "card", "other"] as const;
export const PAGE_SIZE = 50;

export type LineKind = (typeof LINE_KINDS)[number];
export type LineUnit = (typeof LINE_UNITS)[number];
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

const lineSchema = z.object({
  kind: z.enum(LINE_KINDS),
  description: z.string(),
  unit: z.enum(LINE_UNITS).nullable(),
  quantity_milli: z.number().int(),
  unit_price_cents: z.number().int(),
  vat_rate_bp: z.number().int(),
  discount_bp: z.number().int(),
  discount_cents: z.number().int(),
  net_cents: z.number().int(),
  catalogue_item_id: z.number().int().nullable(),
  equipment_item_id: z.number().int().nullable(),
});
export type DocumentLine = z.infer<typeof lineSchema>;

const vatSchema = z.object({
  rate_bp: z.number().int(),
  base_cents: z.number().int(),
  discount_cents: z.number().int(),
  vat_cents: z.number().int(),
});
export type VatRow = z.infer<typeof vatSchema>;

const documentSummary = {
  id: z.number().int(),
  number: z.string().nullable(),
  client_id: z.number().int().nullable(),
  mission_id: z.number().int().nullable(),
  title: z.string(),
  client_name: z.string(),
  client_email: z.string().nullable(),
  total_net_cents: z.number().int(),
  total_vat_cents: z.number().int(),
  total_gross_cents: z.number().int(),
  vat_regime: z.enum(["standard", "franchise", "reverse_charge"]),
  created_at: z.string(),
};

const documentDetail = {
  description: z.string(),
  venue_text: z.string(),
  purchase_order_ref: z.string(),
  operation_category: z.enum(["services", "goods", "mixed"]),
  service_starts_at: z.string().nullable(),
  service_ends_at: z.string().nullable(),
  discount_bp: z.number().int(),
  discount_cents: z.number().int(),
  lines: z.array(lineSchema),
  vat_breakdown: z.array(vatSchema),
};

const quoteSummarySchema = z.object({
  ...documentSummary,
  status: z.enum(QUOTE_STATUSES),
  deposit_kind: z.enum(["none", "acompte", "arrhes"]),
  deposit_bp: z.number().int(),
  deposit_cents: z.number().int(),
  issue_date: z.string().nullable(),
  valid_until: z.string().nullable(),
  sending: z.boolean(),
  link_active: z.boolean(),
  sent_at: z.string().nullable(),
  accepted_at: z.string().nullable(),
  acceptance_method: z.string().nullable(),
  declined_at: z.string().nullable(),
  decline_reason: z.string().nullable(),
});
export type QuoteSummary = z.infer<typeof quoteSummarySchema>;

const signatureSchema = z.object({
  signer_name: z.string(),
  signer_email: z.string(),
  signed_at: z.string(),
  ip_address: z.string(),
  user_agent: z.string(),
  consent_text: z.string(),
  document_sha256: z.string(),
});

const quoteSchema = quoteSummarySchema.extend({
  ...documentDetail,
  terms: z.string(),
  deposit_amount_cents: z.number().int(),
  signature: signatureSchema.nullable().optional(),
  /** Paid online but no invoice holds it yet (docs/payments.md); only on GET /quotes/:id. */
  held_payments_cents: z.number().int().optional(),
});
export type Quote = z.infer<typeof quoteSchema>;

const invoiceSummarySchema = z.object({
  ...documentSummary,
  status: z.enum(INVOICE_STATUSES),
  kind: z.enum(["standard", "deposit"]),
  quote_id: z.number().int().nullable(),
  quote_number: z.string().nullable(),
  issue_date: z.string().nullable(),
  due_date: z.string().nullable(),
  prepaid_cents: z.number().int(),
  credited_cents: z.number().int(),
  paid_cents: z.number().int(),
  amount_due_cents: z.number().int(),
  remaining_cents: z.number().int(),
  sent_at: z.string().nullable(),
  paid_on: z.string().nullable(),
});
export type InvoiceSummary = z.infer<typeof invoiceSummarySchema>;

const creditNoteSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  invoice_id: z.number().int(),
  invoice_number: z.string(),
  reason: z.string(),
  full_credit: z.boolean(),
  total_net_cents: z.number().int(),
  total_vat_cents: z.number().int(),
  total_gross_cents: z.number().int(),
  settlement: z.enum(["deduct", "refund"]),
  issue_date: z.string(),
});
export type CreditNote = z.infer<typeof creditNoteSchema>;

const paymentSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  /** null while an online deposit is held on its quote, before its invoice is issued. */
  invoice_id: z.number().int().nullable(),
  invoice_number: z.string(),
  quote_id: z.number().int().nullable().catch(null),
  quote_number: z.string().catch(""),
  provider: z.enum(["manual", "stripe", "legacy"]).catch("manual"),
  refunded_cents: z.number().int().catch(0),
  overpaid_cents: z.number().int().catch(0),
  disputed_at: z.string().nullable().catch(null),
  method: z.enum(["card", "bank_transfer", "sepa_debit", "cheque", "cash", "other"]),
  status: z.enum(["pending", "succeeded", "failed", "rejected", "cancelled"]),
  amount_cents: z.number().int(),
  reference: z.string(),
  proof_text: z.string(),
  received_on: z.string(),
  recorded_by: z.string(),
  failure_reason: z.string().nullable(),
  proof_filename: z.string().nullable(),
});
export type Payment = z.infer<typeof paymentSchema>;

const invoiceSchema = invoiceSummarySchema.extend({
  ...documentDetail,
  notes: z.string(),
  payment_terms_days: z.number().int(),
  deposits: z.array(
    z.object({
      invoice_id: z.number().int(),
      number: z.string(),
      issue_date: z.string(),
      gross_cents: z.number().int(),
    }),
  ),
  overdue: z.boolean().optional(),
  credit_notes: z.array(creditNoteSchema).optional(),
  payments: z.array(paymentSchema).optional(),
});
export type Invoice = z.infer<typeof invoiceSchema>;

const totalsSchema = z.object({
  line_net_cents: z.array(z.number().int()),
  lines_net_cents: z.number().int(),
  discount_cents: z.number().int(),
  total_net_cents: z.number().int(),
  total_vat_cents: z.number().int(),
  total_gross_cents: z.number().int(),
  vat_breakdown: z.array(vatSchema),
  deposit_cents: z.number().int(),
});
export type LiveTotals = z.infer<typeof totalsSchema>;

/** A line as the editor sends it. */
export interface LineInput {
  kind: LineKind;
  description: string;
  unit: LineUnit | null;
  quantity_milli: number;
  unit_price_cents: number;
  vat_rate_bp: number;
  discount_bp: number;
  catalogue_item_id: number | null;
}

/** The body of a quote or invoice draft. */
export interface DocumentInput {
  client_id: number | null;
  mission_id: number | null;
  title: string;
  description: string;
  venue_text: string;
  discount_bp: number;
  lines: LineInput[];
  // quotes
  terms?: string;
  deposit_kind?: "none" | "acompte" | "arrhes";
  deposit_bp?: number;
  valid_until?: string | null;
  // invoices
  notes?: string;
}

export interface ListFilter {
  status: string;
  q: string;
  page: number;
  overdue?: boolean;
  client_id?: number;
  mission_id?: number;
  quote_id?: number;
  from?: string;
  to?: string;
}

export const documentKeys = {
  all: ["documents"] as const,
  quotes: (filter: ListFilter) => [...documentKeys.all, "quotes", filter] as const,
  quote: (id: number) => [...documentKeys.all, "quote", id] as const,
  invoices: (filter: ListFilter) => [...documentKeys.all, "invoices", filter] as const,
  invoice: (id: number) => [...documentKeys.all, "invoice", id] as const,
  payments: (status: string) => [...documentKeys.all, "payments", status] as const,
  reminders: (id: number) => [...documentKeys.all, "invoice", id, "reminders"] as const,
  quoteReminders: (id: number) => [...documentKeys.all, "quote", id, "reminders"] as const,
};

function listQuery(filter: ListFilter): string {
  const params = new URLSearchParams({
    limit: String(PAGE_SIZE),
    offset: String(filter.page * PAGE_SIZE),
  });
  if (filter.status) params.set("status", filter.status);
  if (filter.q) params.set("q", filter.q);
  if (filter.overdue) params.set("overdue", "true");
  if (filter.client_id) params.set("client_id", String(filter.client_id));
  if (filter.mission_id) params.set("mission_id", String(filter.mission_id));
  if (filter.quote_id) params.set("quote_id", String(filter.quote_id));
  if (filter.from) params.set("from", filter.from);
  if (filter.to) params.set("to", filter.to);
  return params.toString();
}

export function useQuotes(filter: ListFilter, enabled = true) {
  return useQuery({
    queryKey: documentKeys.quotes(filter),
    enabled,
    queryFn: ({ signal }) =>
      apiRequest(
        `/api/v1/quotes?${listQuery(filter)}`,
        z.object({
          items: z.array(quoteSummarySchema),
          total: z.number().int(),
          total_gross_cents: z.number().int(),
        }),
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

export function useQuote(id: number) {
  return useQuery({
    queryKey: documentKeys.quote(id),
    queryFn: ({ signal }) => apiRequest(`/api/v1/quotes/${id}`, quoteSchema, { signal }),
  });
}

export function useInvoices(filter: ListFilter, enabled = true) {
  return useQuery({
    queryKey: documentKeys.invoices(filter),
    enabled,
    queryFn: ({ signal }) =>
      apiRequest(
        `/api/v1/invoices?${listQuery(filter)}`,
        z.object({
          items: z.array(invoiceSummarySchema),
          total: z.number().int(),
          total_gross_cents: z.number().int(),
          remaining_cents: z.number().int(),
        }),
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

export interface PaymentFilter {
  provider: "" | "manual" | "stripe" | "legacy";
  status: "" | Payment["status"];
  page: number;
}

/** Every payment of the organisation, newest first, by provider and status. */
export function usePayments(filter: PaymentFilter) {
  const params = new URLSearchParams({
    limit: String(PAGE_SIZE),
    offset: String(filter.page * PAGE_SIZE),
  });
  if (filter.provider) params.set("provider", filter.provider);
  if (filter.status) params.set("status", filter.status);
  return useQuery({
    queryKey: [...documentKeys.all, "payments", filter] as const,
    queryFn: ({ signal }) =>
      apiRequest(
        `/api/v1/payments?${params.toString()}`,
        z.object({
          items: z.array(paymentSchema),
          total: z.number().int(),
          total_cents: z.number().int(),
        }),
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

export function useInvoice(id: number) {
  return useQuery({
    queryKey: documentKeys.invoice(id),
    queryFn: ({ signal }) => apiRequest(`/api/v1/invoices/${id}`, invoiceSchema, { signal }),
  });
}

function invalidate(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ queryKey: documentKeys.all });
}

export function useSaveQuote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: DocumentInput }) =>
      id === null
        ? apiRequest("/api/v1/quotes", quoteSchema, { method: "POST", body: input })
        : apiRequest(`/api/v1/quotes/${id}`, quoteSchema, { method: "PUT", body: input }),
    onSuccess: () => invalidate(queryClient),
  });
}

export function useSaveInvoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: DocumentInput }) =>
      id === null
        ? apiRequest("/api/v1/invoices", invoiceSchema, { method: "POST", body: input })
        : apiRequest(`/api/v1/invoices/${id}`, invoiceSchema, { method: "PUT", body: input }),
    onSuccess: () => invalidate(queryClient),
  });
}

export type QuoteAction = "send" | "accept" | "decline" | "cancel" | "duplicate" | "revoke-link";

export function useQuoteAction(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: QuoteAction; body?: Record<string, unknown> }) =>
      apiRequest(`/api/v1/quotes/${id}/${action}`, quoteSchema.partial().passthrough(), {
        method: "POST",
        body: body ?? {},
      }),
    onSuccess: () => invalidate(queryClient),
  });
}

export function useInvoiceFromQuote(quoteId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: "deposit" | "final"; deposit_bp?: number }) =>
      apiRequest(`/api/v1/quotes/${quoteId}/invoices`, invoiceSchema, { method: "POST", body }),
    onSuccess: () => invalidate(queryClient),
  });
}

export type InvoiceAction = "issue" | "send";

export function useInvoiceAction(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: InvoiceAction; body?: Record<string, unknown> }) =>
      apiRequest(`/api/v1/invoices/${id}/${action}`, z.unknown(), {
        method: "POST",
        body: body ?? {},
      }),
    onSuccess: () => invalidate(queryClient),
  });
}

export function useDeleteInvoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      apiRequest(`/api/v1/invoices/${id}`, z.unknown(), { method: "DELETE" }),
    onSuccess: () => invalidate(queryClient),
  });
}

export function useCreateCreditNote(invoiceId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { reason: string; amount_cents?: number }) =>
      apiRequest(`/api/v1/invoices/${invoiceId}/credit-notes`, creditNoteSchema, {
        method: "POST",
        body,
      }),
    onSuccess: () => invalidate(queryClient),
  });
}

export interface PaymentInput {
  method: (typeof PAYMENT_METHODS)[number];
  amount_cents: number;
  reference: string;
  received_on: string;
  proof_text: string;
}

/** Records a payment, then attaches its proof file when one is given. */
const remindersSchema = z.object({
  paused: z.boolean(),
  items: z.array(
    z.object({
      step: z.string(),
      tone: z.string(),
      sent_on: z.string(),
      email_id: z.number().int().nullable(),
      email_status: z.string().nullable(),
      to: z.string(),
      created_at: z.string(),
    }),
  ),
});
export type InvoiceReminders = z.infer<typeof remindersSchema>;

/** What the automatic reminders sent for an invoice, and whether they are paused. */
export function useInvoiceReminders(invoiceId: number, enabled: boolean) {
  return useQuery({
    queryKey: documentKeys.reminders(invoiceId),
    queryFn: ({ signal }) =>
      apiRequest(`/api/v1/invoices/${invoiceId}/reminders`, remindersSchema, { signal }),
    enabled,
  });
}

const quoteRemindersSchema = remindersSchema.omit({ paused: true });

/** The follow-ups and expiry notice the automatic reminders sent for a quote. */
export function useQuoteReminders(quoteId: number, enabled: boolean) {
  return useQuery({
    queryKey: documentKeys.quoteReminders(quoteId),
    queryFn: ({ signal }) =>
      apiRequest(`/api/v1/quotes/${quoteId}/reminders`, quoteRemindersSchema, { signal }),
    enabled,
  });
}

export function usePauseInvoiceReminders(invoiceId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (paused: boolean) =>
      apiRequest(`/api/v1/invoices/${invoiceId}/reminders`, z.object({ paused: z.boolean() }), {
        method: "PUT",
        body: { paused },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentKeys.reminders(invoiceId) }),
  });
}

/** Asks Stripe to refund an online payment; it counts once Stripe confirms it (webhook). */
export function useRefundPayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      amount_cents,
      reason,
    }: {
      id: number;
      amount_cents: number | null;
      reason: string;
    }) =>
      apiRequest(`/api/v1/payments/${id}/refunds`, z.object({ payment: paymentSchema }), {
        method: "POST",
        body: amount_cents === null ? { reason } : { amount_cents, reason },
      }),
    onSuccess: () => invalidate(queryClient),
  });
}

export function useRecordPayment(invoiceId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, proof }: { body: PaymentInput; proof: File | null }) => {
      const payment = await apiRequest(`/api/v1/invoices/${invoiceId}/payments`, paymentSchema, {
        method: "POST",
        body,
      });
      if (!proof) return payment;
      return apiRequest(
        `/api/v1/payments/${payment.id}/proof?${new URLSearchParams({ filename: proof.name }).toString()}`,
        paymentSchema,
        { method: "PUT", file: proof },
      );
    },
    onSuccess: () => invalidate(queryClient),
  });
}

export function usePaymentDecision() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: number; decision: "validate" | "reject" }) =>
      apiRequest(`/api/v1/payments/${id}/${decision}`, paymentSchema, {
        method: "POST",
        body: {},
      }),
    onSuccess: () => invalidate(queryClient),
  });
}

/** The server's totals for lines being edited (nothing is saved). */
export function fetchLiveTotals(input: DocumentInput, vatRegime: string, signal?: AbortSignal) {
  return apiRequest("/api/v1/documents/totals", totalsSchema, {
    method: "POST",
    body: { ...input, vat_regime: vatRegime },
    signal,
  });
}

export function useLiveTotals(input: DocumentInput, vatRegime: string) {
  return useQuery({
    queryKey: [...documentKeys.all, "totals", input, vatRegime] as const,
    queryFn: ({ signal }) => fetchLiveTotals(input, vatRegime, signal),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** 6000 + "hour" -> "6 h"; 1500 -> "1,5" (fr). Thousandths in, text out, no float maths. */
export function formatQuantity(milli: number, unit: LineUnit | null, locale: "fr" | "en" = "fr") {
  const whole = Math.trunc(milli / 1000);
  const rest = Math.abs(milli % 1000);
  let text = String(whole);
  if (rest !== 0) {
    text += (locale === "fr" ? "," : ".") + String(rest).padStart(3, "0").replace(/0+$/, "");
  }
  const suffix = unit === "hour" ? " h" : unit === "day" ? " j" : unit === "km" ? " km" : "";
  return text + suffix;
}

/** "1,5" / "1.5" / "2" -> thousandths, or null. Exact: digits only, at most three decimals. */
export function parseQuantity(text: string): number | null {
  const match = /^\s*(\d{1,7})(?:[.,](\d{1,3}))?\s*$/.exec(text);
  if (!match) return null;
  const [, whole = "0", fraction = ""] = match;
  return Number(whole) * 1000 + Number(fraction.padEnd(3, "0"));
}

/** 2000 -> "20 %"; 550 -> "5,5 %". */
export function formatRate(bp: number, locale: "fr" | "en" = "fr") {
  const whole = Math.trunc(bp / 100);
  const rest = bp % 100;
  let text = String(whole);
  if (rest !== 0) {
    text += (locale === "fr" ? "," : ".") + String(rest).padStart(2, "0").replace(/0+$/, "");
  }
  return `${text} %`;
}

export const VAT_RATES = [2000, 1000, 550, 210, 0] as const;
