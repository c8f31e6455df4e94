import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { ApiError, apiRequest } from "@/lib/api-client";

// Settings → Comptabilité (docs/accounting.md): the accounts and journals the FEC uses, the FEC
// of a period and the VAT collected.

export const accountingSettingsSchema = z.object({
  sales_journal: z.string(),
  sales_journal_label: z.string(),
  bank_journal: z.string(),
  bank_journal_label: z.string(),
  client_account: z.string(),
  deposit_account: z.string(),
  bank_account: z.string(),
  cash_account: z.string(),
  revenue_account: z.string(),
  revenue_by_rate: z.record(z.string(), z.string()),
  vat_account: z.string(),
  vat_by_rate: z.record(z.string(), z.string()),
  vat_on_debits: z.boolean(),
});
export type AccountingSettings = z.infer<typeof accountingSettingsSchema>;

export const vatSummarySchema = z.object({
  basis: z.enum(["receipts", "debits"]),
  franchise: z.boolean(),
  rates: z.array(
    z.object({
      rate_bp: z.number().int(),
      base_cents: z.number().int(),
      vat_cents: z.number().int(),
    }),
  ),
  base_cents: z.number().int(),
  vat_cents: z.number().int(),
  counted: z.number().int(),
});
export type VatSummary = z.infer<typeof vatSummarySchema>;

const keys = {
  settings: ["accounting", "settings"] as const,
  vat: (from: string, to: string) => ["accounting", "vat", from, to] as const,
};

export const accountingSettingsQuery = () =>
  queryOptions({
    queryKey: keys.settings,
    queryFn: ({ signal }) =>
      apiRequest("/api/v1/accounting/settings", accountingSettingsSchema, { signal }),
  });

export function useAccountingSettings() {
  return useQuery(accountingSettingsQuery());
}

export function useSaveAccountingSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AccountingSettings) =>
      apiRequest("/api/v1/accounting/settings", accountingSettingsSchema, {
        method: "PUT",
        body: input,
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.settings, saved);
      void queryClient.invalidateQueries({ queryKey: ["accounting", "vat"] });
    },
  });
}

export function useVatSummary(from: string, to: string) {
  return useQuery({
    queryKey: keys.vat(from, to),
    queryFn: ({ signal }) =>
      apiRequest(
        `/api/v1/accounting/vat?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
        vatSummarySchema,
        { signal },
      ),
    enabled: from !== "" && to !== "" && from <= to,
  });
}

/** Fetches the FEC of [from, to]; the server's refusal (no SIREN, bad period) as an ApiError. */
export async function downloadFec(from: string, to: string): Promise<{ blob: Blob; name: string }> {
  const response = await fetch(
    `/api/v1/accounting/fec?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    { credentials: "same-origin" },
  );
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { code: string; message: string; fields?: { field: string; message: string }[] };
    } | null;
    throw new ApiError(
      response.status,
      body?.error?.code ?? "HTTP",
      body?.error?.message ?? response.statusText,
      body?.error?.fields ?? [],
    );
  }
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? "FEC.txt";
  return { blob: await response.blob(), name };
}
