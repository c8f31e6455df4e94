import type { ReactNode } from "react";
import { errorMessage } from "@/lib/errors";
import { useI18n } from "@/lib/i18n";

interface QueryLike<T> {
  isPending: boolean;
  error: unknown;
  data: T | undefined;
}

/**
 * A card's body over one query: "loading" while it runs, the error when it failed, the empty
 * message when `empty` gives one, else `children` with the data.
 */
export function QueryState<T>({
  query,
  empty,
  children,
}: {
  query: QueryLike<T>;
  empty?: (data: T) => string | null;
  children: (data: T) => ReactNode;
}) {
  const { t } = useI18n();
  if (query.error) {
    return (
      <p role="alert" className="text-destructive">
        {errorMessage(query.error, t)}
      </p>
    );
  }
  if (query.isPending || query.data === undefined) {
    return (
      <p role="status" className="text-muted-foreground">
        {t("common.loading")}
      </p>
    );
  }
  const message = empty?.(query.data) ?? null;
  if (message) return <p className="text-muted-foreground">{message}</p>;
  return <>{children(query.data)}</>;
}
