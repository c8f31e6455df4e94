import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { setupResultSchema, type SetupInput } from "../types";
import { authKeys } from "@/features/auth/api/keys";
import { setupKeys } from "./keys";

export function createSetup(input: SetupInput) {
  return apiRequest("/api/v1/setup", setupResultSchema, { method: "POST", body: input });
}

export function useCreateSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSetup,
    onSuccess: (result) => {
      queryClient.setQueryData(setupKeys.status(), { needed: false });
      // The owner is signed in by the set-up itself.
      queryClient.setQueryData(authKeys.session(), result.session);
    },
  });
}
