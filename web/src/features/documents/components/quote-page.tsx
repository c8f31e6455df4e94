import {
  CheckIcon,
  CopyIcon,
  FileDownIcon,
  PencilIcon,
  ReceiptIcon,
  SendIcon,
  XIcon,
} from "lucide-react";
import { Link, useNavigate, useParams } from "react-router";
import { toast } from "@/lib/toast";
import { PageError, PageLoading } from "@/components/layout/page-states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useCan } from "@/features/auth/api/get-session";
import { errorMessage } from "@/lib/errors";
import { formatDate, formatDateTime, formatMoney } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import {
  formatRate,
  useInvoiceFromQuote,
  useInvoices,
  useQuote,
  useQuoteAction,
} from "../api/documents";
import { ReasonDialog, SendDialog } from "./action-dialogs";
import { QuoteReminders } from "./invoice-reminders";
import { LinesTable, TotalsBox } from "./document-view";
import { InvoiceStatusBadge, QuoteStatusBadge } from "./status-badge";

/** One quote: its lines and totals, the actions its status allows, its invoices. */
export default function QuotePage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const quote = useQuote(id);
  const action = useQuoteAction(id);
  const toInvoice = useInvoiceFromQuote(id);
  const canInvoice = useCan("invoices.manage");
  const invoices = useInvoices({ q: "", status: "", page: 0, quote_id: id }, canInvoice);

  if (quote.isPending) return <PageLoading />;
  if (quote.isError)
    return (
      <PageError message={errorMessage(quote.error, t)} onRetry={() => void quote.refetch()} />
    );
  const q = quote.data;
  const open = q.status === "draft" || q.status === "sent";
  const editable = open || q.status === "expired";
  const day = (iso: string | null) => (iso ? formatDate(`${iso}T12:00:00Z`, locale) : "—");

  async function run(kind: "accept" | "cancel" | "duplicate" | "revoke-link", done: string) {
    try {
      const result = await action.mutateAsync({ action: kind });
      toast.success(done);
      if (kind === "duplicate" && typeof result.id === "number")
        void navigate(`/devis/${result.id}`);
    } catch (error) {
      toast.error(errorMessage(error, t));
    }
  }

  async function invoice(kind: "deposit" | "final") {
    try {
      const created = await toInvoice.mutateAsync({ kind });
      toast.success(t(kind === "deposit" ? "documents.depositCreated" : "documents.finalCreated"));
      void navigate(`/factures/${created.id}`);
    } catch (error) {
      toast.error(errorMessage(error, t));
    }
  }

  const hasFinal = invoices.data?.items.some(
    (i) => i.kind === "standard" && i.status !== "cancelled",
  );

  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="grid gap-1">
          <p className="text-sm text-muted-foreground">
            <Link to="/devis" className="underline-offset-4 hover:underline">
              {t("documents.quotes")}
            </Link>
          </p>
          <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight">
            {q.number
              ? t("documents.quoteNumber", { number: q.number })
              : t("documents.draftQuote")}
            <QuoteStatusBadge status={q.status} sending={q.sending} />
          </h1>
          <p className="text-muted-foreground">
            {q.title}
            {" · "}
            {q.client_id ? (
              <Link to={`/clients/${q.client_id}`} className="underline-offset-4 hover:underline">
                {q.client_name}
              </Link>
            ) : (
              q.client_name
            )}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="outline" asChild>
            <a href={`/api/v1/quotes/${id}/pdf`} target="_blank" rel="noreferrer">
              <FileDownIcon aria-hidden="true" />
              {t("documents.pdf")}
            </a>
          </Button>
          {editable ? (
            <Button variant="outline" asChild>
              <Link to={`/devis/${id}/modifier`}>
                <PencilIcon aria-hidden="true" />
                {t("documents.edit")}
              </Link>
            </Button>
          ) : null}
          {open ? (
            <SendDialog
              trigger={
                <Button>
                  <SendIcon aria-hidden="true" />
                  {t(q.status === "sent" ? "documents.resend" : "documents.send")}
                </Button>
              }
              title={t("documents.sendQuote")}
              description={t("documents.sendQuoteHelp")}
              defaultTo={q.client_email ?? ""}
              onSend={async (to) => {
                await action.mutateAsync({ action: "send", body: { to } });
                toast.success(t("documents.sendingToast"));
              }}
            />
          ) : null}
          <Button
            variant="ghost"
            onClick={() => void run("duplicate", t("documents.duplicated"))}
            disabled={action.isPending}
          >
            <CopyIcon aria-hidden="true" />
            {t("documents.duplicate")}
          </Button>
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="grid content-start gap-6 lg:col-span-2">
          {q.description || q.venue_text ? (
            <p className="text-sm whitespace-pre-line text-muted-foreground">
              {[q.description, q.venue_text ? `${t("documents.venue")} : ${q.venue_text}` : ""]
                .filter(Boolean)
                .join("\n")}
            </p>
          ) : null}
          <LinesTable lines={q.lines} showVat={q.vat_regime === "standard"} />
          <TotalsBox
            linesNet={q.lines.reduce((sum, l) => sum + l.net_cents, 0)}
            net={q.total_net_cents}
            vat={q.vat_breakdown}
            vatTotal={q.total_vat_cents}
            gross={q.total_gross_cents}
            vatRegime={q.vat_regime}
            extra={
              q.deposit_cents > 0
                ? [
                    {
                      label: `${t("documents.depositAsked")}${q.deposit_bp ? ` (${formatRate(q.deposit_bp, locale)})` : ""}`,
                      cents: q.deposit_cents,
                    },
                  ]
                : undefined
            }
          />
          {q.terms ? (
            <Card>
              <CardHeader>
                <CardTitle>{t("documents.terms")}</CardTitle>
              </CardHeader>
              <CardContent className="text-sm whitespace-pre-line">{q.terms}</CardContent>
            </Card>
          ) : null}
        </div>

        <div className="grid content-start gap-6">
          {q.held_payments_cents ? (
            <div
              role="status"
              className="grid gap-1 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50"
            >
              <p className="font-medium">
                {t("documents.heldPayment", {
                  amount: formatMoney(q.held_payments_cents, locale),
                })}
              </p>
              <p>{t("documents.heldPaymentHelp")}</p>
            </div>
          ) : null}
          <Card>
            <CardHeader>
              <CardTitle>{t("documents.details")}</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="grid grid-cols-2 gap-2 text-sm">
                <dt className="text-muted-foreground">{t("documents.issueDate")}</dt>
                <dd>{day(q.issue_date)}</dd>
                <dt className="text-muted-foreground">{t("documents.validUntil")}</dt>
                <dd>{day(q.valid_until)}</dd>
                <dt className="text-muted-foreground">{t("documents.sentAt")}</dt>
                <dd>{q.sent_at ? formatDateTime(q.sent_at, locale) : "—"}</dd>
                {q.accepted_at ? (
                  <>
                    <dt className="text-muted-foreground">{t("documents.acceptedAt")}</dt>
                    <dd>{formatDateTime(q.accepted_at, locale)}</dd>
                  </>
                ) : null}
                {q.decline_reason ? (
                  <>
                    <dt className="text-muted-foreground">{t("documents.declineReason")}</dt>
                    <dd>{q.decline_reason}</dd>
                  </>
                ) : null}
              </dl>
            </CardContent>
          </Card>

          {q.signature ? (
            <Card data-testid="signature-evidence">
              <CardHeader>
                <CardTitle>{t("documents.signature")}</CardTitle>
              </CardHeader>
              <CardContent className="grid gap-1 text-sm">
                <p>
                  {t("documents.signedBy", {
                    name: q.signature.signer_name,
                    email: q.signature.signer_email,
                  })}
                </p>
                <p>{formatDateTime(q.signature.signed_at, locale)}</p>
                <p className="text-muted-foreground">
                  {t("documents.signedFrom", { ip: q.signature.ip_address })}
                </p>
                <p className="font-mono text-xs break-all text-muted-foreground">
                  SHA-256 {q.signature.document_sha256}
                </p>
              </CardContent>
            </Card>
          ) : null}

          {q.status === "sent" ? (
            <Card>
              <CardHeader>
                <CardTitle>{t("documents.clientAnswer")}</CardTitle>
              </CardHeader>
              <CardContent className="flex flex-wrap gap-2">
                <ConfirmDialog
                  trigger={
                    <Button variant="outline">
                      <CheckIcon aria-hidden="true" />
                      {t("documents.acceptManually")}
                    </Button>
                  }
                  title={t("documents.acceptManually")}
                  description={t("documents.acceptManuallyHelp")}
                  confirmLabel={t("documents.acceptManually")}
                  cancelLabel={t("common.cancel")}
                  onConfirm={() => run("accept", t("documents.accepted"))}
                />
                {q.link_active ? (
                  <ConfirmDialog
                    trigger={<Button variant="ghost">{t("documents.revokeLink")}</Button>}
                    title={t("documents.revokeLink")}
                    description={t("documents.revokeLinkHelp")}
                    confirmLabel={t("documents.revokeLink")}
                    cancelLabel={t("common.cancel")}
                    destructive
                    onConfirm={() => run("revoke-link", t("documents.linkRevoked"))}
                  />
                ) : null}
                <ReasonDialog
                  trigger={
                    <Button variant="outline">
                      <XIcon aria-hidden="true" />
                      {t("documents.decline")}
                    </Button>
                  }
                  title={t("documents.decline")}
                  description={t("documents.declineHelp")}
                  submitLabel={t("documents.decline")}
                  onSubmit={async (reason) => {
                    await action.mutateAsync({ action: "decline", body: { reason } });
                    toast.success(t("documents.declined"));
                  }}
                />
              </CardContent>
            </Card>
          ) : null}

          {q.sent_at ? <QuoteReminders quoteId={q.id} /> : null}

          {q.status === "accepted" && canInvoice ? (
            <Card>
              <CardHeader>
                <CardTitle>{t("documents.invoicing")}</CardTitle>
              </CardHeader>
              <CardContent className="grid gap-3">
                <div className="flex flex-wrap gap-2">
                  {!hasFinal ? (
                    <>
                      <Button
                        variant="outline"
                        onClick={() => void invoice("deposit")}
                        disabled={toInvoice.isPending || q.deposit_cents === 0}
                      >
                        <ReceiptIcon aria-hidden="true" />
                        {t("documents.depositInvoiceAction", {
                          amount: formatMoney(q.deposit_cents, locale),
                        })}
                      </Button>
                      <Button onClick={() => void invoice("final")} disabled={toInvoice.isPending}>
                        <ReceiptIcon aria-hidden="true" />
                        {t("documents.finalInvoiceAction")}
                      </Button>
                    </>
                  ) : null}
                </div>
                <ul className="grid gap-2 text-sm">
                  {invoices.data?.items.map((i) => (
                    <li key={i.id} className="flex flex-wrap items-center justify-between gap-2">
                      <Link to={`/factures/${i.id}`} className="underline-offset-4 hover:underline">
                        {i.number ?? t("documents.draftNumber")} —{" "}
                        {i.kind === "deposit"
                          ? t("documents.depositInvoice")
                          : t("documents.finalInvoice")}
                      </Link>
                      <span className="flex items-center gap-2">
                        {formatMoney(i.total_gross_cents, locale)}
                        <InvoiceStatusBadge status={i.status} />
                      </span>
                    </li>
                  ))}
                </ul>
              </CardContent>
            </Card>
          ) : null}

          {editable ? (
            <ConfirmDialog
              trigger={
                <Button variant="ghost" className="justify-self-start text-destructive">
                  {t("documents.cancelQuote")}
                </Button>
              }
              title={t("documents.cancelQuote")}
              description={t("documents.cancelQuoteHelp")}
              confirmLabel={t("documents.cancelQuote")}
              cancelLabel={t("common.close")}
              destructive
              onConfirm={() => run("cancel", t("documents.cancelled"))}
            />
          ) : null}
        </div>
      </div>
    </div>
  );
}
