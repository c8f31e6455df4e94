import { CheckCircle2Icon, DatabaseIcon } from "lucide-react";
import { useEffect, useRef } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useReadiness } from "@/features/system/api/get-readiness";
import { errorMessage } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { useDashboard } from "../api/dashboard";
import {
  AgendaTile,
  LateGearTile,
  MaintenanceTile,
  MineTile,
  MoneyTile,
  QuotesTile,
} from "./dashboard-tiles";
import { useI18n } from "@/lib/i18n";
import { staggerChildren } from "@/lib/motion";

function SystemStatusCard() {
  const { t } = useI18n();
  const readiness = useReadiness();
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <DatabaseIcon aria-hidden="true" className="size-4 text-muted-foreground" />
          {t("dashboard.system")}
        </CardTitle>
      </CardHeader>
      <CardContent>
        {readiness.isPending ? (
          <div role="status" className="grid gap-2">
            <span className="sr-only">{t("common.loading")}</span>
            <Skeleton className="h-4 w-40" />
            <Skeleton className="h-4 w-32" />
          </div>
        ) : readiness.isError ? (
          <p role="alert" className="text-sm text-destructive">
            {t("error.network")}
          </p>
        ) : readiness.data.status === "ready" ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-muted-foreground">{t("dashboard.database")}</dt>
            <dd className="flex items-center gap-2">
              {readiness.data.database === "sqlite" ? "SQLite" : "PostgreSQL"}
              <Badge variant="success">{t("dashboard.ready")}</Badge>
            </dd>
            <dt className="text-muted-foreground">{t("dashboard.schema")}</dt>
            <dd className="tabular-nums">{readiness.data.schema_version}</dd>
          </dl>
        ) : (
          <div className="grid gap-2 text-sm">
            <Badge variant="destructive">{t("dashboard.notReady")}</Badge>
            <p className="text-muted-foreground">{readiness.data.reason}</p>
          </div>
        )}
      </CardContent>
    </Card>
  );
}

function DashboardLoading() {
  const { t } = useI18n();
  // Shapes of the tiles to come (an owner's, new organisation: agenda | money, quotes, late
  // gear, maintenance — bench/web.mjs measures the layout shift), so nothing moves when they
  // arrive.
  return (
    <div role="status" className="grid gap-4 md:grid-cols-2">
      <span className="sr-only">{t("common.loading")}</span>
      <Skeleton className="h-72 md:row-span-4" />
      <Skeleton className="h-60" />
      <Skeleton className="h-32" />
      <Skeleton className="h-24" />
      <Skeleton className="h-24" />
    </div>
  );
}

function Tiles() {
  const { t } = useI18n();
  const dashboard = useDashboard();
  const gridRef = useRef<HTMLDivElement>(null);
  const ready = dashboard.isSuccess;
  useEffect(() => {
    if (ready) staggerChildren(gridRef.current);
  }, [ready]);
  if (dashboard.isPending) return <DashboardLoading />;
  if (dashboard.isError) {
    return (
      <div role="alert" className="flex items-center gap-3 text-sm text-destructive">
        {errorMessage(dashboard.error, t)}
        <Button variant="outline" size="sm" onClick={() => void dashboard.refetch()}>
          {t("common.retry")}
        </Button>
      </div>
    );
  }
  const data = dashboard.data;
  return (
    <div ref={gridRef} className="grid items-start gap-4 md:grid-cols-2">
      <div className="grid gap-4 md:row-span-4">
        <AgendaTile data={data} />
      </div>
      {data.money ? <MoneyTile money={data.money} /> : null}
      {data.quotes ? <QuotesTile quotes={data.quotes} /> : null}
      {data.late_gear ? <LateGearTile rows={data.late_gear} /> : null}
      {data.maintenance_due ? <MaintenanceTile rows={data.maintenance_due} /> : null}
      {data.whole_team ? null : <MineTile data={data} />}
    </div>
  );
}

export function DashboardPage() {
  const { t } = useI18n();
  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">{t("dashboard.title")}</h1>
        <p className="text-muted-foreground">{t("dashboard.welcome")}</p>
      </div>
      <Tiles />
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("dashboard.gettingStarted")}</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="grid gap-3">
              <li className="flex items-start gap-3">
                <CheckCircle2Icon aria-hidden="true" className="mt-0.5 size-5 text-success" />
                <div>
                  <p className="font-medium">{t("dashboard.stepOrganization")}</p>
                  <CardDescription>{t("dashboard.stepOrganizationDone")}</CardDescription>
                </div>
              </li>
            </ul>
          </CardContent>
        </Card>
        <SystemStatusCard />
      </div>
    </div>
  );
}

export default DashboardPage;
