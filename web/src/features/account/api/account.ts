import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { authKeys } from "@/features/auth/api/keys";
import { apiRequest } from "@/lib/api-client";

const sessionItem = z.object({
  id: z.number().int(),
  ip: z.string(),
  user_agent: z.string(),
  created_at: z.string(),
  last_seen_at: z.string(),
  current: z.boolean(),
});
export type ActiveSession = z.infer<typeof sessionItem>;
const sessionList = z.object({ items: z.array(sessionItem) });

export function listSessions(signal?: AbortSignal) {
  return apiRequest("/api/v1/me/sessions", sessionList, { signal });
}

export const sessionsQuery = () =>
  queryOptions({
    queryKey: authKeys.sessions(),
    queryFn: ({ signal }) => listSessions(signal),
    select: (data) => data.items,
  });

export function useActiveSessions() {
  return useQuery(sessionsQuery());
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      apiRequest(`/api/v1/me/sessions/${id}`, z.undefined(), { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.sessions() }),
  });
}

export function useRevokeOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiRequest("/api/v1/me/sessions/revoke-others", z.object({ revoked: z.number() }), {
        method: "POST",
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.sessions() }),
  });
}

export interface ProfileInput {
  display_name: string;
  locale: "fr" | "en";
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProfileInput) =>
      apiRequest("/api/v1/me", z.object({ display_name: z.string(), locale: z.string() }), {
        method: "PATCH",
        body: input,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.session() }),
  });
}

export function useAvatar() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: authKeys.session() });
  const upload = useMutation({
    mutationFn: (file: File) =>
      apiRequest("/api/v1/me/avatar", z.object({ avatar_url: z.string() }), {
        method: "PUT",
        file,
      }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () => apiRequest("/api/v1/me/avatar", z.undefined(), { method: "DELETE" }),
    onSuccess: refresh,
  });
  return { upload, remove };
}

export interface PasswordInput {
  current_password: string;
  new_password: string;
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PasswordInput) =>
      apiRequest("/api/v1/me/password", z.undefined(), { method: "POST", body: input }),
    // Every other session is revoked by the server.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.sessions() }),
  });
}

/** "Firefox on Linux"-style summary of a user agent, for the sessions list. */
export function describeUserAgent(agent: string): string {
  if (!agent) return "—";
  const browser = /Edg\//.test(agent)
    ? "Edge"
    : /Firefox\//.test(agent)
      ? "Firefox"
      : /Chrome\/|Chromium\//.test(agent)
        ? "Chrome"
        : /Safari\//.test(agent)
          ? "Safari"
          : /curl\//.test(agent)
            ? "curl"
            : null;
  const os = /Android/.test(agent)
    ? "Android"
    : /iPhone|iPad/.test(agent)
      ? "iOS"
      : /Windows/.test(agent)
        ? "Windows"
        : /Mac OS X|Macintosh/.test(agent)
          ? "macOS"
          : /Linux/.test(agent)
            ? "Linux"
            : null;
  if (browser && os) return `${browser} · ${os}`;
  return browser ?? os ?? agent.slice(0, 60);
}
