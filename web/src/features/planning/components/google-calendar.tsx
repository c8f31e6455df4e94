import {
  AlertTriangleIcon,
  CheckCircle2Icon,
  CircleDashedIcon,
  LinkIcon,
  RefreshCwIcon,
  UnplugIcon,
} from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { toast } from "@/lib/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useCan } from "@/features/auth/api/get-session";
import { errorMessage } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { useI18n, type MessageKey } from "@/lib/i18n";
import {
  useConnectGoogle,
  useDisconnectGoogle,
  useGoogleConnections,
  useMissionCalendarSync,
  useSyncGoogleNow,
  type GoogleConnectInput,
  type GoogleConnection,
} from "../api/google-calendar";
import { FeedsError, FeedsLoading } from "./calendar-feeds";

/** How the consent went, from the callback's ?google= (the server redirects here). */
const OUTCOMES = [
  "connecte",
  "annule",
  "expire",
  "refuse",
  "indisponible",
  "en-cours",
  "interdit",
] as const;
type Outcome = (typeof OUTCOMES)[number];

function ConsentOutcome() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const outcome = params.get("google");
  if (!outcome || !OUTCOMES.includes(outcome as Outcome)) return null;
  const ok = outcome === "connecte";
  return (
    <p
      role={ok ? "status" : "alert"}
      className={
        ok
          ? "rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
          : "rounded-md border border-destructive/40 bg-destructive/5 p-3 text-sm text-destructive"
      }
    >
      {t(`googleCalendar.outcome.${outcome}` as MessageKey)}
    </p>
  );
}

function ConnectionRow({ connection }: { connection: GoogleConnection }) {
  const { t, locale } = useI18n();
  const sync = useSyncGoogleNow();
  const disconnect = useDisconnectGoogle();
  const connect = useConnectGoogle();
  const broken = connection.status === "broken";
  const reconnect = () =>
    connect.mutate(
      {
        scope: connection.scope,
        calendar_id: connection.calendar_id,
        import_busy: connection.import_busy,
      },
      { onError: (error) => toast.error(errorMessage(error, t)) },
    );
  return (
    <li className="grid gap-2 rounded-lg border p-3" data-testid="google-connection">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">
          {connection.account_email || t("googleCalendar.account")}
        </span>
        <Badge variant="secondary">
          {connection.scope === "personal"
            ? t("googleCalendar.scopePersonal")
            : t("googleCalendar.scopeOrganization")}
        </Badge>
        {broken ? (
          <Badge variant="destructive">{t("googleCalendar.broken")}</Badge>
        ) : (
          <Badge variant="outline">{t("googleCalendar.active")}</Badge>
        )}
      </div>
      <p className="text-xs text-muted-foreground">
        {t("googleCalendar.calendar", {
          calendar:
            connection.calendar_id === "primary"
              ? t("googleCalendar.primary")
              : connection.calendar_id,
        })}
        {" · "}
        {connection.last_synced_at
          ? t("googleCalendar.lastSynced", {
              date: formatDateTime(connection.last_synced_at, locale),
              count: connection.events,
            })
          : broken
            ? t("googleCalendar.neverSynced")
            : t("googleCalendar.syncing")}
      </p>
      {connection.import_busy ? (
        <p className="text-xs text-muted-foreground">
          {connection.busy_synced_at
            ? t("googleCalendar.busyRead", {
                date: formatDateTime(connection.busy_synced_at, locale),
              })
            : t("googleCalendar.busyPending")}
        </p>
      ) : null}
      {broken && connection.last_error ? (
        <p role="alert" className="flex items-start gap-2 text-sm text-destructive">
          <AlertTriangleIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          {connection.last_error}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {broken ? (
          <Button size="sm" onClick={reconnect} disabled={connect.isPending}>
            <LinkIcon aria-hidden="true" />
            {t("googleCalendar.reconnect")}
          </Button>
        ) : (
          <Button
            variant="outline"
            size="sm"
            disabled={sync.isPending}
            onClick={() =>
              sync.mutate(connection.id, {
                onSuccess: () => toast.success(t("googleCalendar.syncQueued")),
                onError: (error) => toast.error(errorMessage(error, t)),
              })
            }
          >
            <RefreshCwIcon aria-hidden="true" />
            {t("googleCalendar.syncNow")}
          </Button>
        )}
        <ConfirmDialog
          trigger={
            <Button variant="ghost" size="sm" disabled={disconnect.isPending}>
              <UnplugIcon aria-hidden="true" />
              {t("googleCalendar.disconnect")}
            </Button>
          }
          title={t("googleCalendar.disconnect")}
          description={t("googleCalendar.disconnectConfirm")}
          confirmLabel={t("googleCalendar.disconnect")}
          cancelLabel={t("common.cancel")}
          destructive
          onConfirm={async () => {
            try {
              await disconnect.mutateAsync(connection.id);
              toast.success(t("googleCalendar.disconnected"));
            } catch (error) {
              toast.error(errorMessage(error, t));
            }
          }}
        />
      </div>
    </li>
  );
}

function ConnectForm({ planner, taken }: { planner: boolean; taken: Set<string> }) {
  const { t } = useI18n();
  const connect = useConnectGoogle();
  const ids = useId();
  const [scope, setScope] = useState<GoogleConnectInput["scope"]>(
    taken.has("personal") ? "organization" : "personal",
  );
  const [calendar, setCalendar] = useState("primary");
  const [importBusy, setImportBusy] = useState(true);
  const [calendarError, setCalendarError] = useState<string | null>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const calendarId = calendar.trim() || "primary";
    if (!/^[A-Za-z0-9@._+#-]{1,254}$/.test(calendarId)) {
      setCalendarError(t("googleCalendar.calendarInvalid"));
      return;
    }
    setCalendarError(null);
    connect.mutate(
      { scope, calendar_id: calendarId, import_busy: scope === "personal" && importBusy },
      { onError: (error) => toast.error(errorMessage(error, t)) },
    );
  };
  return (
    <form onSubmit={onSubmit} className="grid gap-3" noValidate>
      {planner ? (
        <fieldset className="grid gap-2">
          <legend className="text-sm font-medium">{t("googleCalendar.what")}</legend>
          {(["personal", "organization"] as const).map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name={`${ids}-scope`}
                value={value}
                checked={scope === value}
                disabled={taken.has(value)}
                onChange={() => setScope(value)}
              />
              {value === "personal"
                ? t("googleCalendar.scopePersonalLong")
                : t("googleCalendar.scopeOrganizationLong")}
            </label>
          ))}
        </fieldset>
      ) : null}
      <div className="grid gap-1">
        <Label htmlFor={`${ids}-calendar`}>{t("googleCalendar.calendarLabel")}</Label>
        <Input
          id={`${ids}-calendar`}
          value={calendar}
          onChange={(event) => setCalendar(event.target.value)}
          aria-invalid={calendarError ? true : undefined}
          aria-describedby={`${ids}-calendar-help`}
          className="max-w-sm font-mono text-xs"
        />
        <p id={`${ids}-calendar-help`} className="text-xs text-muted-foreground">
          {calendarError ?? t("googleCalendar.calendarHelp")}
        </p>
      </div>
      {scope === "personal" ? (
        <label className="flex items-start gap-2 text-sm">
          <Checkbox
            checked={importBusy}
            onCheckedChange={(value) => setImportBusy(value === true)}
            className="mt-0.5"
          />
          <span>
            {t("googleCalendar.importBusy")}
            <span className="block text-xs text-muted-foreground">
              {t("googleCalendar.importBusyHelp")}
            </span>
          </span>
        </label>
      ) : null}
      <div>
        <Button type="submit" disabled={connect.isPending}>
          <LinkIcon aria-hidden="true" />
          {connect.isPending ? t("googleCalendar.redirecting") : t("googleCalendar.connect")}
        </Button>
      </div>
    </form>
  );
}

/** Profile → Calendriers → Google Agenda: missions pushed to the member's Google calendar, their
 * busy time read back, the state of each connection. */
export function GoogleCalendarCard() {
  const { t } = useI18n();
  const connections = useGoogleConnections();
  const planner = useCan("missions.read_all");
  const items = connections.data?.items ?? [];
  const taken = new Set(items.map((c) => c.scope));
  const canAdd = !taken.has("personal") || (planner && !taken.has("organization"));
  return (
    <Card id="calendriers">
      <CardHeader>
        <CardTitle>{t("googleCalendar.title")}</CardTitle>
        <CardDescription>{t("googleCalendar.help")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <ConsentOutcome />
        {connections.isPending ? (
          <FeedsLoading />
        ) : connections.isError ? (
          <FeedsError error={connections.error} onRetry={() => void connections.refetch()} />
        ) : !connections.data.available ? (
          <p className="text-sm text-muted-foreground">{t("googleCalendar.unavailable")}</p>
        ) : (
          <>
            {items.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("googleCalendar.none")}</p>
            ) : (
              <ul className="grid gap-3" aria-label={t("googleCalendar.title")}>
                {items.map((connection) => (
                  <ConnectionRow key={connection.id} connection={connection} />
                ))}
              </ul>
            )}
            {canAdd ? <ConnectForm planner={planner} taken={taken} /> : null}
          </>
        )}
      </CardContent>
    </Card>
  );
}

/** Mission page: for each person whose Google calendar receives this mission, whether it is
 * there as it is now. Nothing at all when nobody syncs with Google. */
export function MissionCalendarSync({ missionId }: { missionId: number }) {
  const { t } = useI18n();
  const sync = useMissionCalendarSync(missionId);
  if (!sync.data || sync.data.length === 0) return null;
  return (
    <div className="grid gap-1 border-t pt-3" data-testid="mission-google-sync">
      <p className="text-xs font-medium text-muted-foreground">{t("googleCalendar.onMission")}</p>
      <ul className="grid gap-1 text-sm">
        {sync.data.map((row) => {
          const state = row.status === "broken" ? "broken" : row.up_to_date ? "synced" : "pending";
          return (
            <li key={`${row.user.id}-${row.scope}`} className="flex items-center gap-2">
              {state === "synced" ? (
                <CheckCircle2Icon aria-hidden="true" className="size-4 text-emerald-600" />
              ) : state === "broken" ? (
                <AlertTriangleIcon aria-hidden="true" className="size-4 text-destructive" />
              ) : (
                <CircleDashedIcon aria-hidden="true" className="size-4 text-muted-foreground" />
              )}
              <span>
                {row.user.name}
                {row.scope === "organization" ? ` (${t("googleCalendar.scopeOrganization")})` : ""}
              </span>
              <span className="text-muted-foreground">
                {t(`googleCalendar.missionState.${state}` as MessageKey)}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
