import { PackageIcon, PlusIcon, PrinterIcon, ScanLineIcon, TagsIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { toast } from "@/lib/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Pager } from "@/components/ui/pager";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { CategoriesDialog } from "./categories-dialog";
import { EquipmentDialog, STATUS_LABELS } from "./equipment-dialog";
import { InventoryCards, TransferDialog } from "./inventory-cards";
import { QueryState } from "./query-state";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { useCan } from "@/features/auth/api/get-session";
import { usePlaces } from "@/features/places/api/places";
import { errorMessage } from "@/lib/errors";
import { formatDateTime, formatMoney } from "@/lib/format";
import { useI18n, type MessageKey } from "@/lib/i18n";
import {
  EQUIPMENT_PAGE_SIZE,
  EQUIPMENT_STATES,
  useEquipment,
  useEquipmentCategories,
  type EquipmentItem,
} from "../api/equipment";
import {
  labelsUrl,
  useCloseMaintenance,
  useLateReturns,
  useOpenMaintenance,
} from "../api/logistics";

const ALL = "all";

const LAYOUTS = ["3x8", "4x10", "single"] as const;
type Layout = (typeof LAYOUTS)[number];
const CELLS: Record<Layout, number> = { "3x8": 24, "4x10": 40, single: 1 };

/** Label sheets: every item not retired, or one item's label. */
function LabelsDialog({
  ids,
  open,
  onOpenChange,
}: {
  ids: number[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t } = useI18n();
  const [layout, setLayout] = useState<Layout>(ids.length === 1 ? "single" : "3x8");
  const [skip, setSkip] = useState("0");
  const skipped = Number(skip);
  const validSkip = /^\d{1,2}$/.test(skip) && skipped < CELLS[layout];
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={t("common.close")}>
        <DialogHeader>
          <DialogTitle>{t("equipment.labelsTitle")}</DialogTitle>
          <DialogDescription>{t("equipment.labelsHelp")}</DialogDescription>
        </DialogHeader>
        <div className="grid gap-4">
          <FormField label={t("equipment.labelsLayout")}>
            <Select value={layout} onValueChange={(v) => setLayout(v as Layout)}>
              <SelectTrigger aria-label={t("equipment.labelsLayout")}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {LAYOUTS.map((l) => (
                  <SelectItem key={l} value={l}>
                    {t(`equipment.layout.${l}` as MessageKey)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </FormField>
          {layout !== "single" ? (
            <FormField
              label={t("equipment.labelsSkip")}
              error={validSkip ? undefined : t("equipment.invalidQuantity")}
            >
              <Input inputMode="numeric" value={skip} onChange={(e) => setSkip(e.target.value)} />
            </FormField>
          ) : null}
        </div>
        <DialogFooter>
          {validSkip ? (
            <Button asChild>
              <a
                href={labelsUrl(ids, layout, layout === "single" ? 0 : skipped)}
                target="_blank"
                rel="noopener"
              >
                <PrinterIcon aria-hidden="true" />
                {t("equipment.labelsOpen")}
              </a>
            </Button>
          ) : (
            <Button disabled>{t("equipment.labelsOpen")}</Button>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

/** Gear still out after its mission, and what is at the repairer. */
function LogisticsCards({ canManage }: { canManage: boolean }) {
  const { t, locale } = useI18n();
  const late = useLateReturns();
  const maintenance = useOpenMaintenance();
  const close = useCloseMaintenance();
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>{t("equipment.lateTitle")}</CardTitle>
        </CardHeader>
        <CardContent className="text-sm">
          <QueryState
            query={late}
            empty={(rows) => (rows.length === 0 ? t("equipment.lateEmpty") : null)}
          >
            {(rows) => (
              <ul className="grid gap-2" data-testid="late-returns">
                {rows.map((l) => (
                  <li key={`${l.mission_id}-${l.item_id}`}>
                    <Link to={`/missions/${l.mission_id}`} className="font-medium hover:underline">
                      {t("equipment.lateLine", {
                        quantity: l.quantity,
                        item: l.item_name,
                        mission: l.mission_title,
                      })}
                    </Link>
                    <p className="text-muted-foreground">
                      {formatDateTime(l.mission_ends_at, locale)}
                      {l.held_by ? ` · ${t("equipment.heldBy", { name: l.held_by })}` : ""}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </QueryState>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("equipment.maintenanceTitle")}</CardTitle>
        </CardHeader>
        <CardContent className="text-sm">
          <QueryState
            query={maintenance}
            empty={(rows) => (rows.length === 0 ? t("equipment.maintenanceEmpty") : null)}
          >
            {(rows) => (
              <ul className="grid gap-2" data-testid="maintenance">
                {rows.map((m) => (
                  <li key={m.id} className="flex items-start justify-between gap-2">
                    <div>
                      <p className="font-medium">
                        {m.quantity} × {m.item_name}
                      </p>
                      <p className="text-muted-foreground">
                        {[m.description, m.vendor_name].filter(Boolean).join(" · ") ||
                          formatDateTime(m.opened_at, locale)}
                      </p>
                    </div>
                    {canManage ? (
                      <Button
                        size="sm"
                        variant="outline"
                        disabled={close.isPending}
                        onClick={() =>
                          close.mutate(
                            { id: m.id, status: "done" },
                            { onSuccess: () => toast.success(t("equipment.maintenanceClosed")) },
                          )
                        }
                      >
                        {t("equipment.maintenanceDone")}
                      </Button>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </QueryState>
        </CardContent>
      </Card>
    </div>
  );
}

/** The equipment catalogue: what the team owns, how many can go out, at what rental price. */
export default function EquipmentPage() {
  const { t, locale } = useI18n();
  const canManage = useCan("equipment.manage");
  const [typed, setTyped] = useState("");
  const [query, setQuery] = useState("");
  const [category, setCategory] = useState("");
  const [site, setSite] = useState("");
  const [state, setState] = useState("");
  const [page, setPage] = useState(0);
  const [editing, setEditing] = useState<{ item: EquipmentItem | null } | null>(null);
  const [labels, setLabels] = useState<number[] | null>(null);
  const [moving, setMoving] = useState<EquipmentItem | null>(null);
  const [managing, setManaging] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(typed.trim());
      setPage(0);
    }, 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const items = useEquipment(query, category, page, site, state);
  const depots = usePlaces("storage-sites", "", false, true);
  const filtered = Boolean(query || category || site || state);
  const categories = useEquipmentCategories();
  const pages = items.data ? Math.max(1, Math.ceil(items.data.total / EQUIPMENT_PAGE_SIZE)) : 1;

  const columns: DataTableColumn<EquipmentItem>[] = [
    {
      id: "name",
      header: t("equipment.name"),
      cell: (i) => (
        <Link
          to={`/materiel/${i.id}`}
          className="text-left font-medium underline-offset-4 hover:underline"
        >
          {i.name}
        </Link>
      ),
    },
    {
      id: "code",
      header: t("equipment.code"),
      cell: (i) => (
        <span className="font-mono text-xs">
          <Link to={`/scanner/materiel/${i.id}`} className="hover:underline">
            {i.short_code}
          </Link>
          {i.barcode ? <span className="block text-muted-foreground">{i.barcode}</span> : null}
        </span>
      ),
    },
    { id: "category", header: t("equipment.category"), cell: (i) => i.category || "—" },
    {
      id: "site",
      header: t("equipment.storageSite"),
      cell: (i) =>
        canManage ? (
          <button
            type="button"
            className="text-left underline-offset-4 hover:underline"
            onClick={() => setMoving(i)}
          >
            {i.storage_site?.name ?? t("equipment.noSite")}
            <span className="sr-only"> — {t("transfer.srHint")}</span>
          </button>
        ) : (
          (i.storage_site?.name ?? "—")
        ),
    },
    {
      id: "stock",
      header: t("equipment.stock"),
      cell: (i) => (
        <span className="tabular-nums">
          {t("equipment.lendable", {
            lendable: i.status === "available" ? i.quantity_owned - i.quantity_out_of_service : 0,
            owned: i.quantity_owned,
          })}
        </span>
      ),
    },
    {
      id: "status",
      header: t("equipment.statusField"),
      cell: (i) => (
        <Badge variant={i.status === "available" ? "outline" : "secondary"}>
          {t(STATUS_LABELS[i.status])}
        </Badge>
      ),
    },
    {
      id: "price",
      header: t("equipment.price"),
      cell: (i) => (
        <span className="tabular-nums">{formatMoney(i.rental_price_cents, locale)}</span>
      ),
    },
  ];

  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("equipment.title")}</h1>
          <p className="text-sm text-muted-foreground">
            {items.data ? t("equipment.count", { count: items.data.total }) : ""}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button asChild variant="outline">
            <Link to="/scanner">
              <ScanLineIcon aria-hidden="true" />
              {t("nav.scanner")}
            </Link>
          </Button>
          {canManage ? (
            <>
              <Button variant="outline" onClick={() => setManaging(true)}>
                <TagsIcon aria-hidden="true" />
                {t("categories.title")}
              </Button>
              <Button variant="outline" onClick={() => setLabels([])}>
                <PrinterIcon aria-hidden="true" />
                {t("equipment.labels")}
              </Button>
              <Button onClick={() => setEditing({ item: null })}>
                <PlusIcon aria-hidden="true" />
                {t("equipment.new")}
              </Button>
            </>
          ) : null}
        </div>
      </div>
      <div className="flex flex-wrap gap-3">
        <Input
          type="search"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          placeholder={t("equipment.searchPlaceholder")}
          aria-label={t("equipment.search")}
          className="max-w-sm"
        />
        <Select
          value={category || ALL}
          onValueChange={(v) => {
            setCategory(v === ALL ? "" : v);
            setPage(0);
          }}
        >
          <SelectTrigger className="w-44" aria-label={t("equipment.category")}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>{t("equipment.allCategories")}</SelectItem>
            {(categories.data ?? []).map((c) => (
              <SelectItem key={c} value={c}>
                {c}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <Select
          value={site || ALL}
          onValueChange={(v) => {
            setSite(v === ALL ? "" : v);
            setPage(0);
          }}
        >
          <SelectTrigger className="w-44" aria-label={t("equipment.depotFilter")}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>{t("equipment.allDepots")}</SelectItem>
            {(depots.data?.items ?? []).map((d) => (
              <SelectItem key={d.id} value={String(d.id)}>
                {d.name}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <Select
          value={state || ALL}
          onValueChange={(v) => {
            setState(v === ALL ? "" : v);
            setPage(0);
          }}
        >
          <SelectTrigger className="w-44" aria-label={t("equipment.stateFilter")}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>{t("equipment.allStates")}</SelectItem>
            {EQUIPMENT_STATES.map((s) => (
              <SelectItem key={s} value={s}>
                {t(`equipment.state.${s}`)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <DataTable
        caption={t("equipment.title")}
        columns={columns}
        rows={items.data?.items}
        getRowId={(i) => String(i.id)}
        loading={items.isPending}
        error={items.isError ? errorMessage(items.error, t) : null}
        onRetry={() => void items.refetch()}
        empty={
          <EmptyState
            icon={<PackageIcon />}
            title={filtered ? t("equipment.noMatch") : t("equipment.empty")}
            description={filtered ? undefined : t("equipment.emptyHelp")}
          />
        }
        pageSize={EQUIPMENT_PAGE_SIZE}
      />
      <Pager page={page} pages={pages} onPage={setPage} />
      <LogisticsCards canManage={canManage} />
      <InventoryCards canManage={canManage} />
      {moving ? <TransferDialog item={moving} onClose={() => setMoving(null)} /> : null}
      {managing ? <CategoriesDialog onClose={() => setManaging(false)} /> : null}
      {labels !== null ? (
        <LabelsDialog
          ids={labels}
          open
          onOpenChange={(open) => {
            if (!open) setLabels(null);
          }}
        />
      ) : null}
      <EquipmentDialog
        item={editing?.item ?? null}
        open={editing !== null}
        onOpenChange={(open) => {
          if (!open) setEditing(null);
        }}
      />
    </div>
  );
}
