import { useQuery } from "@tanstack/react-query";
import * as z from "zod/mini";
import { apiRequest } from "@/lib/api-client";

// zod/mini: the landing page's schema (first-page JS budget).

const missionSchema = z.object({
  id: z.int(),
  title: z.string(),
  status: z.string(),
  starts_at: z.string(),
  ends_at: z.string(),
  address: z.string(),
  venue_name: z.string(),
  client_name: z.string(),
  crew: z.array(
    z.object({
      user_id: z.nullable(z.int()),
      profile_id: z._default(z.nullable(z.int()), null),
      name: z.string(),
      position: z.string(),
      lead: z.boolean(),
    }),
  ),
  gear_booked: z.int(),
  gear_out: z.int(),
  gaps: z.array(z.enum(["no_crew", "no_dj", "gear_not_out"])),
});
export type DashboardMission = z.infer<typeof missionSchema>;

const invoiceSchema = z.object({
  id: z.int(),
  number: z.string(),
  client_name: z.string(),
  due_date: z.nullable(z.string()),
  remaining_cents: z.int(),
});

const outSchema = z.object({
  mission_id: z.int(),
  mission_title: z.string(),
  mission_ends_at: z.string(),
  item_id: z.int(),
  item_name: z.string(),
  quantity: z.int(),
  since: z.string(),
  lead_name: z.string(),
});
export type DashboardOut = z.infer<typeof outSchema>;

export const dashboardSchema = z.object({
  today: z.string(),
  time_zone: z.string(),
  whole_team: z.boolean(),
  agenda: z.array(missionSchema),
  money: z.nullable(
    z.object({
      invoiced_net_cents: z.int(),
      invoiced_net_last_year_cents: z.int(),
      collected_cents: z.int(),
      due_cents: z.int(),
      overdue_cents: z.int(),
      overdue_count: z.int(),
      overdue: z.array(invoiceSchema),
      deposits_cents: z.int(),
      deposits_count: z.int(),
      deposits: z.array(invoiceSchema),
    }),
  ),
  quotes: z.nullable(
    z.object({
      awaiting: z.int(),
      awaiting_gross_cents: z.int(),
      expiring: z.array(
        z.object({
          id: z.int(),
          number: z.string(),
          client_name: z.string(),
          valid_until: z.string(),
          gross_cents: z.int(),
        }),
      ),
    }),
  ),
  late_gear: z.nullable(z.array(outSchema)),
  maintenance_due: z.nullable(
    z.array(
      z.object({
        item_id: z.int(),
        name: z.string(),
        category: z.string(),
        due_on: z.string(),
        overdue: z.boolean(),
      }),
    ),
  ),
  time_off: z.array(
    z.object({
      id: z.int(),
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
