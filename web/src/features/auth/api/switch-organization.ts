import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { sessionSchema } from "../types";
import { authKeys } from "./keys";

export function switchOrganization(organizationId: number) {
  return apiRequest("/api/v1/auth/organization", sessionSchema, {
    method: "POST",
    body: { organization_id: organizationId },
  });
}

export function useSwitchOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: switchOrganization,
    onSuccess: (session) => {
      // Every cached list belongs to the previous organisation.
      queryClient.clear();
      queryClient.setQueryData(authKeys.session(), session);
    },
  });
}
