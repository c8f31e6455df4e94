import { useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

const missionSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  status: z.string(),
  starts_at: z.string(),
  ends_at: z.string(),
  address: z.string(),
  venue_name: z.string(),
  client_name: z.string(),
  crew: z.array(
    z.object({
      user_id: z.number().int(),
      name: z.string(),
      position: z.string(),
      lead: z.boolean(),
    }),
  ),
  gear_booked: z.number().int(),
  gear_out: z.number().int(),
  gaps: z.array(z.enum(["no_crew", "no_dj", "gear_not_out"])),
});
export type DashboardMission = z.infer<typeof missionSchema>;

const invoiceSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  client_name: z.string(),
  due_date: z.string().nullable(),
  remaining_cents: z.number().int(),
});

const outSchema = z.object({
  mission_id: z.number().int(),
  mission_title: z.string(),
  mission_ends_at: z.string(),
  item_id: z.number().int(),
  item_name: z.string(),
  quantity: z.number().int(),
  since: z.string(),
  lead_name: z.string(),
});
export type DashboardOut = z.infer<typeof outSchema>;

export const dashboardSchema = z.object({
  today: z.string(),
  time_zone: z.string(),
  whole_team: z.boolean(),
  agenda: z.array(missionSchema),
  money: z
    .object({
      invoiced_net_cents: z.number().int(),
      invoiced_net_last_year_cents: z.number().int(),
      collected_cents: z.number().int(),
      due_cents: z.number().int(),
      overdue_cents: z.number().int(),
      overdue_count: z.number().int(),
      overdue: z.array(invoiceSchema),
      deposits_cents: z.number().int(),
      deposits_count: z.number().int(),
      deposits: z.array(invoiceSchema),
    })
    .nullable(),
  quotes: z
    .object({
      awaiting: z.number().int(),
      awaiting_gross_cents: z.number().int(),
      expiring: z.array(
        z.object({
          id: z.number().int(),
          number: z.string(),
          client_name: z.string(),
          valid_until: z.string(),
          gross_cents: z.number().int(),
        }),
      ),
    })
    .nullable(),
  late_gear: z.array(outSchema).nullable(),
  time_off: z.array(
    z.object({
      id: z.number().int(),
      starts_at: z.string(),
      ends_at: z.string(),
      reason: z.string(),
      source: z.enum(["manual", "google"]),
    }),
  ),
  my_gear: z.array(outSchema),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

/** The landing page's figures; each part is null or empty for a role that may not see it. */
export function useDashboard() {
  return useQuery({
    queryKey: ["dashboard"],
    queryFn: ({ signal }) => apiRequest("/api/v1/dashboard", dashboardSchema, { signal }),
  });
}
