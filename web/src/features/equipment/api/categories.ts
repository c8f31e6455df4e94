import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";
import { equipmentKeys } from "./equipment";

const categorySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  position: z.number().int(),
  items: z.number().int(),
});
export type Category = z.infer<typeof categorySchema>;

const categoriesKey = [...equipmentKeys.all, "managed-categories"] as const;

export function useCategories() {
  return useQuery({
    queryKey: categoriesKey,
    queryFn: ({ signal }) =>
      apiRequest("/api/v1/equipment-categories", z.object({ items: z.array(categorySchema) }), {
        signal,
      }),
    select: (data) => data.items,
  });
}

export function useCreateCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; position: number }) =>
      apiRequest("/api/v1/equipment-categories", categorySchema, { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: equipmentKeys.all }),
  });
}

export function useRenameCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: { id: number; name: string; position: number }) =>
      apiRequest(`/api/v1/equipment-categories/${id}`, categorySchema, {
        method: "PATCH",
        body: input,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: equipmentKeys.all }),
  });
}

export function useDeleteCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      apiRequest(`/api/v1/equipment-categories/${id}`, z.unknown(), { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: equipmentKeys.all }),
  });
}
