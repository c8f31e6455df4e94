import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { roleSchema, type Role } from "@/features/auth/types";
import { apiRequest } from "@/lib/api-client";
import { membersKeys } from "./members";

const invitation = z.object({
  id: z.number().int(),
  organization_name: z.string(),
  email: z.string(),
  role: roleSchema,
  invited_by: z.string(),
  created_at: z.string(),
  expires_at: z.string(),
});
export type Invitation = z.infer<typeof invitation>;

const invitationsKey = [...membersKeys.all, "invitations"] as const;

export const invitationsQuery = () =>
  queryOptions({
    queryKey: invitationsKey,
    queryFn: ({ signal }) =>
      apiRequest("/api/v1/invitations", z.object({ items: z.array(invitation) }), { signal }),
    select: (data) => data.items,
  });

export function useInvitations(enabled: boolean) {
  return useQuery({ ...invitationsQuery(), enabled });
}

export function useInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; role: Role }) =>
      apiRequest("/api/v1/invitations", invitation, { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKey }),
  });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      apiRequest(`/api/v1/invitations/${id}`, z.undefined(), { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: invitationsKey }),
  });
}
