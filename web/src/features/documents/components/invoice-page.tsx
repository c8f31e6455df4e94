import type { ReactNode } from "react";
import {
  FileCodeIcon,
  FileDownIcon,
  PencilIcon,
  ReceiptIcon,
  SendIcon,
  StampIcon,
  Trash2Icon,
  WalletIcon,
} from "lucide-react";
import { Link, useNavigate, useParams } from "react-router";
import { toast } from "@/lib/toast";
import { PageError, PageLoading } from "@/components/layout/page-states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useCan } from "@/features/auth/api/get-session";
import { fetchDownload } from "@/lib/download";
import { errorMessage } from "@/lib/errors";
import { formatDate, formatMoney } from "@/lib/format";
import { ApiError } from "@/lib/api-client";
import { useI18n, type Translate } from "@/lib/i18n";
import {
  useCreateCreditNote,
  useDeleteInvoice,
  useInvoice,
  useInvoiceAction,
  usePaymentDecision,
  useRecordPayment,
  useRefundPayment,
} from "../api/documents";
import { PaymentDialog, ReasonDialog, SendDialog } from "./action-dialogs";
import { LinesTable, TotalsBox } from "./document-view";
import { InvoiceReminders } from "./invoice-reminders";
import { InvoiceStatusBadge } from "./status-badge";

/** One invoice: lines, totals, deposits deducted, payments and credit notes, and its actions. */

/** Why an invoice has no Factur-X data: the missing details the server named, or its message. */
function xmlRefusal(error: unknown, t: Translate): string {
  if (error instanceof ApiError && error.fields.length > 0) {
    return `${error.message} ${error.fields.map((f) => f.message).join(" ")}`;
  }
  return errorMessage(error, t);
}
export default function InvoicePage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const invoice = useInvoice(id);
  const action = useInvoiceAction(id);
  const remove = useDeleteInvoice();
  const credit = useCreateCreditNote(id);
  const pay = useRecordPayment(id);
  const decide = usePaymentDecision();
  const refund = useRefundPayment();
  const canRecord = useCan("payments.record");
  const canValidate = useCan("payments.validate");

  if (invoice.isPending) return <PageLoading />;
  if (invoice.isError)
    return (
      <PageError message={errorMessage(invoice.error, t)} onRetry={() => void invoice.refetch()} />
    );
  const d = invoice.data;
  const draft = d.status === "draft";
  const awaitingPayment = d.status === "issued" || d.status === "partially_paid";
  const creditable = !draft && d.status !== "cancelled" && d.amount_due_cents > 0;
  const day = (iso: string | null) => (iso ? formatDate(`${iso}T12:00:00Z`, locale) : "—");

  async function issue() {
    try {
      await action.mutateAsync({ action: "issue" });
      toast.success(t("documents.issued"));
    } catch (error) {
      toast.error(errorMessage(error, t));
    }
  }

  // Refunded through Stripe: the sale itself may be reduced, which an issued invoice records
  // with a credit note (docs/payments.md); proposed for the refunded amount.
  const refundedCents = (d.payments ?? []).reduce((sum, p) => sum + p.refunded_cents, 0);
  const creditNoteDialog = (trigger: ReactNode, defaultCents?: number) => (
    <ReasonDialog
      trigger={trigger}
      title={t("documents.creditNote")}
      description={t("documents.creditNoteHelp")}
      submitLabel={t("documents.issueCreditNote")}
      withAmount
      maxCents={d.amount_due_cents}
      defaultCents={defaultCents}
      onSubmit={async (reason, amount) => {
        const note = await credit.mutateAsync({
          reason,
          ...(amount !== null && amount !== d.amount_due_cents ? { amount_cents: amount } : {}),
        });
        toast.success(t("documents.creditNoteIssued", { number: note.number }));
      }}
    />
  );

  const extra = [
    ...d.deposits.map((dep) => ({
      label: t("documents.depositDeducted", { number: dep.number, date: day(dep.issue_date) }),
      cents: -dep.gross_cents,
    })),
    ...(d.deposits.length
      ? [
          {
            label: t("documents.netToPay"),
            cents: d.total_gross_cents - d.prepaid_cents,
            strong: true,
          },
        ]
      : []),
  ];

  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="grid gap-1">
          <p className="text-sm text-muted-foreground">
            <Link to="/factures" className="underline-offset-4 hover:underline">
              {t("documents.invoices")}
            </Link>
          </p>
          <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight">
            {d.number
              ? t(
                  d.kind === "deposit"
                    ? "documents.depositInvoiceNumber"
                    : "documents.invoiceNumber",
                  {
                    number: d.number,
                  },
                )
              : t(
                  d.kind === "deposit" ? "documents.draftDepositInvoice" : "documents.draftInvoice",
                )}
            <InvoiceStatusBadge status={d.status} overdue={d.overdue} />
          </h1>
          <p className="text-muted-foreground">
            {d.title}
            {" · "}
            {d.client_id ? (
              <Link to={`/clients/${d.client_id}`} className="underline-offset-4 hover:underline">
                {d.client_name}
              </Link>
            ) : (
              d.client_name
            )}
            {d.quote_id ? (
              <>
                {" · "}
                <Link to={`/devis/${d.quote_id}`} className="underline-offset-4 hover:underline">
                  {t("documents.quoteNumber", { number: d.quote_number ?? "" })}
                </Link>
              </>
            ) : null}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="outline" asChild>
            <a href={`/api/v1/invoices/${id}/pdf`} target="_blank" rel="noreferrer">
              <FileDownIcon aria-hidden="true" />
              {draft ? t("documents.preview") : t("documents.pdf")}
            </a>
          </Button>
          {draft ? null : (
            <Button
              variant="outline"
              onClick={() =>
                void fetchDownload(`/api/v1/invoices/${id}/xml`, `${d.number ?? id}.xml`).catch(
                  (error: unknown) => toast.error(xmlRefusal(error, t)),
                )
              }
            >
              <FileCodeIcon aria-hidden="true" />
              {t("documents.downloadXml")}
            </Button>
          )}
          {draft ? (
            <>
              <Button variant="outline" asChild>
                <Link to={`/factures/${id}/modifier`}>
                  <PencilIcon aria-hidden="true" />
                  {t("documents.edit")}
                </Link>
              </Button>
              <ConfirmDialog
                trigger={
                  <Button>
                    <StampIcon aria-hidden="true" />
                    {t("documents.issue")}
                  </Button>
                }
                title={t("documents.issue")}
                description={t("documents.issueHelp")}
                confirmLabel={t("documents.issue")}
                cancelLabel={t("common.cancel")}
                onConfirm={issue}
              />
              <ConfirmDialog
                trigger={
                  <Button variant="ghost" className="text-destructive">
                    <Trash2Icon aria-hidden="true" />
                    {t("documents.deleteDraft")}
                  </Button>
                }
                title={t("documents.deleteDraft")}
                description={t("documents.deleteDraftHelp")}
                confirmLabel={t("documents.deleteDraft")}
                cancelLabel={t("common.cancel")}
                destructive
                onConfirm={async () => {
                  try {
                    await remove.mutateAsync(id);
                    toast.success(t("documents.deleted"));
                    void navigate("/factures");
                  } catch (error) {
                    toast.error(errorMessage(error, t));
                  }
                }}
              />
            </>
          ) : d.status === "cancelled" ? null : (
            <SendDialog
              trigger={
                <Button variant="outline">
                  <SendIcon aria-hidden="true" />
                  {t("documents.send")}
                </Button>
              }
              title={t("documents.sendInvoice")}
              description={t("documents.sendInvoiceHelp")}
              defaultTo={d.client_email ?? ""}
              onSend={async (to) => {
                await action.mutateAsync({ action: "send", body: { to } });
                toast.success(t("documents.sendingToast"));
              }}
            />
          )}
          {awaitingPayment && canRecord ? (
            <PaymentDialog
              trigger={
                <Button>
                  <WalletIcon aria-hidden="true" />
                  {t("documents.recordPayment")}
                </Button>
              }
              remainingCents={d.remaining_cents}
              onRecord={async (payment, proof) => {
                const recorded = await pay.mutateAsync({ body: payment, proof });
                toast.success(
                  t(
                    recorded.status === "pending"
                      ? "documents.paymentPending"
                      : "documents.paymentRecorded",
                  ),
                );
              }}
            />
          ) : null}
          {creditable
            ? creditNoteDialog(
                <Button variant="outline">
                  <ReceiptIcon aria-hidden="true" />
                  {t("documents.creditNote")}
                </Button>,
              )
            : null}
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="grid content-start gap-6 lg:col-span-2">
          <LinesTable lines={d.lines} showVat={d.vat_regime === "standard"} />
          <TotalsBox
            linesNet={d.lines.reduce((sum, l) => sum + l.net_cents, 0)}
            net={d.total_net_cents}
            vat={d.vat_breakdown}
            vatTotal={d.total_vat_cents}
            gross={d.total_gross_cents}
            vatRegime={d.vat_regime}
            extra={extra}
          />
          {d.notes ? (
            <p className="text-sm whitespace-pre-line text-muted-foreground">{d.notes}</p>
          ) : null}
        </div>
        <div className="grid content-start gap-6">
          <Card>
            <CardHeader>
              <CardTitle>{t("documents.details")}</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="grid grid-cols-2 gap-2 text-sm">
                <dt className="text-muted-foreground">{t("documents.issueDate")}</dt>
                <dd>{day(d.issue_date)}</dd>
                <dt className="text-muted-foreground">{t("documents.dueDate")}</dt>
                <dd>
                  {draft
                    ? t("documents.dueInDays", { days: d.payment_terms_days })
                    : day(d.due_date)}
                </dd>
                <dt className="text-muted-foreground">{t("documents.paid")}</dt>
                <dd className="tabular-nums">{formatMoney(d.paid_cents, locale)}</dd>
                <dt className="text-muted-foreground">{t("documents.credited")}</dt>
                <dd className="tabular-nums">{formatMoney(d.credited_cents, locale)}</dd>
                <dt className="font-medium">{t("documents.remaining")}</dt>
                <dd className="font-medium tabular-nums" data-testid="invoice-remaining">
                  {formatMoney(d.remaining_cents, locale)}
                </dd>
              </dl>
            </CardContent>
          </Card>
          {!draft ? <InvoiceReminders invoiceId={d.id} awaitingPayment={awaitingPayment} /> : null}
          <Card>
            <CardHeader>
              <CardTitle>{t("documents.payments")}</CardTitle>
            </CardHeader>
            <CardContent>
              {d.payments?.length ? (
                <ul className="grid gap-3 text-sm">
                  {d.payments.map((p) => (
                    <li key={p.id} className="grid gap-1">
                      <div className="flex flex-wrap items-center justify-between gap-2">
                        <span className="flex flex-wrap items-center gap-2">
                          {p.number} ·{" "}
                          {t(`documents.method.${p.method === "sepa_debit" ? "other" : p.method}`)}
                          {p.provider === "stripe" ? (
                            <Badge variant="outline">{t("documents.paidOnline")}</Badge>
                          ) : null}
                          {p.disputed_at ? (
                            <Badge variant="destructive">{t("documents.disputed")}</Badge>
                          ) : null}
                        </span>
                        <span className="tabular-nums">{formatMoney(p.amount_cents, locale)}</span>
                      </div>
                      <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                        {day(p.received_on)}
                        {p.reference ? ` · ${p.reference}` : ""}
                        {p.proof_filename ? (
                          <a
                            href={`/api/v1/payments/${p.id}/proof`}
                            target="_blank"
                            rel="noreferrer"
                            className="underline underline-offset-4"
                          >
                            {t("documents.proofLink")}
                          </a>
                        ) : null}
                        <Badge
                          variant={
                            p.status === "succeeded"
                              ? "success"
                              : p.status === "pending"
                                ? "warning"
                                : "outline"
                          }
                        >
                          {t(`documents.paymentStatus.${p.status}`)}
                        </Badge>
                      </div>
                      {p.refunded_cents > 0 || p.overpaid_cents > 0 ? (
                        <p className="text-xs">
                          {p.refunded_cents > 0
                            ? t("documents.refundedAmount", {
                                amount: formatMoney(p.refunded_cents, locale),
                              })
                            : null}
                          {p.refunded_cents > 0 && p.overpaid_cents > 0 ? " · " : null}
                          {p.overpaid_cents > 0 ? (
                            <span className="font-medium text-warning">
                              {t("documents.overpaid", {
                                amount: formatMoney(p.overpaid_cents, locale),
                              })}
                            </span>
                          ) : null}
                        </p>
                      ) : null}
                      {p.provider === "stripe" &&
                      p.status === "succeeded" &&
                      canValidate &&
                      p.amount_cents > p.refunded_cents ? (
                        <div>
                          <ReasonDialog
                            trigger={
                              <Button size="sm" variant="outline">
                                {t("documents.refund")}
                              </Button>
                            }
                            title={t("documents.refundTitle", { number: p.number })}
                            description={t("documents.refundHelp")}
                            submitLabel={t("documents.refund")}
                            withAmount
                            reasonRequired={false}
                            amountLabel={t("documents.refundAmount")}
                            amountHelp={t("documents.refundAmountHelp", {
                              amount: formatMoney(p.amount_cents - p.refunded_cents, locale),
                            })}
                            maxCents={
                              p.overpaid_cents > 0
                                ? p.overpaid_cents
                                : p.amount_cents - p.refunded_cents
                            }
                            onSubmit={async (reason, amount) => {
                              await refund.mutateAsync({ id: p.id, amount_cents: amount, reason });
                              toast.success(t("documents.refundRequested"));
                            }}
                          />
                        </div>
                      ) : null}
                      {p.status === "pending" && canValidate ? (
                        <div className="flex gap-2">
                          <Button
                            size="sm"
                            onClick={() =>
                              void decide
                                .mutateAsync({ id: p.id, decision: "validate" })
                                .then(() => toast.success(t("documents.paymentValidated")))
                                .catch((error: unknown) => toast.error(errorMessage(error, t)))
                            }
                          >
                            {t("documents.validate")}
                          </Button>
                          <Button
                            size="sm"
                            variant="outline"
                            onClick={() =>
                              void decide
                                .mutateAsync({ id: p.id, decision: "reject" })
                                .then(() => toast.success(t("documents.paymentRejected")))
                                .catch((error: unknown) => toast.error(errorMessage(error, t)))
                            }
                          >
                            {t("documents.reject")}
                          </Button>
                        </div>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-muted-foreground">{t("documents.noPayments")}</p>
              )}
              {creditable && refundedCents > 0 ? (
                <div
                  role="status"
                  className="mt-4 grid gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50"
                >
                  <p>
                    {t("documents.refundCreditHint", {
                      amount: formatMoney(Math.min(refundedCents, d.amount_due_cents), locale),
                    })}
                  </p>
                  <div>
                    {creditNoteDialog(
                      <Button size="sm" variant="outline">
                        <ReceiptIcon aria-hidden="true" />
                        {t("documents.refundCreditAction")}
                      </Button>,
                      Math.min(refundedCents, d.amount_due_cents),
                    )}
                  </div>
                </div>
              ) : null}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t("documents.creditNotes")}</CardTitle>
            </CardHeader>
            <CardContent>
              {d.credit_notes?.length ? (
                <ul className="grid gap-2 text-sm">
                  {d.credit_notes.map((c) => (
                    <li key={c.id} className="flex flex-wrap items-center justify-between gap-2">
                      <a
                        href={`/api/v1/credit-notes/${c.id}/pdf`}
                        target="_blank"
                        rel="noreferrer"
                        className="underline-offset-4 hover:underline"
                      >
                        {c.number}
                      </a>
                      <span className="text-muted-foreground">{c.reason}</span>
                      <span className="tabular-nums">
                        {formatMoney(-c.total_gross_cents, locale)}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-muted-foreground">{t("documents.noCreditNotes")}</p>
              )}
            </CardContent>
          </Card>
        </div>
      </div>
    </div>
  );
}
