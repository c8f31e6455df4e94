import { Navigate, Outlet } from "react-router";
import { PageError, PageLoading } from "@/components/layout/page-states";
import { useSetupStatus } from "@/features/setup/api/get-setup-status";
import { ApiError } from "@/lib/api-client";
import { useI18n } from "@/lib/i18n";

/** Sends a fresh instance to the first-run screen before anything else. */
export function SetupGate() {
  const { t } = useI18n();
  const status = useSetupStatus();
  if (status.isPending) return <PageLoading />;
  // Offline on a device that was signed in here: set up long ago; the pages kept for offline
  // reading may open (docs/pwa.md).
  if (
    status.isError &&
    status.error instanceof ApiError &&
    status.error.code === "NETWORK" &&
    localStorage.getItem("planify.offline.session")
  ) {
    return <Outlet />;
  }
  if (status.isError) {
    const message =
      status.error instanceof ApiError && status.error.code !== "NETWORK"
        ? status.error.message
        : t("error.network");
    return <PageError message={message} onRetry={() => void status.refetch()} />;
  }
  if (status.data.needed) return <Navigate to="/bienvenue" replace />;
  return <Outlet />;
}
