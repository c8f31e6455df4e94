import { CheckCircle2Icon, PlugZapIcon, UnplugIcon, XCircleIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "@/lib/toast";
import { PageError, PageLoading } from "@/components/layout/page-states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import {
  useConnectStripe,
  useDisconnectStripe,
  usePaymentAccount,
  usePaymentEvents,
  useTestStripe,
  type PaymentAccount,
} from "../api/payment-settings";
import { ReminderSettingsCard } from "./reminder-settings-card";

function Status({ account }: { account: PaymentAccount }) {
  const { t, locale } = useI18n();
  const test = useTestStripe();
  const disconnect = useDisconnectStripe();
  return (
    <div className="grid gap-4" data-testid="stripe-status">
      <div className="flex flex-wrap items-center gap-2">
        <Badge variant={account.check_ok ? "success" : "destructive"}>
          {account.check_ok ? t("payments.connected") : t("payments.checkFailed")}
        </Badge>
        <Badge variant="outline">
          {account.livemode ? t("payments.live") : t("payments.testMode")}
        </Badge>
        <code className="text-xs text-muted-foreground">{account.key_hint}</code>
        {account.account_name ? <span className="text-sm">{account.account_name}</span> : null}
      </div>
      {account.check_message ? (
        <p className="flex items-start gap-2 text-sm">
          {account.check_ok ? (
            <CheckCircle2Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-success" />
          ) : (
            <XCircleIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-destructive" />
          )}
          <span>
            {account.check_message}
            {account.checked_at ? ` (${formatDateTime(account.checked_at, locale)})` : ""}
          </span>
        </p>
      ) : null}
      {account.webhook_url ? (
        <div className="grid gap-1.5">
          <p className="text-sm font-medium">{t("payments.webhookUrl")}</p>
          <CopyField
            value={account.webhook_url ?? ""}
            label={t("payments.webhookUrl")}
            copyLabel={t("payments.copy")}
            copiedMessage={t("payments.copied")}
          />
          <p className="text-xs text-muted-foreground">{t("payments.webhookHelp")}</p>
        </div>
      ) : null}
      <p className="text-sm text-muted-foreground">
        {account.last_event_at
          ? t("payments.lastEvent", { date: formatDateTime(account.last_event_at, locale) })
          : t("payments.noEventYet")}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="outline"
          disabled={test.isPending}
          onClick={() =>
            test.mutate(undefined, {
              onError: (error) => toast.error(errorMessage(error, t)),
            })
          }
        >
          <PlugZapIcon aria-hidden="true" />
          {t("payments.test")}
        </Button>
        <ConfirmDialog
          trigger={
            <Button variant="outline">
              <UnplugIcon aria-hidden="true" />
              {t("payments.disconnect")}
            </Button>
          }
          title={t("payments.disconnectTitle")}
          description={t("payments.disconnectBody")}
          confirmLabel={t("payments.disconnect")}
          cancelLabel={t("common.cancel")}
          destructive
          onConfirm={() => disconnect.mutateAsync().then(() => undefined)}
        />
      </div>
    </div>
  );
}

function ConnectForm({ account }: { account: PaymentAccount }) {
  const { t } = useI18n();
  const connect = useConnectStripe();
  const [secretKey, setSecretKey] = useState("");
  const [webhookSecret, setWebhookSecret] = useState("");
  const fields = connect.error instanceof ApiError ? connect.error.fieldMap() : {};
  const problem =
    connect.isError && Object.keys(fields).length === 0 ? errorMessage(connect.error, t) : null;
  return (
    <form
      className="grid gap-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        connect.mutate(
          { secret_key: secretKey, webhook_secret: webhookSecret },
          {
            onSuccess: () => {
              setSecretKey("");
              setWebhookSecret("");
              toast.success(t("payments.saved"));
            },
          },
        );
      }}
    >
      <FormField
        label={t("payments.secretKey")}
        help={account.connected ? t("payments.keepHelp") : t("payments.secretKeyHelp")}
        error={fields.secret_key}
        required={!account.connected}
      >
        <Input
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={secretKey}
          onChange={(e) => setSecretKey(e.target.value)}
          placeholder="sk_live_… / rk_live_…"
          className="font-mono"
        />
      </FormField>
      <FormField
        label={t("payments.webhookSecret")}
        help={account.connected ? t("payments.keepHelp") : t("payments.webhookSecretHelp")}
        error={fields.webhook_secret}
        required={!account.webhook_secret_set}
      >
        <Input
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={webhookSecret}
          onChange={(e) => setWebhookSecret(e.target.value)}
          placeholder="whsec_…"
          className="font-mono"
        />
      </FormField>
      {problem ? (
        <p role="alert" className="text-sm text-destructive">
          {problem}
        </p>
      ) : null}
      <div>
        <Button type="submit" disabled={connect.isPending}>
          {account.connected ? t("payments.update") : t("payments.connect")}
        </Button>
      </div>
    </form>
  );
}

function Events() {
  const { t, locale } = useI18n();
  const events = usePaymentEvents();
  if (events.isPending) return <Skeleton className="h-24" />;
  if (events.isError) {
    return (
      <p role="alert" className="text-sm text-destructive">
        {errorMessage(events.error, t)}
      </p>
    );
  }
  if (events.data.length === 0) {
    return <EmptyState icon={<PlugZapIcon />} title={t("payments.eventsEmpty")} />;
  }
  return (
    <ul className="grid gap-2 text-sm" aria-label={t("payments.events")}>
      {events.data.map((e) => (
        <li key={e.id} className="grid gap-0.5 rounded-lg border p-3">
          <div className="flex flex-wrap items-center gap-2">
            <code className="text-xs">{e.type}</code>
            <Badge variant={e.status === "applied" ? "success" : "outline"}>
              {t(`payments.event.${e.status}`)}
            </Badge>
            <span className="text-xs text-muted-foreground">
              {formatDateTime(e.received_at, locale)}
              {e.deliveries > 1 ? ` · ${t("payments.deliveries", { count: e.deliveries })}` : ""}
            </span>
          </div>
          {e.outcome ? <p className="wrap-anywhere text-muted-foreground">{e.outcome}</p> : null}
        </li>
      ))}
    </ul>
  );
}

/** Settings → Paiements: connect the organisation's own Stripe account, test it, see events. */
export function PaymentSettingsTab() {
  const { t } = useI18n();
  const account = usePaymentAccount();
  if (account.isPending) return <PageLoading />;
  if (account.isError) {
    return (
      <PageError message={errorMessage(account.error, t)} onRetry={() => void account.refetch()} />
    );
  }
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>{t("payments.title")}</CardTitle>
          <CardDescription>{t("payments.help")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          {account.data.connected ? <Status account={account.data} /> : null}
          <ConnectForm account={account.data} />
        </CardContent>
      </Card>
      <ReminderSettingsCard />
      {account.data.connected ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("payments.events")}</CardTitle>
            <CardDescription>{t("payments.eventsHelp")}</CardDescription>
          </CardHeader>
          <CardContent>
            <Events />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
