import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { Input } from "@/components/ui/input";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { useI18n } from "@/lib/i18n";
import type { ListFilter } from "../api/documents";
import { DocumentFilters, type ExtraFilters } from "./document-filters";

export const ALL = "all";
export const OVERDUE = "overdue";

/**
 * The state of a document list: the search (debounced), the status (or "overdue"), the client
 * and period, the page — and the filter the API receives. `?statut=` in the address opens the
 * list on one of `statuses` (the dashboard's tiles link there).
 */
export function useListFilters(statuses: readonly string[] = []) {
  const [params] = useSearchParams();
  const [typed, setTyped] = useState("");
  const [q, setQ] = useState("");
  const [status, setStatusValue] = useState(() => {
    const asked = params.get("statut") ?? "";
    return statuses.includes(asked) ? asked : ALL;
  });
  const [extra, setExtraValue] = useState<ExtraFilters>({ clientId: "", from: "", to: "" });
  const [page, setPage] = useState(0);
  useEffect(() => {
    const timer = setTimeout(() => {
      setQ(typed.trim());
      setPage(0);
    }, 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const filter: ListFilter = {
    q,
    status: status === ALL || status === OVERDUE ? "" : status,
    overdue: status === OVERDUE,
    page,
    client_id: extra.clientId ? Number(extra.clientId) : undefined,
    from: extra.from || undefined,
    to: extra.to || undefined,
  };
  return {
    typed,
    setTyped,
    status,
    setStatus(value: string) {
      setStatusValue(value);
      setPage(0);
    },
    extra,
    setExtra(value: ExtraFilters) {
      setExtraValue(value);
      setPage(0);
    },
    page,
    setPage,
    filter,
    /** Something narrows the list (for the empty state's wording). */
    narrowed: Boolean(q || extra.clientId || extra.from || extra.to || status !== ALL),
  };
}

export type ListFilters = ReturnType<typeof useListFilters>;

/** Search, status and client/period filters above a document list. */
export function ListToolbar({
  filters,
  statuses,
}: {
  filters: ListFilters;
  statuses: { value: string; label: string }[];
}) {
  const { t } = useI18n();
  return (
    <div className="flex flex-wrap gap-3">
      <Input
        type="search"
        value={filters.typed}
        onChange={(e) => filters.setTyped(e.target.value)}
        placeholder={t("documents.searchPlaceholder")}
        aria-label={t("documents.search")}
        className="max-w-sm"
      />
      <Select value={filters.status} onValueChange={filters.setStatus}>
        <SelectTrigger className="w-48" aria-label={t("documents.status")}>
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL}>{t("documents.allStatuses")}</SelectItem>
          {statuses.map((s) => (
            <SelectItem key={s.value} value={s.value}>
              {s.label}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      <DocumentFilters value={filters.extra} onChange={filters.setExtra} />
    </div>
  );
}
