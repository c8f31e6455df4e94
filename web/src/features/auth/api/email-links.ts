import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";
import { roleSchema, sessionSchema } from "../types";
import { authKeys } from "./keys";

const sent = z.object({ sent: z.boolean() });

/** Asks for a sign-in link; the answer is the same whether or not the account exists. */
export function useRequestMagicLink() {
  return useMutation({
    mutationFn: (email: string) =>
      apiRequest("/api/v1/auth/magic-link", sent, { method: "POST", body: { email } }),
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) =>
      apiRequest("/api/v1/auth/password-reset", sent, { method: "POST", body: { email } }),
  });
}

function useSignedInBy<T>(fn: (input: T) => Promise<z.infer<typeof sessionSchema>>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (session) => {
      queryClient.clear();
      queryClient.setQueryData(authKeys.session(), session);
    },
  });
}

export function useConsumeMagicLink() {
  return useSignedInBy((token: string) =>
    apiRequest("/api/v1/auth/magic-link/consume", sessionSchema, {
      method: "POST",
      body: { token },
    }),
  );
}

export function useCompletePasswordReset() {
  return useSignedInBy((input: { token: string; new_password: string }) =>
    apiRequest("/api/v1/auth/password-reset/complete", sessionSchema, {
      method: "POST",
      body: input,
    }),
  );
}

const invitationSchema = z.object({
  id: z.number().int(),
  organization_name: z.string(),
  email: z.string(),
  role: roleSchema,
  invited_by: z.string(),
  created_at: z.string(),
  expires_at: z.string(),
  account_exists: z.boolean(),
});
export type InvitationLookup = z.infer<typeof invitationSchema>;

export function useInvitationLookup(token: string) {
  return useQuery({
    queryKey: [...authKeys.all, "invitation", token] as const,
    queryFn: () =>
      apiRequest("/api/v1/invitations/lookup", invitationSchema, {
        method: "POST",
        body: { token },
      }),
    enabled: token.length > 0,
    staleTime: Infinity,
  });
}

export function useAcceptInvitation() {
  return useSignedInBy((input: { token: string; display_name: string; password: string }) =>
    apiRequest("/api/v1/invitations/accept", sessionSchema, { method: "POST", body: input }),
  );
}

export function useAcceptInvitationSignedIn() {
  return useSignedInBy((token: string) =>
    apiRequest("/api/v1/invitations/accept-signed-in", sessionSchema, {
      method: "POST",
      body: { token },
    }),
  );
}
