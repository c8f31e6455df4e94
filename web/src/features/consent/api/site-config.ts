import { useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

const analyticsSchema = z.object({
  posthog: z.object({ key: z.string(), api_host: z.string(), script_url: z.string() }).nullable(),
  plausible: z
    .object({
      domain: z.string(),
      api_host: z.string(),
      script_url: z.string(),
      exempt: z.boolean(),
    })
    .nullable(),
  datafast: z
    .object({ website_id: z.string(), domain: z.string(), script_url: z.string() })
    .nullable(),
  meta_pixel: z.object({ pixel_id: z.string(), script_url: z.string() }).nullable(),
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
