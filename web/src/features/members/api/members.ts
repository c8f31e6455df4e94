import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { roleSchema, type Role } from "@/features/auth/types";
import { apiRequest } from "@/lib/api-client";

export const membersKeys = {
  all: ["members"] as const,
  list: () => [...membersKeys.all, "list"] as const,
};

const member = z.object({
  user_id: z.number().int(),
  email: z.string(),
  display_name: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  last_sign_in_at: z.string().nullable(),
  joined_at: z.string(),
});
export type Member = z.infer<typeof member>;

export function listMembers(signal?: AbortSignal) {
  return apiRequest("/api/v1/members", z.object({ items: z.array(member) }), { signal });
}

export const membersQuery = () =>
  queryOptions({
    queryKey: membersKeys.list(),
    queryFn: ({ signal }) => listMembers(signal),
    select: (data) => data.items,
  });

export function useMembers() {
  return useQuery(membersQuery());
}

export function useChangeRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: number; role: Role }) =>
      apiRequest(`/api/v1/members/${userId}`, member, { method: "PATCH", body: { role } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: membersKeys.all }),
  });
}

export function useRemoveMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: number) =>
      apiRequest(`/api/v1/members/${userId}`, z.undefined(), { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: membersKeys.all }),
  });
}
