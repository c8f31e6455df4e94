import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { sessionSchema, type SignInInput } from "../types";
import { authKeys } from "./keys";

export function signIn(input: SignInInput) {
  return apiRequest("/api/v1/auth/sign-in", sessionSchema, { method: "POST", body: input });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: (session) => {
      // Another account may have been signed in on this tab before: start clean.
      queryClient.clear();
      queryClient.setQueryData(authKeys.session(), session);
    },
  });
}
