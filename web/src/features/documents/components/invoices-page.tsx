import { PlusIcon, ReceiptIcon } from "lucide-react";
import { Link } from "react-router";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/ui/pager";
import { errorMessage } from "@/lib/errors";
import { formatDate, formatMoney } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import { ListToolbar, OVERDUE, useListFilters } from "./list-toolbar";
import { INVOICE_STATUSES, PAGE_SIZE, useInvoices, type InvoiceSummary } from "../api/documents";
import { InvoiceStatusBadge } from "./status-badge";

/** Invoices: search, status or overdue filter, totals and what remains to be paid. */
export default function InvoicesPage() {
  const { t, locale } = useI18n();
  const filters = useListFilters([OVERDUE, ...INVOICE_STATUSES]);
  const invoices = useInvoices(filters.filter);
  const pages = invoices.data ? Math.max(1, Math.ceil(invoices.data.total / PAGE_SIZE)) : 1;
  const day = (iso: string | null) => (iso ? formatDate(`${iso}T12:00:00Z`, locale) : "—");

  const columns: DataTableColumn<InvoiceSummary>[] = [
    {
      id: "number",
      header: t("documents.number"),
      cell: (d) => (
        <div>
          <Link to={`/factures/${d.id}`} className="font-medium underline-offset-4 hover:underline">
            {d.number ?? t("documents.draftNumber")}
          </Link>
          {d.kind === "deposit" ? (
            <p className="text-xs text-muted-foreground">{t("documents.depositInvoice")}</p>
          ) : null}
        </div>
      ),
    },
    {
      id: "title",
      header: t("documents.titleAndClient"),
      cell: (d) => (
        <div>
          <p>{d.title}</p>
          <p className="text-xs text-muted-foreground">{d.client_name}</p>
        </div>
      ),
    },
    {
      id: "status",
      header: t("documents.status"),
      cell: (d) => <InvoiceStatusBadge status={d.status} />,
    },
    { id: "issued", header: t("documents.issueDate"), cell: (d) => day(d.issue_date) },
    { id: "due", header: t("documents.dueDate"), cell: (d) => day(d.due_date) },
    {
      id: "gross",
      header: t("documents.totals.gross"),
      align: "right",
      cell: (d) => formatMoney(d.total_gross_cents, locale),
    },
    {
      id: "remaining",
      header: t("documents.remaining"),
      align: "right",
      cell: (d) => formatMoney(d.remaining_cents, locale),
    },
  ];

  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("documents.invoices")}</h1>
          <p className="text-sm text-muted-foreground" data-testid="invoices-summary">
            {invoices.data
              ? t("documents.invoicesCount", {
                  count: invoices.data.total,
                  amount: formatMoney(invoices.data.total_gross_cents, locale),
                  remaining: formatMoney(invoices.data.remaining_cents, locale),
                })
              : ""}
          </p>
        </div>
        <Button asChild>
          <Link to="/factures/nouvelle">
            <PlusIcon aria-hidden="true" />
            {t("documents.newInvoice")}
          </Link>
        </Button>
      </div>
      <ListToolbar
        filters={filters}
        statuses={[
          { value: OVERDUE, label: t("documents.overdue") },
          ...INVOICE_STATUSES.map((s) => ({
            value: s,
            label: t(`documents.invoiceStatus.${s}`),
          })),
        ]}
      />
      <DataTable
        caption={t("documents.invoices")}
        columns={columns}
        rows={invoices.data?.items}
        getRowId={(d) => String(d.id)}
        loading={invoices.isPending}
        error={invoices.isError ? errorMessage(invoices.error, t) : null}
        onRetry={() => void invoices.refetch()}
        empty={
          <EmptyState
            icon={<ReceiptIcon />}
            title={filters.narrowed ? t("documents.noMatch") : t("documents.noInvoices")}
            description={filters.narrowed ? undefined : t("documents.noInvoicesHelp")}
          />
        }
        pageSize={PAGE_SIZE}
      />
      <Pager page={filters.page} pages={pages} onPage={filters.setPage} />
    </div>
  );
}
