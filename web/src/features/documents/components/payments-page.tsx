import { WalletIcon } from "lucide-react";
import { useState } from "react";
import { Link } from "react-router";
import { Badge } from "@/components/ui/badge";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/ui/pager";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { errorMessage } from "@/lib/errors";
import { formatDate, formatMoney } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import { PAGE_SIZE, usePayments, type Payment, type PaymentFilter } from "../api/documents";

const ALL = "all";
const STATUSES = ["succeeded", "pending", "failed", "rejected", "cancelled"] as const;

/** Every payment received: by hand or online (Stripe), with refunds, disputes and overpayments. */
export default function PaymentsPage() {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState<PaymentFilter>({ provider: "", status: "", page: 0 });
  const payments = usePayments(filter);
  const pages = payments.data ? Math.max(1, Math.ceil(payments.data.total / PAGE_SIZE)) : 1;
  const narrowed = filter.provider !== "" || filter.status !== "";

  const columns: DataTableColumn<Payment>[] = [
    {
      id: "number",
      header: t("documents.number"),
      cell: (p) => <span className="font-medium">{p.number}</span>,
    },
    {
      id: "received",
      header: t("payments.receivedOn"),
      cell: (p) => formatDate(`${p.received_on}T12:00:00Z`, locale),
    },
    {
      id: "document",
      header: t("payments.document"),
      cell: (p) =>
        p.invoice_id !== null ? (
          <Link to={`/factures/${p.invoice_id}`} className="underline-offset-4 hover:underline">
            {p.invoice_number || t("documents.draftNumber")}
          </Link>
        ) : p.quote_id !== null ? (
          <span>
            <Link to={`/devis/${p.quote_id}`} className="underline-offset-4 hover:underline">
              {p.quote_number}
            </Link>{" "}
            <span className="text-xs text-muted-foreground">{t("payments.heldOnQuote")}</span>
          </span>
        ) : (
          "—"
        ),
    },
    {
      id: "method",
      header: t("payments.method"),
      cell: (p) => (
        <span className="flex flex-wrap items-center gap-1.5">
          {t(`documents.method.${p.method === "sepa_debit" ? "other" : p.method}`)}
          {p.provider === "stripe" ? (
            <Badge variant="outline">{t("documents.paidOnline")}</Badge>
          ) : null}
          {p.disputed_at ? <Badge variant="destructive">{t("documents.disputed")}</Badge> : null}
        </span>
      ),
    },
    {
      id: "status",
      header: t("documents.status"),
      cell: (p) => (
        <Badge
          variant={
            p.status === "succeeded" ? "success" : p.status === "pending" ? "warning" : "outline"
          }
        >
          {t(`documents.paymentStatus.${p.status}`)}
        </Badge>
      ),
    },
    {
      id: "amount",
      header: t("payments.amount"),
      align: "right",
      cell: (p) => (
        <div>
          <p className="tabular-nums">{formatMoney(p.amount_cents, locale)}</p>
          {p.refunded_cents > 0 ? (
            <p className="text-xs text-muted-foreground">
              {t("documents.refundedAmount", { amount: formatMoney(p.refunded_cents, locale) })}
            </p>
          ) : null}
          {p.overpaid_cents > 0 ? (
            <p className="text-xs text-amber-700 dark:text-amber-400">
              {t("payments.overpaid", { amount: formatMoney(p.overpaid_cents, locale) })}
            </p>
          ) : null}
        </div>
      ),
    },
  ];

  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("paymentsList.title")}</h1>
        <p className="text-sm text-muted-foreground" data-testid="payments-summary">
          {payments.data
            ? t("payments.count", {
                count: payments.data.total,
                amount: formatMoney(payments.data.total_cents, locale),
              })
            : ""}
        </p>
      </div>
      <div className="flex flex-wrap gap-3">
        <Select
          value={filter.provider || ALL}
          onValueChange={(v) =>
            setFilter((f) => ({
              ...f,
              provider: v === ALL ? "" : (v as PaymentFilter["provider"]),
              page: 0,
            }))
          }
        >
          <SelectTrigger className="w-52" aria-label={t("payments.provider")}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>{t("payments.provider.all")}</SelectItem>
            <SelectItem value="stripe">{t("payments.provider.stripe")}</SelectItem>
            <SelectItem value="manual">{t("payments.provider.manual")}</SelectItem>
            <SelectItem value="legacy">{t("payments.provider.legacy")}</SelectItem>
          </SelectContent>
        </Select>
        <Select
          value={filter.status || ALL}
          onValueChange={(v) =>
            setFilter((f) => ({
              ...f,
              status: v === ALL ? "" : (v as PaymentFilter["status"]),
              page: 0,
            }))
          }
        >
          <SelectTrigger className="w-44" aria-label={t("documents.status")}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>{t("payments.status.all")}</SelectItem>
            {STATUSES.map((s) => (
              <SelectItem key={s} value={s}>
                {t(`documents.paymentStatus.${s}`)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <DataTable
        caption={t("paymentsList.title")}
        columns={columns}
        rows={payments.data?.items}
        getRowId={(p) => String(p.id)}
        loading={payments.isPending}
        error={payments.isError ? errorMessage(payments.error, t) : null}
        onRetry={() => void payments.refetch()}
        empty={
          <EmptyState
            icon={<WalletIcon />}
            title={narrowed ? t("payments.noMatch") : t("payments.none")}
            description={narrowed ? undefined : t("payments.noneHelp")}
          />
        }
        pageSize={PAGE_SIZE}
      />
      <Pager
        page={filter.page}
        pages={pages}
        onPage={(page) => setFilter((f) => ({ ...f, page }))}
      />
    </div>
  );
}
