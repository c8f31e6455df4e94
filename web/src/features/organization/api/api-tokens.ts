import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

const token = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  created_by: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  expires_at: z.string().nullable(),
});
export type ApiToken = z.infer<typeof token>;

const key = ["api-tokens"] as const;

export const apiTokensQuery = () =>
  queryOptions({
    queryKey: key,
    queryFn: ({ signal }) =>
      apiRequest("/api/v1/api-tokens", z.object({ items: z.array(token) }), { signal }),
    select: (data) => data.items,
  });

export function useApiTokens() {
  return useQuery(apiTokensQuery());
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; scopes: string[]; expires_in_days?: number }) =>
      apiRequest("/api/v1/api-tokens", token.extend({ token: z.string() }), {
        method: "POST",
        body: input,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      apiRequest(`/api/v1/api-tokens/${id}`, z.undefined(), { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
