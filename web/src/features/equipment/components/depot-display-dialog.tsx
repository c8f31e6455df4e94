import { CopyIcon, MonitorIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "@/lib/toast";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { errorMessage } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import { useDisplayToken, useIssueDisplayToken, useRevokeDisplayToken } from "../api/inventory";

/**
 * The link of a depot's wall display: shown once when created (only its hash is kept), replaced
 * by a new one, or revoked.
 */
export function DepotDisplayDialog({
  site,
  name,
  onClose,
}: {
  site: number;
  name: string;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const current = useDisplayToken(site);
  const issue = useIssueDisplayToken();
  const revoke = useRevokeDisplayToken();
  const [url, setUrl] = useState<string | null>(null);
  const create = () =>
    issue.mutate(site, {
      onSuccess: (token) => setUrl(token.url),
      onError: (e) => toast.error(errorMessage(e, t)),
    });
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent closeLabel={t("common.close")}>
        <DialogHeader>
          <DialogTitle>{t("display.dialogTitle", { name })}</DialogTitle>
          <DialogDescription>{t("display.dialogHelp")}</DialogDescription>
        </DialogHeader>
        {current.isPending ? (
          <p role="status" className="text-sm text-muted-foreground">
            {t("common.loading")}
          </p>
        ) : current.isError ? (
          <p role="alert" className="text-sm text-destructive">
            {errorMessage(current.error, t)}
          </p>
        ) : (
          <p className="text-sm" data-testid="display-state">
            {current.data.active && current.data.issued_at
              ? t("display.active", { date: formatDateTime(current.data.issued_at, locale) })
              : t("display.inactive")}
          </p>
        )}
        {url ? (
          <div className="grid gap-2">
            <p className="text-sm font-medium">{t("display.copyOnce")}</p>
            <div className="flex gap-2">
              <Input readOnly value={url} aria-label={t("display.link")} className="font-mono" />
              <Button
                variant="outline"
                size="icon"
                aria-label={t("display.copy")}
                onClick={() =>
                  void navigator.clipboard
                    .writeText(url)
                    .then(() => toast.success(t("display.copied")))
                    .catch(() => toast.error(t("display.copyFailed")))
                }
              >
                <CopyIcon aria-hidden="true" />
              </Button>
            </div>
          </div>
        ) : null}
        <DialogFooter className="gap-2">
          {current.data?.active ? (
            <Button
              variant="outline"
              disabled={revoke.isPending}
              onClick={() =>
                revoke.mutate(site, {
                  onSuccess: () => {
                    setUrl(null);
                    toast.success(t("display.revoked"));
                  },
                  onError: (e) => toast.error(errorMessage(e, t)),
                })
              }
            >
              {t("display.revoke")}
            </Button>
          ) : null}
          <Button disabled={issue.isPending} onClick={create}>
            <MonitorIcon aria-hidden="true" />
            {current.data?.active ? t("display.replace") : t("display.create")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
