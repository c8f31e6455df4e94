import { useQuery } from "@tanstack/react-query";
import * as z from "zod/mini";
import { apiRequest } from "@/lib/api-client";

// zod/mini: read on every page, the first one included (first-page JS budget).
const analyticsSchema = z.object({
  posthog: z.nullable(z.object({ key: z.string(), api_host: z.string(), script_url: z.string() })),
  plausible: z.nullable(
    z.object({
      domain: z.string(),
      api_host: z.string(),
      script_url: z.string(),
      exempt: z.boolean(),
    }),
  ),
  datafast: z.nullable(
    z.object({ website_id: z.string(), domain: z.string(), script_url: z.string() }),
  ),
  meta_pixel: z.nullable(z.object({ pixel_id: z.string(), script_url: z.string() })),
});
export type SiteAnalytics = z.infer<typeof analyticsSchema>;

const siteConfigSchema = z.object({ analytics: analyticsSchema });
export type SiteConfig = z.infer<typeof siteConfigSchema>;

/** The instance's trackers (GET /api/v1/site-config): fixed while the server runs. */
export function useSiteConfig() {
  return useQuery({
    queryKey: ["site-config"],
    queryFn: ({ signal }) => apiRequest("/api/v1/site-config", siteConfigSchema, { signal }),
    staleTime: Infinity,
    retry: 1,
  });
}
