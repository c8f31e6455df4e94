import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

export type PlaceKind = "venues" | "storage-sites";

const placeSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  address: z.object({
    line1: z.string(),
    line2: z.string(),
    postal_code: z.string(),
    city: z.string(),
    country: z.string(),
  }),
  notes: z.string(),
  archived: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Place = z.infer<typeof placeSchema>;

export interface PlaceInput {
  name: string;
  address: { line1: string; line2: string; postal_code: string; city: string; country: string };
  notes: string;
}

export const placesKeys = {
  all: (kind: PlaceKind) => ["places", kind] as const,
  list: (kind: PlaceKind, q: string, archived: boolean) =>
    [...placesKeys.all(kind), "list", q, archived] as const,
};

export function usePlaces(kind: PlaceKind, q: string, archived: boolean, enabled = true) {
  return useQuery({
    queryKey: placesKeys.list(kind, q, archived),
    enabled,
    queryFn: ({ signal }) =>
      apiRequest(
        `/api/v1/${kind}?${new URLSearchParams({ q, limit: "200", archived: String(archived) }).toString()}`,
        z.object({ items: z.array(placeSchema), total: z.number().int() }),
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

export function useSavePlace(kind: PlaceKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: PlaceInput }) =>
      id === null
        ? apiRequest(`/api/v1/${kind}`, placeSchema, { method: "POST", body: input })
        : apiRequest(`/api/v1/${kind}/${id}`, placeSchema, { method: "PUT", body: input }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: placesKeys.all(kind) });
      void queryClient.invalidateQueries({ queryKey: ["planning"] });
      void queryClient.invalidateQueries({ queryKey: ["equipment"] });
    },
  });
}

export function useArchivePlace(kind: PlaceKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, archive }: { id: number; archive: boolean }) =>
      apiRequest(`/api/v1/${kind}/${id}/${archive ? "archive" : "restore"}`, z.unknown(), {
        method: "POST",
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: placesKeys.all(kind) }),
  });
}
