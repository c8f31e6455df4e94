import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";
import { membersKeys } from "./members";

/** Someone planned on missions without an account: a freelancer, a legacy DJ without a login. */
const crewProfile = z.object({
  id: z.number().int(),
  display_name: z.string(),
  email: z.string(),
  phone: z.string(),
  position: z.string(),
  notes: z.string(),
  linked_user: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  linked_at: z.string().nullable(),
  archived: z.boolean(),
  erased: z.boolean(),
  upcoming_missions: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type CrewProfile = z.infer<typeof crewProfile>;

export interface CrewProfileInput {
  display_name: string;
  email: string;
  phone: string;
  position: string;
  notes: string;
}

const crewProfilesKey = [...membersKeys.all, "crew-profiles"] as const;

/** Open profiles (assignable), or every profile with `all` (archived, linked). */
export const crewProfilesQuery = (all = false) =>
  queryOptions({
    queryKey: [...crewProfilesKey, all ? "all" : "open"],
    queryFn: ({ signal }) =>
      apiRequest(
        all ? "/api/v1/crew-profiles?all=true" : "/api/v1/crew-profiles",
        z.object({ items: z.array(crewProfile) }),
        { signal },
      ),
    select: (data) => data.items,
  });

export function useCrewProfiles(all = false) {
  return useQuery(crewProfilesQuery(all));
}

function useProfileMutation<T>(run: (input: T) => Promise<CrewProfile>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => queryClient.invalidateQueries({ queryKey: membersKeys.all }),
  });
}

export function useSaveCrewProfile() {
  return useProfileMutation(({ id, input }: { id: number | null; input: CrewProfileInput }) =>
    apiRequest(id === null ? "/api/v1/crew-profiles" : `/api/v1/crew-profiles/${id}`, crewProfile, {
      method: id === null ? "POST" : "PUT",
      body: input,
    }),
  );
}

export function useArchiveCrewProfile() {
  return useProfileMutation(({ id, archived }: { id: number; archived: boolean }) =>
    apiRequest(`/api/v1/crew-profiles/${id}/${archived ? "archive" : "restore"}`, crewProfile, {
      method: "POST",
    }),
  );
}

/** RGPD erasure at the person's request: the profile's exact name typed again. */
export function useEraseCrewProfile() {
  return useProfileMutation(({ id, confirmName }: { id: number; confirmName: string }) =>
    apiRequest(`/api/v1/crew-profiles/${id}/erase`, crewProfile, {
      method: "POST",
      body: { confirm_name: confirmName },
    }),
  );
}

export function useLinkCrewProfile() {
  return useProfileMutation(({ id, userId }: { id: number; userId: number }) =>
    apiRequest(`/api/v1/crew-profiles/${id}/link`, crewProfile, {
      method: "POST",
      body: { user_id: userId },
    }),
  );
}

/** A crew line's person as one form value: "12" a member, "p:5" a crew profile. */
export function crewKey(c: { user_id: number | null; profile_id?: number | null }): string {
  return c.profile_id != null ? `p:${c.profile_id}` : String(c.user_id ?? "");
}

/** The API's reference for a crew form value (crewKey's inverse). */
export function crewRef(key: string): { user_id: number } | { profile_id: number } {
  return key.startsWith("p:") ? { profile_id: Number(key.slice(2)) } : { user_id: Number(key) };
}
