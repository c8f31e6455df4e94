import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

const totalsSchema = z.object({
  revenue_net_cents: z.number().int(),
  vat_cents: z.number().int(),
  collected_cents: z.number().int(),
  invoices: z.number().int(),
  average_basket_cents: z.number().int(),
});
export type ReportTotals = z.infer<typeof totalsSchema>;

const monthSchema = z.object({
  month: z.string(),
  invoiced_net_cents: z.number().int(),
  credited_net_cents: z.number().int(),
  revenue_net_cents: z.number().int(),
  vat_cents: z.number().int(),
  collected_cents: z.number().int(),
  invoices: z.number().int(),
});
export type ReportMonth = z.infer<typeof monthSchema>;

export const compareKinds = ["none", "previous", "last_year"] as const;
export type CompareKind = (typeof compareKinds)[number];

export const ageingBuckets = ["not_due", "1_30", "31_60", "61_90", "over_90"] as const;

export const reportSchema = z.object({
  from: z.string(),
  to: z.string(),
  today: z.string(),
  comparison: z
    .object({
      kind: z.enum(["previous", "last_year"]),
      from: z.string(),
      to: z.string(),
      totals: totalsSchema,
      by_month: z.array(monthSchema),
    })
    .nullable(),
  totals: totalsSchema,
  by_month: z.array(monthSchema),
  by_client: z.array(
    z.object({
      client_id: z.number().int().nullable(),
      name: z.string(),
      revenue_net_cents: z.number().int(),
      invoices: z.number().int(),
    }),
  ),
  by_event_type: z.array(
    z.object({
      event_type: z.string(),
      revenue_net_cents: z.number().int(),
      invoices: z.number().int(),
    }),
  ),
  crew: z.array(
    z.object({
      user_id: z.number().int().nullable(),
      profile_id: z.number().int().nullable().default(null),
      name: z.string(),
      missions: z.number().int(),
      minutes: z.number().int(),
      revenue_net_cents: z.number().int(),
    }),
  ),
  equipment: z.array(
    z.object({
      item_id: z.number().int(),
      name: z.string(),
      unit_days: z.number().int(),
      owned: z.number().int(),
      utilisation_bp: z.number().int(),
      revenue_net_cents: z.number().int(),
    }),
  ),
  quotes: z.object({
    issued: z.number().int(),
    accepted: z.number().int(),
    declined: z.number().int(),
    expired: z.number().int(),
    waiting: z.number().int(),
    cancelled: z.number().int(),
    conversion_bp: z.number().int(),
    average_hours_to_sign: z.number().int().nullable(),
  }),
  bookings: z.object({
    received: z.number().int(),
    open: z.number().int(),
    won: z.number().int(),
    lost: z.number().int(),
    spam: z.number().int(),
    won_rate_bp: z.number().int().nullable(),
  }),
  ageing: z.array(
    z.object({
      bucket: z.enum(ageingBuckets),
      invoices: z.number().int(),
      remaining_cents: z.number().int(),
    }),
  ),
  franchise: z
    .object({
      year: z.number().int(),
      services_cents: z.number().int(),
      total_cents: z.number().int(),
      previous_services_cents: z.number().int(),
      previous_total_cents: z.number().int(),
      status: z.enum(["ok", "approaching", "over_base", "over_upper"]),
      previous_status: z.enum(["ok", "approaching", "over_base", "over_upper"]),
      thresholds: z.object({
        services_base_cents: z.number().int(),
        services_upper_cents: z.number().int(),
        total_base_cents: z.number().int(),
        total_upper_cents: z.number().int(),
      }),
    })
    .nullable(),
});
export type Report = z.infer<typeof reportSchema>;

/** What the page asks; empty dates let the server choose (the calendar year so far). */
export interface ReportParams {
  from: string;
  to: string;
  compare: CompareKind;
}

export function reportPath(params: ReportParams): string {
  const query = new URLSearchParams();
  if (params.from) query.set("from", params.from);
  if (params.to) query.set("to", params.to);
  query.set("compare", params.compare);
  return `/api/v1/reports?${query.toString()}`;
}

/** The figures of a period; the previous figures stay on screen while the next ones load. */
export function useReport(params: ReportParams) {
  return useQuery({
    queryKey: ["reports", params],
    queryFn: ({ signal }) => apiRequest(reportPath(params), reportSchema, { signal }),
    placeholderData: keepPreviousData,
  });
}

const ratingsSchema = z.object({
  count: z.number().int(),
  average_hundredths: z.number().int(),
  people: z.array(
    z.object({
      user_id: z.number().int(),
      name: z.string(),
      count: z.number().int(),
      average_hundredths: z.number().int(),
    }),
  ),
  latest: z.array(
    z.object({
      mission_id: z.number().int(),
      mission_title: z.string(),
      event_type: z.string(),
      first_name: z.string(),
      submitted_at: z.string().nullable(),
      overall: z.number().int().nullable(),
      comment: z.string(),
    }),
  ),
});
export type RatingsOverview = z.infer<typeof ratingsSchema>;

/** Clients' ratings of completed missions: the average, per crew member, the newest. */
export function useRatingsOverview() {
  return useQuery({
    queryKey: ["reports", "ratings"],
    queryFn: ({ signal }) => apiRequest("/api/v1/ratings", ratingsSchema, { signal }),
  });
}
