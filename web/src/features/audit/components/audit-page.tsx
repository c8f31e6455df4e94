import { ScrollTextIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { ApiError } from "@/lib/api-client";
import { formatDateTime } from "@/lib/format";
import { useI18n, type MessageKey } from "@/lib/i18n";
import { useAudit, type AuditEntry } from "../api/audit";

const ACTION_LABELS: Record<string, MessageKey> = {
  "auth.sign_in": "audit.action.signIn",
  "auth.sign_in_failed": "audit.action.signInFailed",
  "auth.password_changed": "audit.action.passwordChanged",
  "auth.sessions_revoked": "audit.action.sessionsRevoked",
  "auth.session_revoked": "audit.action.sessionRevoked",
  "members.role_changed": "audit.action.roleChanged",
  "members.removed": "audit.action.memberRemoved",
  "auth.link_sent": "audit.action.linkSent",
  "auth.password_reset": "audit.action.passwordReset",
  "members.invited": "audit.action.invited",
  "members.invitation_revoked": "audit.action.invitationRevoked",
  "members.invitation_accepted": "audit.action.invitationAccepted",
  "jobs.retried": "audit.action.jobRetried",
  "organization.settings_changed": "audit.action.settingsChanged",
  "api_tokens.created": "audit.action.tokenCreated",
  "api_tokens.revoked": "audit.action.tokenRevoked",
};

const FILTERS = [
  { value: "all", label: "audit.filter.all" },
  { value: "auth.", label: "audit.filter.auth" },
  { value: "members.", label: "audit.filter.members" },
  { value: "jobs.", label: "audit.filter.jobs" },
] as const satisfies readonly { value: string; label: MessageKey }[];

function detailsText(details: unknown): string {
  if (!details || typeof details !== "object") return "";
  return Object.entries(details as Record<string, unknown>)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" · ");
}

/** Sensitive actions of the organisation, newest first, filterable by kind. */
export default function AuditPage() {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState<string>("all");
  const audit = useAudit(filter === "all" ? "" : filter);
  const rows = audit.data?.pages.flatMap((p) => p.items);

  const columns: DataTableColumn<AuditEntry>[] = [
    {
      id: "when",
      header: t("audit.when"),
      cell: (e) => (
        <span className="whitespace-nowrap">{formatDateTime(e.created_at, locale)}</span>
      ),
    },
    {
      id: "who",
      header: t("audit.who"),
      cell: (e) => e.actor?.name ?? <span className="text-muted-foreground">—</span>,
    },
    {
      id: "what",
      header: t("audit.what"),
      cell: (e) => (
        <div className="min-w-0">
          <p className="font-medium">
            {ACTION_LABELS[e.action] ? t(ACTION_LABELS[e.action]!) : e.action}
          </p>
          <p className="text-xs break-words text-muted-foreground">{detailsText(e.details)}</p>
        </div>
      ),
    },
    {
      id: "from",
      header: t("audit.from"),
      cell: (e) => <span className="font-mono text-xs">{e.ip || "—"}</span>,
    },
  ];

  return (
    <div className="mx-auto grid max-w-5xl gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("audit.title")}</h1>
          <p className="text-sm text-muted-foreground">{t("audit.subtitle")}</p>
        </div>
        <Select value={filter} onValueChange={setFilter}>
          <SelectTrigger className="w-56" aria-label={t("audit.filter")}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {FILTERS.map((f) => (
              <SelectItem key={f.value} value={f.value}>
                {t(f.label)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <DataTable
        caption={t("audit.title")}
        columns={columns}
        rows={rows}
        getRowId={(e) => String(e.id)}
        loading={audit.isPending}
        error={
          audit.isError
            ? audit.error instanceof ApiError && audit.error.code !== "NETWORK"
              ? audit.error.message
              : t("error.network")
            : null
        }
        onRetry={() => void audit.refetch()}
        empty={<EmptyState icon={<ScrollTextIcon />} title={t("audit.empty")} />}
        pageSize={1000}
      />
      {audit.hasNextPage ? (
        <div className="flex justify-center">
          <Button
            variant="outline"
            disabled={audit.isFetchingNextPage}
            onClick={() => void audit.fetchNextPage()}
          >
            {audit.isFetchingNextPage ? t("common.loading") : t("audit.more")}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
