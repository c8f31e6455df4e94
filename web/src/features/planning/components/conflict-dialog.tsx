import { AlertTriangleIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useI18n } from "@/lib/i18n";

export interface ConflictDialogProps {
  /** The sentences to show; the dialog is open while there are some. */
  messages: string[] | null;
  /** Planners may save anyway with a reason (audited); null hides that choice. */
  onOverride: ((reason: string) => void) | null;
  onCancel: () => void;
  busy?: boolean;
}

/** A move or a status change the planning refuses: what collides, and what to do. */
export function ConflictDialog({ messages, onOverride, onCancel, busy }: ConflictDialogProps) {
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  return (
    <Dialog
      open={messages !== null}
      onOpenChange={(open) => {
        if (!open) {
          setReason("");
          onCancel();
        }
      }}
    >
      <DialogContent closeLabel={t("common.close")}>
        <DialogHeader>
          <DialogTitle>{t("missions.conflictTitle")}</DialogTitle>
          <DialogDescription>{t("missions.conflictHelp")}</DialogDescription>
        </DialogHeader>
        <ul className="grid gap-2 text-sm" role="alert">
          {(messages ?? []).map((m, i) => (
            <li key={i} className="flex gap-2 rounded-md bg-destructive/10 p-2 text-destructive">
              <AlertTriangleIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              {m}
            </li>
          ))}
        </ul>
        {onOverride ? (
          <FormField label={t("missions.overrideReason")} help={t("missions.overrideHelp")}>
            <Input value={reason} onChange={(e) => setReason(e.target.value)} />
          </FormField>
        ) : null}
        <DialogFooter>
          <Button
            type="button"
            variant="outline"
            onClick={() => {
              setReason("");
              onCancel();
            }}
          >
            {t("missions.keepAsIs")}
          </Button>
          {onOverride ? (
            <Button
              type="button"
              variant="destructive"
              disabled={busy || !reason.trim()}
              onClick={() => {
                const why = reason.trim();
                setReason("");
                onOverride(why);
              }}
            >
              {t("missions.saveAnyway")}
            </Button>
          ) : null}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
