import { queryOptions, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";
import { authKeys } from "./keys";

const providers = z.object({ password: z.boolean(), magic_link: z.boolean(), google: z.boolean() });

/** Which sign-in methods this server offers (Google only when configured). */
export const providersQuery = () =>
  queryOptions({
    queryKey: [...authKeys.all, "providers"] as const,
    queryFn: ({ signal }) => apiRequest("/api/v1/auth/providers", providers, { signal }),
    staleTime: Infinity,
  });

export function useSignInProviders() {
  return useQuery(providersQuery());
}
