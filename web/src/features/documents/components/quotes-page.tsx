import { FileTextIcon, PlusIcon } from "lucide-react";
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
import { PAGE_SIZE, QUOTE_STATUSES, useQuotes, type QuoteSummary } from "../api/documents";
import { QuoteStatusBadge } from "./status-badge";

const ALL = "all";

/** Quotes: search, status filter, totals of what is shown, creation. */
export default function QuotesPage() {
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
  const quotes = useQuotes({ q, status: status === ALL ? "" : status, page, ...period });
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
            {QUOTE_STATUSES.map((s) => (
              <SelectItem key={s} value={s}>
                {t(`documents.quoteStatus.${s}`)}
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
            title={
              q || filtered || status !== ALL ? t("documents.noMatch") : t("documents.noQuotes")
            }
            description={q || filtered || status !== ALL ? undefined : t("documents.noQuotesHelp")}
          />
        }
        pageSize={PAGE_SIZE}
      />
      <Pager page={page} pages={pages} onPage={setPage} />
    </div>
  );
}
