import { DownloadIcon, ShieldAlertIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useCan } from "@/features/auth/api/get-session";
import { startDownload } from "@/lib/download";
import { errorsByField } from "@/lib/errors";
import { useI18n } from "@/lib/i18n";
import { personalDataUrl, useEraseClient, type Client, type Erasure } from "../api/clients";

/** The client's personal data (RGPD): its export, and its erasure for those who run the account. */
export function ClientPrivacy({ client }: { client: Client }) {
  const { t } = useI18n();
  const canErase = useCan("organization.manage");
  const erased = client.name === `Client effacé n° ${client.id}`;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("clients.privacy")}</CardTitle>
        <CardDescription>{t("clients.privacyHelp")}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap gap-2">
        <Button variant="outline" onClick={() => startDownload(personalDataUrl(client.id))}>
          <DownloadIcon aria-hidden="true" />
          {t("clients.exportData")}
        </Button>
        {/* Kept mounted once erased: its dialog shows what was kept. */}
        {canErase ? <EraseDialog client={client} erased={erased} /> : null}
        {erased ? (
          <p className="self-center text-sm text-muted-foreground">{t("clients.erasedAlready")}</p>
        ) : null}
      </CardContent>
    </Card>
  );
}

function EraseDialog({ client, erased }: { client: Client; erased: boolean }) {
  const { t } = useI18n();
  const erase = useEraseClient(client.id);
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [done, setDone] = useState<Erasure | null>(null);
  // The name when the dialog opened: once erased, the client's name changes under the result.
  const [name, setName] = useState(client.name);
  const fields: Record<string, string> = erase.isError ? errorsByField(erase.error, t) : {};
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    try {
      setDone(await erase.mutateAsync(typed));
    } catch {
      // Shown below the field or as the dialog's alert.
    }
  }
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setName(client.name);
        if (!next) {
          setTyped("");
          erase.reset();
        }
      }}
    >
      {erased ? null : (
        <DialogTrigger asChild>
          <Button variant="destructive">
            <ShieldAlertIcon aria-hidden="true" />
            {t("clients.erase")}
          </Button>
        </DialogTrigger>
      )}
      <DialogContent closeLabel={t("common.close")}>
        <DialogHeader>
          <DialogTitle>{done ? t("clients.erasedTitle") : t("clients.eraseTitle")}</DialogTitle>
          <DialogDescription>
            {done ? done.retention_notice : t("clients.eraseHelp")}
          </DialogDescription>
        </DialogHeader>
        {done ? (
          <div className="grid gap-2 text-sm" role="status">
            <p>
              {t("clients.erasedCounts", {
                contacts: String(done.contacts_deleted),
                missions: String(done.missions_cleared),
                emails: String(done.emails_cleared),
              })}
            </p>
            {done.kept_documents.length > 0 ? (
              <p>
                {t("clients.keptDocuments")} :{" "}
                <span className="font-medium tabular-nums">{done.kept_documents.join(", ")}</span>
              </p>
            ) : (
              <p>{t("clients.noKeptDocument")}</p>
            )}
            <DialogFooter>
              <DialogClose asChild>
                <Button>{t("common.close")}</Button>
              </DialogClose>
            </DialogFooter>
          </div>
        ) : (
          <form className="grid gap-4" onSubmit={(e) => void submit(e)}>
            <ul className="grid list-disc gap-1 pl-5 text-sm">
              <li>{t("clients.eraseWhat")}</li>
              <li>{t("clients.eraseKept")}</li>
              <li>{t("clients.eraseExportFirst")}</li>
            </ul>
            <div className="grid gap-2">
              <Label htmlFor="erase-confirm">{t("clients.eraseType", { name })}</Label>
              <Input
                id="erase-confirm"
                autoComplete="off"
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                aria-invalid={fields.confirm_name ? true : undefined}
                aria-describedby={fields.confirm_name ? "erase-confirm-error" : undefined}
              />
              {fields.confirm_name ? (
                <p id="erase-confirm-error" className="text-sm text-destructive">
                  {fields.confirm_name}
                </p>
              ) : null}
            </div>
            {fields.root ? (
              <p role="alert" className="text-sm text-destructive">
                {fields.root}
              </p>
            ) : null}
            <DialogFooter>
              <DialogClose asChild>
                <Button type="button" variant="outline">
                  {t("common.cancel")}
                </Button>
              </DialogClose>
              <Button
                type="submit"
                variant="destructive"
                disabled={typed !== name || erase.isPending}
              >
                {erase.isPending ? t("clients.erasing") : t("clients.eraseConfirm")}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
