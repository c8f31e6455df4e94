import { MapPinIcon } from "lucide-react";
import { Link } from "react-router";
import { PageError } from "@/components/layout/page-states";
import { Badge } from "@/components/ui/badge";
import { OfflineNotice } from "@/components/ui/offline-notice";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useSession } from "@/features/auth/api/get-session";
import { errorMessage } from "@/lib/errors";
import { formatDate, formatDateTime, formatTime } from "@/lib/format";
import { useI18n, type MessageKey } from "@/lib/i18n";
import { MY_MISSIONS_DAYS, useMyMissions } from "../api/my-missions";

/**
 * /mes-missions: the member's missions of the next 14 days — when, where, with whom, what gear —
 * kept on the device so they read in a basement or a field (docs/pwa.md).
 */
export function MyMissionsPage() {
  const { t, locale } = useI18n();
  const session = useSession();
  const missions = useMyMissions(session.user.id);

  return (
    <div className="mx-auto grid max-w-2xl gap-4">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">{t("myMissions.title")}</h1>
        <p className="text-sm text-muted-foreground">
          {t("myMissions.subtitle", { days: MY_MISSIONS_DAYS })}
        </p>
      </div>
      {missions.data?.offline ? (
        <OfflineNotice>
          {t("myMissions.offline", { when: formatDateTime(missions.data.savedAt, locale) })}
        </OfflineNotice>
      ) : null}
      {missions.isPending ? (
        <div role="status" aria-live="polite" className="grid gap-3">
          <span className="sr-only">{t("common.loading")}</span>
          <Skeleton className="h-28" />
          <Skeleton className="h-28" />
        </div>
      ) : missions.isError ? (
        <PageError
          message={errorMessage(missions.error, t)}
          onRetry={() => void missions.refetch()}
        />
      ) : missions.data.items.length === 0 ? (
        <EmptyState title={t("myMissions.empty", { days: MY_MISSIONS_DAYS })} />
      ) : (
        <ul className="grid gap-3">
          {missions.data.items.map((m) => (
            <li key={m.id}>
              <Card>
                <CardContent className="grid gap-2 pt-6 text-sm">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-medium text-muted-foreground">
                      {formatDate(m.starts_at, locale)} · {formatTime(m.starts_at, locale)}–
                      {formatTime(m.ends_at, locale)}
                    </span>
                    <Badge variant="secondary">
                      {t(`missions.status.${m.status}` as MessageKey)}
                    </Badge>
                  </div>
                  <h2 className="text-base font-semibold">
                    {missions.data.offline ? (
                      m.title
                    ) : (
                      <Link to={`/missions/${m.id}`} className="hover:underline">
                        {m.title}
                      </Link>
                    )}
                  </h2>
                  {m.venue || m.address ? (
                    <p className="flex items-start gap-1.5">
                      <MapPinIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
                      <span>{[m.venue?.name, m.address].filter(Boolean).join(" — ")}</span>
                    </p>
                  ) : null}
                  {m.client ? (
                    <p>
                      {t("myMissions.client")} : {m.client.name}
                    </p>
                  ) : null}
                  {m.crew.length > 0 ? (
                    <p>
                      {t("myMissions.crew")} : {m.crew.map((c) => c.name).join(", ")}
                    </p>
                  ) : null}
                  {m.equipment.length > 0 ? (
                    <div>
                      <p>{t("myMissions.gear")} :</p>
                      <ul className="ml-4 list-disc">
                        {m.equipment.map((e) => (
                          <li key={e.item_id}>
                            {e.quantity} × {e.name}
                          </li>
                        ))}
                      </ul>
                    </div>
                  ) : null}
                  {m.description ? (
                    <p className="whitespace-pre-line text-muted-foreground">{m.description}</p>
                  ) : null}
                </CardContent>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export default MyMissionsPage;
