import { queryOptions, useQuery } from "@tanstack/react-query";
import * as z from "zod/mini";

// /readyz answers 200 or 503 with a body in both cases; both are states to show, not errors.
export const readinessSchema = z.union([
  z.object({ status: z.literal("ready"), database: z.string(), schema_version: z.number() }),
  z.object({ status: z.literal("unavailable"), reason: z.string() }),
]);
export type Readiness = z.infer<typeof readinessSchema>;

export async function getReadiness(signal?: AbortSignal): Promise<Readiness> {
  const response = await fetch("/readyz", { signal, headers: { Accept: "application/json" } });
  return z.parse(readinessSchema, await response.json());
}

export const readinessQuery = () =>
  queryOptions({
    queryKey: ["system", "readiness"] as const,
    queryFn: ({ signal }) => getReadiness(signal),
    refetchInterval: 30_000,
  });

export function useReadiness() {
  return useQuery(readinessQuery());
}
