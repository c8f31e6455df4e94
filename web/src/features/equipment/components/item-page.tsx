import {
  ArrowLeftIcon,
  ArrowRightLeftIcon,
  PencilIcon,
  PrinterIcon,
  ScanLineIcon,
} from "lucide-react";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { PageError, PageLoading } from "@/components/layout/page-states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { useCan } from "@/features/auth/api/get-session";
import { errorMessage } from "@/lib/errors";
import { formatDate, formatDateTime, formatMoney } from "@/lib/format";
import { useI18n, type MessageKey } from "@/lib/i18n";
import { useItemStock } from "../api/inventory";
import {
  useEquipmentItem,
  useItemCalendar,
  useItemMaintenance,
  useItemMovements,
} from "../api/item";
import { labelsUrl, useScanView, type Movement } from "../api/logistics";
import { gramsToKg } from "../lib/quantities";
import { EquipmentDialog, STATUS_LABELS } from "./equipment-dialog";
import { TransferDialog } from "./inventory-cards";
import { QueryState } from "./query-state";
import { UnitsCard } from "./units-card";
import { ItemPhotoCard } from "./photo-card";

const KIND_LABELS: Record<string, MessageKey> = {
  check_out: "item.kind.check_out",
  return: "item.kind.return",
  loss: "item.kind.loss",
  found: "item.kind.found",
  maintenance_in: "item.kind.maintenance_in",
  maintenance_out: "item.kind.maintenance_out",
  transfer: "item.kind.transfer",
};

const MISSION_STATUS: Record<string, MessageKey> = {
  draft: "missions.status.draft",
  planned: "missions.status.planned",
  confirmed: "missions.status.confirmed",
  in_progress: "missions.status.in_progress",
  completed: "missions.status.completed",
  canceled: "missions.status.canceled",
};

function MovementLine({ m }: { m: Movement }) {
  const { t, locale } = useI18n();
  const where =
    m.kind === "transfer"
      ? `${m.from_site_name ?? t("equipment.noSite")} → ${m.to_site_name ?? t("equipment.noSite")}`
      : (m.mission_title ?? "");
  return (
    <li className="grid gap-0.5 border-b pb-2 last:border-0">
      <p className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-medium">
          {t(KIND_LABELS[m.kind] ?? "item.kind.other")} × {m.quantity}
          {m.condition && m.condition !== "ok"
            ? ` · ${t(`scanner.condition.${m.condition}` as MessageKey)}`
            : ""}
        </span>
        <span className="tabular-nums text-muted-foreground">
          {formatDateTime(m.occurred_at, locale)}
        </span>
      </p>
      <p className="text-muted-foreground">
        {[
          where,
          m.unit_id ? m.unit_serial || `UNI-${m.unit_id}` : "",
          m.kit_name ? t("item.inKit", { name: m.kit_name }) : "",
          m.user_name,
          m.notes,
        ]
          .filter(Boolean)
          .join(" · ")}
      </p>
    </li>
  );
}

/**
 * One item's sheet: stock per depot, who has it out, the missions holding it, its maintenance
 * and its whole journal, with its label and the scanner a tap away.
 */
export default function ItemPage() {
  const { t, locale } = useI18n();
  const id = Number(useParams().id);
  const canManage = useCan("equipment.manage");
  const item = useEquipmentItem(id);
  const scan = useScanView(id);
  const stock = useItemStock(id);
  const maintenance = useItemMaintenance(id);
  const movements = useItemMovements(id);
  // A month back and three months ahead, fixed when the page opens.
  const [range] = useState(() => {
    const now = new Date().getTime();
    return {
      from: new Date(now - 30 * 86_400_000).toISOString(),
      to: new Date(now + 90 * 86_400_000).toISOString(),
    };
  });
  const calendar = useItemCalendar(id, range.from, range.to);
  const [editing, setEditing] = useState(false);
  const [moving, setMoving] = useState(false);

  if (item.isPending) return <PageLoading />;
  if (item.isError) {
    return <PageError message={errorMessage(item.error, t)} onRetry={() => void item.refetch()} />;
  }
  const i = item.data;
  const journal = movements.data?.pages.flatMap((p) => p.items) ?? [];
  const outCount =
    (scan.data?.out ?? []).reduce((sum, o) => sum + o.quantity, 0) +
    (scan.data?.out_elsewhere ?? 0);
  return (
    <div className="mx-auto grid max-w-5xl gap-6">
      <Link
        to="/materiel"
        className="flex items-center gap-1 text-sm text-muted-foreground hover:underline"
      >
        <ArrowLeftIcon aria-hidden="true" className="size-4" />
        {t("item.back")}
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">{i.name}</h1>
          <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
            <Badge variant={i.status === "available" ? "outline" : "secondary"}>
              {t(STATUS_LABELS[i.status])}
            </Badge>
            <span className="font-mono">{i.short_code}</span>
            {i.barcode ? <span className="font-mono">{i.barcode}</span> : null}
            {i.brand || i.model ? (
              <span>{[i.brand, i.model].filter(Boolean).join(" ")}</span>
            ) : null}
            {i.category ? <span>{i.category}</span> : null}
            <span>{i.storage_site?.name ?? t("equipment.noSite")}</span>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button asChild variant="outline">
            <Link to={`/scanner/materiel/${i.id}`}>
              <ScanLineIcon aria-hidden="true" />
              {t("item.scan")}
            </Link>
          </Button>
          {canManage ? (
            <>
              <Button asChild variant="outline">
                <a href={labelsUrl([i.id], "single", 0)} target="_blank" rel="noopener">
                  <PrinterIcon aria-hidden="true" />
                  {t("item.label")}
                </a>
              </Button>
              {i.tracking === "unit" ? null : (
                <Button variant="outline" onClick={() => setMoving(true)}>
                  <ArrowRightLeftIcon aria-hidden="true" />
                  {t("transfer.submit")}
                </Button>
              )}
              <Button onClick={() => setEditing(true)}>
                <PencilIcon aria-hidden="true" />
                {t("item.edit")}
              </Button>
            </>
          ) : null}
        </div>
      </div>

      <div className="grid gap-6 md:grid-cols-2">
        {i.tracking === "unit" ? <UnitsCard item={i} canManage={canManage} /> : null}
        {i.photo_url || canManage ? <ItemPhotoCard item={i} canManage={canManage} /> : null}
        <Card>
          <CardHeader>
            <CardTitle>{t("item.stock")}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-3 text-sm">
            <dl className="grid grid-cols-2 gap-2" data-testid="item-figures">
              <dt className="text-muted-foreground">{t("equipment.owned")}</dt>
              <dd className="tabular-nums">{i.quantity_owned}</dd>
              <dt className="text-muted-foreground">{t("item.onShelf")}</dt>
              <dd className="tabular-nums">{scan.data?.on_shelf ?? "…"}</dd>
              <dt className="text-muted-foreground">{t("item.out")}</dt>
              <dd className="tabular-nums">{scan.data ? outCount : "…"}</dd>
              <dt className="text-muted-foreground">{t("equipment.outOfService")}</dt>
              <dd className="tabular-nums">{i.quantity_out_of_service}</dd>
              {i.replacement_value_cents !== null && i.replacement_value_cents !== undefined ? (
                <>
                  <dt className="text-muted-foreground">{t("equipment.worth")}</dt>
                  <dd className="tabular-nums">{formatMoney(i.replacement_value_cents, locale)}</dd>
                </>
              ) : null}
              {i.weight_grams !== null && i.weight_grams !== undefined ? (
                <>
                  <dt className="text-muted-foreground">{t("equipment.weight")}</dt>
                  <dd className="tabular-nums">{gramsToKg(i.weight_grams)}</dd>
                </>
              ) : null}
            </dl>
            <QueryState query={stock}>
              {(data) => (
                <ul className="grid gap-1" aria-label={t("item.byDepot")}>
                  {data.sites.map((s) => (
                    <li key={s.site_id ?? "none"} className="flex justify-between">
                      <span>
                        {s.name ?? t("equipment.noSite")}
                        {s.home ? ` · ${t("transfer.home")}` : ""}
                      </span>
                      <span className="tabular-nums">{s.quantity}</span>
                    </li>
                  ))}
                </ul>
              )}
            </QueryState>
            {(scan.data?.out ?? []).length > 0 ? (
              <ul className="grid gap-1" aria-label={t("item.out")}>
                {scan.data?.out.map((o) => (
                  <li key={o.mission_id}>
                    <Link to={`/missions/${o.mission_id}`} className="hover:underline">
                      {o.quantity} × {o.mission_title}
                    </Link>
                    {o.held_by ? (
                      <span className="text-muted-foreground"> · {o.held_by}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>{t("item.calendar")}</CardTitle>
          </CardHeader>
          <CardContent className="text-sm">
            <QueryState
              query={calendar}
              empty={(rows) => (rows.length === 0 ? t("item.calendarEmpty") : null)}
            >
              {(rows) => (
                <ul className="grid gap-2" data-testid="item-calendar">
                  {rows.map((m) => (
                    <li key={m.id} className="flex items-start justify-between gap-2">
                      <div>
                        <Link to={`/missions/${m.id}`} className="font-medium hover:underline">
                          {m.title}
                        </Link>
                        <p className="text-muted-foreground">
                          {formatDateTime(m.starts_at, locale)} →{" "}
                          {formatDateTime(m.ends_at, locale)}
                        </p>
                      </div>
                      <div className="grid justify-items-end gap-1">
                        <Badge variant="outline">
                          {t(MISSION_STATUS[m.status] ?? "missions.status.planned")}
                        </Badge>
                        <span className="tabular-nums text-muted-foreground">
                          {t("item.booked", { booked: m.booked, out: m.out })}
                        </span>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </QueryState>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>{t("item.maintenance")}</CardTitle>
          </CardHeader>
          <CardContent className="text-sm">
            {i.maintenance_interval_days ? (
              <p className="mb-2 text-muted-foreground">
                {t("item.interval", { days: i.maintenance_interval_days })}
              </p>
            ) : null}
            <QueryState
              query={maintenance}
              empty={(rows) => (rows.length === 0 ? t("item.maintenanceEmpty") : null)}
            >
              {(rows) => (
                <ul className="grid gap-2" data-testid="item-maintenance">
                  {rows.map((r) => (
                    <li key={r.id} className="flex items-start justify-between gap-2">
                      <div>
                        <p className="font-medium">
                          {r.quantity} × {t(`item.record.${r.kind}` as MessageKey)}
                        </p>
                        <p className="text-muted-foreground">
                          {[
                            formatDate(r.opened_at, locale),
                            r.unit_id ? r.unit_serial || `UNI-${r.unit_id}` : "",
                            r.status === "open" && r.expected_back_on
                              ? t("item.expectedBack", {
                                  date: formatDate(r.expected_back_on, locale),
                                })
                              : "",
                            r.description,
                            r.vendor_name,
                          ]
                            .filter(Boolean)
                            .join(" · ")}
                        </p>
                      </div>
                      <div className="flex items-center gap-2">
                        {r.photo_url ? (
                          <a href={r.photo_url} target="_blank" rel="noopener">
                            <img
                              src={r.photo_url}
                              alt={t("photo.ofRecord")}
                              className="size-12 rounded-md border object-cover"
                            />
                          </a>
                        ) : null}
                        <Badge variant={r.status === "open" ? "secondary" : "outline"}>
                          {t(`item.recordStatus.${r.status}` as MessageKey)}
                        </Badge>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </QueryState>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>{t("item.movements")}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-3 text-sm">
            <QueryState
              query={movements}
              empty={() => (journal.length === 0 ? t("item.movementsEmpty") : null)}
            >
              {() => (
                <ul className="grid gap-2" data-testid="item-movements">
                  {journal.map((m) => (
                    <MovementLine key={m.id} m={m} />
                  ))}
                </ul>
              )}
            </QueryState>
            {movements.hasNextPage ? (
              <Button
                variant="outline"
                size="sm"
                disabled={movements.isFetchingNextPage}
                onClick={() => void movements.fetchNextPage()}
              >
                {t("item.older")}
              </Button>
            ) : null}
          </CardContent>
        </Card>
      </div>
      <EquipmentDialog item={i} open={editing} onOpenChange={setEditing} />
      {moving ? <TransferDialog item={i} onClose={() => setMoving(false)} /> : null}
    </div>
  );
}
