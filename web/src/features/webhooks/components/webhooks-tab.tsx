import {
  HistoryIcon,
  PauseIcon,
  PlayIcon,
  RotateCcwIcon,
  SendIcon,
  Trash2Icon,
  WebhookIcon,
} from "lucide-react";
import { useState } from "react";
import { toast } from "@/lib/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { PageError } from "@/components/layout/page-states";
import { errorMessage, errorsByField } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { hasMessage, useI18n, type MessageKey, type Translate } from "@/lib/i18n";
import {
  useCreateWebhook,
  useDeleteWebhook,
  usePingWebhook,
  useReplayDelivery,
  useRotateWebhookSecret,
  useUpdateWebhook,
  useWebhookDeliveries,
  useWebhooks,
  type WebhookDelivery,
  type WebhookEndpoint,
} from "../api/webhooks";

/** An event's name in words; a name this version does not know stays as the API gives it. */
function eventLabel(t: Translate, name: string): string {
  const key = `webhooks.event.${name}`;
  return hasMessage(key) ? t(key) : name;
}

/** The secret of a new or rotated endpoint: shown here once, never listed again. */
function SecretShownOnce({ url, secret }: { url: string; secret: string }) {
  const { t } = useI18n();
  return (
    <div role="status" className="grid gap-2 rounded-lg border border-success/40 bg-success/10 p-3">
      <p className="text-sm font-medium">{t("webhooks.secretOnce", { url })}</p>
      <CopyField
        value={secret}
        label={t("webhooks.secret")}
        copyLabel={t("webhooks.copy")}
        copiedMessage={t("webhooks.copied")}
      />
      <p className="text-xs text-muted-foreground">{t("webhooks.signatureHelp")}</p>
    </div>
  );
}

function EventPicker({
  events,
  chosen,
  onChange,
  error,
}: {
  events: string[];
  chosen: string[];
  onChange: (events: string[]) => void;
  error?: string;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="grid gap-2" aria-describedby={error ? "webhook-events-error" : undefined}>
      <legend className="mb-1 text-sm font-medium">
        {t("webhooks.events")}
        <span aria-hidden="true" className="text-destructive">
          {" "}
          *
        </span>
      </legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {events.map((name) => (
          <div key={name} className="flex items-center gap-2">
            <Checkbox
              id={`webhook-event-${name}`}
              checked={chosen.includes(name)}
              onCheckedChange={(checked) =>
                onChange(checked ? [...chosen, name] : chosen.filter((e) => e !== name))
              }
            />
            <Label htmlFor={`webhook-event-${name}`}>{eventLabel(t, name)}</Label>
          </div>
        ))}
      </div>
      {error ? (
        <p id="webhook-events-error" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function CreateForm({
  events,
  onCreated,
}: {
  events: string[];
  onCreated: (url: string, secret: string) => void;
}) {
  const { t } = useI18n();
  const create = useCreateWebhook();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setErrors({});
    try {
      const result = await create.mutateAsync({ url, description, events: chosen });
      onCreated(result.endpoint.url, result.secret);
      setUrl("");
      setDescription("");
      setChosen([]);
    } catch (error) {
      setErrors(errorsByField(error, t));
    }
  }

  return (
    <form className="grid gap-4" onSubmit={(e) => void submit(e)} noValidate>
      <FormField label={t("webhooks.url")} required error={errors.url} help={t("webhooks.urlHelp")}>
        <Input
          type="url"
          inputMode="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://hooks.zapier.com/…"
        />
      </FormField>
      <FormField label={t("webhooks.description")} error={errors.description}>
        <Input
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          placeholder="Zapier, Make, n8n…"
        />
      </FormField>
      <EventPicker events={events} chosen={chosen} onChange={setChosen} error={errors.events} />
      {errors.root ? (
        <p role="alert" className="text-sm text-destructive">
          {errors.root}
        </p>
      ) : null}
      <div>
        <Button type="submit" disabled={create.isPending}>
          <WebhookIcon aria-hidden="true" />
          {t("webhooks.create")}
        </Button>
      </div>
    </form>
  );
}

const DELIVERY_STATUS: Record<
  WebhookDelivery["status"],
  { label: MessageKey; variant: "success" | "warning" | "destructive" | "secondary" }
> = {
  pending: { label: "webhooks.statusPending", variant: "warning" },
  succeeded: { label: "webhooks.statusSucceeded", variant: "success" },
  failed: { label: "webhooks.statusFailed", variant: "destructive" },
  refused: { label: "webhooks.statusRefused", variant: "destructive" },
};

function Deliveries({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t, locale } = useI18n();
  const deliveries = useWebhookDeliveries(endpoint.id);
  const replay = useReplayDelivery();
  if (deliveries.isPending) return <Skeleton className="h-24" />;
  if (deliveries.isError) {
    return (
      <PageError
        message={errorMessage(deliveries.error, t)}
        onRetry={() => void deliveries.refetch()}
      />
    );
  }
  if (deliveries.data.length === 0) {
    return <p className="text-sm text-muted-foreground">{t("webhooks.noDeliveries")}</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" aria-label={t("webhooks.log", { url: endpoint.url })}>
        <thead className="text-left text-xs text-muted-foreground">
          <tr>
            <th className="py-1 pr-3 font-medium">{t("webhooks.colDate")}</th>
            <th className="py-1 pr-3 font-medium">{t("webhooks.colEvent")}</th>
            <th className="py-1 pr-3 font-medium">{t("webhooks.colStatus")}</th>
            <th className="py-1 pr-3 font-medium">{t("webhooks.colAnswer")}</th>
            <th className="py-1 font-medium">
              <span className="sr-only">{t("webhooks.colActions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.data.map((d) => {
            const status = DELIVERY_STATUS[d.status];
            return (
              <tr key={d.id} className="border-t align-top" data-testid="webhook-delivery">
                <td className="py-2 pr-3 whitespace-nowrap">
                  {formatDateTime(d.created_at, locale)}
                </td>
                <td className="py-2 pr-3">
                  {eventLabel(t, d.event)}
                  {d.replay_of !== null ? (
                    <span className="block text-xs text-muted-foreground">
                      {t("webhooks.replayOf", { id: d.replay_of })}
                    </span>
                  ) : null}
                </td>
                <td className="py-2 pr-3">
                  <Badge variant={status.variant}>{t(status.label)}</Badge>
                  <span className="block text-xs text-muted-foreground">
                    {t("webhooks.attempts", { count: d.attempts })}
                  </span>
                </td>
                <td className="py-2 pr-3">
                  {d.response_status !== null ? `HTTP ${d.response_status}` : "—"}
                  {d.response_ms !== null ? ` · ${d.response_ms} ms` : ""}
                  {d.error ? (
                    <span className="block text-xs text-destructive">{d.error}</span>
                  ) : null}
                </td>
                <td className="py-2 text-right">
                  {d.status !== "pending" ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      disabled={replay.isPending}
                      onClick={() =>
                        void replay
                          .mutateAsync({ id: endpoint.id, delivery: d.id })
                          .then(() => toast.success(t("webhooks.replayed")))
                          .catch((error: unknown) => toast.error(errorMessage(error, t)))
                      }
                    >
                      <RotateCcwIcon aria-hidden="true" />
                      {t("webhooks.replay")}
                    </Button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function EndpointItem({
  endpoint,
  onSecret,
}: {
  endpoint: WebhookEndpoint;
  onSecret: (url: string, secret: string) => void;
}) {
  const { t, locale } = useI18n();
  const [showLog, setShowLog] = useState(false);
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const rotate = useRotateWebhookSecret();
  const ping = usePingWebhook();
  const active = endpoint.status === "active";
  const fail = (error: unknown) => toast.error(errorMessage(error, t));

  return (
    <li className="grid gap-3 rounded-lg border p-3" aria-label={endpoint.url}>
      <div className="flex flex-wrap items-start gap-2">
        <div className="min-w-0 flex-1">
          <p className="font-mono text-sm break-all">{endpoint.url}</p>
          {endpoint.description ? (
            <p className="text-sm text-muted-foreground">{endpoint.description}</p>
          ) : null}
        </div>
        <Badge variant={active ? "success" : "destructive"}>
          {active ? t("webhooks.active") : t("webhooks.disabled")}
        </Badge>
      </div>
      {!active && endpoint.disabled_reason ? (
        <p role="alert" className="text-sm text-destructive">
          {t("webhooks.disabledBecause", {
            date: endpoint.disabled_at ? formatDateTime(endpoint.disabled_at, locale) : "",
            reason: endpoint.disabled_reason,
          })}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-1">
        {endpoint.events.map((name) => (
          <Badge key={name} variant="secondary">
            {eventLabel(t, name)}
          </Badge>
        ))}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="outline"
          size="sm"
          disabled={!active || ping.isPending}
          onClick={() =>
            // The log opens once the test delivery exists: a first read of the log already in
            // flight would not be redone by the invalidation and would show it empty.
            void ping
              .mutateAsync(endpoint.id)
              .then(() => {
                setShowLog(true);
                toast.success(t("webhooks.pinged"));
              })
              .catch(fail)
          }
        >
          <SendIcon aria-hidden="true" />
          {t("webhooks.ping")}
        </Button>
        <Button
          variant="outline"
          size="sm"
          aria-expanded={showLog}
          onClick={() => setShowLog((v) => !v)}
        >
          <HistoryIcon aria-hidden="true" />
          {showLog ? t("webhooks.hideLog") : t("webhooks.showLog")}
        </Button>
        <Button
          variant="outline"
          size="sm"
          disabled={update.isPending}
          onClick={() =>
            void update
              .mutateAsync({ id: endpoint.id, active: !active })
              .then(() => toast.success(active ? t("webhooks.paused") : t("webhooks.enabled")))
              .catch(fail)
          }
        >
          {active ? <PauseIcon aria-hidden="true" /> : <PlayIcon aria-hidden="true" />}
          {active ? t("webhooks.pause") : t("webhooks.enable")}
        </Button>
        <ConfirmDialog
          trigger={
            <Button variant="outline" size="sm">
              {t("webhooks.rotate")}
            </Button>
          }
          title={t("webhooks.rotateTitle")}
          description={t("webhooks.rotateConfirm")}
          confirmLabel={t("webhooks.rotate")}
          cancelLabel={t("common.cancel")}
          onConfirm={async () => {
            try {
              const result = await rotate.mutateAsync(endpoint.id);
              onSecret(result.endpoint.url, result.secret);
            } catch (error) {
              fail(error);
            }
          }}
        />
        <ConfirmDialog
          trigger={
            <Button variant="ghost" size="sm">
              <Trash2Icon aria-hidden="true" />
              {t("webhooks.delete")}
            </Button>
          }
          title={t("webhooks.deleteTitle")}
          description={t("webhooks.deleteConfirm", { url: endpoint.url })}
          confirmLabel={t("webhooks.delete")}
          cancelLabel={t("common.cancel")}
          destructive
          onConfirm={async () => {
            try {
              await remove.mutateAsync(endpoint.id);
              toast.success(t("webhooks.deleted"));
            } catch (error) {
              fail(error);
            }
          }}
        />
      </div>
      {showLog ? <Deliveries endpoint={endpoint} /> : null}
    </li>
  );
}

/** Paramètres → Webhooks: endpoints, the events each receives, their delivery log. */
export function WebhooksTab() {
  const { t } = useI18n();
  const webhooks = useWebhooks();
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const onSecret = (url: string, value: string) => setSecret({ url, secret: value });

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("webhooks.title")}</CardTitle>
        <CardDescription>{t("webhooks.help")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {secret ? <SecretShownOnce url={secret.url} secret={secret.secret} /> : null}
        {webhooks.isPending ? (
          <div role="status" className="grid gap-2">
            <span className="sr-only">{t("common.loading")}</span>
            <Skeleton className="h-40" />
            <Skeleton className="h-16" />
          </div>
        ) : webhooks.isError ? (
          <PageError
            message={errorMessage(webhooks.error, t)}
            onRetry={() => void webhooks.refetch()}
          />
        ) : (
          <>
            <CreateForm events={webhooks.data.events} onCreated={onSecret} />
            {webhooks.data.items.length === 0 ? (
              <EmptyState
                icon={<WebhookIcon />}
                title={t("webhooks.empty")}
                description={t("webhooks.emptyHelp")}
              />
            ) : (
              <ul className="grid gap-3" aria-label={t("webhooks.list")}>
                {webhooks.data.items.map((endpoint) => (
                  <EndpointItem key={endpoint.id} endpoint={endpoint} onSecret={onSecret} />
                ))}
              </ul>
            )}
          </>
        )}
      </CardContent>
    </Card>
  );
}
