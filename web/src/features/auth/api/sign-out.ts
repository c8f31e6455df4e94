import { useMutation, useQueryClient } from "@tanstack/react-query";
import * as z from "zod/mini";
import { apiRequest } from "@/lib/api-client";
import { forgetOfflineData } from "./get-session";
import { authKeys } from "./keys";

export function signOut() {
  return apiRequest("/api/v1/auth/sign-out", z.undefined(), { method: "POST" });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSettled: () => {
      forgetOfflineData();
      queryClient.clear();
      queryClient.setQueryData(authKeys.session(), null);
    },
  });
}
