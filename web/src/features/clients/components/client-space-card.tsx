import { LinkIcon, SendIcon } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyField } from "@/components/ui/copy-field";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { useCan } from "@/features/auth/api/get-session";
import { errorsByField } from "@/lib/errors";
import { formatDate, formatDateTime } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import {
  useClientSpace,
  useIssueSpaceLink,
  useRevokeSpaceLink,
  type IssuedLink,
  type SpaceLink,
} from "../api/client-space";
import type { Client } from "../api/clients";

const stateVariant = { active: "success", expired: "secondary", revoked: "destructive" } as const;

/** The client space on the client's page: send a magic link, see and revoke links, read messages. */
export function ClientSpaceCard({ client }: { client: Client }) {
  const { t, locale } = useI18n();
  const canManage = useCan("clients.manage");
  const space = useClientSpace(client.id);
  const revoke = useRevokeSpaceLink(client.id);
  return (
    <Card data-testid="client-space">
      <CardHeader>
        <CardTitle>{t("clients.space")}</CardTitle>
        <CardDescription>{t("clients.spaceHelp")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {canManage ? <IssueDialog client={client} /> : null}
        {space.isPending ? (
          <Skeleton className="h-16 w-full" />
        ) : space.isError ? (
          <p role="alert" className="text-sm text-destructive">
            {t("clients.spaceLoadError")}
          </p>
        ) : (
          <>
            {space.data.links.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("clients.spaceNoLinks")}</p>
            ) : (
              <ul className="grid gap-2" aria-label={t("clients.spaceLinks")}>
                {space.data.links.map((link) => (
                  <LinkRow
                    key={link.id}
                    link={link}
                    canManage={canManage}
                    onRevoke={() => revoke.mutateAsync(link.id)}
                  />
                ))}
              </ul>
            )}
            <div>
              <h3 className="mb-2 text-sm font-semibold">{t("clients.spaceMessages")}</h3>
              {space.data.messages.length === 0 ? (
                <p className="text-sm text-muted-foreground">{t("clients.spaceNoMessages")}</p>
              ) : (
                <ul className="grid gap-2" data-testid="client-space-messages">
                  {space.data.messages.map((m) => (
                    <li key={m.id} className="rounded-md border p-3 text-sm">
                      <p className="text-xs text-muted-foreground">
                        {formatDateTime(m.created_at, locale)}
                      </p>
                      <p className="whitespace-pre-wrap">{m.body}</p>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </>
        )}
      </CardContent>
    </Card>
  );
}

function LinkRow({
  link,
  canManage,
  onRevoke,
}: {
  link: SpaceLink;
  canManage: boolean;
  onRevoke: () => Promise<unknown>;
}) {
  const { t, locale } = useI18n();
  return (
    <li className="flex flex-wrap items-center gap-2 rounded-md border p-3 text-sm">
      <Badge variant={stateVariant[link.state]}>{t(`clients.spaceState.${link.state}`)}</Badge>
      <span>
        {t("clients.spaceSentOn", {
          date: formatDate(link.created_at, locale),
          email: link.email || "—",
        })}
      </span>
      <span className="text-muted-foreground">
        {link.state === "revoked" && link.revoked_at
          ? t("clients.spaceRevokedOn", { date: formatDate(link.revoked_at, locale) })
          : t("clients.spaceUntil", { date: formatDate(link.expires_at, locale) })}
      </span>
      <span className="text-muted-foreground">
        {link.last_opened_at
          ? t("clients.spaceOpened", {
              count: link.open_count,
              date: formatDateTime(link.last_opened_at, locale),
            })
          : t("clients.spaceNeverOpened")}
      </span>
      {canManage && link.state === "active" ? (
        <ConfirmDialog
          trigger={
            <Button variant="outline" size="sm" className="ml-auto">
              {t("clients.spaceRevoke")}
            </Button>
          }
          title={t("clients.spaceRevokeTitle")}
          description={t("clients.spaceRevokeHelp")}
          confirmLabel={t("clients.spaceRevoke")}
          cancelLabel={t("common.cancel")}
          destructive
          onConfirm={async () => {
            await onRevoke();
          }}
        />
      ) : null}
    </li>
  );
}

function IssueDialog({ client }: { client: Client }) {
  const { t } = useI18n();
  const issue = useIssueSpaceLink(client.id);
  const primary =
    client.contacts.find((c) => c.primary && c.email)?.email ??
    client.contacts.find((c) => c.email)?.email ??
    "";
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState(primary);
  const [days, setDays] = useState("30");
  const [send, setSend] = useState(true);
  const [issued, setIssued] = useState<IssuedLink | null>(null);
  const fields: Record<string, string> = issue.isError ? errorsByField(issue.error, t) : {};

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    try {
      setIssued(await issue.mutateAsync({ email, days: Number(days), send }));
    } catch {
      // shown at the fields
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setIssued(null);
          setEmail(primary);
          issue.reset();
        }
      }}
    >
      <DialogTrigger asChild>
        <Button className="justify-self-start">
          <LinkIcon aria-hidden="true" />
          {t("clients.spaceIssue")}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t("common.close")}>
        <DialogHeader>
          <DialogTitle>{t("clients.spaceIssue")}</DialogTitle>
          <DialogDescription>{t("clients.spaceIssueHelp")}</DialogDescription>
        </DialogHeader>
        {issued ? (
          <div className="grid gap-3" data-testid="client-space-issued">
            <p role="status" className="text-sm">
              {issued.emailed
                ? t("clients.spaceEmailed", { email: issued.link.email })
                : t("clients.spaceCreated")}
            </p>
            <CopyField
              value={issued.url}
              label={t("clients.spaceUrl")}
              copyLabel={t("clients.spaceCopy")}
              copiedMessage={t("clients.spaceCopied")}
            />
            <DialogFooter>
              <Button onClick={() => setOpen(false)}>{t("common.close")}</Button>
            </DialogFooter>
          </div>
        ) : (
          <form className="grid gap-4" onSubmit={submit} noValidate>
            <div className="grid gap-2">
              <Label htmlFor="space-email">{t("clients.spaceEmail")}</Label>
              <Input
                id="space-email"
                type="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                aria-invalid={fields.email ? true : undefined}
                aria-describedby={fields.email ? "space-email-error" : undefined}
              />
              {fields.email ? (
                <p id="space-email-error" className="text-sm text-destructive">
                  {fields.email}
                </p>
              ) : null}
            </div>
            <div className="grid gap-2">
              <Label htmlFor="space-days">{t("clients.spaceDays")}</Label>
              <Input
                id="space-days"
                type="number"
                min={1}
                max={90}
                value={days}
                onChange={(e) => setDays(e.target.value)}
                aria-invalid={fields.days ? true : undefined}
                aria-describedby={fields.days ? "space-days-error" : undefined}
                className="w-28"
              />
              {fields.days ? (
                <p id="space-days-error" className="text-sm text-destructive">
                  {fields.days}
                </p>
              ) : null}
            </div>
            <div className="flex items-center gap-2">
              <Checkbox
                id="space-send"
                checked={send}
                onCheckedChange={(value) => setSend(value === true)}
              />
              <Label htmlFor="space-send">{t("clients.spaceSend")}</Label>
            </div>
            {issue.isError && Object.keys(fields).length === 0 ? (
              <p role="alert" className="text-sm text-destructive">
                {issue.error.message}
              </p>
            ) : null}
            <DialogFooter>
              <Button type="submit" disabled={issue.isPending}>
                <SendIcon aria-hidden="true" />
                {send ? t("clients.spaceIssueSend") : t("clients.spaceIssueCreate")}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
