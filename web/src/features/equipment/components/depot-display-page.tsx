import { PackageIcon, TruckIcon, UndoIcon, WrenchIcon } from "lucide-react";
import type { ReactNode } from "react";
import { useParams } from "react-router";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { formatDateTime, formatTime } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import { useDepotDisplay, type DisplayMission } from "../api/inventory";

function Panel({
  title,
  icon,
  count,
  children,
  testId,
}: {
  title: string;
  icon: ReactNode;
  count: number;
  children: ReactNode;
  testId: string;
}) {
  return (
    <section
      aria-label={title}
      data-testid={testId}
      className="flex min-h-0 flex-col gap-3 rounded-xl bg-slate-900 p-4"
    >
      <h2 className="flex items-center gap-2 text-xl font-semibold">
        <span aria-hidden="true">{icon}</span>
        {title}
        <span className="ml-auto rounded-full bg-slate-700 px-3 text-lg tabular-nums">{count}</span>
      </h2>
      <div className="grid gap-3 overflow-auto">{children}</div>
    </section>
  );
}

function MissionBlock({ mission, when }: { mission: DisplayMission; when: string }) {
  return (
    <article className="rounded-lg bg-slate-800 p-3">
      <p className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="text-lg font-semibold">{mission.title}</span>
        <span className="tabular-nums text-slate-300">{when}</span>
      </p>
      {mission.address || mission.lead_name ? (
        <p className="text-sm text-slate-300">
          {[mission.address, mission.lead_name].filter(Boolean).join(" · ")}
        </p>
      ) : null}
      <ul className="mt-2 grid gap-1 text-base">
        {mission.lines.map((l) => (
          <li key={l.item_id} className="flex justify-between gap-2">
            <span>{l.name}</span>
            <span className="tabular-nums text-slate-300">
              {l.out}/{l.booked}
            </span>
          </li>
        ))}
      </ul>
    </article>
  );
}

/**
 * A depot's wall display: a screen in the warehouse, no session, opened with a revocable link.
 * Today's departures and returns, gear out with missions, gear at the repairer; it refreshes
 * itself every minute.
 */
export default function DepotDisplayPage() {
  const { t, locale } = useI18n();
  const { token = "" } = useParams();
  const display = useDepotDisplay(token);
  if (display.isPending) {
    return (
      <main id="main" className="grid min-h-dvh gap-4 bg-slate-950 p-6" role="status">
        <span className="sr-only">{t("common.loading")}</span>
        <Skeleton className="h-16 bg-slate-800" />
        <Skeleton className="h-96 bg-slate-800" />
      </main>
    );
  }
  if (display.isError) {
    const gone = display.error instanceof ApiError && display.error.status === 404;
    return (
      <main id="main" className="grid min-h-dvh place-items-center bg-slate-950 p-6 text-white">
        <p role="alert" className="max-w-lg text-center text-xl">
          {gone ? t("display.gone") : errorMessage(display.error, t)}
        </p>
      </main>
    );
  }
  const d = display.data;
  const hour = (iso: string) => formatTime(iso, locale);
  return (
    <main
      id="main"
      className="grid min-h-dvh grid-rows-[auto_1fr] gap-4 bg-slate-950 p-4 text-white lg:p-6"
    >
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-3xl font-bold">{d.site}</h1>
        <p className="text-lg text-slate-300">
          {d.organization} · {t("display.updated", { time: formatDateTime(d.now, locale) })}
        </p>
      </header>
      <div className="grid min-h-0 gap-4 md:grid-cols-2 xl:grid-cols-4">
        <Panel
          title={t("display.departures")}
          icon={<TruckIcon />}
          count={d.departures.length}
          testId="display-departures"
        >
          {d.departures.length === 0 ? (
            <p className="text-slate-400">{t("display.none")}</p>
          ) : (
            d.departures.map((m) => (
              <MissionBlock key={m.mission_id} mission={m} when={hour(m.starts_at)} />
            ))
          )}
        </Panel>
        <Panel
          title={t("display.returns")}
          icon={<UndoIcon />}
          count={d.returns.length}
          testId="display-returns"
        >
          {d.returns.length === 0 ? (
            <p className="text-slate-400">{t("display.none")}</p>
          ) : (
            d.returns.map((m) => (
              <MissionBlock key={m.mission_id} mission={m} when={hour(m.ends_at)} />
            ))
          )}
        </Panel>
        <Panel
          title={t("display.out")}
          icon={<PackageIcon />}
          count={d.out.length}
          testId="display-out"
        >
          {d.out.length === 0 ? (
            <p className="text-slate-400">{t("display.none")}</p>
          ) : (
            <ul className="grid gap-2">
              {d.out.map((o) => (
                <li key={`${o.mission_id}-${o.item_id}`} className="rounded-lg bg-slate-800 p-2">
                  <p className="font-medium">
                    {o.quantity} × {o.item_name}
                  </p>
                  <p className="text-sm text-slate-300">
                    {o.mission_title}
                    {o.held_by ? ` · ${o.held_by}` : ""}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel
          title={t("display.maintenance")}
          icon={<WrenchIcon />}
          count={d.maintenance.length}
          testId="display-maintenance"
        >
          {d.maintenance.length === 0 ? (
            <p className="text-slate-400">{t("display.none")}</p>
          ) : (
            <ul className="grid gap-2">
              {d.maintenance.map((m) => (
                <li key={m.id} className="rounded-lg bg-slate-800 p-2">
                  <p className="font-medium">
                    {m.quantity} × {m.item_name}
                  </p>
                  {m.description || m.vendor_name ? (
                    <p className="text-sm text-slate-300">
                      {[m.description, m.vendor_name].filter(Boolean).join(" · ")}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
    </main>
  );
}
