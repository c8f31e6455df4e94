import {
  infiniteQueryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

export const adminKeys = {
  all: ["admin"] as const,
  emails: () => [...adminKeys.all, "emails"] as const,
  email: (id: number) => [...adminKeys.all, "email", id] as const,
  jobs: () => [...adminKeys.all, "jobs"] as const,
  backups: () => [...adminKeys.all, "backups"] as const,
  templates: () => [...adminKeys.all, "templates"] as const,
  preview: (name: string, locale: string) => [...adminKeys.all, "preview", name, locale] as const,
};

const emailSummary = z.object({
  id: z.number().int(),
  to: z.string(),
  to_name: z.string(),
  subject: z.string(),
  template: z.string().nullable(),
  status: z.string(),
  provider: z.string().nullable(),
  attempts: z.number().int(),
  last_error: z.string().nullable(),
  created_at: z.string(),
  sent_at: z.string().nullable(),
});
export type EmailSummary = z.infer<typeof emailSummary>;

const emailDetail = emailSummary.extend({
  from_name: z.string(),
  reply_to: z.string().nullable(),
  html: z.string(),
  text: z.string(),
  attachments: z.array(
    z.object({
      index: z.number().int(),
      filename: z.string(),
      content_type: z.string(),
      size: z.number().int(),
    }),
  ),
});
export type EmailDetail = z.infer<typeof emailDetail>;

const emailPage = z.object({
  items: z.array(emailSummary),
  next_before: z.number().int().nullable(),
});

export const emailsQuery = () =>
  infiniteQueryOptions({
    queryKey: adminKeys.emails(),
    queryFn: ({ pageParam, signal }) =>
      apiRequest(
        `/api/v1/admin/emails?limit=50${pageParam ? `&before=${pageParam}` : ""}`,
        emailPage,
        { signal },
      ),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.next_before,
  });

export function useEmails() {
  return useInfiniteQuery(emailsQuery());
}

export function useEmail(id: number | null) {
  return useQuery({
    queryKey: adminKeys.email(id ?? 0),
    queryFn: ({ signal }) => apiRequest(`/api/v1/admin/emails/${id}`, emailDetail, { signal }),
    enabled: id !== null,
  });
}

const job = z.object({
  id: z.number().int(),
  type: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  max_attempts: z.number().int(),
  last_error: z.string().nullable(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
});
export type FailedJob = z.infer<typeof job>;

export function useFailedJobs(enabled: boolean) {
  return useQuery({
    queryKey: adminKeys.jobs(),
    queryFn: ({ signal }) =>
      apiRequest("/api/v1/admin/jobs", z.object({ items: z.array(job) }), { signal }),
    select: (data) => data.items,
    enabled,
  });
}

export function useRetryJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      apiRequest(`/api/v1/admin/jobs/${id}/retry`, z.object({ queued: z.boolean() }), {
        method: "POST",
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminKeys.jobs() }),
  });
}

export function useTemplates() {
  return useQuery({
    queryKey: adminKeys.templates(),
    queryFn: ({ signal }) =>
      apiRequest("/api/v1/admin/email-templates", z.object({ items: z.array(z.string()) }), {
        signal,
      }),
    select: (data) => data.items,
    staleTime: Infinity,
  });
}

export function useTemplatePreview(name: string | null, locale: string) {
  return useQuery({
    queryKey: adminKeys.preview(name ?? "", locale),
    queryFn: ({ signal }) =>
      apiRequest(
        `/api/v1/admin/email-templates/${encodeURIComponent(name ?? "")}/preview?locale=${locale}`,
        z.object({ subject: z.string(), html: z.string(), text: z.string() }),
        { signal },
      ),
    enabled: name !== null,
  });
}
