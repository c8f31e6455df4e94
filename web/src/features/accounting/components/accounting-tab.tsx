import { DownloadIcon, Loader2Icon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { toast } from "@/lib/toast";
import { PageError, PageLoading } from "@/components/layout/page-states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { ApiError } from "@/lib/api-client";
import { startDownload } from "@/lib/download";
import { errorMessage } from "@/lib/errors";
import { formatMoney } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import { parisToday } from "@/lib/paris-time";
import {
  downloadFec,
  useAccountingSettings,
  useSaveAccountingSettings,
  useVatSummary,
  type AccountingSettings,
} from "../api/accounting";

const RATES = ["2000", "1000", "550", "210", "0"] as const;

function rateText(bp: string | number): string {
  return `${String(Number(bp) / 100).replace(".", ",")} %`;
}

type TextKey = Exclude<
  keyof AccountingSettings,
  "revenue_by_rate" | "vat_by_rate" | "vat_on_debits"
>;

function AccountsForm({ settings }: { settings: AccountingSettings }) {
  const { t } = useI18n();
  const save = useSaveAccountingSettings();
  const [draft, setDraft] = useState<AccountingSettings>(settings);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const text = (key: TextKey, label: string) => (
    <FormField label={label} error={errors[key]}>
      <Input
        value={draft[key]}
        onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))}
      />
    </FormField>
  );
  const byRate = (map: "revenue_by_rate" | "vat_by_rate", rate: string, label: string) => (
    <FormField key={`${map}.${rate}`} label={label} error={errors[`${map}.${rate}`]}>
      <Input
        value={draft[map][rate] ?? ""}
        onChange={(e) => setDraft((d) => ({ ...d, [map]: { ...d[map], [rate]: e.target.value } }))}
      />
    </FormField>
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    try {
      const saved = await save.mutateAsync(draft);
      setDraft(saved);
      toast.success(t("accounting.saved"));
    } catch (error) {
      if (error instanceof ApiError) setErrors(error.fieldMap());
      toast.error(errorMessage(error, t));
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("accounting.accounts")}</CardTitle>
        <CardDescription>{t("accounting.accountsHelp")}</CardDescription>
      </CardHeader>
      <CardContent>
        <form className="grid gap-5" onSubmit={(e) => void submit(e)} noValidate>
          <div className="grid gap-4 sm:grid-cols-2">
            {text("sales_journal", t("accounting.salesJournal"))}
            {text("sales_journal_label", t("accounting.salesJournalLabel"))}
            {text("bank_journal", t("accounting.bankJournal"))}
            {text("bank_journal_label", t("accounting.bankJournalLabel"))}
            {text("client_account", t("accounting.clientAccount"))}
            {text("deposit_account", t("accounting.depositAccount"))}
            {text("bank_account", t("accounting.bankAccount"))}
            {text("cash_account", t("accounting.cashAccount"))}
          </div>
          <fieldset className="grid gap-3">
            <legend className="mb-2 text-sm font-medium">{t("accounting.revenueAccounts")}</legend>
            <div className="grid gap-4 sm:grid-cols-3">
              {RATES.map((rate) =>
                byRate("revenue_by_rate", rate, t("accounting.atRate", { rate: rateText(rate) })),
              )}
              {text("revenue_account", t("accounting.otherRates"))}
            </div>
          </fieldset>
          <fieldset className="grid gap-3">
            <legend className="mb-2 text-sm font-medium">{t("accounting.vatAccounts")}</legend>
            <div className="grid gap-4 sm:grid-cols-3">
              {RATES.filter((r) => r !== "0").map((rate) =>
                byRate("vat_by_rate", rate, t("accounting.atRate", { rate: rateText(rate) })),
              )}
              {text("vat_account", t("accounting.otherRates"))}
            </div>
          </fieldset>
          <div className="flex items-start gap-3">
            <Switch
              id="vat-on-debits"
              checked={draft.vat_on_debits}
              onCheckedChange={(checked) => setDraft((d) => ({ ...d, vat_on_debits: checked }))}
            />
            <div className="grid gap-1">
              <Label htmlFor="vat-on-debits">{t("accounting.vatOnDebits")}</Label>
              <p className="text-xs text-muted-foreground">{t("accounting.vatOnDebitsHelp")}</p>
            </div>
          </div>
          <div className="flex justify-end">
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? <Loader2Icon className="animate-spin" /> : null}
              {t("common.save")}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

function FecAndVat() {
  const { t, locale } = useI18n();
  const year = parisToday().slice(0, 4);
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [busy, setBusy] = useState(false);
  const vat = useVatSummary(from, to);

  async function fec() {
    setBusy(true);
    try {
      const { blob, name } = await downloadFec(from, to);
      const url = URL.createObjectURL(blob);
      startDownload(url, name);
      URL.revokeObjectURL(url);
    } catch (error) {
      toast.error(errorMessage(error, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("accounting.fecAndVat")}</CardTitle>
        <CardDescription>{t("accounting.fecAndVatHelp")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <div className="flex flex-wrap items-end gap-3">
          <div className="grid gap-1.5">
            <Label htmlFor="accounting-from">{t("exports.from")}</Label>
            <Input
              id="accounting-from"
              type="date"
              className="w-40"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
            />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="accounting-to">{t("exports.to")}</Label>
            <Input
              id="accounting-to"
              type="date"
              className="w-40"
              value={to}
              onChange={(e) => setTo(e.target.value)}
            />
          </div>
          <Button variant="outline" onClick={() => void fec()} disabled={busy}>
            {busy ? <Loader2Icon className="animate-spin" /> : <DownloadIcon />}
            {t("accounting.downloadFec")}
          </Button>
        </div>
        <section aria-labelledby="vat-summary" className="grid gap-2">
          <h3 id="vat-summary" className="text-sm font-medium">
            {vat.data
              ? t(
                  vat.data.basis === "debits"
                    ? "accounting.vatTitleDebits"
                    : "accounting.vatTitleReceipts",
                )
              : t("accounting.vatTitle")}
          </h3>
          {vat.isPending ? (
            <p className="text-sm text-muted-foreground">{t("common.loading")}</p>
          ) : vat.isError ? (
            <p role="alert" className="text-sm text-destructive">
              {errorMessage(vat.error, t)}
            </p>
          ) : vat.data.franchise ? (
            <p className="text-sm text-muted-foreground">{t("accounting.franchise")}</p>
          ) : vat.data.rates.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("accounting.noVat")}</p>
          ) : (
            <table className="w-full text-sm" data-testid="vat-summary">
              <thead>
                <tr className="border-b text-left text-xs text-muted-foreground">
                  <th className="py-2 font-medium">{t("accounting.rate")}</th>
                  <th className="py-2 text-right font-medium">{t("accounting.base")}</th>
                  <th className="py-2 text-right font-medium">{t("accounting.vat")}</th>
                </tr>
              </thead>
              <tbody>
                {vat.data.rates.map((r) => (
                  <tr key={r.rate_bp} className="border-b">
                    <td className="py-2">{rateText(r.rate_bp)}</td>
                    <td className="py-2 text-right tabular-nums">
                      {formatMoney(r.base_cents, locale)}
                    </td>
                    <td className="py-2 text-right tabular-nums">
                      {formatMoney(r.vat_cents, locale)}
                    </td>
                  </tr>
                ))}
                <tr className="font-medium">
                  <td className="py-2">{t("accounting.total")}</td>
                  <td className="py-2 text-right tabular-nums">
                    {formatMoney(vat.data.base_cents, locale)}
                  </td>
                  <td className="py-2 text-right tabular-nums">
                    {formatMoney(vat.data.vat_cents, locale)}
                  </td>
                </tr>
              </tbody>
            </table>
          )}
        </section>
      </CardContent>
    </Card>
  );
}

/** Settings → Comptabilité: accounts and journals, the FEC, the VAT collected. */
export function AccountingTab() {
  const { t } = useI18n();
  const settings = useAccountingSettings();
  if (settings.isPending) return <PageLoading />;
  if (settings.isError) {
    return (
      <PageError
        message={errorMessage(settings.error, t)}
        onRetry={() => void settings.refetch()}
      />
    );
  }
  return (
    <div className="grid gap-6">
      <FecAndVat />
      <AccountsForm key={JSON.stringify(settings.data)} settings={settings.data} />
    </div>
  );
}
