import { queryOptions, useQuery } from "@tanstack/react-query";
import { ApiError, apiRequest, NETWORK_ERROR } from "@/lib/api-client";
import { sessionSchema, type Permission, type Session } from "../types";
import { authKeys } from "./keys";

// The installed app opens without a network (docs/pwa.md): the last session seen on this
// device stands in for the server's answer, so the pages kept for offline reading can show.
// Nothing can be written offline; it is dropped at sign-out and on any 401.
const OFFLINE_SESSION = "planify.offline.session";

/** The signed-in session, or null when the browser has none (401). */
export async function getSession(signal?: AbortSignal): Promise<Session | null> {
  try {
    const session = await apiRequest("/api/v1/auth/session", sessionSchema, { signal });
    localStorage.setItem(OFFLINE_SESSION, JSON.stringify({ ...session, csrf_token: "" }));
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      forgetOfflineData();
      return null;
    }
    if (error instanceof ApiError && error.code === NETWORK_ERROR) {
      const kept = localStorage.getItem(OFFLINE_SESSION);
      if (kept) return JSON.parse(kept) as Session;
    }
    throw error;
  }
}

/** Forgets what this device kept for offline reading (the scan queue stays: it is work). */
export function forgetOfflineData() {
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith("planify.offline.")) localStorage.removeItem(key);
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
