import { Navigate, Outlet, useLocation } from "react-router";
import { PageError, PageLoading } from "@/components/layout/page-states";
import { useSessionQuery } from "@/features/auth/api/get-session";
import { ApiError } from "@/lib/api-client";
import { useI18n } from "@/lib/i18n";

/** Keeps the signed-in area for signed-in users; others go to the sign-in page and come back. */
export function AuthGate() {
  const { t } = useI18n();
  const session = useSessionQuery();
  const location = useLocation();
  if (session.isPending) return <PageLoading />;
  if (session.isError) {
    const message =
      session.error instanceof ApiError && session.error.code !== "NETWORK"
        ? session.error.message
        : t("error.network");
    return <PageError message={message} onRetry={() => void session.refetch()} />;
  }
  if (!session.data) {
    const next = location.pathname + location.search;
    const target = next === "/" ? "/connexion" : `/connexion?suivant=${encodeURIComponent(next)}`;
    return <Navigate to={target} replace />;
  }
  return <Outlet />;
}
