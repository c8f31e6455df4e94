import { queryOptions, useQuery } from "@tanstack/react-query";
import { ApiError, apiRequest } from "@/lib/api-client";
import { sessionSchema, type Permission, type Session } from "../types";
import { authKeys } from "./keys";

/** The signed-in session, or null when the browser has none (401). */
export async function getSession(signal?: AbortSignal): Promise<Session | null> {
  try {
    return await apiRequest("/api/v1/auth/session", sessionSchema, { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const sessionQuery = () =>
  queryOptions({
    queryKey: authKeys.session(),
    queryFn: ({ signal }) => getSession(signal),
    staleTime: 60_000,
  });

export function useSessionQuery() {
  return useQuery(sessionQuery());
}

/** The current session inside the signed-in area (the auth gate guarantees one). */
export function useSession(): Session {
  const { data } = useSessionQuery();
  if (!data) throw new Error("useSession outside the signed-in area");
  return data;
}

/** The session holds the permission (or, given several, any of them). */
export function useCan(permission: Permission | readonly Permission[]): boolean {
  const { data } = useSessionQuery();
  const wanted: readonly Permission[] = typeof permission === "string" ? [permission] : permission;
  return wanted.some((p) => data?.permissions.includes(p) ?? false);
}
