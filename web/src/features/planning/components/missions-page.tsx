import { ClipboardListIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { Pager } from "@/components/ui/pager";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { errorMessage } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import { parisLocalToUtcIso, parisToday } from "@/lib/paris-time";
import {
  MISSIONS_PAGE_SIZE,
  MISSION_STATUSES,
  useMissions,
  type Mission,
  type MissionStatus,
} from "../api/planning";
import { STATUS_COLORS, STATUS_LABELS } from "../lib/status";

type Period = "upcoming" | "past" | "all";
const ALL = "all";

/** Missions as a list: search, status, upcoming or past, pages of 25. */
export default function MissionsPage() {
  const { t, locale } = useI18n();
  const [typed, setTyped] = useState("");
  const [query, setQuery] = useState("");
  const [status, setStatus] = useState<MissionStatus | null>(null);
  const [period, setPeriod] = useState<Period>("upcoming");
  const [page, setPage] = useState(0);
  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(typed.trim());
      setPage(0);
    }, 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const now = parisLocalToUtcIso(parisToday(), "00:00");
  const params: Record<string, string> = {
    q: query,
    limit: String(MISSIONS_PAGE_SIZE),
    offset: String(page * MISSIONS_PAGE_SIZE),
  };
  if (status) params.status = status;
  if (period === "upcoming") params.from = now;
  if (period === "past") {
    params.to = now;
    params.order = "desc";
  }
  const missions = useMissions(params);
  const pages = missions.data
    ? Math.max(1, Math.ceil(missions.data.total / MISSIONS_PAGE_SIZE))
    : 1;

  const columns: DataTableColumn<Mission>[] = [
    {
      id: "when",
      header: t("missions.when"),
      cell: (m) => <span className="tabular-nums">{formatDateTime(m.starts_at, locale)}</span>,
    },
    {
      id: "title",
      header: t("missions.titleField"),
      cell: (m) => (
        <Link to={`/missions/${m.id}`} className="font-medium underline-offset-4 hover:underline">
          {m.title}
        </Link>
      ),
    },
    { id: "client", header: t("missions.client"), cell: (m) => m.client?.name ?? "—" },
    {
      id: "crew",
      header: t("missions.crew"),
      cell: (m) => m.crew.map((c) => c.name).join(", ") || "—",
    },
    {
      id: "status",
      header: t("missions.statusField"),
      cell: (m) => (
        <span
          className="rounded-full px-2 py-0.5 text-xs font-medium"
          style={{
            background: STATUS_COLORS[m.status].background,
            color: STATUS_COLORS[m.status].text,
          }}
        >
          {t(STATUS_LABELS[m.status])}
        </span>
      ),
    },
  ];

  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("missions.title")}</h1>
        <p className="text-sm text-muted-foreground">
          {missions.data ? t("missions.count", { count: missions.data.total }) : ""}
        </p>
      </div>
      <div className="flex flex-wrap gap-3">
        <Input
          type="search"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          placeholder={t("missions.searchPlaceholder")}
          aria-label={t("missions.search")}
          className="max-w-sm"
        />
        <Select
          value={period}
          onValueChange={(v) => {
            setPeriod(v as Period);
            setPage(0);
          }}
        >
          <SelectTrigger className="w-40" aria-label={t("missions.period")}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="upcoming">{t("missions.upcoming")}</SelectItem>
            <SelectItem value="past">{t("missions.past")}</SelectItem>
            <SelectItem value="all">{t("missions.allDates")}</SelectItem>
          </SelectContent>
        </Select>
        <Select
          value={status ?? ALL}
          onValueChange={(v) => {
            setStatus(v === ALL ? null : (v as MissionStatus));
            setPage(0);
          }}
        >
          <SelectTrigger className="w-44" aria-label={t("planning.filterStatus")}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>{t("planning.allStatuses")}</SelectItem>
            {MISSION_STATUSES.map((s) => (
              <SelectItem key={s} value={s}>
                {t(STATUS_LABELS[s])}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <DataTable
        caption={t("missions.title")}
        columns={columns}
        rows={missions.data?.items}
        getRowId={(m) => String(m.id)}
        loading={missions.isPending}
        error={missions.isError ? errorMessage(missions.error, t) : null}
        onRetry={() => void missions.refetch()}
        empty={
          <EmptyState
            icon={<ClipboardListIcon />}
            title={query || status ? t("missions.noMatch") : t("missions.empty")}
            description={query || status ? undefined : t("missions.emptyHelp")}
          />
        }
        pageSize={MISSIONS_PAGE_SIZE}
      />
      <Pager page={page} pages={pages} onPage={setPage} />
    </div>
  );
}
