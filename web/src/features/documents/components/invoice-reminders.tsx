import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { BellOffIcon, BellRingIcon } from "lucide-react";
import { toast } from "@/lib/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { errorMessage } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { useI18n, type MessageKey } from "@/lib/i18n";
import {
  useInvoiceReminders,
  usePauseInvoiceReminders,
  useQuoteReminders,
  type InvoiceReminders as History,
} from "../api/documents";

const EMAIL_STATUS: Record<string, MessageKey> = {
  queued: "reminders.email.queued",
  sent: "reminders.email.sent",
  delivered: "reminders.email.delivered",
  bounced: "reminders.email.bounced",
  failed: "reminders.email.failed",
};

function HistoryList({
  items,
  stepLabel,
}: {
  items: History["items"];
  stepLabel: (step: string) => string;
}) {
  const { t, locale } = useI18n();
  if (items.length === 0) return <p className="text-muted-foreground">{t("reminders.none")}</p>;
  return (
    <ul className="grid gap-1.5">
      {items.map((r) => (
        <li key={r.step} className="flex flex-wrap items-center gap-2">
          <span>
            {t("reminders.sentOn", {
              step: stepLabel(r.step),
              date: formatDate(`${r.sent_on}T12:00:00Z`, locale),
              to: r.to,
            })}
          </span>
          {r.email_status && EMAIL_STATUS[r.email_status] ? (
            <Badge variant={r.email_status === "bounced" ? "destructive" : "outline"}>
              {t(EMAIL_STATUS[r.email_status]!)}
            </Badge>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** A card with a history's loading, error and loaded states. */
function HistoryCard<T>({
  title,
  query,
  children,
}: {
  title: string;
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {query.isPending ? (
          <Skeleton className="h-12" />
        ) : query.isError ? (
          <p role="alert" className="text-destructive">
            {errorMessage(query.error, t)}
          </p>
        ) : (
          children(query.data)
        )}
      </CardContent>
    </Card>
  );
}

const QUOTE_KIND: Record<string, MessageKey> = {
  followup: "reminders.kind.followup",
  expiry: "reminders.kind.expiry",
};

/** The follow-ups a sent quote got (Settings → Paiements sets when). */
export function QuoteReminders({ quoteId }: { quoteId: number }) {
  const { t } = useI18n();
  const reminders = useQuoteReminders(quoteId, true);
  return (
    <HistoryCard title={t("reminders.quoteHistory")} query={reminders}>
      {(data) => (
        <HistoryList
          items={data.items}
          stepLabel={(step) => (QUOTE_KIND[step] ? t(QUOTE_KIND[step]) : step)}
        />
      )}
    </HistoryCard>
  );
}

/** The reminders an issued invoice got (with their delivery) and the pause switch. */
export function InvoiceReminders({
  invoiceId,
  awaitingPayment,
}: {
  invoiceId: number;
  awaitingPayment: boolean;
}) {
  const { t } = useI18n();
  const reminders = useInvoiceReminders(invoiceId, true);
  const pause = usePauseInvoiceReminders(invoiceId);
  return (
    <HistoryCard title={t("reminders.history")} query={reminders}>
      {(data) => (
        <>
          <HistoryList
            items={data.items}
            stepLabel={(step) => {
              const days = /^due([+-]\d+)$/.exec(step)?.[1];
              if (days === undefined) return step;
              return Number(days) < 0
                ? t("reminders.stepBefore", { days: -Number(days) })
                : t("reminders.stepAfter", { days: Number(days) });
            }}
          />
          {data.paused ? <p className="font-medium">{t("reminders.paused")}</p> : null}
          {awaitingPayment ? (
            <div>
              <Button
                size="sm"
                variant="outline"
                disabled={pause.isPending}
                onClick={() =>
                  pause.mutate(!data.paused, {
                    onError: (error) => toast.error(errorMessage(error, t)),
                  })
                }
              >
                {data.paused ? (
                  <BellRingIcon aria-hidden="true" />
                ) : (
                  <BellOffIcon aria-hidden="true" />
                )}
                {data.paused ? t("reminders.resume") : t("reminders.pause")}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </HistoryCard>
  );
}
