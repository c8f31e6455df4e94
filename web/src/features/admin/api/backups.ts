import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";
import { adminKeys } from "./admin";

const backup = z.object({
  name: z.string(),
  created_at: z.string(),
  size_bytes: z.number().int(),
  download_url: z.string(),
});
export type Backup = z.infer<typeof backup>;

const overview = z.object({
  available: z.boolean(),
  unavailable_reason: z.string().nullable(),
  directory: z.string().nullable(),
  daily: z.boolean(),
  retention: z.object({
    daily: z.number().int(),
    weekly: z.number().int(),
    monthly: z.number().int(),
  }),
  running: z.boolean(),
  last_error: z.string().nullable(),
  last_failed_at: z.string().nullable(),
  items: z.array(backup),
});
export type BackupsOverview = z.infer<typeof overview>;

export const backupsQuery = () =>
  queryOptions({
    queryKey: adminKeys.backups(),
    queryFn: ({ signal }) => apiRequest("/api/v1/admin/backups", overview, { signal }),
    // While a backup is being made, look again until it is listed.
    refetchInterval: (query) => (query.state.data?.running ? 1500 : false),
  });

export function useBackups(enabled: boolean) {
  return useQuery({ ...backupsQuery(), enabled });
}

export function useRequestBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiRequest("/api/v1/admin/backups", z.object({ job_id: z.number().int() }), {
        method: "POST",
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminKeys.backups() }),
  });
}
