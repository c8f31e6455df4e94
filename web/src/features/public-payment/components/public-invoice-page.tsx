import { CheckCircle2Icon, DownloadIcon, LinkIcon } from "lucide-react";
import type { ReactNode } from "react";
import { useParams } from "react-router";
import { PageError } from "@/components/layout/page-states";
import { PayButton } from "@/components/payments/pay-button";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { formatDate, formatMoney } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import {
  isPublicToken,
  publicInvoicePdfUrl,
  usePayInvoice,
  usePublicInvoice,
  type PublicInvoice,
} from "../api/public-payment";
import { SiteFooter } from "@/features/consent/components/site-footer";

export function PublicShell({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="min-h-dvh bg-muted/40 px-3 py-6 sm:px-4 sm:py-10">
      <div className="mx-auto grid w-full max-w-[640px] gap-4">
        {children}
        <SiteFooter />
      </div>
    </main>
  );
}

function Invalid() {
  const { t } = useI18n();
  return (
    <Card>
      <CardContent className="flex flex-col items-center gap-3 p-8 text-center">
        <LinkIcon aria-hidden="true" className="size-8 text-muted-foreground" />
        <h1 className="text-lg font-semibold">{t("pay.invalidTitle")}</h1>
        <p className="max-w-md text-sm text-muted-foreground">{t("pay.invalidBody")}</p>
      </CardContent>
    </Card>
  );
}

function Row({ label, cents, strong }: { label: string; cents: number; strong?: boolean }) {
  const { locale } = useI18n();
  return (
    <div className={strong ? "flex justify-between font-semibold" : "flex justify-between"}>
      <dt>{label}</dt>
      <dd className="tabular-nums">{formatMoney(cents, locale)}</dd>
    </div>
  );
}

function InvoiceCard({ invoice, token }: { invoice: PublicInvoice; token: string }) {
  const { t, locale } = useI18n();
  const pay = usePayInvoice(token);
  const seller = invoice.seller_name;
  const settled = invoice.amount_due_cents <= 0;
  return (
    <Card>
      <CardHeader>
        <p className="text-sm font-medium text-muted-foreground">{seller}</p>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="text-2xl leading-tight font-semibold">
            {t(invoice.kind === "deposit" ? "pay.depositInvoiceHeading" : "pay.invoiceHeading", {
              number: invoice.number,
            })}
          </h1>
          {settled ? <Badge variant="success">{t("pay.settled")}</Badge> : null}
        </div>
        <CardDescription className="wrap-anywhere">
          {invoice.title} — {invoice.client_name}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <dl className="grid gap-1.5 text-sm">
          {invoice.issue_date ? (
            <div className="flex justify-between">
              <dt>{t("pay.issued")}</dt>
              <dd>{formatDate(invoice.issue_date, locale)}</dd>
            </div>
          ) : null}
          {invoice.due_date && !settled ? (
            <div className="flex justify-between">
              <dt>{t("pay.dueDate")}</dt>
              <dd>{formatDate(invoice.due_date, locale)}</dd>
            </div>
          ) : null}
          <Row label={t("pay.total")} cents={invoice.total_gross_cents} />
          {invoice.prepaid_cents > 0 ? (
            <Row label={t("pay.prepaid")} cents={-invoice.prepaid_cents} />
          ) : null}
          {invoice.credited_cents > 0 ? (
            <Row label={t("pay.credited")} cents={-invoice.credited_cents} />
          ) : null}
          {invoice.paid_cents > 0 ? (
            <Row label={t("pay.paid")} cents={-invoice.paid_cents} />
          ) : null}
          <Row label={t("pay.due")} cents={Math.max(0, invoice.amount_due_cents)} strong />
        </dl>
        {settled ? (
          <p className="flex items-center gap-2 text-sm text-success">
            <CheckCircle2Icon aria-hidden="true" className="size-5" />
            {t("pay.settled")}
          </p>
        ) : invoice.disputed ? (
          <p className="text-sm">{t("pay.disputed", { seller })}</p>
        ) : invoice.can_pay_online ? (
          <PayButton
            label={`${t("pay.payOnline")} — ${formatMoney(invoice.amount_due_cents, locale)}`}
            busy={pay.isPending || pay.isSuccess}
            error={pay.isError ? errorMessage(pay.error, t) : null}
            onPay={() => pay.mutate()}
          />
        ) : (
          <p className="text-sm text-muted-foreground">{t("pay.noOnline", { seller })}</p>
        )}
        <div>
          <Button variant="outline" asChild>
            <a href={publicInvoicePdfUrl(token)} target="_blank" rel="noopener noreferrer">
              <DownloadIcon aria-hidden="true" />
              {t("pay.download")}
            </a>
          </Button>
        </div>
        {invoice.payments.length > 0 ? (
          <section aria-labelledby="payments-heading" className="grid gap-2 border-t pt-4">
            <CardTitle id="payments-heading" className="text-base">
              {t("pay.payments")}
            </CardTitle>
            <ul className="grid gap-1 text-sm">
              {invoice.payments.map((p) => (
                <li key={p.number}>
                  {t("pay.paymentLine", {
                    amount: formatMoney(p.amount_cents, locale),
                    date: formatDate(p.received_on, locale),
                  })}
                  {p.refunded_cents > 0
                    ? ` (${t("pay.refunded", { amount: formatMoney(p.refunded_cents, locale) })})`
                    : ""}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** The invoice page a client opens from the e-mail: amounts, the PDF, "Payer en ligne". */
export function PublicInvoicePage() {
  const { token = "" } = useParams();
  const { t } = useI18n();
  const invoice = usePublicInvoice(token);
  let content: ReactNode;
  if (
    !isPublicToken(token) ||
    (invoice.error instanceof ApiError && invoice.error.status === 404)
  ) {
    content = <Invalid />;
  } else if (invoice.isPending) {
    content = (
      <div role="status" aria-live="polite" className="grid gap-4">
        <span className="sr-only">{t("common.loading")}</span>
        <Skeleton className="h-72 rounded-xl" />
      </div>
    );
  } else if (invoice.isError) {
    content = (
      <PageError message={errorMessage(invoice.error, t)} onRetry={() => void invoice.refetch()} />
    );
  } else {
    content = <InvoiceCard invoice={invoice.data} token={token} />;
  }
  return <PublicShell>{content}</PublicShell>;
}

export default PublicInvoicePage;
