import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

// The client space seen from the client's page (docs/booking.md "Client space"): the magic links
// sent, their state, and what the client wrote.

const linkSchema = z.object({
  id: z.number().int(),
  state: z.enum(["active", "expired", "revoked"]),
  email: z.string(),
  created_by_name: z.string().nullable(),
  created_at: z.string(),
  expires_at: z.string(),
  revoked_at: z.string().nullable(),
  last_opened_at: z.string().nullable(),
  open_count: z.number().int(),
});
export type SpaceLink = z.infer<typeof linkSchema>;

const messageSchema = z.object({ id: z.number().int(), body: z.string(), created_at: z.string() });

const spaceSchema = z.object({ links: z.array(linkSchema), messages: z.array(messageSchema) });

const issuedSchema = z.object({ link: linkSchema, url: z.string(), emailed: z.boolean() });
export type IssuedLink = z.infer<typeof issuedSchema>;

const spaceKey = (clientId: number) => ["clients", "space", clientId] as const;

export function useClientSpace(clientId: number) {
  return useQuery({
    queryKey: spaceKey(clientId),
    queryFn: ({ signal }) =>
      apiRequest(`/api/v1/clients/${clientId}/space`, spaceSchema, { signal }),
  });
}

export interface IssueInput {
  email: string;
  days: number;
  send: boolean;
}

export function useIssueSpaceLink(clientId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: IssueInput) =>
      apiRequest(`/api/v1/clients/${clientId}/space/links`, issuedSchema, {
        method: "POST",
        body: input,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: spaceKey(clientId) }),
  });
}

export function useRevokeSpaceLink(clientId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (linkId: number) =>
      apiRequest(`/api/v1/clients/${clientId}/space/links/${linkId}`, linkSchema, {
        method: "DELETE",
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: spaceKey(clientId) }),
  });
}
