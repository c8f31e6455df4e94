import { keepPreviousData, useQuery } from "@tanstack/react-query";
import * as z from "zod/mini";
import { apiRequest } from "@/lib/api-client";

// The search box's answer (docs/search.md): groups of hits, the group with the best hit first.

export const SEARCH_KINDS = [
  "clients",
  "missions",
  "quotes",
  "invoices",
  "equipment",
  "venues",
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

const hitSchema = z.object({
  id: z.int(),
  title: z.string(),
  subtitle: z.string(),
  status: z.string(),
  date: z.nullable(z.string()),
  amount_cents: z.nullable(z.int()),
  rank: z.int(),
});
export type SearchHit = z.infer<typeof hitSchema>;

const groupSchema = z.object({
  kind: z.enum(SEARCH_KINDS),
  more: z.boolean(),
  items: z.array(hitSchema),
});
export type SearchGroup = z.infer<typeof groupSchema>;

const resultsSchema = z.object({ groups: z.array(groupSchema) });
export type SearchResults = z.infer<typeof resultsSchema>;

/** Whether a query is worth asking: one word of two characters or more. */
export function searchable(query: string): boolean {
  return query.trim().length >= 2;
}

/** Hits for `query` (trimmed), every kind or one; disabled while the query is too short. */
export function useSearch(query: string, options: { kind?: SearchKind; limit?: number } = {}) {
  const q = query.trim();
  const params = new URLSearchParams({ q });
  if (options.kind) params.set("kind", options.kind);
  if (options.limit) params.set("limit", String(options.limit));
  return useQuery({
    queryKey: ["search", q, options.kind ?? "", options.limit ?? 5],
    queryFn: ({ signal }) =>
      apiRequest(`/api/v1/search?${params.toString()}`, resultsSchema, { signal }),
    enabled: searchable(q),
    // Keep the previous answer on screen while the next keystroke's arrives.
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** Where a hit opens in the app. */
export function searchHref(kind: SearchKind, hit: SearchHit): string {
  switch (kind) {
    case "clients":
      return `/clients/${hit.id}`;
    case "missions":
      return `/missions/${hit.id}`;
    case "quotes":
      return `/devis/${hit.id}`;
    case "invoices":
      return `/factures/${hit.id}`;
    case "equipment":
      return `/materiel/${hit.id}`;
    case "venues":
      return `/lieux?q=${encodeURIComponent(hit.title)}`;
  }
}

/** The i18n key of a hit's status, when it is worth showing. */
export function statusKey(kind: SearchKind, status: string): string | null {
  switch (kind) {
    case "missions":
      return `missions.status.${status}`;
    case "quotes":
      return `documents.quoteStatus.${status}`;
    case "invoices":
      return `documents.invoiceStatus.${status}`;
    default:
      return status === "archived" ? "search.archived" : null;
  }
}
