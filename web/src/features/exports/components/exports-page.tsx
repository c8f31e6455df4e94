import { DownloadIcon, FileSpreadsheetIcon, Loader2Icon } from "lucide-react";
import { useState } from "react";
import { toast } from "@/lib/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import { Combobox } from "@/components/ui/combobox";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { startDownload } from "@/lib/download";
import { errorMessage } from "@/lib/errors";
import { formatDateTime, formatSize } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import {
  useExportClientChoices,
  useExportEntities,
  useExportHistory,
  useRequestExport,
  type ExportFormat,
  type ExportInput,
  type ExportRecord,
} from "../api/exports";

const ALL = "all";
const ANY = "any";
const FORMATS: readonly ExportFormat[] = ["xlsx", "csv", "csv_rfc"];

/** Exports: pick what, in which format, narrowed like the lists; then download it. */
export default function ExportsPage() {
  const { t, locale } = useI18n();
  const entities = useExportEntities();
  const history = useExportHistory();
  const clients = useExportClientChoices();
  const request = useRequestExport();
  const [entityKey, setEntityKey] = useState("invoices");
  const [format, setFormat] = useState<ExportFormat>("xlsx");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [status, setStatus] = useState(ANY);
  const [clientId, setClientId] = useState(ANY);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const entity = entities.data?.find((e) => e.key === entityKey);
  const full = entityKey === ALL;
  const titleOf = (key: string) =>
    key === ALL ? t("exports.all") : (entities.data?.find((e) => e.key === key)?.title ?? key);

  function pickEntity(key: string) {
    setEntityKey(key);
    setStatus(ANY);
    setFieldErrors({});
    if (key === ALL) {
      setFormat("xlsx");
      setClientId(ANY);
    }
  }

  function submit() {
    const input: ExportInput = { entity: entityKey, format };
    if (!full && entity?.period !== "none") {
      if (from) input.from = from;
      if (to) input.to = to;
    }
    if (!full && status !== ANY) input.status = [status];
    if (!full && entity?.client_filter && clientId !== ANY) input.client_id = Number(clientId);
    setFieldErrors({});
    request.mutate(input, {
      onSuccess: (made) => {
        if (made.status === "ready" && made.download_url) {
          toast.success(t("exports.ready", { count: made.rows_total }));
          startDownload(made.download_url);
        } else {
          toast.success(t("exports.queued"));
        }
      },
      onError: (error) => {
        const fields =
          "fieldMap" in error && typeof error.fieldMap === "function"
            ? (error.fieldMap() as Record<string, string>)
            : {};
        setFieldErrors(fields);
        toast.error(errorMessage(error, t));
      },
    });
  }

  const columns: DataTableColumn<ExportRecord>[] = [
    {
      id: "file",
      header: t("exports.file"),
      cell: (e) => (
        <div className="grid gap-0.5">
          <span className="font-medium">{titleOf(e.entity)}</span>
          <span className="text-xs text-muted-foreground">{e.filename}</span>
        </div>
      ),
    },
    {
      id: "requested",
      header: t("exports.requested"),
      cell: (e) => (
        <div className="grid gap-0.5">
          <span>{formatDateTime(e.created_at, locale)}</span>
          <span className="text-xs text-muted-foreground">{e.requested_by}</span>
        </div>
      ),
    },
    {
      id: "rows",
      header: t("exports.rows"),
      align: "right",
      cell: (e) => new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB").format(e.rows_total),
    },
    {
      id: "status",
      header: t("exports.state"),
      cell: (e) => <ExportState record={e} />,
    },
  ];

  return (
    <div className="mx-auto grid max-w-5xl gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("exports.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("exports.subtitle")}</p>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>{t("exports.new")}</CardTitle>
          <CardDescription>{t("exports.newHelp")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <div className="grid gap-1.5">
            <Label htmlFor="export-entity">{t("exports.entity")}</Label>
            <Select value={entityKey} onValueChange={pickEntity}>
              <SelectTrigger id="export-entity" aria-label={t("exports.entity")}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {(entities.data ?? []).map((e) => (
                  <SelectItem key={e.key} value={e.key}>
                    {e.title}
                  </SelectItem>
                ))}
                <SelectItem value={ALL}>{t("exports.all")}</SelectItem>
              </SelectContent>
            </Select>
            {fieldErrors.entity ? (
              <p className="text-xs text-destructive">{fieldErrors.entity}</p>
            ) : null}
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="export-format">{t("exports.format")}</Label>
            <Select value={format} onValueChange={(v) => setFormat(v as ExportFormat)}>
              <SelectTrigger id="export-format" aria-label={t("exports.format")}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {FORMATS.map((f) => (
                  <SelectItem key={f} value={f} disabled={full && f !== "xlsx"}>
                    {t(`exports.format.${f}`)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            {fieldErrors.format ? (
              <p className="text-xs text-destructive">{fieldErrors.format}</p>
            ) : null}
          </div>

          {!full && entity && entity.period !== "none" ? (
            <div className="grid gap-1.5 sm:col-span-2">
              <span className="text-sm font-medium">{t("exports.period")}</span>
              <div className="flex flex-wrap items-center gap-2">
                <Label htmlFor="export-from" className="text-sm text-muted-foreground">
                  {t("exports.from")}
                </Label>
                <Input
                  id="export-from"
                  type="date"
                  className="w-40"
                  value={from}
                  onChange={(e) => setFrom(e.target.value)}
                  aria-invalid={fieldErrors.from ? true : undefined}
                />
                <Label htmlFor="export-to" className="text-sm text-muted-foreground">
                  {t("exports.to")}
                </Label>
                <Input
                  id="export-to"
                  type="date"
                  className="w-40"
                  value={to}
                  onChange={(e) => setTo(e.target.value)}
                  aria-invalid={fieldErrors.to ? true : undefined}
                />
              </div>
              {fieldErrors.from || fieldErrors.to ? (
                <p className="text-xs text-destructive">{fieldErrors.from ?? fieldErrors.to}</p>
              ) : null}
            </div>
          ) : null}

          {!full && entity && entity.statuses.length > 0 ? (
            <div className="grid gap-1.5">
              <Label htmlFor="export-status">{t("exports.status")}</Label>
              <Select value={status} onValueChange={setStatus}>
                <SelectTrigger id="export-status" aria-label={t("exports.status")}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value={ANY}>{t("exports.anyStatus")}</SelectItem>
                  {entity.statuses.map((s) => (
                    <SelectItem key={s.code} value={s.code}>
                      {s.label}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
          ) : null}

          {!full && entity?.client_filter ? (
            <div className="grid gap-1.5">
              <Label>{t("exports.client")}</Label>
              <Combobox
                aria-label={t("exports.client")}
                options={[
                  { value: ANY, label: t("exports.anyClient") },
                  ...(clients.data ?? []).map((c) => ({ value: String(c.id), label: c.name })),
                ]}
                value={clientId}
                onValueChange={setClientId}
                placeholder={t("exports.anyClient")}
              />
            </div>
          ) : null}

          <p className="text-xs text-muted-foreground sm:col-span-2" data-testid="export-columns">
            {full
              ? t("exports.allHelp")
              : entity
                ? t("exports.columns", { columns: entity.columns.join(", ") })
                : ""}
          </p>
        </CardContent>
        <CardFooter className="justify-end">
          <Button onClick={submit} disabled={request.isPending || !entities.data}>
            {request.isPending ? <Loader2Icon className="animate-spin" /> : <DownloadIcon />}
            {t("exports.run")}
          </Button>
        </CardFooter>
      </Card>

      <section className="grid gap-3" aria-labelledby="exports-history">
        <div>
          <h2 id="exports-history" className="text-lg font-semibold">
            {t("exports.history")}
          </h2>
          <p className="text-sm text-muted-foreground">{t("exports.historyHelp")}</p>
        </div>
        <DataTable
          caption={t("exports.history")}
          columns={columns}
          rows={history.data}
          getRowId={(e) => String(e.id)}
          loading={history.isPending}
          error={history.isError ? errorMessage(history.error, t) : null}
          onRetry={() => void history.refetch()}
          rowActions={(e) =>
            e.download_url ? (
              <Button asChild size="sm" variant="outline">
                <a
                  href={e.download_url}
                  download
                  aria-label={t("exports.download", { name: e.filename })}
                >
                  <DownloadIcon />
                  {t("exports.downloadShort")}
                </a>
              </Button>
            ) : null
          }
          empty={
            <EmptyState
              icon={<FileSpreadsheetIcon />}
              title={t("exports.none")}
              description={t("exports.noneHelp")}
            />
          }
        />
      </section>
    </div>
  );
}

/** Queued, in progress (with a bar), ready (with its size), or failed. */
function ExportState({ record }: { record: ExportRecord }) {
  const { t, locale } = useI18n();
  if (record.status === "ready") {
    return (
      <span className="flex flex-wrap items-center gap-1.5">
        <Badge variant="success">{t("exports.state.ready")}</Badge>
        <span className="text-xs text-muted-foreground">
          {formatSize(record.size_bytes, locale)}
        </span>
      </span>
    );
  }
  if (record.status === "failed") {
    return (
      <span className="grid gap-0.5">
        <Badge variant="destructive">{t("exports.state.failed")}</Badge>
        {record.error ? (
          <span className="text-xs text-muted-foreground">{record.error}</span>
        ) : null}
      </span>
    );
  }
  const percent =
    record.rows_total > 0
      ? Math.min(100, Math.round((100 * record.rows_done) / record.rows_total))
      : 0;
  return (
    <span className="grid min-w-32 gap-1">
      <Badge variant="warning">
        {record.status === "queued" ? t("exports.state.queued") : t("exports.state.running")}
      </Badge>
      <span
        role="progressbar"
        aria-label={t("exports.progress")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-1.5 overflow-hidden rounded-full bg-muted"
      >
        <span
          className="block h-full bg-primary transition-[width]"
          style={{ width: `${percent}%` }}
        />
      </span>
    </span>
  );
}
