import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";
import { equipmentKeys } from "./equipment";

/** The photo of an item, or of a maintenance record (the damage found). */
export function usePhoto(owner: "equipment" | "maintenance", id: number) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: equipmentKeys.all });
  const upload = useMutation({
    mutationFn: (file: File) =>
      apiRequest(`/api/v1/${owner}/${id}/photo`, z.object({ photo_url: z.string() }), {
        method: "PUT",
        file,
      }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () =>
      apiRequest(`/api/v1/${owner}/${id}/photo`, z.undefined(), { method: "DELETE" }),
    onSuccess: refresh,
  });
  return { upload, remove };
}

/** Sends a photo of a maintenance record just opened (a problem reported with its picture). */
export function sendRecordPhoto(record: number, file: File) {
  return apiRequest(`/api/v1/maintenance/${record}/photo`, z.object({ photo_url: z.string() }), {
    method: "PUT",
    file,
  });
}
