import { PlusIcon, ReceiptIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
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
import { DocumentFilters, type ExtraFilters } from "./document-filters";
import { INVOICE_STATUSES, PAGE_SIZE, useInvoices, type InvoiceSummary } from "../api/documents";
import { InvoiceStatusBadge } from "./status-badge";

const ALL = "all";
const OVERDUE = "overdue";

/** Invoices: search, status or overdue filter, totals and what remains to be paid. */
export default function InvoicesPage() {
  const { t, locale } = useI18n();
  const [typed, setTyped] = useState("");
  const [q, setQ] = useState("");
  const [status, setStatus] = useState(ALL);
  const [page, setPage] = useState(0);
  const [extra, setExtra] = useState<ExtraFilters>({ clientId: "", from: "", to: "" });
  const filtered = Boolean(extra.clientId || extra.from || extra.to);
  const period = {
    client_id: extra.clientId ? Number(extra.clientId) : undefined,
    from: extra.from || undefined,
    to: extra.to || undefined,
  };
  useEffect(() => {
    const timer = setTimeout(() => {
      setQ(typed.trim());
      setPage(0);
    }, 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const invoices = useInvoices({
    q,
    status: status === ALL || status === OVERDUE ? "" : status,
    overdue: status === OVERDUE,
    page,
    ...period,
  });
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
      <div className="flex flex-wrap gap-3">
        <Input
          type="search"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          placeholder={t("documents.searchPlaceholder")}
          aria-label={t("documents.search")}
          className="max-w-sm"
        />
        <Select
          value={status}
          onValueChange={(v) => {
            setStatus(v);
            setPage(0);
          }}
        >
          <SelectTrigger className="w-48" aria-label={t("documents.status")}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>{t("documents.allStatuses")}</SelectItem>
            <SelectItem value={OVERDUE}>{t("documents.overdue")}</SelectItem>
            {INVOICE_STATUSES.map((s) => (
              <SelectItem key={s} value={s}>
                {t(`documents.invoiceStatus.${s}`)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <DocumentFilters
          value={extra}
          onChange={(next) => {
            setExtra(next);
            setPage(0);
          }}
        />
      </div>
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
            title={
              q || filtered || status !== ALL ? t("documents.noMatch") : t("documents.noInvoices")
            }
            description={
              q || filtered || status !== ALL ? undefined : t("documents.noInvoicesHelp")
            }
          />
        }
        pageSize={PAGE_SIZE}
      />
      <Pager page={page} pages={pages} onPage={setPage} />
    </div>
  );
}
