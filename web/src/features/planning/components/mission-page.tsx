import { ArrowLeftIcon, PencilIcon } from "lucide-react";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { toast } from "@/lib/toast";
import { PageError, PageLoading } from "@/components/layout/page-states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useCan } from "@/features/auth/api/get-session";
import { MissionRatingCard } from "@/features/booking/components/mission-rating";
import { LinkedDocuments } from "@/features/documents/components/linked-documents";
import { MissionGear } from "@/features/equipment/components/mission-gear";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { crewKey } from "@/features/members/api/crew-profiles";
import { useI18n, type MessageKey } from "@/lib/i18n";
import { MissionCalendarSync } from "./google-calendar";
import {
  useChangeStatus,
  useMission,
  useMissionFields,
  useMissionHistory,
  type MissionStatus,
} from "../api/planning";
import { STATUS_COLORS, STATUS_LABELS, nextStatuses } from "../lib/status";
import { ConflictDialog } from "./conflict-dialog";
import { MissionFormDialog } from "./mission-form-dialog";

const ACTION_LABELS: Record<MissionStatus, MessageKey> = {
  draft: "missions.toDraft",
  planned: "missions.toPlanned",
  confirmed: "missions.toConfirmed",
  in_progress: "missions.toInProgress",
  completed: "missions.toCompleted",
  canceled: "missions.toCanceled",
};

const HISTORY_LABELS: Record<string, MessageKey> = {
  "missions.created": "missions.history.created",
  "missions.updated": "missions.history.updated",
  "missions.rescheduled": "missions.history.rescheduled",
  "missions.status_changed": "missions.history.status",
  "missions.conflict_overridden": "missions.history.overridden",
  "ratings.submitted": "missions.history.rated",
};

/** One mission: when, where, for whom, who, what gear, its conflicts and its history. */
export default function MissionPage() {
  const { t, locale } = useI18n();
  const id = Number(useParams().id);
  const mission = useMission(id);
  const canManage = useCan("missions.manage");
  const canSeeAll = useCan("missions.read_all");
  const fields = useMissionFields();
  const history = useMissionHistory(id, canSeeAll);
  const changeStatus = useChangeStatus();
  const [editing, setEditing] = useState(false);
  const [cancelReason, setCancelReason] = useState("");
  const [asking, setAsking] = useState<MissionStatus | null>(null);
  const [refused, setRefused] = useState<{ to: MissionStatus; messages: string[] } | null>(null);

  if (mission.isPending) return <PageLoading />;
  if (mission.isError) {
    return (
      <PageError message={errorMessage(mission.error, t)} onRetry={() => void mission.refetch()} />
    );
  }
  const m = mission.data;

  async function go(to: MissionStatus, override?: string) {
    try {
      await changeStatus.mutateAsync({
        id,
        status: to,
        reason: to === "canceled" ? cancelReason : undefined,
        override_reason: override,
      });
      toast.success(t("missions.statusChanged", { status: t(STATUS_LABELS[to]) }));
      setAsking(null);
      setCancelReason("");
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.fields.length > 0) {
        setRefused({ to, messages: error.fields.map((f) => f.message) });
        return;
      }
      toast.error(errorMessage(error, t));
    }
  }

  const when = `${formatDateTime(m.starts_at, locale)} → ${formatDateTime(m.ends_at, locale)}`;
  const place = [m.venue?.name, m.address].filter(Boolean).join(" — ");

  return (
    <div className="mx-auto grid max-w-5xl gap-6">
      <div className="grid gap-2">
        <Link
          to="/planning"
          className="flex items-center gap-1 text-sm text-muted-foreground hover:underline"
        >
          <ArrowLeftIcon aria-hidden="true" className="size-4" />
          {t("planning.title")}
        </Link>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="grid gap-1">
            <h1 className="text-2xl font-semibold tracking-tight">{m.title}</h1>
            <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
              <span
                className="rounded-full px-2 py-0.5 text-xs font-medium"
                style={{
                  background: STATUS_COLORS[m.status].background,
                  color: STATUS_COLORS[m.status].text,
                }}
                data-testid="mission-status"
              >
                {t(STATUS_LABELS[m.status])}
              </span>
              <span data-testid="mission-when">{when}</span>
            </p>
          </div>
          {canManage ? (
            <div className="flex flex-wrap gap-2">
              {m.status !== "completed" && m.status !== "canceled" ? (
                <Button variant="outline" onClick={() => setEditing(true)}>
                  <PencilIcon aria-hidden="true" />
                  {t("missions.edit")}
                </Button>
              ) : null}
              {nextStatuses(m.status).map((to) => (
                <Button
                  key={to}
                  variant={
                    to === "canceled" ? "destructive" : to === "draft" ? "outline" : "default"
                  }
                  disabled={changeStatus.isPending}
                  onClick={() => (to === "canceled" ? setAsking(to) : void go(to))}
                >
                  {t(ACTION_LABELS[to])}
                </Button>
              ))}
            </div>
          ) : null}
        </div>
        {asking === "canceled" ? (
          <div className="flex flex-wrap items-end gap-2 rounded-md border p-3">
            <FormField label={t("missions.cancelReason")} className="min-w-64 flex-1">
              <Input value={cancelReason} onChange={(e) => setCancelReason(e.target.value)} />
            </FormField>
            <Button variant="outline" onClick={() => setAsking(null)}>
              {t("common.cancel")}
            </Button>
            <Button variant="destructive" onClick={() => void go("canceled")}>
              {t("missions.confirmCancel")}
            </Button>
          </div>
        ) : null}
      </div>

      {m.conflicts.length > 0 ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("missions.conflicts")}</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="grid gap-2 text-sm">
              {m.conflicts.map((c, i) => (
                <li
                  key={i}
                  className={
                    c.blocking ? "rounded-md bg-destructive/10 p-2" : "rounded-md bg-warning/15 p-2"
                  }
                >
                  {c.message}
                  {c.mission ? (
                    <>
                      {" "}
                      <Link to={`/missions/${c.mission.id}`} className="underline">
                        {t("missions.openOther")}
                      </Link>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      ) : null}

      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("missions.details")}</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-muted-foreground">{t("missions.client")}</dt>
              <dd>
                {m.client ? (
                  <Link to={`/clients/${m.client.id}`} className="underline underline-offset-4">
                    {m.client.name}
                  </Link>
                ) : (
                  "—"
                )}
              </dd>
              <dt className="text-muted-foreground">{t("missions.place")}</dt>
              <dd>{place || "—"}</dd>
              <dt className="text-muted-foreground">{t("missions.eventType")}</dt>
              <dd>{m.event_type || "—"}</dd>
              <dt className="text-muted-foreground">{t("missions.guests")}</dt>
              <dd>{m.guest_count ?? "—"}</dd>
              {(fields.data ?? []).map((f) => (
                <div key={f.key} className="contents">
                  <dt className="text-muted-foreground">{f.label}</dt>
                  <dd>{m.custom_fields[f.key] || "—"}</dd>
                </div>
              ))}
              {m.cancellation_reason ? (
                <>
                  <dt className="text-muted-foreground">{t("missions.cancelReason")}</dt>
                  <dd>{m.cancellation_reason}</dd>
                </>
              ) : null}
            </dl>
            {m.description ? (
              <p className="mt-4 text-sm whitespace-pre-line">{m.description}</p>
            ) : null}
            {m.notes ? (
              <p className="mt-4 rounded-md bg-muted p-2 text-sm whitespace-pre-line">
                <span className="font-medium">{t("missions.notes")} : </span>
                {m.notes}
              </p>
            ) : null}
          </CardContent>
        </Card>
        <div className="grid gap-6">
          <Card>
            <CardHeader>
              <CardTitle>{t("missions.crew")}</CardTitle>
            </CardHeader>
            <CardContent>
              {m.crew.length === 0 ? (
                <p className="text-sm text-muted-foreground">{t("missions.noCrew")}</p>
              ) : (
                <ul className="grid gap-1 text-sm" data-testid="mission-crew">
                  {m.crew.map((c) => (
                    <li key={crewKey(c)} className="flex items-center gap-2">
                      {c.name}
                      {c.profile_id != null ? (
                        <Badge variant="outline">{t("crewProfiles.noAccount")}</Badge>
                      ) : null}
                      <Badge variant="secondary">
                        {t(`missions.position.${c.position}` as MessageKey)}
                      </Badge>
                      {c.lead ? <Badge variant="outline">{t("missions.lead")}</Badge> : null}
                    </li>
                  ))}
                </ul>
              )}
              <MissionCalendarSync missionId={id} />
            </CardContent>
          </Card>
          <MissionGear missionId={id} />
        </div>
      </div>

      <LinkedDocuments missionId={id} />

      {canSeeAll ? (
        <MissionRatingCard
          missionId={id}
          completed={m.status === "completed"}
          crewNames={Object.fromEntries(
            m.crew.filter((c) => c.user_id != null).map((c) => [c.user_id, c.name]),
          )}
        />
      ) : null}

      {canSeeAll ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("missions.historyTitle")}</CardTitle>
          </CardHeader>
          <CardContent>
            {history.isPending ? (
              <p className="text-sm text-muted-foreground" role="status">
                {t("common.loading")}
              </p>
            ) : history.isError ? (
              <p role="alert" className="text-sm text-destructive">
                {errorMessage(history.error, t)}
              </p>
            ) : (
              <ol className="grid gap-2 text-sm">
                {history.data.items.map((h) => (
                  <li key={h.id} className="flex flex-wrap gap-x-2">
                    <span className="text-muted-foreground tabular-nums">
                      {formatDateTime(h.created_at, locale)}
                    </span>
                    <span>
                      {t(HISTORY_LABELS[h.action] ?? "missions.history.other", {
                        name: h.actor.name,
                      })}
                    </span>
                    {h.action === "missions.conflict_overridden" &&
                    typeof h.details === "object" &&
                    h.details !== null &&
                    "reason" in h.details ? (
                      <span className="text-muted-foreground">
                        « {String((h.details as { reason: unknown }).reason)} »
                      </span>
                    ) : null}
                  </li>
                ))}
              </ol>
            )}
          </CardContent>
        </Card>
      ) : null}

      <MissionFormDialog open={editing} onOpenChange={setEditing} mission={m} />
      <ConflictDialog
        messages={refused?.messages ?? null}
        busy={changeStatus.isPending}
        onCancel={() => setRefused(null)}
        onOverride={
          refused
            ? (reason) => {
                const to = refused.to;
                setRefused(null);
                void go(to, reason);
              }
            : null
        }
      />
    </div>
  );
}
