import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

// Exports (docs/exports.md): what may be exported and how each entity filters, the history of
// generated files (with the progress of those the worker is making), and a new export.

export const exportFormatSchema = z.enum(["xlsx", "csv", "csv_rfc"]);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export const exportEntitySchema = z.object({
  key: z.string(),
  title: z.string(),
  period: z.enum(["none", "day", "instant"]),
  statuses: z.array(z.object({ code: z.string(), label: z.string() })),
  client_filter: z.boolean(),
  columns: z.array(z.string()),
});
export type ExportEntity = z.infer<typeof exportEntitySchema>;

export const exportRecordSchema = z.object({
  id: z.number().int(),
  entity: z.string(),
  format: exportFormatSchema,
  filters: z.record(z.string(), z.unknown()),
  status: z.enum(["queued", "running", "ready", "failed"]),
  rows_total: z.number().int(),
  rows_done: z.number().int(),
  filename: z.string(),
  size_bytes: z.number().int(),
  sha256: z.string().nullable(),
  error: z.string().nullable(),
  requested_by: z.string(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
  expires_at: z.string(),
  download_url: z.string().nullable(),
});
export type ExportRecord = z.infer<typeof exportRecordSchema>;

export interface ExportInput {
  entity: string;
  format: ExportFormat;
  from?: string;
  to?: string;
  status?: string[];
  client_id?: number;
}

const keys = {
  all: ["exports"] as const,
  entities: () => [...keys.all, "entities"] as const,
  history: () => [...keys.all, "history"] as const,
  clients: () => [...keys.all, "clients"] as const,
};

export const exportEntitiesQuery = () =>
  queryOptions({
    queryKey: keys.entities(),
    queryFn: ({ signal }) =>
      apiRequest("/api/v1/exports/entities", z.object({ items: z.array(exportEntitySchema) }), {
        signal,
      }),
    select: (data) => data.items,
    staleTime: Infinity,
  });

export function useExportEntities() {
  return useQuery(exportEntitiesQuery());
}

/** True while the worker still has to make or finish one of them. */
export function hasPending(items: readonly ExportRecord[] | undefined): boolean {
  return (items ?? []).some((e) => e.status === "queued" || e.status === "running");
}

export function useExportHistory() {
  return useQuery({
    queryKey: keys.history(),
    queryFn: ({ signal }) =>
      apiRequest("/api/v1/exports", z.object({ items: z.array(exportRecordSchema) }), {
        signal,
      }),
    select: (data) => data.items,
    // Progress of the background ones, polled while any is under way.
    refetchInterval: (query) => (hasPending(query.state.data?.items) ? 1500 : false),
  });
}

export function useRequestExport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ExportInput) =>
      apiRequest("/api/v1/exports", exportRecordSchema, { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.history() }),
  });
}

/** The organisation's clients, for the client filter (through the clients API). */
export function useExportClientChoices() {
  return useQuery({
    queryKey: keys.clients(),
    queryFn: ({ signal }) =>
      apiRequest(
        "/api/v1/clients?limit=200",
        z.object({ items: z.array(z.object({ id: z.number().int(), name: z.string() })) }),
        { signal },
      ),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}
