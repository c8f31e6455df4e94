import { InboxIcon, PaperclipIcon, RotateCcwIcon, TriangleAlertIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "@/lib/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useCan } from "@/features/auth/api/get-session";
import { errorMessage } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { useI18n, type MessageKey } from "@/lib/i18n";
import {
  useEmail,
  useEmails,
  useFailedJobs,
  useRetryJob,
  useTemplatePreview,
  useTemplates,
  type EmailSummary,
  type FailedJob,
} from "../api/admin";
import { EmailFrame } from "@/components/email-frame";
import { BackupsTab } from "./backups-tab";
import { LegacyImportTab } from "./legacy-import-tab";

const STATUS_KEYS: Record<string, MessageKey> = {
  queued: "outbox.status.queued",
  sent: "outbox.status.sent",
  delivered: "outbox.status.delivered",
  delivery_delayed: "outbox.status.delayed",
  bounced: "outbox.status.bounced",
  complained: "outbox.status.complained",
  failed: "outbox.status.failed",
};

function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const variant =
    status === "delivered" || status === "sent"
      ? "success"
      : status === "queued" || status === "delivery_delayed"
        ? "secondary"
        : "destructive";
  return <Badge variant={variant}>{STATUS_KEYS[status] ? t(STATUS_KEYS[status]!) : status}</Badge>;
}

function EmailDialog({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t, locale } = useI18n();
  const email = useEmail(id);
  const [view, setView] = useState("html");
  return (
    <Dialog open={id !== null} onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent closeLabel={t("common.close")} className="max-w-3xl">
        <DialogHeader>
          <DialogTitle>{email.data?.subject ?? t("common.loading")}</DialogTitle>
          <DialogDescription>
            {email.data
              ? t("outbox.meta", {
                  from: email.data.from_name,
                  to: email.data.to,
                  date: formatDateTime(email.data.created_at, locale),
                })
              : ""}
          </DialogDescription>
        </DialogHeader>
        {email.isPending ? (
          <Skeleton className="h-64" />
        ) : email.isError ? (
          <p role="alert" className="text-sm text-destructive">
            {errorMessage(email.error, t)}
          </p>
        ) : (
          <Tabs value={view} onValueChange={setView}>
            <TabsList>
              <TabsTrigger value="html">{t("outbox.html")}</TabsTrigger>
              <TabsTrigger value="text">{t("outbox.text")}</TabsTrigger>
              <TabsTrigger value="attachments">
                {t("outbox.attachments", { count: email.data.attachments.length })}
              </TabsTrigger>
            </TabsList>
            <TabsContent value="html">
              <EmailFrame html={email.data.html} title={t("outbox.html")} />
            </TabsContent>
            <TabsContent value="text">
              <pre
                data-testid="email-text"
                className="max-h-[28rem] overflow-auto rounded-lg border bg-muted/40 p-3 text-xs whitespace-pre-wrap"
              >
                {email.data.text}
              </pre>
            </TabsContent>
            <TabsContent value="attachments">
              {email.data.attachments.length === 0 ? (
                <p className="text-sm text-muted-foreground">{t("outbox.noAttachments")}</p>
              ) : (
                <ul className="grid gap-2">
                  {email.data.attachments.map((a) => (
                    <li key={a.index}>
                      <a
                        className="inline-flex items-center gap-2 text-sm underline underline-offset-4"
                        href={`/api/v1/admin/emails/${email.data.id}/attachments/${a.index}`}
                        download={a.filename}
                      >
                        <PaperclipIcon aria-hidden="true" className="size-4" />
                        {a.filename} ({Math.ceil(a.size / 1024)} Ko)
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </TabsContent>
          </Tabs>
        )}
      </DialogContent>
    </Dialog>
  );
}

function OutboxTab() {
  const { t, locale } = useI18n();
  const emails = useEmails();
  const [open, setOpen] = useState<number | null>(null);
  const rows = emails.data?.pages.flatMap((p) => p.items);
  const columns: DataTableColumn<EmailSummary>[] = [
    {
      id: "date",
      header: t("audit.when"),
      cell: (e) => (
        <span className="whitespace-nowrap">{formatDateTime(e.created_at, locale)}</span>
      ),
    },
    { id: "to", header: t("outbox.to"), cell: (e) => e.to },
    {
      id: "subject",
      header: t("outbox.subject"),
      cell: (e) => (
        <Button variant="link" className="h-auto p-0 text-left" onClick={() => setOpen(e.id)}>
          {e.subject}
        </Button>
      ),
    },
    {
      id: "status",
      header: t("outbox.statusLabel"),
      cell: (e) => <StatusBadge status={e.status} />,
    },
  ];
  return (
    <div className="grid gap-4">
      <p className="text-sm text-muted-foreground">{t("outbox.help")}</p>
      <DataTable
        caption={t("outbox.title")}
        columns={columns}
        rows={rows}
        getRowId={(e) => String(e.id)}
        loading={emails.isPending}
        error={emails.isError ? errorMessage(emails.error, t) : null}
        onRetry={() => void emails.refetch()}
        empty={<EmptyState icon={<InboxIcon />} title={t("outbox.empty")} />}
        pageSize={1000}
      />
      {emails.hasNextPage ? (
        <Button
          variant="outline"
          className="justify-self-center"
          disabled={emails.isFetchingNextPage}
          onClick={() => void emails.fetchNextPage()}
        >
          {t("audit.more")}
        </Button>
      ) : null}
      <EmailDialog id={open} onClose={() => setOpen(null)} />
    </div>
  );
}

function JobsTab() {
  const { t, locale } = useI18n();
  const canManage = useCan("jobs.manage");
  const jobs = useFailedJobs(canManage);
  const retry = useRetryJob();
  const columns: DataTableColumn<FailedJob>[] = [
    { id: "type", header: t("jobs.type"), cell: (j) => <code className="text-xs">{j.type}</code> },
    {
      id: "error",
      header: t("jobs.error"),
      cell: (j) => <span className="text-xs break-words">{j.last_error ?? "—"}</span>,
    },
    {
      id: "attempts",
      header: t("jobs.attempts"),
      align: "right",
      cell: (j) => `${j.attempts}/${j.max_attempts}`,
    },
    {
      id: "when",
      header: t("jobs.failedAt"),
      cell: (j) => (j.finished_at ? formatDateTime(j.finished_at, locale) : "—"),
    },
  ];
  return (
    <DataTable
      caption={t("jobs.title")}
      columns={columns}
      rows={jobs.data}
      getRowId={(j) => String(j.id)}
      loading={jobs.isPending}
      error={jobs.isError ? errorMessage(jobs.error, t) : null}
      onRetry={() => void jobs.refetch()}
      empty={<EmptyState icon={<TriangleAlertIcon />} title={t("jobs.empty")} />}
      rowActions={(j) => (
        <Button
          variant="ghost"
          size="sm"
          disabled={retry.isPending}
          onClick={() =>
            retry.mutate(j.id, {
              onSuccess: () => toast.success(t("jobs.retried")),
              onError: (error) => toast.error(errorMessage(error, t)),
            })
          }
        >
          <RotateCcwIcon aria-hidden="true" />
          {t("jobs.retry")}
        </Button>
      )}
    />
  );
}

function TemplatesTab() {
  const { t } = useI18n();
  const templates = useTemplates();
  const [name, setName] = useState<string | null>(null);
  const [previewLocale, setPreviewLocale] = useState("fr");
  const chosen = name ?? templates.data?.[0] ?? null;
  const preview = useTemplatePreview(chosen, previewLocale);
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap gap-3">
        <Select value={chosen ?? undefined} onValueChange={setName}>
          <SelectTrigger className="w-72" aria-label={t("templates.choose")}>
            <SelectValue placeholder={t("templates.choose")} />
          </SelectTrigger>
          <SelectContent>
            {(templates.data ?? []).map((n) => (
              <SelectItem key={n} value={n}>
                {n}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <Select value={previewLocale} onValueChange={setPreviewLocale}>
          <SelectTrigger className="w-40" aria-label={t("profile.locale")}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="fr">{t("language.fr")}</SelectItem>
            <SelectItem value="en">{t("language.en")}</SelectItem>
          </SelectContent>
        </Select>
      </div>
      {preview.isPending ? (
        <Skeleton className="h-64" />
      ) : preview.isError ? (
        <p role="alert" className="text-sm text-destructive">
          {errorMessage(preview.error, t)}
        </p>
      ) : (
        <div className="grid gap-2">
          <p className="text-sm">
            <span className="text-muted-foreground">{t("outbox.subject")} : </span>
            {preview.data.subject}
          </p>
          <EmailFrame html={preview.data.html} title={t("templates.preview")} />
        </div>
      )}
    </div>
  );
}

/**
 * The organisation's machinery: sent e-mails (the local outbox), failed jobs, templates, and
 * the instance's backups.
 */
export default function AdminPage() {
  const { t } = useI18n();
  const canBackup = useCan("backups.manage");
  return (
    <div className="mx-auto grid max-w-5xl gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("admin.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("admin.subtitle")}</p>
      </div>
      <Tabs defaultValue="outbox">
        <TabsList>
          <TabsTrigger value="outbox">{t("outbox.title")}</TabsTrigger>
          <TabsTrigger value="jobs">{t("jobs.title")}</TabsTrigger>
          <TabsTrigger value="templates">{t("templates.title")}</TabsTrigger>
          {canBackup ? <TabsTrigger value="backups">{t("backups.title")}</TabsTrigger> : null}
          {canBackup ? <TabsTrigger value="import">{t("legacyImport.tab")}</TabsTrigger> : null}
        </TabsList>
        <TabsContent value="outbox">
          <OutboxTab />
        </TabsContent>
        <TabsContent value="jobs">
          <JobsTab />
        </TabsContent>
        <TabsContent value="templates">
          <TemplatesTab />
        </TabsContent>
        {canBackup ? (
          <TabsContent value="backups">
            <BackupsTab />
          </TabsContent>
        ) : null}
        {canBackup ? (
          <TabsContent value="import">
            <LegacyImportTab />
          </TabsContent>
        ) : null}
      </Tabs>
    </div>
  );
}
