import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { setupStatusSchema } from "../types";
import { setupKeys } from "./keys";

export function getSetupStatus(signal?: AbortSignal) {
  return apiRequest("/api/v1/setup", setupStatusSchema, { signal });
}

export const setupStatusQuery = () =>
  queryOptions({ queryKey: setupKeys.status(), queryFn: ({ signal }) => getSetupStatus(signal) });

export function useSetupStatus() {
  return useQuery(setupStatusQuery());
}
