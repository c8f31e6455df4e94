import {
  AlertTriangleIcon,
  CalendarDaysIcon,
  FileTextIcon,
  MapPinIcon,
  PackageIcon,
  PalmtreeIcon,
  WalletIcon,
  WrenchIcon,
} from "lucide-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { APP_TIME_ZONE, formatDate, formatMoney, formatTime } from "@/lib/format";
import { useI18n, type MessageKey } from "@/lib/i18n";
import type { Dashboard, DashboardMission, DashboardOut } from "../api/dashboard";

function Tile({
  title,
  icon,
  children,
  testId,
}: {
  title: string;
  icon: ReactNode;
  children: ReactNode;
  testId: string;
}) {
  return (
    <Card data-testid={testId}>
      <CardHeader>
        <CardTitle className="flex items-center gap-2 text-base">
          {icon}
          {title}
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">{children}</CardContent>
    </Card>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="text-muted-foreground">{children}</p>;
}

/** "jeudi 26 novembre" in Paris, for a day heading. */
function dayLabel(iso: string, locale: "fr" | "en") {
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
    timeZone: APP_TIME_ZONE,
    weekday: "long",
    day: "numeric",
    month: "long",
  }).format(new Date(iso));
}

function mapLink(address: string) {
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`;
}

/** A mission of the agenda; the gaps are the office's business, not the crew's. */
function MissionLine({ mission, showGaps }: { mission: DashboardMission; showGaps: boolean }) {
  const { t, locale } = useI18n();
  return (
    <li className="grid gap-1 rounded-md border p-2">
      <div className="flex flex-wrap items-center gap-2">
        <span className="tabular-nums text-muted-foreground">
          {formatTime(mission.starts_at, locale)}–{formatTime(mission.ends_at, locale)}
        </span>
        <Link
          to={`/missions/${mission.id}`}
          className="font-medium underline-offset-4 hover:underline"
        >
          {mission.title}
        </Link>
        {(showGaps ? mission.gaps : []).map((gap) => (
          <Badge key={gap} variant="warning">
            {t(`dashboard.gap.${gap}` as MessageKey)}
          </Badge>
        ))}
      </div>
      {mission.address ? (
        <a
          href={mapLink(mission.address)}
          target="_blank"
          rel="noreferrer noopener"
          className="flex items-center gap-1 text-muted-foreground underline-offset-4 hover:underline"
        >
          <MapPinIcon aria-hidden="true" className="size-3.5" />
          {mission.venue_name ? `${mission.venue_name} — ` : ""}
          {mission.address}
        </a>
      ) : null}
      {mission.crew.length > 0 ? (
        <p className="text-muted-foreground">
          {mission.crew
            .map((c) => `${c.name} (${t(`missions.position.${c.position}` as MessageKey)})`)
            .join(", ")}
        </p>
      ) : null}
    </li>
  );
}

/** The week for planners, the caller's next missions for crew; grouped by day. */
export function AgendaTile({ data }: { data: Dashboard }) {
  const { t, locale } = useI18n();
  const days = new Map<string, DashboardMission[]>();
  for (const mission of data.agenda) {
    const key = dayLabel(mission.starts_at, locale);
    days.set(key, [...(days.get(key) ?? []), mission]);
  }
  return (
    <Tile
      testId="dashboard-agenda"
      title={data.whole_team ? t("dashboard.week") : t("dashboard.myMissions")}
      icon={<CalendarDaysIcon aria-hidden="true" className="size-4 text-muted-foreground" />}
    >
      {data.agenda.length === 0 ? (
        <div className="grid justify-items-start gap-2">
          <Empty>
            {data.whole_team ? t("dashboard.weekEmpty") : t("dashboard.myMissionsEmpty")}
          </Empty>
          {data.whole_team ? (
            <Button asChild size="sm" variant="outline">
              <Link to="/planning">{t("dashboard.openPlanning")}</Link>
            </Button>
          ) : null}
        </div>
      ) : (
        [...days.entries()].map(([day, missions]) => (
          <section key={day} className="grid gap-2">
            <h3 className="text-xs font-semibold uppercase tracking-wide text-muted-foreground">
              {day}
            </h3>
            <ul className="grid gap-2">
              {missions.map((m) => (
                <MissionLine key={m.id} mission={m} showGaps={data.whole_team} />
              ))}
            </ul>
          </section>
        ))
      )}
    </Tile>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums">{value}</dd>
      {hint ? <dd className="text-xs text-muted-foreground">{hint}</dd> : null}
    </div>
  );
}

export function MoneyTile({ money }: { money: NonNullable<Dashboard["money"]> }) {
  const { t, locale } = useI18n();
  return (
    <Tile
      testId="dashboard-money"
      title={t("dashboard.money")}
      icon={<WalletIcon aria-hidden="true" className="size-4 text-muted-foreground" />}
    >
      <dl className="grid grid-cols-2 gap-3">
        <Figure
          label={t("dashboard.invoicedMonth")}
          value={formatMoney(money.invoiced_net_cents, locale)}
          hint={t("dashboard.lastYear", {
            amount: formatMoney(money.invoiced_net_last_year_cents, locale),
          })}
        />
        <Figure
          label={t("dashboard.collectedMonth")}
          value={formatMoney(money.collected_cents, locale)}
        />
        <Figure label={t("dashboard.due")} value={formatMoney(money.due_cents, locale)} />
        <Figure
          label={t("dashboard.overdue", { count: money.overdue_count })}
          value={formatMoney(money.overdue_cents, locale)}
        />
      </dl>
      {money.overdue.length > 0 ? (
        <ul className="grid gap-1" aria-label={t("dashboard.overdueList")}>
          {money.overdue.map((invoice) => (
            <li key={invoice.id} className="flex items-center justify-between gap-2">
              <Link
                to={`/factures/${invoice.id}`}
                className="flex items-center gap-1 underline-offset-4 hover:underline"
              >
                <AlertTriangleIcon aria-hidden="true" className="size-3.5 text-destructive" />
                {invoice.number} · {invoice.client_name}
              </Link>
              <span className="tabular-nums">
                {formatMoney(invoice.remaining_cents, locale)}
                {invoice.due_date ? ` · ${formatDate(invoice.due_date, locale)}` : ""}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {money.deposits_count > 0 ? (
        <p className="text-muted-foreground">
          {t("dashboard.deposits", {
            count: money.deposits_count,
            amount: formatMoney(money.deposits_cents, locale),
          })}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {money.overdue_count > 0 ? (
          <Link
            to="/factures?statut=overdue"
            className="text-primary underline-offset-4 hover:underline"
          >
            {t("dashboard.seeOverdue")}
          </Link>
        ) : null}
        <Link to="/factures" className="text-primary underline-offset-4 hover:underline">
          {t("dashboard.seeInvoices")}
        </Link>
      </div>
    </Tile>
  );
}

export function QuotesTile({ quotes }: { quotes: NonNullable<Dashboard["quotes"]> }) {
  const { t, locale } = useI18n();
  return (
    <Tile
      testId="dashboard-quotes"
      title={t("dashboard.quotes")}
      icon={<FileTextIcon aria-hidden="true" className="size-4 text-muted-foreground" />}
    >
      {quotes.awaiting === 0 ? (
        <Empty>{t("dashboard.quotesEmpty")}</Empty>
      ) : (
        <p>
          {t("dashboard.quotesAwaiting", {
            count: quotes.awaiting,
            amount: formatMoney(quotes.awaiting_gross_cents, locale),
          })}
        </p>
      )}
      {quotes.expiring.length > 0 ? (
        <ul className="grid gap-1" aria-label={t("dashboard.expiring")}>
          {quotes.expiring.map((quote) => (
            <li key={quote.id} className="flex items-center justify-between gap-2">
              <Link to={`/devis/${quote.id}`} className="underline-offset-4 hover:underline">
                {quote.number} · {quote.client_name}
              </Link>
              <span className="tabular-nums text-muted-foreground">
                {t("dashboard.validUntil", { date: formatDate(quote.valid_until, locale) })}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <Link
        to={quotes.awaiting > 0 ? "/devis?statut=sent" : "/devis"}
        className="text-primary underline-offset-4 hover:underline"
      >
        {quotes.awaiting > 0 ? t("dashboard.seeAwaitingQuotes") : t("dashboard.seeQuotes")}
      </Link>
    </Tile>
  );
}

function OutList({ rows }: { rows: DashboardOut[] }) {
  const { t, locale } = useI18n();
  return (
    <ul className="grid gap-1">
      {rows.map((row) => (
        <li key={`${row.mission_id}-${row.item_id}`} className="grid gap-0.5">
          <span>
            {row.quantity} × {row.item_name}
          </span>
          <Link
            to={`/missions/${row.mission_id}`}
            className="text-muted-foreground underline-offset-4 hover:underline"
          >
            {t("dashboard.outWith", {
              mission: row.mission_title,
              date: formatDate(row.mission_ends_at, locale),
            })}
            {row.lead_name ? ` · ${row.lead_name}` : ""}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function LateGearTile({ rows }: { rows: DashboardOut[] }) {
  const { t } = useI18n();
  return (
    <Tile
      testId="dashboard-late-gear"
      title={t("dashboard.lateGear")}
      icon={<PackageIcon aria-hidden="true" className="size-4 text-muted-foreground" />}
    >
      {rows.length === 0 ? <Empty>{t("dashboard.lateGearEmpty")}</Empty> : <OutList rows={rows} />}
    </Tile>
  );
}

/** Periodic checks due within the fortnight (or overdue), each leading to its item. */
export function MaintenanceTile({ rows }: { rows: NonNullable<Dashboard["maintenance_due"]> }) {
  const { t, locale } = useI18n();
  return (
    <Tile
      testId="dashboard-maintenance"
      title={t("dashboard.maintenance")}
      icon={<WrenchIcon aria-hidden="true" className="size-4 text-muted-foreground" />}
    >
      {rows.length === 0 ? (
        <Empty>{t("dashboard.maintenanceEmpty")}</Empty>
      ) : (
        <ul className="grid gap-1">
          {rows.map((row) => (
            <li key={row.item_id} className="flex items-center justify-between gap-2">
              <Link
                to={`/materiel/${row.item_id}`}
                className="flex items-center gap-1 underline-offset-4 hover:underline"
              >
                {row.overdue ? (
                  <AlertTriangleIcon aria-hidden="true" className="size-3.5 text-destructive" />
                ) : null}
                {row.name}
              </Link>
              <span className="tabular-nums text-muted-foreground">
                {t(row.overdue ? "dashboard.maintenanceOverdue" : "dashboard.maintenanceDue", {
                  date: formatDate(`${row.due_on}T12:00:00Z`, locale),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Tile>
  );
}

/** The caller's own: time off coming, gear out with their missions. */
export function MineTile({ data }: { data: Dashboard }) {
  const { t, locale } = useI18n();
  return (
    <Tile
      testId="dashboard-mine"
      title={t("dashboard.mine")}
      icon={<PalmtreeIcon aria-hidden="true" className="size-4 text-muted-foreground" />}
    >
      <section className="grid gap-1">
        <h3 className="font-medium">{t("dashboard.timeOff")}</h3>
        {data.time_off.length === 0 ? (
          <Empty>{t("dashboard.timeOffEmpty")}</Empty>
        ) : (
          <ul className="grid gap-1">
            {data.time_off.map((off) => (
              <li key={off.id}>
                {formatDate(off.starts_at, locale)} → {formatDate(off.ends_at, locale)}
                {off.reason ? ` · ${off.reason}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="grid gap-1">
        <h3 className="font-medium">{t("dashboard.myGear")}</h3>
        {data.my_gear.length === 0 ? (
          <Empty>{t("dashboard.myGearEmpty")}</Empty>
        ) : (
          <OutList rows={data.my_gear} />
        )}
      </section>
    </Tile>
  );
}
