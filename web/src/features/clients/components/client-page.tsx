import { ArrowLeftIcon, ClipboardListIcon } from "lucide-react";
import { Link, useParams } from "react-router";
import { toast } from "@/lib/toast";
import { PageError, PageLoading } from "@/components/layout/page-states";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { useCan } from "@/features/auth/api/get-session";
import { LinkedDocuments } from "@/features/documents/components/linked-documents";
import { useMissions } from "@/features/planning/api/planning";
import { STATUS_COLORS, STATUS_LABELS } from "@/features/planning/lib/status";
import { errorMessage } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import { usePauseClientReminders, useClient } from "../api/clients";
import { ClientFormDialog } from "./client-form-dialog";
import { ClientPrivacy } from "./client-privacy";
import { ClientSpaceCard } from "./client-space-card";

/** One client: identity, contacts, addresses and missions. */
export default function ClientPage() {
  const { t, locale } = useI18n();
  const id = Number(useParams().id);
  const client = useClient(id);
  const canSeeMissions = useCan("missions.read_all");
  const canManage = useCan("clients.manage");
  const missions = useMissions({ client_id: String(id), order: "desc", limit: "50" });
  const pauseReminders = usePauseClientReminders(id);

  if (client.isPending) return <PageLoading />;
  if (client.isError) {
    return (
      <PageError message={errorMessage(client.error, t)} onRetry={() => void client.refetch()} />
    );
  }
  const c = client.data;
  const address = (a: typeof c.billing_address) =>
    [a.line1, a.line2, [a.postal_code, a.city].filter(Boolean).join(" ")]
      .filter(Boolean)
      .join(", ");

  return (
    <div className="mx-auto grid max-w-5xl gap-6">
      <div className="grid gap-2">
        <Link
          to="/clients"
          className="flex items-center gap-1 text-sm text-muted-foreground hover:underline"
        >
          <ArrowLeftIcon aria-hidden="true" className="size-4" />
          {t("clients.title")}
        </Link>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{c.name}</h1>
          {canManage ? <ClientFormDialog key={c.updated_at} client={c} /> : null}
        </div>
        <p className="flex flex-wrap gap-2 text-sm text-muted-foreground">
          {c.kind === "company" ? t("clients.company") : t("clients.individual")}
          {c.siren ? <span>SIREN {c.siren}</span> : null}
          {c.vat_number ? <span>TVA {c.vat_number}</span> : null}
          {c.tags.map((tag) => (
            <Badge key={tag} variant="secondary">
              {tag}
            </Badge>
          ))}
        </p>
        {canManage ? (
          <div className="flex items-center gap-3 text-sm">
            <Switch
              id="client-reminders"
              checked={!c.reminders_paused}
              disabled={pauseReminders.isPending}
              onCheckedChange={(on) =>
                pauseReminders.mutate(!on, {
                  onSuccess: () =>
                    toast.success(on ? t("clients.remindersOn") : t("clients.remindersOff")),
                  onError: (error) => toast.error(errorMessage(error, t)),
                })
              }
            />
            <Label htmlFor="client-reminders">{t("clients.reminders")}</Label>
          </div>
        ) : c.reminders_paused ? (
          <p className="text-sm text-muted-foreground">{t("clients.remindersOff")}</p>
        ) : null}
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("clients.contacts")}</CardTitle>
          </CardHeader>
          <CardContent>
            {c.contacts.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("clients.noContact")}</p>
            ) : (
              <ul className="grid gap-3 text-sm">
                {c.contacts.map((k, i) => (
                  <li key={i}>
                    <p className="font-medium">
                      {k.name || "—"}{" "}
                      {k.role ? <span className="text-muted-foreground">· {k.role}</span> : null}
                    </p>
                    {k.email ? (
                      <a href={`mailto:${k.email}`} className="underline underline-offset-4">
                        {k.email}
                      </a>
                    ) : null}
                    {k.phone ? (
                      <p>
                        <a href={`tel:${k.phone}`}>{k.phone}</a>
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("clients.addresses")}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-2 text-sm">
            <p>
              <span className="text-muted-foreground">{t("clients.billing")} : </span>
              {address(c.billing_address) || "—"}
            </p>
            <p>
              <span className="text-muted-foreground">{t("clients.service")} : </span>
              {address(c.service_address) || "—"}
            </p>
            {c.notes ? <p className="whitespace-pre-line">{c.notes}</p> : null}
          </CardContent>
        </Card>
      </div>
      <LinkedDocuments clientId={id} />
      {canSeeMissions ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("missions.title")}</CardTitle>
          </CardHeader>
          <CardContent>
            {missions.isPending ? (
              <p role="status" className="text-sm text-muted-foreground">
                {t("common.loading")}
              </p>
            ) : missions.isError ? (
              <p role="alert" className="text-sm text-destructive">
                {errorMessage(missions.error, t)}
              </p>
            ) : missions.data.items.length === 0 ? (
              <EmptyState icon={<ClipboardListIcon />} title={t("clients.noMission")} />
            ) : (
              <ul className="grid gap-2 text-sm">
                {missions.data.items.map((m) => (
                  <li key={m.id} className="flex flex-wrap items-center gap-2">
                    <span className="text-muted-foreground tabular-nums">
                      {formatDateTime(m.starts_at, locale)}
                    </span>
                    <Link
                      to={`/missions/${m.id}`}
                      className="font-medium underline-offset-4 hover:underline"
                    >
                      {m.title}
                    </Link>
                    <span
                      className="rounded-full px-2 py-0.5 text-xs"
                      style={{
                        background: STATUS_COLORS[m.status].background,
                        color: STATUS_COLORS[m.status].text,
                      }}
                    >
                      {t(STATUS_LABELS[m.status])}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      ) : null}
      <ClientSpaceCard client={c} />
      {canManage ? <ClientPrivacy client={c} /> : null}
    </div>
  );
}
