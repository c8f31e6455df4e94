import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";
import { adminKeys } from "./admin";

const tableReport = z.object({
  table: z.string(),
  read: z.number().int(),
  imported: z.number().int(),
  merged: z.number().int(),
  skipped: z.number().int(),
  dropped: z.number().int(),
  done_before: z.number().int(),
});

const report = z.object({
  dry_run: z.boolean(),
  already_imported: z.boolean(),
  organization: z.object({ id: z.number().int(), name: z.string() }),
  tables: z.array(tableReport),
  totals: z.array(
    z.object({
      name: z.string(),
      table: z.string(),
      legacy_cents: z.number().int(),
      imported_cents: z.number().int(),
      skipped_cents: z.number().int(),
      differing: z.number().int(),
    }),
  ),
  notes: z.array(
    z.object({
      table: z.string(),
      severity: z.enum(["info", "warning", "error"]),
      column: z.string(),
      message: z.string(),
      legacy_id: z.number().int().nullable(),
      raw_value: z.string().nullable(),
    }),
  ),
  notes_total: z.number().int(),
  notes_by_severity: z.object({
    error: z.number().int(),
    warning: z.number().int(),
    info: z.number().int(),
  }),
});
export type LegacyReport = z.infer<typeof report>;

const upload = z.object({
  id: z.number().int(),
  filename: z.string(),
  size_bytes: z.number().int(),
  sha256: z.string(),
  files: z.object({ filename: z.string(), size_bytes: z.number().int() }).nullable(),
  with_key: z.boolean(),
  skip_test_data: z.boolean(),
  status: z.enum(["checking", "checked", "importing", "imported", "failed"]),
  error: z.string().nullable(),
  uploaded_by: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});

const uploadDetails = upload.extend({
  progress: z
    .object({
      steps_done: z.number().int(),
      steps_total: z.number().int(),
      table: z.string(),
    })
    .nullable(),
  dry_report: report.nullable(),
  report: report.nullable(),
});
export type LegacyUpload = z.infer<typeof uploadDetails>;

const keys = {
  list: () => [...adminKeys.all, "legacy-imports"] as const,
  one: (id: number) => [...adminKeys.all, "legacy-imports", id] as const,
};

const running = (status: string | undefined) => status === "checking" || status === "importing";

export function useLegacyUploads() {
  return useQuery(
    queryOptions({
      queryKey: keys.list(),
      queryFn: ({ signal }) =>
        apiRequest("/api/v1/admin/legacy-imports", z.object({ items: z.array(upload) }), {
          signal,
        }),
      select: (data) => data.items,
    }),
  );
}

/** One upload; looked at again every 1.5 s while its check or import runs. */
export function useLegacyUpload(id: number | null) {
  return useQuery({
    queryKey: keys.one(id ?? 0),
    queryFn: ({ signal }) =>
      apiRequest(`/api/v1/admin/legacy-imports/${id}`, uploadDetails, { signal }),
    enabled: id !== null,
    refetchInterval: (query) => (running(query.state.data?.status) ? 1500 : false),
  });
}

export interface LegacyUploadRequest {
  file: File;
  /** The legacy static/ folder as a .zip (logo, photos, payment proofs), when chosen. */
  files: File | null;
  key: string;
  skipTestData: boolean;
}

/** The database and its archive in one multipart request (parts `database` and `files`). */
export function useUploadLegacy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, files, key, skipTestData }: LegacyUploadRequest) => {
      const form = new FormData();
      form.append("database", file, file.name);
      if (files) form.append("files", files, files.name);
      return apiRequest(
        `/api/v1/admin/legacy-imports${skipTestData ? "?skip_test_data=1" : ""}`,
        uploadDetails,
        {
          method: "POST",
          form,
          headers: key.trim() ? { "X-Legacy-Key": key.trim() } : undefined,
        },
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.list() }),
  });
}

export function useStartLegacyImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      apiRequest(`/api/v1/admin/legacy-imports/${id}/import`, uploadDetails, { method: "POST" }),
    onSuccess: (data) => queryClient.setQueryData(keys.one(data.id), data),
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminKeys.all }),
  });
}

export function useDeleteLegacyUpload() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      apiRequest(`/api/v1/admin/legacy-imports/${id}`, z.undefined(), { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.list() }),
  });
}
