import { AlertTriangleIcon, BarChart3Icon, DownloadIcon } from "lucide-react";
import { lazy, Suspense, useMemo, useState, type ReactNode } from "react";
import { Link } from "react-router";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { DatePicker, formatCalendarDate } from "@/components/ui/date-picker";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { formatDate, formatMoney, type Locale } from "@/lib/format";
import { useI18n, type MessageKey } from "@/lib/i18n";
import { cn } from "@/lib/utils";
import {
  compareKinds,
  useRatingsOverview,
  useReport,
  type CompareKind,
  type Report,
  type ReportParams,
  type ReportTotals,
} from "../api/reports";
import { saveCsv, toCsv, type CsvCell } from "../lib/csv";
import { presetPeriod, presets, type Preset } from "../lib/periods";

const MonthlyChart = lazy(() =>
  import("./report-charts").then((m) => ({ default: m.MonthlyChart })),
);
const AgeingChart = lazy(() => import("./report-charts").then((m) => ({ default: m.AgeingChart })));

function monthLabel(month: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "fr-FR", {
    month: "short",
    year: "2-digit",
    timeZone: "UTC",
  }).format(new Date(`${month}-15T12:00:00Z`));
}

function percent(bp: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "fr-FR", {
    style: "percent",
    maximumFractionDigits: 1,
  }).format(bp / 10000);
}

function hours(minutes: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "fr-FR", {
    maximumFractionDigits: 1,
  }).format(minutes / 60);
}

/** "+12 %" against the comparison, or null when there is nothing to compare with. */
function delta(now: number, before: number | undefined, locale: Locale): string | null {
  if (before === undefined || before === 0) return null;
  const ratio = (now - before) / Math.abs(before);
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "fr-FR", {
    style: "percent",
    maximumFractionDigits: 0,
    signDisplay: "exceptZero",
  }).format(ratio);
}

function Kpi({
  label,
  value,
  change,
  hint,
}: {
  label: string;
  value: string;
  change?: string | null;
  hint?: string;
}) {
  return (
    <Card className="gap-1 py-4">
      <CardContent className="grid gap-1 px-4">
        <p className="text-sm text-muted-foreground">{label}</p>
        <p className="text-2xl font-semibold tabular-nums">{value}</p>
        <p className="min-h-4 text-xs text-muted-foreground">
          {change ? <span className="font-medium text-foreground">{change}</span> : null}
          {change && hint ? " " : null}
          {hint}
        </p>
      </CardContent>
    </Card>
  );
}

/** A section: title, a CSV button, the chart if any, then its table. */
function Section({
  title,
  description,
  csv,
  children,
}: {
  title: string;
  description?: string;
  csv?: { name: string; header: string[]; rows: CsvCell[][] } | null;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
        <div className="grid min-w-0 flex-1 basis-72 gap-1">
          <CardTitle>{title}</CardTitle>
          {description ? <CardDescription>{description}</CardDescription> : null}
        </div>
        {csv && csv.rows.length > 0 ? (
          <Button
            variant="outline"
            size="sm"
            onClick={() => saveCsv(csv.name, toCsv(csv.header, csv.rows))}
          >
            <DownloadIcon aria-hidden="true" />
            {t("reports.csv")}
            <span className="sr-only"> — {title}</span>
          </Button>
        ) : null}
      </CardHeader>
      <CardContent className="grid gap-4">{children}</CardContent>
    </Card>
  );
}

interface Column {
  header: string;
  align?: "right";
}

/** One row of cells, aligned as their columns say (body and footer alike). */
function Cells({ columns, cells }: { columns: Column[]; cells: ReactNode[] }) {
  return cells.map((cell, i) => (
    <td
      key={columns[i]?.header ?? i}
      className={cn("px-3 py-2", columns[i]?.align === "right" && "text-right tabular-nums")}
    >
      {cell}
    </td>
  ));
}

function Table({
  caption,
  columns,
  rows,
  footer,
}: {
  caption: string;
  columns: Column[];
  rows: { key: string; cells: ReactNode[] }[];
  footer?: ReactNode[];
}) {
  return (
    <div className="overflow-x-auto rounded-md border">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-muted/50 text-left">
          <tr>
            {columns.map((c) => (
              <th
                key={c.header}
                scope="col"
                className={cn("px-3 py-2 font-medium", c.align === "right" && "text-right")}
              >
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className="border-t">
              <Cells columns={columns} cells={row.cells} />
            </tr>
          ))}
        </tbody>
        {footer ? (
          <tfoot className="border-t bg-muted/30 font-medium">
            <tr>
              <Cells columns={columns} cells={footer} />
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

function ChartFallback({ height }: { height: number }) {
  return <Skeleton className="w-full" style={{ height }} />;
}

function Nothing({ text }: { text: string }) {
  return <p className="py-4 text-center text-sm text-muted-foreground">{text}</p>;
}

function PeriodPicker({
  params,
  preset,
  today,
  onChange,
  errors,
}: {
  params: ReportParams;
  preset: Preset | "custom";
  today: string | null;
  onChange: (next: ReportParams, preset: Preset | "custom") => void;
  errors: Record<string, string>;
}) {
  const { t } = useI18n();
  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="grid gap-1.5">
        <Label htmlFor="report-preset">{t("reports.period")}</Label>
        <Select
          value={preset}
          onValueChange={(value) => {
            if (value === "custom" || !today) return;
            onChange({ ...params, ...presetPeriod(value as Preset, today) }, value as Preset);
          }}
          disabled={!today}
        >
          <SelectTrigger id="report-preset" className="w-52">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {presets.map((p) => (
              <SelectItem key={p} value={p}>
                {t(`reports.preset.${p}` as MessageKey)}
              </SelectItem>
            ))}
            <SelectItem value="custom">{t("reports.preset.custom")}</SelectItem>
          </SelectContent>
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="report-from">{t("reports.from")}</Label>
        <DatePicker
          id="report-from"
          className="w-40"
          value={params.from || null}
          max={params.to || undefined}
          aria-invalid={errors.from ? true : undefined}
          onChange={(value) => onChange({ ...params, from: value }, "custom")}
        />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="report-to">{t("reports.to")}</Label>
        <DatePicker
          id="report-to"
          className="w-40"
          value={params.to || null}
          min={params.from || undefined}
          aria-invalid={errors.to ? true : undefined}
          onChange={(value) => onChange({ ...params, to: value }, "custom")}
        />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="report-compare">{t("reports.compare")}</Label>
        <Select
          value={params.compare}
          onValueChange={(value) => onChange({ ...params, compare: value as CompareKind }, preset)}
        >
          <SelectTrigger id="report-compare" className="w-56">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {compareKinds.map((c) => (
              <SelectItem key={c} value={c}>
                {t(`reports.compare.${c}` as MessageKey)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
    </div>
  );
}

function Totals({ report }: { report: Report }) {
  const { t, locale } = useI18n();
  const before: ReportTotals | undefined = report.comparison?.totals;
  const q = report.quotes;
  const money = (c: number) => formatMoney(c, locale);
  const hint = report.comparison
    ? t("reports.vs", {
        from: formatCalendarDate(report.comparison.from, locale),
        to: formatCalendarDate(report.comparison.to, locale),
      })
    : undefined;
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
      <Kpi
        label={t("reports.kpi.revenue")}
        value={money(report.totals.revenue_net_cents)}
        change={delta(report.totals.revenue_net_cents, before?.revenue_net_cents, locale)}
        hint={hint}
      />
      <Kpi
        label={t("reports.kpi.collected")}
        value={money(report.totals.collected_cents)}
        change={delta(report.totals.collected_cents, before?.collected_cents, locale)}
      />
      <Kpi label={t("reports.kpi.vat")} value={money(report.totals.vat_cents)} />
      <Kpi
        label={t("reports.kpi.basket")}
        value={money(report.totals.average_basket_cents)}
        change={delta(report.totals.average_basket_cents, before?.average_basket_cents, locale)}
        hint={t("reports.kpi.invoices", { count: String(report.totals.invoices) })}
      />
      <Kpi
        label={t("reports.kpi.conversion")}
        value={q.issued > 0 ? percent(q.conversion_bp, locale) : "—"}
        hint={t("reports.kpi.quotes", { accepted: String(q.accepted), issued: String(q.issued) })}
      />
    </div>
  );
}

function Revenue({ report }: { report: Report }) {
  const { t, locale } = useI18n();
  const compared = report.comparison?.by_month;
  const points = report.by_month.map((m, i) => ({
    label: monthLabel(m.month, locale),
    revenue: m.revenue_net_cents,
    collected: m.collected_cents,
    compared: compared?.[i]?.revenue_net_cents,
  }));
  const empty = report.by_month.every(
    (m) => m.invoiced_net_cents === 0 && m.credited_net_cents === 0 && m.collected_cents === 0,
  );
  const money = (c: number) => formatMoney(c, locale);
  return (
    <Section
      title={t("reports.revenue.title")}
      description={t("reports.revenue.description")}
      csv={{
        name: `chiffre-affaires-${report.from}-${report.to}.csv`,
        header: [
          t("reports.col.month"),
          t("reports.col.invoiced"),
          t("reports.col.credited"),
          t("reports.col.revenue"),
          t("reports.col.vat"),
          t("reports.col.collected"),
          t("reports.col.invoices"),
        ],
        rows: report.by_month.map((m) => [
          m.month,
          { cents: m.invoiced_net_cents },
          { cents: m.credited_net_cents },
          { cents: m.revenue_net_cents },
          { cents: m.vat_cents },
          { cents: m.collected_cents },
          m.invoices,
        ]),
      }}
    >
      {empty ? (
        <EmptyState
          icon={<BarChart3Icon aria-hidden="true" />}
          title={t("reports.revenue.empty")}
          description={t("reports.revenue.emptyHint")}
        />
      ) : (
        <>
          <figure aria-label={t("reports.revenue.chart")} className="min-w-0">
            <Suspense fallback={<ChartFallback height={280} />}>
              <MonthlyChart
                points={points}
                locale={locale}
                labels={{
                  revenue: t("reports.col.revenue"),
                  collected: t("reports.col.collected"),
                  compared: report.comparison
                    ? t(`reports.compare.${report.comparison.kind}` as MessageKey)
                    : null,
                }}
              />
            </Suspense>
          </figure>
          <Table
            caption={t("reports.revenue.title")}
            columns={[
              { header: t("reports.col.month") },
              { header: t("reports.col.invoiced"), align: "right" },
              { header: t("reports.col.credited"), align: "right" },
              { header: t("reports.col.revenue"), align: "right" },
              { header: t("reports.col.vat"), align: "right" },
              { header: t("reports.col.collected"), align: "right" },
              ...(compared ? [{ header: t("reports.col.compared"), align: "right" as const }] : []),
            ]}
            rows={report.by_month.map((m, i) => ({
              key: m.month,
              cells: [
                monthLabel(m.month, locale),
                money(m.invoiced_net_cents),
                money(m.credited_net_cents),
                money(m.revenue_net_cents),
                money(m.vat_cents),
                money(m.collected_cents),
                ...(compared ? [money(compared[i]?.revenue_net_cents ?? 0)] : []),
              ],
            }))}
            footer={[
              t("reports.total"),
              money(report.by_month.reduce((s, m) => s + m.invoiced_net_cents, 0)),
              money(report.by_month.reduce((s, m) => s + m.credited_net_cents, 0)),
              money(report.totals.revenue_net_cents),
              money(report.totals.vat_cents),
              money(report.totals.collected_cents),
              ...(report.comparison ? [money(report.comparison.totals.revenue_net_cents)] : []),
            ]}
          />
        </>
      )}
    </Section>
  );
}

function Breakdowns({ report }: { report: Report }) {
  const { t, locale } = useI18n();
  const money = (c: number) => formatMoney(c, locale);
  const slug = `${report.from}-${report.to}`;
  return (
    <div className="grid items-start gap-4 lg:grid-cols-2">
      <Section
        title={t("reports.clients.title")}
        csv={{
          name: `ca-par-client-${slug}.csv`,
          header: [t("reports.col.client"), t("reports.col.revenue"), t("reports.col.invoices")],
          rows: report.by_client.map((c) => [c.name, { cents: c.revenue_net_cents }, c.invoices]),
        }}
      >
        {report.by_client.length === 0 ? (
          <Nothing text={t("reports.none")} />
        ) : (
          <Table
            caption={t("reports.clients.title")}
            columns={[
              { header: t("reports.col.client") },
              { header: t("reports.col.revenue"), align: "right" },
              { header: t("reports.col.invoices"), align: "right" },
            ]}
            rows={report.by_client.slice(0, 20).map((c) => ({
              key: `${c.client_id ?? 0}-${c.name}`,
              cells: [c.name, money(c.revenue_net_cents), c.invoices],
            }))}
          />
        )}
      </Section>
      <Section
        title={t("reports.events.title")}
        csv={{
          name: `ca-par-type-${slug}.csv`,
          header: [t("reports.col.eventType"), t("reports.col.revenue"), t("reports.col.invoices")],
          rows: report.by_event_type.map((e) => [
            e.event_type || t("reports.events.none"),
            { cents: e.revenue_net_cents },
            e.invoices,
          ]),
        }}
      >
        {report.by_event_type.length === 0 ? (
          <Nothing text={t("reports.none")} />
        ) : (
          <Table
            caption={t("reports.events.title")}
            columns={[
              { header: t("reports.col.eventType") },
              { header: t("reports.col.revenue"), align: "right" },
              { header: t("reports.col.invoices"), align: "right" },
            ]}
            rows={report.by_event_type.map((e) => ({
              key: e.event_type || "-",
              cells: [
                e.event_type || t("reports.events.none"),
                money(e.revenue_net_cents),
                e.invoices,
              ],
            }))}
          />
        )}
      </Section>
      <Section
        title={t("reports.crew.title")}
        description={t("reports.crew.description")}
        csv={{
          name: `equipe-${slug}.csv`,
          header: [
            t("reports.col.member"),
            t("reports.col.missions"),
            t("reports.col.hours"),
            t("reports.col.revenue"),
          ],
          rows: report.crew.map((c) => [
            c.name,
            c.missions,
            Math.round(c.minutes / 6) / 10,
            { cents: c.revenue_net_cents },
          ]),
        }}
      >
        {report.crew.length === 0 ? (
          <Nothing text={t("reports.none")} />
        ) : (
          <Table
            caption={t("reports.crew.title")}
            columns={[
              { header: t("reports.col.member") },
              { header: t("reports.col.missions"), align: "right" },
              { header: t("reports.col.hours"), align: "right" },
              { header: t("reports.col.revenue"), align: "right" },
            ]}
            rows={report.crew.map((c) => ({
              key: c.profile_id != null ? `p${c.profile_id}` : String(c.user_id),
              cells: [c.name, c.missions, hours(c.minutes, locale), money(c.revenue_net_cents)],
            }))}
          />
        )}
      </Section>
      <Section
        title={t("reports.equipment.title")}
        description={t("reports.equipment.description")}
        csv={{
          name: `materiel-${slug}.csv`,
          header: [
            t("reports.col.item"),
            t("reports.col.unitDays"),
            t("reports.col.utilisation"),
            t("reports.col.revenue"),
          ],
          rows: report.equipment.map((i) => [
            i.name,
            i.unit_days,
            i.utilisation_bp / 100,
            { cents: i.revenue_net_cents },
          ]),
        }}
      >
        {report.equipment.length === 0 ? (
          <Nothing text={t("reports.none")} />
        ) : (
          <Table
            caption={t("reports.equipment.title")}
            columns={[
              { header: t("reports.col.item") },
              { header: t("reports.col.unitDays"), align: "right" },
              { header: t("reports.col.utilisation"), align: "right" },
              { header: t("reports.col.revenue"), align: "right" },
            ]}
            rows={report.equipment.slice(0, 30).map((i) => ({
              key: String(i.item_id),
              cells: [
                i.name,
                i.unit_days,
                i.owned > 0 ? percent(i.utilisation_bp, locale) : "—",
                money(i.revenue_net_cents),
              ],
            }))}
          />
        )}
      </Section>
    </div>
  );
}

function QuotesAndAgeing({ report }: { report: Report }) {
  const { t, locale } = useI18n();
  const q = report.quotes;
  const money = (c: number) => formatMoney(c, locale);
  const b = report.bookings;
  const bucketLabel = (bucket: string) => t(`reports.ageing.${bucket}` as MessageKey);
  const overdue = report.ageing.filter((a) => a.bucket !== "not_due");
  const anyOverdue = overdue.some((a) => a.invoices > 0);
  return (
    <div className="grid items-start gap-4 lg:grid-cols-2">
      <Section title={t("reports.quotes.title")} description={t("reports.quotes.description")}>
        {q.issued === 0 ? (
          <Nothing text={t("reports.quotes.none")} />
        ) : (
          <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-2 text-sm">
            {(
              [
                ["reports.quotes.issued", q.issued],
                ["reports.quotes.accepted", q.accepted],
                ["reports.quotes.declined", q.declined],
                ["reports.quotes.expired", q.expired],
                ["reports.quotes.waiting", q.waiting],
              ] as const
            ).map(([key, value]) => (
              <div key={key} className="contents">
                <dt className="text-muted-foreground">{t(key)}</dt>
                <dd className="text-right tabular-nums">{value}</dd>
              </div>
            ))}
            <dt className="text-muted-foreground">{t("reports.kpi.conversion")}</dt>
            <dd className="text-right font-medium tabular-nums">
              {percent(q.conversion_bp, locale)}
            </dd>
            <dt className="text-muted-foreground">{t("reports.quotes.timeToSign")}</dt>
            <dd className="text-right tabular-nums">
              {q.average_hours_to_sign === null
                ? "—"
                : t("reports.quotes.days", {
                    days: new Intl.NumberFormat(locale === "en" ? "en-GB" : "fr-FR", {
                      maximumFractionDigits: 1,
                    }).format(q.average_hours_to_sign / 24),
                  })}
            </dd>
          </dl>
        )}
      </Section>
      <Section title={t("reports.bookings.title")} description={t("reports.bookings.description")}>
        {b.received === 0 ? (
          <Nothing text={t("reports.bookings.none")} />
        ) : (
          <dl
            className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-2 text-sm"
            data-testid="report-bookings"
          >
            {(
              [
                ["reports.bookings.received", b.received],
                ["reports.bookings.won", b.won],
                ["reports.bookings.lost", b.lost],
                ["reports.bookings.open", b.open],
              ] as const
            ).map(([key, value]) => (
              <div key={key} className="contents">
                <dt className="text-muted-foreground">{t(key)}</dt>
                <dd className="text-right tabular-nums">{value}</dd>
              </div>
            ))}
            <dt className="text-muted-foreground">{t("reports.bookings.rate")}</dt>
            <dd className="text-right font-medium tabular-nums">
              {b.won_rate_bp === null ? "—" : percent(b.won_rate_bp, locale)}
            </dd>
          </dl>
        )}
      </Section>
      <Section
        title={t("reports.ageing.title")}
        description={t("reports.ageing.description", {
          today: formatCalendarDate(report.today, locale),
        })}
        csv={{
          name: `balance-agee-${report.today}.csv`,
          header: [t("reports.col.bucket"), t("reports.col.invoices"), t("reports.col.remaining")],
          rows: report.ageing.map((a) => [
            bucketLabel(a.bucket),
            a.invoices,
            { cents: a.remaining_cents },
          ]),
        }}
      >
        {anyOverdue ? (
          <figure aria-label={t("reports.ageing.chart")} className="min-w-0">
            <Suspense fallback={<ChartFallback height={200} />}>
              <AgeingChart
                points={overdue.map((a) => ({
                  label: bucketLabel(a.bucket),
                  cents: a.remaining_cents,
                }))}
                locale={locale}
              />
            </Suspense>
          </figure>
        ) : (
          <p className="text-sm text-muted-foreground">{t("reports.ageing.none")}</p>
        )}
        <Table
          caption={t("reports.ageing.title")}
          columns={[
            { header: t("reports.col.bucket") },
            { header: t("reports.col.invoices"), align: "right" },
            { header: t("reports.col.remaining"), align: "right" },
          ]}
          rows={report.ageing.map((a) => ({
            key: a.bucket,
            cells: [bucketLabel(a.bucket), a.invoices, money(a.remaining_cents)],
          }))}
          footer={[
            t("reports.total"),
            report.ageing.reduce((s, a) => s + a.invoices, 0),
            money(report.ageing.reduce((s, a) => s + a.remaining_cents, 0)),
          ]}
        />
      </Section>
    </div>
  );
}

function Gauge({
  label,
  value,
  base,
  upper,
}: {
  label: string;
  value: number;
  base: number;
  upper: number;
}) {
  const { t, locale } = useI18n();
  const share = Math.min(100, Math.round((value / upper) * 100));
  const over = value > base;
  return (
    <div className="grid gap-1.5">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{label}</span>
        <span className="tabular-nums">
          {t("reports.franchise.of", {
            value: formatMoney(value, locale),
            base: formatMoney(base, locale),
            upper: formatMoney(upper, locale),
          })}
        </span>
      </div>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={upper}
        aria-valuenow={value}
        className="relative h-2.5 overflow-hidden rounded-full bg-muted"
      >
        <div
          className={cn("h-full rounded-full", over ? "bg-destructive" : "bg-primary")}
          style={{ width: `${share}%` }}
        />
        <div
          aria-hidden="true"
          className="absolute inset-y-0 w-0.5 bg-foreground/60"
          style={{ left: `${Math.round((base / upper) * 100)}%` }}
        />
      </div>
    </div>
  );
}

function Franchise({ report }: { report: Report }) {
  const { t, locale } = useI18n();
  const f = report.franchise;
  if (!f) return null;
  const tone =
    f.status === "ok" ? "success" : f.status === "approaching" ? "warning" : "destructive";
  return (
    <Section
      title={t("reports.franchise.title", { year: String(f.year) })}
      description={t("reports.franchise.description")}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Badge variant={tone}>{t(`reports.franchise.status.${f.status}` as MessageKey)}</Badge>
        {f.previous_status === "over_base" || f.previous_status === "over_upper" ? (
          <Badge variant="destructive">
            {t("reports.franchise.previousOver", { year: String(f.year - 1) })}
          </Badge>
        ) : null}
      </div>
      {f.status !== "ok" ? (
        <p role="status" className="flex items-start gap-2 text-sm">
          <AlertTriangleIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-warning" />
          {t(`reports.franchise.advice.${f.status}` as MessageKey)}
        </p>
      ) : null}
      <Gauge
        label={t("reports.franchise.services")}
        value={f.services_cents}
        base={f.thresholds.services_base_cents}
        upper={f.thresholds.services_upper_cents}
      />
      <Gauge
        label={t("reports.franchise.total")}
        value={f.total_cents}
        base={f.thresholds.total_base_cents}
        upper={f.thresholds.total_upper_cents}
      />
      <p className="text-xs text-muted-foreground">
        {t("reports.franchise.previous", {
          year: String(f.year - 1),
          services: formatMoney(f.previous_services_cents, locale),
          total: formatMoney(f.previous_total_cents, locale),
        })}
      </p>
    </Section>
  );
}

function ReportLoading() {
  const { t } = useI18n();
  return (
    <div role="status" className="grid gap-4">
      <span className="sr-only">{t("common.loading")}</span>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-24" />
        ))}
      </div>
      <Skeleton className="h-96" />
    </div>
  );
}

/** Clients' ratings (docs/booking.md "Ratings"): every answered one, not only the period's. */
function Ratings() {
  const { t, locale } = useI18n();
  const ratings = useRatingsOverview();
  const average = (hundredths: number) =>
    new Intl.NumberFormat(locale === "en" ? "en-GB" : "fr-FR", {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    }).format(hundredths / 100);
  return (
    <Section title={t("reports.ratings.title")} description={t("reports.ratings.description")}>
      {ratings.isPending ? (
        <ChartFallback height={120} />
      ) : ratings.isError ? (
        <p role="alert" className="text-sm text-destructive">
          {errorMessage(ratings.error, t)}
        </p>
      ) : ratings.data.count === 0 ? (
        <Nothing text={t("reports.ratings.none")} />
      ) : (
        <>
          <p className="text-2xl font-semibold tabular-nums" data-testid="ratings-average">
            {t("reports.ratings.average", {
              average: average(ratings.data.average_hundredths),
              count: ratings.data.count,
            })}
          </p>
          {ratings.data.people.length > 0 ? (
            <Table
              caption={t("reports.ratings.people")}
              columns={[
                { header: t("reports.ratings.person") },
                { header: t("reports.ratings.count"), align: "right" },
                { header: t("reports.ratings.personAverage"), align: "right" },
              ]}
              rows={ratings.data.people.map((p) => ({
                key: String(p.user_id),
                cells: [p.name, p.count, `${average(p.average_hundredths)}/5`],
              }))}
            />
          ) : null}
          <ul className="grid gap-2 text-sm" aria-label={t("reports.ratings.latest")}>
            {ratings.data.latest.slice(0, 5).map((r) => (
              <li key={r.mission_id} className="rounded-md border p-3">
                <p className="font-medium">
                  <Link
                    to={`/missions/${r.mission_id}`}
                    className="underline-offset-4 hover:underline"
                  >
                    {r.mission_title}
                  </Link>{" "}
                  · {r.overall ?? "—"}/5
                </p>
                {r.comment ? <p className="whitespace-pre-wrap">{r.comment}</p> : null}
                <p className="text-xs text-muted-foreground">
                  {[r.first_name, r.submitted_at ? formatDate(r.submitted_at, locale) : ""]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

export function ReportsPage() {
  const { t } = useI18n();
  const [params, setParams] = useState<ReportParams>({ from: "", to: "", compare: "last_year" });
  // The server's default period is the calendar year so far.
  const [preset, setPreset] = useState<Preset | "custom">("this_year");
  const report = useReport(params);
  // Until a period is picked, the server's default (the calendar year so far) is the one shown.
  const shown: ReportParams =
    params.from || params.to || !report.data
      ? params
      : { ...params, from: report.data.from, to: report.data.to };
  const errors = useMemo(() => {
    const out: Record<string, string> = {};
    if (report.error instanceof ApiError) {
      for (const f of report.error.fields) out[f.field] = f.message;
    }
    return out;
  }, [report.error]);
  const data = report.data;
  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">{t("reports.title")}</h1>
        <p className="text-muted-foreground">{t("reports.subtitle")}</p>
      </div>
      <PeriodPicker
        params={shown}
        preset={preset}
        today={data?.today ?? null}
        onChange={(next, chosen) => {
          setParams(next);
          setPreset(chosen);
        }}
        errors={errors}
      />
      {Object.keys(errors).length > 0 ? (
        <p role="alert" className="text-sm text-destructive">
          {Object.values(errors).join(" ")}
        </p>
      ) : null}
      {report.isPending ? (
        <ReportLoading />
      ) : report.isError && !data && Object.keys(errors).length === 0 ? (
        <div role="alert" className="flex items-center gap-3 text-sm text-destructive">
          {errorMessage(report.error, t)}
          <Button variant="outline" size="sm" onClick={() => void report.refetch()}>
            {t("common.retry")}
          </Button>
        </div>
      ) : data ? (
        <div
          className={cn("grid gap-6 transition-opacity", report.isFetching && "opacity-60")}
          aria-busy={report.isFetching}
        >
          <Totals report={data} />
          <Franchise report={data} />
          <Revenue report={data} />
          <QuotesAndAgeing report={data} />
          <Breakdowns report={data} />
          <Ratings />
        </div>
      ) : null}
    </div>
  );
}

export default ReportsPage;
