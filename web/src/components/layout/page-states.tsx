import { AlertTriangleIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { useI18n } from "@/lib/i18n";

/** Whole-page loading placeholder; announced to screen readers. */
export function PageLoading() {
  const { t } = useI18n();
  return (
    <div role="status" aria-live="polite" className="grid gap-4 p-6">
      <span className="sr-only">{t("common.loading")}</span>
      <Skeleton className="h-8 w-56" />
      <Skeleton className="h-4 w-80 max-w-full" />
      <div className="grid gap-4 md:grid-cols-2">
        <Skeleton className="h-32" />
        <Skeleton className="h-32" />
      </div>
    </div>
  );
}

/** An error the user can act on: what happened, and a retry. */
export function PageError({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div
      role="alert"
      className="mx-auto flex max-w-md flex-col items-center gap-3 p-10 text-center"
    >
      <AlertTriangleIcon aria-hidden="true" className="size-8 text-destructive" />
      <h1 className="text-lg font-semibold">{t("error.title")}</h1>
      <p className="text-sm text-muted-foreground">{message}</p>
      {onRetry ? (
        <Button variant="outline" onClick={onRetry}>
          {t("common.retry")}
        </Button>
      ) : null}
    </div>
  );
}
