import { KeyRoundIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "@/lib/toast";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { useSession } from "@/features/auth/api/get-session";
import { errorMessage } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from "../api/api-tokens";

/** Integration tokens: create (shown once), list, revoke. */
export function ApiTokensCard() {
  const { t, locale } = useI18n();
  const session = useSession();
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>([]);
  const [created, setCreated] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setProblem(null);
    try {
      const result = await create.mutateAsync({ name, scopes });
      setCreated(result.token);
      setName("");
      setScopes([]);
    } catch (error) {
      setProblem(errorMessage(error, t));
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("tokens.title")}</CardTitle>
        <CardDescription>{t("tokens.help")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {created ? (
          <div
            role="status"
            className="grid gap-2 rounded-lg border border-success/40 bg-success/10 p-3"
          >
            <p className="text-sm font-medium">{t("tokens.createdOnce")}</p>
            <CopyField
              value={created}
              label={t("tokens.value")}
              copyLabel={t("tokens.copy")}
              copiedMessage={t("tokens.copied")}
            />
          </div>
        ) : null}
        <form className="grid gap-4" onSubmit={(e) => void submit(e)} noValidate>
          <FormField label={t("tokens.name")} required>
            <Input
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="Zapier, comptabilité…"
            />
          </FormField>
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">{t("tokens.scopes")}</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {session.permissions.map((permission) => (
                <div key={permission} className="flex items-center gap-2">
                  <Checkbox
                    id={`scope-${permission}`}
                    checked={scopes.includes(permission)}
                    onCheckedChange={(checked) =>
                      setScopes((current) =>
                        checked
                          ? [...current, permission]
                          : current.filter((s) => s !== permission),
                      )
                    }
                  />
                  <Label htmlFor={`scope-${permission}`} className="font-mono text-xs">
                    {permission}
                  </Label>
                </div>
              ))}
            </div>
          </fieldset>
          {problem ? (
            <p role="alert" className="text-sm text-destructive">
              {problem}
            </p>
          ) : null}
          <div>
            <Button type="submit" disabled={create.isPending}>
              <KeyRoundIcon aria-hidden="true" />
              {t("tokens.create")}
            </Button>
          </div>
        </form>
        {tokens.isPending ? (
          <Skeleton className="h-16" />
        ) : tokens.isError ? (
          <p role="alert" className="text-sm text-destructive">
            {errorMessage(tokens.error, t)}
          </p>
        ) : tokens.data.length === 0 ? (
          <EmptyState icon={<KeyRoundIcon />} title={t("tokens.empty")} />
        ) : (
          <ul className="grid gap-2" aria-label={t("tokens.title")}>
            {tokens.data.map((token) => (
              <li
                key={token.id}
                className="flex flex-wrap items-center gap-3 rounded-lg border p-3"
              >
                <div className="min-w-0 flex-1">
                  <p className="text-sm font-medium">
                    {token.name}{" "}
                    <code className="text-xs text-muted-foreground">{token.prefix}…</code>
                  </p>
                  <p className="text-xs text-muted-foreground">
                    {token.scopes.join(", ")} ·{" "}
                    {token.last_used_at
                      ? t("tokens.lastUsed", { date: formatDateTime(token.last_used_at, locale) })
                      : t("tokens.neverUsed")}
                  </p>
                </div>
                <ConfirmDialog
                  trigger={
                    <Button variant="ghost" size="sm">
                      {t("tokens.revoke")}
                    </Button>
                  }
                  title={t("tokens.revokeTitle", { name: token.name })}
                  description={t("tokens.revokeConfirm")}
                  confirmLabel={t("tokens.revoke")}
                  cancelLabel={t("common.cancel")}
                  destructive
                  onConfirm={async () => {
                    try {
                      await revoke.mutateAsync(token.id);
                      toast.success(t("tokens.revoked"));
                    } catch (error) {
                      toast.error(errorMessage(error, t));
                    }
                  }}
                />
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
