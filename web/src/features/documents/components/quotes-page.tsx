import { FileTextIcon, PlusIcon } from "lucide-react";
import { Link } from "react-router";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/ui/pager";
import { errorMessage } from "@/lib/errors";
import { formatDate, formatMoney } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import { ListToolbar, useListFilters } from "./list-toolbar";
import { PAGE_SIZE, QUOTE_STATUSES, useQuotes, type QuoteSummary } from "../api/documents";
import { QuoteStatusBadge } from "./status-badge";

/** Quotes: search, status filter, totals of what is shown, creation. */
export default function QuotesPage() {
  const { t, locale } = useI18n();
  const filters = useListFilters(QUOTE_STATUSES);
  const quotes = useQuotes(filters.filter);
  const pages = quotes.data ? Math.max(1, Math.ceil(quotes.data.total / PAGE_SIZE)) : 1;

  const columns: DataTableColumn<QuoteSummary>[] = [
    {
      id: "number",
      header: t("documents.number"),
      cell: (d) => (
        <Link to={`/devis/${d.id}`} className="font-medium underline-offset-4 hover:underline">
          {d.number ?? t("documents.draftNumber")}
        </Link>
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
      cell: (d) => <QuoteStatusBadge status={d.status} sending={d.sending} />,
    },
    {
      id: "date",
      header: t("documents.validUntil"),
      cell: (d) => (d.valid_until ? formatDate(`${d.valid_until}T12:00:00Z`, locale) : "—"),
    },
    {
      id: "gross",
      header: t("documents.totals.gross"),
      align: "right",
      cell: (d) => formatMoney(d.total_gross_cents, locale),
    },
  ];

  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("documents.quotes")}</h1>
          <p className="text-sm text-muted-foreground">
            {quotes.data
              ? t("documents.quotesCount", {
                  count: quotes.data.total,
                  amount: formatMoney(quotes.data.total_gross_cents, locale),
                })
              : ""}
          </p>
        </div>
        <Button asChild>
          <Link to="/devis/nouveau">
            <PlusIcon aria-hidden="true" />
            {t("documents.newQuote")}
          </Link>
        </Button>
      </div>
      <ListToolbar
        filters={filters}
        statuses={QUOTE_STATUSES.map((s) => ({
          value: s,
          label: t(`documents.quoteStatus.${s}`),
        }))}
      />
      <DataTable
        caption={t("documents.quotes")}
        columns={columns}
        rows={quotes.data?.items}
        getRowId={(d) => String(d.id)}
        loading={quotes.isPending}
        error={quotes.isError ? errorMessage(quotes.error, t) : null}
        onRetry={() => void quotes.refetch()}
        empty={
          <EmptyState
            icon={<FileTextIcon />}
            title={filters.narrowed ? t("documents.noMatch") : t("documents.noQuotes")}
            description={filters.narrowed ? undefined : t("documents.noQuotesHelp")}
          />
        }
        pageSize={PAGE_SIZE}
      />
      <Pager page={filters.page} pages={pages} onPage={filters.setPage} />
    </div>
  );
}
