import { cva } from "class-variance-authority";
import {
  AlertTriangleIcon,
  ArrowDownIcon,
  ArrowUpIcon,
  ChevronLeftIcon,
  ChevronRightIcon,
  ChevronsUpDownIcon,
} from "lucide-react";
import { useMemo, useState, type ReactNode } from "react";
import { useI18n } from "@/lib/i18n";
import { cn } from "@/lib/utils";
import { Button } from "./button";
import { Skeleton } from "./skeleton";

export interface DataTableColumn<T> {
  id: string;
  /** Column title; also the name of its sort button. */
  header: string;
  cell: (row: T) => ReactNode;
  /** Makes the column sortable: numbers compare as numbers, text with the locale's collation. */
  sortValue?: (row: T) => string | number;
  /** "right" for amounts and other numbers. */
  align?: "left" | "right";
  className?: string;
}

export type SortDirection = "ascending" | "descending";

export interface DataTableSort {
  columnId: string;
  direction: SortDirection;
}

export interface DataTableProps<T> {
  columns: DataTableColumn<T>[];
  /** The rows, or undefined while they load. */
  rows: readonly T[] | undefined;
  getRowId: (row: T) => string;
  /** What the table lists, for screen readers (rendered as a hidden caption). */
  caption: string;
  /** Rows per page; pagination shows only when there is more than one page. */
  pageSize?: number;
  /** A last column with per-row actions (e.g. a DropdownMenu). */
  rowActions?: (row: T) => ReactNode;
  loading?: boolean;
  /** An error message; replaces the table, with a retry button when onRetry is given. */
  error?: string | null;
  onRetry?: () => void;
  /** Shown when there are no rows (usually an EmptyState). */
  empty: ReactNode;
  defaultSort?: DataTableSort;
  /** On the scrolling container; give it a max height (e.g. "max-h-[60vh]") for a sticky header. */
  className?: string;
}

const cellVariants = cva("px-3 py-2 align-middle", {
  variants: {
    align: { left: "text-left", right: "text-right tabular-nums" },
  },
  defaultVariants: { align: "left" },
});

const headerCellVariants = cva(
  "sticky top-0 z-10 h-10 border-b bg-background px-3 align-middle text-xs font-medium whitespace-nowrap text-muted-foreground",
  {
    variants: {
      align: { left: "text-left", right: "text-right" },
    },
    defaultVariants: { align: "left" },
  },
);

const intlLocales = { fr: "fr-FR", en: "en-GB" } as const;
const SKELETON_ROWS = 5;

/**
 * A list as a table, with the states every list needs: loading (skeleton rows), error (message
 * and retry), empty. Click a sortable header to sort ascending, again for descending; pages are
 * client-side.
 */
export function DataTable<T>({
  columns,
  rows,
  getRowId,
  caption,
  pageSize = 20,
  rowActions,
  loading = false,
  error,
  onRetry,
  empty,
  defaultSort,
  className,
}: DataTableProps<T>) {
  const { t, locale } = useI18n();
  const [sort, setSort] = useState<DataTableSort | null>(defaultSort ?? null);
  const [page, setPage] = useState(1);

  const sortedRows = useMemo(() => {
    const list = rows ?? [];
    const column = sort ? columns.find((c) => c.id === sort.columnId) : undefined;
    const sortValue = column?.sortValue;
    if (!sort || !sortValue) return list;
    const collator = new Intl.Collator(intlLocales[locale], { numeric: true, sensitivity: "base" });
    const factor = sort.direction === "ascending" ? 1 : -1;
    return [...list].sort((a, b) => {
      const left = sortValue(a);
      const right = sortValue(b);
      const order =
        typeof left === "number" && typeof right === "number"
          ? left - right
          : collator.compare(String(left), String(right));
      return order * factor;
    });
  }, [rows, columns, sort, locale]);

  const size = Math.max(1, Math.floor(pageSize));
  const pageCount = Math.max(1, Math.ceil(sortedRows.length / size));
  const currentPage = Math.min(page, pageCount);
  const first = (currentPage - 1) * size;
  const pageRows = sortedRows.slice(first, first + size);

  function toggleSort(columnId: string) {
    setSort((previous) =>
      previous?.columnId === columnId
        ? {
            columnId,
            direction: previous.direction === "ascending" ? "descending" : "ascending",
          }
        : { columnId, direction: "ascending" },
    );
    setPage(1);
  }

  if (error) {
    return (
      <div
        role="alert"
        data-slot="data-table"
        className="flex flex-col items-center gap-3 rounded-xl border border-dashed p-10 text-center"
      >
        <AlertTriangleIcon aria-hidden="true" className="size-8 text-destructive" />
        <div className="grid gap-1">
          <p className="font-medium">{t("error.title")}</p>
          <p className="text-sm text-muted-foreground">{error}</p>
        </div>
        {onRetry ? (
          <Button variant="outline" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        ) : null}
      </div>
    );
  }

  if (!loading && sortedRows.length === 0) {
    return <div data-slot="data-table">{empty}</div>;
  }

  const columnCount = columns.length + (rowActions ? 1 : 0);

  return (
    <div data-slot="data-table" className="grid gap-3">
      <div className={cn("relative w-full overflow-auto rounded-md border", className)}>
        <table aria-busy={loading || undefined} className="w-full caption-bottom text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => {
                const direction = sort?.columnId === column.id ? sort.direction : undefined;
                const SortIcon =
                  direction === "ascending"
                    ? ArrowUpIcon
                    : direction === "descending"
                      ? ArrowDownIcon
                      : ChevronsUpDownIcon;
                return (
                  <th
                    key={column.id}
                    scope="col"
                    aria-sort={column.sortValue ? direction : undefined}
                    className={cn(headerCellVariants({ align: column.align }), column.className)}
                  >
                    {column.sortValue ? (
                      <button
                        type="button"
                        onClick={() => toggleSort(column.id)}
                        disabled={loading}
                        className={cn(
                          "-mx-2 inline-flex h-8 items-center gap-1 rounded-md px-2 font-medium hover:bg-accent hover:text-accent-foreground focus-visible:outline-2 focus-visible:outline-ring disabled:pointer-events-none",
                          direction && "text-foreground",
                        )}
                      >
                        {column.header}
                        <SortIcon
                          aria-hidden="true"
                          className={cn("size-3.5 shrink-0", !direction && "opacity-50")}
                        />
                      </button>
                    ) : (
                      column.header
                    )}
                  </th>
                );
              })}
              {rowActions ? (
                <th scope="col" className={cn(headerCellVariants({ align: "right" }), "w-px")}>
                  <span className="sr-only">{t("table.actions")}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {loading
              ? Array.from({ length: Math.min(size, SKELETON_ROWS) }, (_, index) => (
                  <tr key={index} className="border-b last:border-0">
                    {Array.from({ length: columnCount }, (_, cell) => (
                      <td key={cell} className={cellVariants()}>
                        <Skeleton className="h-4 w-full max-w-40" />
                      </td>
                    ))}
                  </tr>
                ))
              : pageRows.map((row) => (
                  <tr
                    key={getRowId(row)}
                    className="border-b transition-colors last:border-0 hover:bg-muted/50"
                  >
                    {columns.map((column) => (
                      <td
                        key={column.id}
                        className={cn(cellVariants({ align: column.align }), column.className)}
                      >
                        {column.cell(row)}
                      </td>
                    ))}
                    {rowActions ? (
                      <td className={cn(cellVariants({ align: "right" }), "w-px py-1")}>
                        {rowActions(row)}
                      </td>
                    ) : null}
                  </tr>
                ))}
          </tbody>
        </table>
        {loading ? (
          <span role="status" className="sr-only">
            {t("common.loading")}
          </span>
        ) : null}
      </div>
      {!loading && pageCount > 1 ? (
        <nav
          aria-label={t("table.pagination")}
          className="flex flex-wrap items-center justify-between gap-2 text-sm"
        >
          <p className="text-muted-foreground tabular-nums">
            {t("table.range", {
              from: first + 1,
              to: first + pageRows.length,
              total: sortedRows.length,
            })}
          </p>
          <div className="flex items-center gap-2">
            <Button
              variant="outline"
              size="icon"
              className="size-8 aria-disabled:pointer-events-none aria-disabled:opacity-50"
              aria-label={t("table.previous")}
              // aria-disabled rather than disabled: focus stays on the button at the first page.
              aria-disabled={currentPage === 1 || undefined}
              onClick={() => currentPage > 1 && setPage(currentPage - 1)}
            >
              <ChevronLeftIcon aria-hidden="true" />
            </Button>
            <p aria-live="polite" className="min-w-24 text-center tabular-nums">
              {t("table.pageOf", { page: currentPage, pages: pageCount })}
            </p>
            <Button
              variant="outline"
              size="icon"
              className="size-8 aria-disabled:pointer-events-none aria-disabled:opacity-50"
              aria-label={t("table.next")}
              aria-disabled={currentPage === pageCount || undefined}
              onClick={() => currentPage < pageCount && setPage(currentPage + 1)}
            >
              <ChevronRightIcon aria-hidden="true" />
            </Button>
          </div>
        </nav>
      ) : null}
    </div>
  );
}
