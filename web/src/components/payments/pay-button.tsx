import { CreditCardIcon, LockIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/lib/i18n";

/**
 * "Payer en ligne" / "Payer l'acompte" on the client's pages: `busy` from the click until the
 * browser has left for Stripe's page, `error` when the checkout could not be opened.
 */
export function PayButton({
  label,
  busy,
  error,
  onPay,
}: {
  label: string;
  busy: boolean;
  error: string | null;
  onPay: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="grid gap-2">
      <Button size="lg" onClick={onPay} disabled={busy} aria-busy={busy}>
        <CreditCardIcon aria-hidden="true" />
        {busy ? t("pay.redirecting") : label}
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      <p className="flex items-center gap-1.5 text-xs text-muted-foreground">
        <LockIcon aria-hidden="true" className="size-3.5" />
        {t("pay.securedBy")}
      </p>
    </div>
  );
}
