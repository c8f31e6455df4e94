import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

const address = z.object({
  line1: z.string(),
  line2: z.string(),
  postal_code: z.string(),
  city: z.string(),
  country: z.string(),
});

const clientSchema = z.object({
  id: z.number().int(),
  kind: z.enum(["individual", "company"]),
  name: z.string(),
  siren: z.string(),
  siret: z.string(),
  vat_number: z.string(),
  billing_address: address,
  service_address: address,
  contacts: z.array(
    z.object({
      name: z.string(),
      role: z.string(),
      email: z.string(),
      phone: z.string(),
      primary: z.boolean(),
    }),
  ),
  tags: z.array(z.string()),
  notes: z.string(),
  einvoice_address: z.string(),
  archived: z.boolean(),
  reminders_paused: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Client = z.infer<typeof clientSchema>;

export interface NewClient {
  kind: "individual" | "company";
  name: string;
  siret?: string;
  contacts: { name: string; email: string; phone: string; primary: boolean }[];
  billing_address?: { city: string };
  allow_duplicate?: boolean;
}

export const clientsKeys = {
  all: ["clients"] as const,
  list: (q: string, page: number) => [...clientsKeys.all, "list", q, page] as const,
};

export const PAGE_SIZE = 25;

export const clientsQuery = (q: string, page: number) =>
  queryOptions({
    queryKey: clientsKeys.list(q, page),
    queryFn: ({ signal }) =>
      apiRequest(
        `/api/v1/clients?${new URLSearchParams({ q, limit: String(PAGE_SIZE), offset: String(page * PAGE_SIZE) }).toString()}`,
        z.object({ items: z.array(clientSchema), total: z.number().int() }),
        { signal },
      ),
    placeholderData: keepPreviousData,
  });

export function useClients(q: string, page: number) {
  return useQuery(clientsQuery(q, page));
}

export function useCreateClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewClient) =>
      apiRequest("/api/v1/clients", clientSchema, { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientsKeys.all }),
  });
}

export function useClient(id: number) {
  return useQuery({
    queryKey: [...clientsKeys.all, "one", id],
    queryFn: ({ signal }) => apiRequest(`/api/v1/clients/${id}`, clientSchema, { signal }),
  });
}

/** Pauses or resumes the automatic payment reminders and quote follow-ups for a client. */
export function usePauseClientReminders(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (paused: boolean) =>
      apiRequest(`/api/v1/clients/${id}/reminders`, z.object({ paused: z.boolean() }), {
        method: "PUT",
        body: { paused },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientsKeys.all }),
  });
}

export interface ClientInput {
  kind: "individual" | "company";
  name: string;
  siren: string;
  siret: string;
  vat_number: string;
  billing_address: Client["billing_address"];
  service_address: Client["service_address"];
  contacts: Client["contacts"];
  tags: string[];
  notes: string;
  einvoice_address: string;
  allow_duplicate?: boolean;
}

export function useUpdateClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: ClientInput }) =>
      apiRequest(`/api/v1/clients/${id}`, clientSchema, { method: "PUT", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientsKeys.all }),
  });
}

const erasureSchema = z.object({
  erased: z.boolean(),
  contacts_deleted: z.number().int(),
  missions_cleared: z.number().int(),
  drafts_cleared: z.number().int(),
  emails_cleared: z.number().int(),
  kept_documents: z.array(z.string()),
  retention_notice: z.string(),
});
export type Erasure = z.infer<typeof erasureSchema>;

/** The client's personal data as a .zip (RGPD access and portability), downloaded as is. */
export const personalDataUrl = (id: number) => `/api/v1/clients/${id}/personal-data`;

/** RGPD erasure: the client's name typed again confirms it; issued documents are kept. */
export function useEraseClient(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (confirmName: string) =>
      apiRequest(`/api/v1/clients/${id}/erase`, erasureSchema, {
        method: "POST",
        body: { confirm_name: confirmName },
      }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
