import { useQuery } from "@tanstack/react-query";
import * as z from "zod/mini";
import { ApiError, apiRequest, NETWORK_ERROR } from "@/lib/api-client";
import { missionSchema, type Mission } from "./planning";

// The member's missions of the next 14 days, readable without a network (docs/pwa.md): each
// answer is kept on the device; offline, the last one kept is shown with its date. Dropped at
// sign-out (every "planify.offline.*" key).
const STORAGE_KEY = "planify.offline.myMissions";
export const MY_MISSIONS_DAYS = 14;

export interface MyMissions {
  items: Mission[];
  savedAt: string;
  offline: boolean;
}

interface Kept {
  user: number;
  savedAt: string;
  items: Mission[];
}

export function useMyMissions(user: number) {
  return useQuery({
    queryKey: ["planning", "my-missions", user],
    queryFn: async ({ signal }): Promise<MyMissions> => {
      const now = new Date();
      const params = new URLSearchParams({
        crew_id: String(user),
        from: now.toISOString(),
        to: new Date(now.getTime() + MY_MISSIONS_DAYS * 86_400_000).toISOString(),
        limit: "200",
      });
      try {
        const { items } = await apiRequest(
          `/api/v1/missions?${params.toString()}`,
          z.object({ items: z.array(missionSchema) }),
          { signal },
        );
        const kept: Kept = { user, savedAt: now.toISOString(), items };
        localStorage.setItem(STORAGE_KEY, JSON.stringify(kept));
        return { items, savedAt: kept.savedAt, offline: false };
      } catch (error) {
        if (error instanceof ApiError && error.code === NETWORK_ERROR) {
          const raw = localStorage.getItem(STORAGE_KEY);
          const kept = raw ? (JSON.parse(raw) as Kept) : null;
          if (kept && kept.user === user) {
            return { items: kept.items, savedAt: kept.savedAt, offline: true };
          }
        }
        throw error;
      }
    },
    retry: false,
  });
}
