import { DatabaseIcon, DownloadIcon, TriangleAlertIcon, UploadIcon } from "lucide-react";
import { useState } from "react";
import { Link } from "react-router";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { startDownload } from "@/lib/download";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { formatDateTime, formatMoney, formatSize } from "@/lib/format";
import { useI18n, type MessageKey } from "@/lib/i18n";
import { toast } from "@/lib/toast";
import {
  useDeleteLegacyUpload,
  useLegacyUpload,
  useLegacyUploads,
  useStartLegacyImport,
  useUploadLegacy,
  type LegacyReport,
  type LegacyUpload,
} from "../api/legacy-imports";

const STATUS_VARIANT: Record<LegacyUpload["status"], "secondary" | "outline" | "destructive"> = {
  checking: "outline",
  checked: "secondary",
  importing: "outline",
  imported: "secondary",
  failed: "destructive",
};

/**
 * Administration → Importer: the legacy app's database (and its encryption key) sent here,
 * checked by a dry run whose report is shown, then imported into this organisation with its
 * progress; both reports downloadable (docs/migration.md is the step-by-step guide).
 */
export function LegacyImportTab() {
  const { t, locale } = useI18n();
  const uploads = useLegacyUploads();
  const [selected, setSelected] = useState<number | null>(null);
  const current = selected ?? uploads.data?.[0]?.id ?? null;
  const upload = useLegacyUpload(current);

  return (
    <div className="grid gap-6">
      <UploadForm onUploaded={(id) => setSelected(id)} />
      {uploads.isPending ? (
        <Skeleton className="h-32" />
      ) : uploads.isError ? (
        <div role="alert" className="grid gap-2 text-sm">
          <p>{errorMessage(uploads.error, t)}</p>
          <Button variant="outline" size="sm" onClick={() => void uploads.refetch()}>
            {t("common.retry")}
          </Button>
        </div>
      ) : uploads.data.length === 0 ? (
        <EmptyState
          icon={<DatabaseIcon />}
          title={t("legacyImport.empty")}
          description={t("legacyImport.emptyHelp")}
        />
      ) : upload.data ? (
        <UploadView upload={upload.data} />
      ) : upload.isError ? (
        <p role="alert" className="text-sm">
          {errorMessage(upload.error, t)}
        </p>
      ) : (
        <Skeleton className="h-32" />
      )}
      {uploads.data && uploads.data.length > 1 ? (
        <section aria-labelledby="legacy-history" className="grid gap-2">
          <h3 id="legacy-history" className="text-sm font-semibold">
            {t("legacyImport.history")}
          </h3>
          <ul className="grid gap-1 text-sm">
            {uploads.data.map((u) => (
              <li key={u.id}>
                <button
                  type="button"
                  className="underline-offset-2 hover:underline"
                  onClick={() => setSelected(u.id)}
                >
                  {u.filename} · {formatDateTime(u.created_at, locale)} ·{" "}
                  {t(`legacyImport.status.${u.status}` as MessageKey)}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function UploadForm({ onUploaded }: { onUploaded: (id: number) => void }) {
  const { t } = useI18n();
  const send = useUploadLegacy();
  const [file, setFile] = useState<File | null>(null);
  const [files, setFiles] = useState<File | null>(null);
  const [key, setKey] = useState("");
  const [skipTestData, setSkipTestData] = useState(false);
  const [problems, setProblems] = useState<{
    file?: string;
    files?: string;
    key?: string;
    root?: string;
  }>({});

  const submit = async () => {
    if (!file) {
      setProblems({ file: t("legacyImport.chooseFile") });
      return;
    }
    setProblems({});
    try {
      const sent = await send.mutateAsync({ file, files, key, skipTestData });
      toast.success(t("legacyImport.uploaded", { name: sent.filename }));
      onUploaded(sent.id);
      setKey("");
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
        setProblems({
          file: error.fields.find((f) => f.field === "file")?.message,
          files: error.fields.find((f) => f.field === "files")?.message,
          key: error.fields.find((f) => f.field === "encryption_key")?.message,
        });
      } else {
        setProblems({ root: errorMessage(error, t) });
      }
    }
  };

  return (
    <section aria-labelledby="legacy-upload" className="grid gap-4 rounded-lg border p-4">
      <div>
        <h2 id="legacy-upload" className="text-lg font-semibold">
          {t("legacyImport.title")}
        </h2>
        <p className="text-sm text-muted-foreground">{t("legacyImport.help")}</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label={t("legacyImport.file")} error={problems.file} required>
          <Input
            type="file"
            accept=".db,.sqlite,.sqlite3,application/vnd.sqlite3,application/x-sqlite3"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </FormField>
        <FormField
          label={t("legacyImport.files")}
          error={problems.files}
          help={t("legacyImport.filesHelp")}
        >
          <Input
            type="file"
            accept=".zip,application/zip"
            onChange={(e) => setFiles(e.target.files?.[0] ?? null)}
          />
        </FormField>
        <FormField
          label={t("legacyImport.key")}
          error={problems.key}
          help={t("legacyImport.keyHelp")}
        >
          <Input
            type="password"
            autoComplete="off"
            value={key}
            onChange={(e) => setKey(e.target.value)}
          />
        </FormField>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <Switch checked={skipTestData} onCheckedChange={setSkipTestData} />
        {t("legacyImport.skipTestData")}
      </label>
      {problems.root ? (
        <p role="alert" className="text-sm text-destructive">
          {problems.root}
        </p>
      ) : null}
      <div>
        <Button disabled={send.isPending} onClick={() => void submit()}>
          <UploadIcon aria-hidden="true" />
          {t("legacyImport.send")}
        </Button>
      </div>
    </section>
  );
}

function UploadView({ upload }: { upload: LegacyUpload }) {
  const { t, locale } = useI18n();
  const start = useStartLegacyImport();
  const remove = useDeleteLegacyUpload();
  const base = `/api/v1/admin/legacy-imports/${upload.id}/report`;
  const shown = upload.report ?? upload.dry_report;
  return (
    <section aria-labelledby="legacy-current" className="grid gap-4" data-testid="legacy-upload">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="legacy-current" className="text-lg font-semibold">
          {upload.filename}
        </h2>
        <Badge variant={STATUS_VARIANT[upload.status]}>
          {t(`legacyImport.status.${upload.status}` as MessageKey)}
        </Badge>
        <span className="text-sm text-muted-foreground">
          {formatSize(upload.size_bytes, locale)}
          {upload.files
            ? ` · ${t("legacyImport.withFiles", {
                name: upload.files.filename,
                size: formatSize(upload.files.size_bytes, locale),
              })}`
            : ""}{" "}
          · {formatDateTime(upload.created_at, locale)}
          {upload.uploaded_by ? ` · ${upload.uploaded_by}` : ""}
        </span>
      </div>

      {upload.status === "checking" ? (
        <p role="status" className="text-sm">
          {t("legacyImport.checking")}
        </p>
      ) : null}
      {upload.status === "importing" ? <Progress upload={upload} /> : null}
      {upload.status === "failed" ? (
        <p role="alert" className="flex items-start gap-2 text-sm text-destructive">
          <TriangleAlertIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          {upload.error}
        </p>
      ) : null}
      {upload.status === "imported" ? (
        <p role="status" className="text-sm">
          {t("legacyImport.done")}{" "}
          <Link to="/planning" className="underline underline-offset-2">
            {t("legacyImport.seePlanning")}
          </Link>
        </p>
      ) : null}

      <div className="flex flex-wrap gap-2">
        {upload.status === "checked" ? (
          <ConfirmDialog
            trigger={<Button>{t("legacyImport.import")}</Button>}
            title={t("legacyImport.importTitle")}
            description={t("legacyImport.importConfirm")}
            confirmLabel={t("legacyImport.import")}
            cancelLabel={t("common.cancel")}
            onConfirm={async () => {
              try {
                await start.mutateAsync(upload.id);
              } catch (error) {
                toast.error(errorMessage(error, t));
              }
            }}
          />
        ) : null}
        {upload.dry_report ? (
          <Button
            variant="outline"
            onClick={() => startDownload(`${base}?kind=dry`, `rapport-essai-${upload.id}.json`)}
          >
            <DownloadIcon aria-hidden="true" />
            {t("legacyImport.downloadDry")}
          </Button>
        ) : null}
        {upload.report ? (
          <Button
            variant="outline"
            onClick={() => startDownload(`${base}?kind=final`, `rapport-import-${upload.id}.json`)}
          >
            <DownloadIcon aria-hidden="true" />
            {t("legacyImport.downloadFinal")}
          </Button>
        ) : null}
        {upload.status !== "checking" && upload.status !== "importing" ? (
          <Button
            variant="ghost"
            disabled={remove.isPending}
            onClick={() =>
              remove.mutate(upload.id, {
                onSuccess: () => toast.success(t("legacyImport.deleted")),
                onError: (error) => toast.error(errorMessage(error, t)),
              })
            }
          >
            {t("legacyImport.delete")}
          </Button>
        ) : null}
      </div>

      {shown ? <ReportView report={shown} /> : null}
    </section>
  );
}

function Progress({ upload }: { upload: LegacyUpload }) {
  const { t } = useI18n();
  const p = upload.progress;
  const percent = p && p.steps_total > 0 ? Math.round((100 * p.steps_done) / p.steps_total) : 0;
  return (
    <div className="grid gap-1" role="status">
      <div
        className="h-2 w-full overflow-hidden rounded bg-muted"
        role="progressbar"
        aria-label={t("legacyImport.progress")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="h-full bg-primary transition-all" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm text-muted-foreground">
        {t("legacyImport.importing", { percent, table: p?.table || "…" })}
      </p>
    </div>
  );
}

function ReportView({ report }: { report: LegacyReport }) {
  const { t, locale } = useI18n();
  const money = (cents: number) => formatMoney(cents, locale);
  return (
    <div className="grid gap-4">
      <p className="text-sm">
        {t(report.dry_run ? "legacyImport.dryRunReport" : "legacyImport.finalReport", {
          organization: report.organization.name,
        })}
        {report.already_imported ? ` ${t("legacyImport.alreadyImported")}` : ""}
      </p>
      <div className="overflow-x-auto rounded-md border">
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">{t("legacyImport.tables")}</caption>
          <thead>
            <tr className="bg-muted/50 text-left">
              <th scope="col" className="p-2 font-medium">
                {t("legacyImport.table")}
              </th>
              {(["read", "imported", "merged", "skipped", "dropped"] as const).map((c) => (
                <th key={c} scope="col" className="p-2 text-right font-medium">
                  {t(`legacyImport.col.${c}` as MessageKey)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.tables.map((row) => (
              <tr key={row.table} className="border-t">
                <th scope="row" className="p-2 text-left font-mono text-xs font-normal">
                  {row.table}
                </th>
                <td className="p-2 text-right tabular-nums">{row.read}</td>
                <td className="p-2 text-right tabular-nums">{row.imported}</td>
                <td className="p-2 text-right tabular-nums">{row.merged}</td>
                <td className="p-2 text-right tabular-nums">{row.skipped}</td>
                <td className="p-2 text-right tabular-nums">{row.dropped}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.totals.length > 0 ? (
        <div className="overflow-x-auto rounded-md border">
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">{t("legacyImport.totals")}</caption>
            <thead>
              <tr className="bg-muted/50 text-left">
                <th scope="col" className="p-2 font-medium">
                  {t("legacyImport.totals")}
                </th>
                <th scope="col" className="p-2 text-right font-medium">
                  {t("legacyImport.col.legacy")}
                </th>
                <th scope="col" className="p-2 text-right font-medium">
                  {t("legacyImport.col.importedAmount")}
                </th>
                <th scope="col" className="p-2 text-right font-medium">
                  {t("legacyImport.col.notImported")}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.totals.map((total) => (
                <tr key={total.name} className="border-t">
                  <th scope="row" className="p-2 text-left font-normal">
                    {total.name}
                  </th>
                  <td className="p-2 text-right tabular-nums">{money(total.legacy_cents)}</td>
                  <td className="p-2 text-right tabular-nums">{money(total.imported_cents)}</td>
                  <td className="p-2 text-right tabular-nums">{money(total.skipped_cents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <section aria-labelledby="legacy-notes" className="grid gap-2">
        <h3 id="legacy-notes" className="text-sm font-semibold">
          {t("legacyImport.notes", {
            errors: report.notes_by_severity.error,
            warnings: report.notes_by_severity.warning,
            infos: report.notes_by_severity.info,
          })}
        </h3>
        {/* Scrolls on its own: focusable, so the keyboard scrolls it too. */}
        <ul
          className="grid max-h-96 gap-1 overflow-y-auto text-sm"
          tabIndex={0}
          aria-labelledby="legacy-notes"
        >
          {report.notes.map((note, index) => (
            <li key={index} className="flex items-start gap-2">
              <Badge
                variant={note.severity === "error" ? "destructive" : "outline"}
                className="shrink-0"
              >
                {t(`legacyImport.severity.${note.severity}` as MessageKey)}
              </Badge>
              <span>
                <span className="font-mono text-xs">
                  {note.table}
                  {note.legacy_id != null ? ` #${note.legacy_id}` : ""}
                  {note.column ? ` · ${note.column}` : ""}
                </span>{" "}
                {note.message}
              </span>
            </li>
          ))}
        </ul>
        {report.notes_total > report.notes.length ? (
          <p className="text-xs text-muted-foreground">
            {t("legacyImport.moreNotes", { count: report.notes_total - report.notes.length })}
          </p>
        ) : null}
      </section>
    </div>
  );
}
