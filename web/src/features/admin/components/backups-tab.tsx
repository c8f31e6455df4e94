import { ArchiveIcon, DownloadIcon, HardDriveDownloadIcon, TriangleAlertIcon } from "lucide-react";
import { toast } from "@/lib/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useCan } from "@/features/auth/api/get-session";
import { startDownload } from "@/lib/download";
import { errorMessage } from "@/lib/errors";
import { formatDateTime, formatSize } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import { useBackups, useRequestBackup, type Backup } from "../api/backups";

/**
 * Administration → Sauvegardes: the instance's backups (made each night and on demand), to
 * download and keep elsewhere. Restoring is a command (`planify restore`), shown here.
 */
export function BackupsTab() {
  const { t, locale } = useI18n();
  const canManage = useCan("backups.manage");
  const backups = useBackups(canManage);
  const request = useRequestBackup();
  const data = backups.data;

  const columns: DataTableColumn<Backup>[] = [
    {
      id: "when",
      header: t("backups.createdAt"),
      cell: (b) => formatDateTime(b.created_at, locale),
      sortValue: (b) => b.created_at,
    },
    {
      id: "size",
      header: t("backups.size"),
      align: "right",
      cell: (b) => formatSize(b.size_bytes, locale),
      sortValue: (b) => b.size_bytes,
    },
    {
      id: "name",
      header: t("backups.file"),
      cell: (b) => <code className="text-xs">{b.name}</code>,
    },
  ];

  if (backups.isPending) return <Skeleton className="h-48" />;
  if (data && !data.available) {
    return (
      <EmptyState
        icon={<ArchiveIcon />}
        title={t("backups.unavailable")}
        description={data.unavailable_reason ?? ""}
      />
    );
  }
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid max-w-2xl gap-1 text-sm text-muted-foreground">
          <p>
            {data?.daily
              ? t("backups.schedule", {
                  daily: data.retention.daily,
                  weekly: data.retention.weekly,
                  monthly: data.retention.monthly,
                })
              : t("backups.scheduleOff")}
          </p>
          {data?.directory ? <p>{t("backups.directory", { directory: data.directory })}</p> : null}
          <p>{t("backups.keyWarning")}</p>
        </div>
        <Button
          disabled={request.isPending || data?.running}
          onClick={() =>
            void request
              .mutateAsync()
              .then(() => toast.success(t("backups.requested")))
              .catch((error: unknown) => toast.error(errorMessage(error, t)))
          }
        >
          <HardDriveDownloadIcon aria-hidden="true" />
          {data?.running ? t("backups.running") : t("backups.now")}
        </Button>
      </div>
      {data?.running ? (
        <p role="status" className="text-sm">
          <Badge variant="secondary">{t("backups.running")}</Badge>
        </p>
      ) : null}
      {data?.last_error ? (
        <p role="alert" className="flex items-start gap-2 text-sm text-destructive">
          <TriangleAlertIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          {t("backups.failed", {
            when: data.last_failed_at ? formatDateTime(data.last_failed_at, locale) : "",
            error: data.last_error,
          })}
        </p>
      ) : null}
      <DataTable
        caption={t("backups.title")}
        columns={columns}
        rows={data?.items}
        getRowId={(b) => b.name}
        loading={backups.isPending}
        error={backups.isError ? errorMessage(backups.error, t) : null}
        onRetry={() => void backups.refetch()}
        empty={<EmptyState icon={<ArchiveIcon />} title={t("backups.empty")} />}
        defaultSort={{ columnId: "when", direction: "descending" }}
        rowActions={(b) => (
          <Button
            variant="ghost"
            size="sm"
            aria-label={t("backups.downloadOne", { name: b.name })}
            onClick={() => startDownload(b.download_url, b.name)}
          >
            <DownloadIcon aria-hidden="true" />
            {t("backups.download")}
          </Button>
        )}
      />
      <div className="grid gap-1 text-sm">
        <p className="font-medium">{t("backups.restoreTitle")}</p>
        <p className="text-muted-foreground">{t("backups.restoreHelp")}</p>
        <pre className="overflow-x-auto rounded-md bg-muted p-3 text-xs">
          planify restore planify-backup-AAAAMMJJTHHMMSSZ.tar.gz
        </pre>
      </div>
    </div>
  );
}
