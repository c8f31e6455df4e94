import { ArrowRightLeftIcon, PlusIcon, PrinterIcon, Trash2Icon } from "lucide-react";
import { useState } from "react";
import { toast } from "@/lib/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { usePlaces } from "@/features/places/api/places";
import { errorMessage, errorsByField } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import { useAllEquipment, type EquipmentItem } from "../api/equipment";
import {
  useArchiveKit,
  useCreateKit,
  useDueChecks,
  useItemStock,
  useKits,
  useTransfer,
} from "../api/inventory";
import { labelsUrl, type EquipmentUnit } from "../api/logistics";
import { QueryState } from "./query-state";

const NO_SITE = "none";

/** Kits (sets of items that go out together) and the periodic checks falling due. */
export function InventoryCards({ canManage }: { canManage: boolean }) {
  const { t, locale } = useI18n();
  const kits = useKits();
  const due = useDueChecks();
  const archive = useArchiveKit();
  const [creating, setCreating] = useState(false);
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <Card>
        <CardHeader className="flex flex-row items-center justify-between gap-2 space-y-0">
          <CardTitle>{t("kits.title")}</CardTitle>
          {canManage ? (
            <Button size="sm" variant="outline" onClick={() => setCreating(true)}>
              <PlusIcon aria-hidden="true" />
              {t("kits.new")}
            </Button>
          ) : null}
        </CardHeader>
        <CardContent className="text-sm">
          <QueryState query={kits} empty={(rows) => (rows.length === 0 ? t("kits.empty") : null)}>
            {(rows) => (
              <ul className="grid gap-3" data-testid="kits">
                {rows.map((k) => (
                  <li key={k.id} className="flex items-start justify-between gap-2">
                    <div>
                      <p className="font-medium">
                        {k.name} <span className="font-mono text-xs">{k.short_code}</span>
                      </p>
                      <p className="text-muted-foreground">
                        {k.items.map((i) => `${i.quantity} × ${i.name}`).join(", ")}
                      </p>
                      <Badge variant={k.available > 0 ? "outline" : "secondary"}>
                        {t("kits.available", { count: k.available })}
                      </Badge>
                    </div>
                    {canManage ? (
                      <div className="flex gap-1">
                        <Button asChild size="icon" variant="ghost" aria-label={t("kits.label")}>
                          <a
                            href={labelsUrl([], "single", 0, [k.id])}
                            target="_blank"
                            rel="noopener"
                          >
                            <PrinterIcon aria-hidden="true" />
                          </a>
                        </Button>
                        <Button
                          size="icon"
                          variant="ghost"
                          aria-label={t("kits.archive", { name: k.name })}
                          disabled={archive.isPending}
                          onClick={() =>
                            archive.mutate(k.id, {
                              onSuccess: () => toast.success(t("kits.archived", { name: k.name })),
                              onError: (e) => toast.error(errorMessage(e, t)),
                            })
                          }
                        >
                          <Trash2Icon aria-hidden="true" />
                        </Button>
                      </div>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </QueryState>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("checks.title")}</CardTitle>
        </CardHeader>
        <CardContent className="text-sm">
          <QueryState query={due} empty={(rows) => (rows.length === 0 ? t("checks.empty") : null)}>
            {(rows) => (
              <ul className="grid gap-2" data-testid="checks-due">
                {rows.map((d) => (
                  <li key={d.item_id} className="flex items-center justify-between gap-2">
                    <span className="font-medium">{d.name}</span>
                    <Badge variant={d.overdue ? "destructive" : "outline"}>
                      {d.under_way
                        ? t("checks.underWay")
                        : t(d.overdue ? "checks.overdue" : "checks.dueOn", {
                            date: formatDate(d.due_on, locale),
                          })}
                    </Badge>
                  </li>
                ))}
              </ul>
            )}
          </QueryState>
        </CardContent>
      </Card>
      {creating ? <KitDialog onClose={() => setCreating(false)} /> : null}
    </div>
  );
}

interface Row {
  item: string;
  quantity: string;
}

function KitDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const items = useAllEquipment();
  const create = useCreateKit();
  const [name, setName] = useState("");
  const [barcode, setBarcode] = useState("");
  const [rows, setRows] = useState<Row[]>([{ item: "", quantity: "1" }]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async () => {
    const local: Record<string, string> = {};
    if (!name.trim()) local.name = t("validation.required");
    rows.forEach((r, i) => {
      if (!r.item) local[`items[${i}].item_id`] = t("validation.required");
      if (!/^\d{1,5}$/.test(r.quantity) || Number(r.quantity) < 1)
        local[`items[${i}].quantity`] = t("equipment.invalidQuantity");
    });
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    try {
      const kit = await create.mutateAsync({
        name: name.trim(),
        barcode: barcode.trim(),
        items: rows.map((r) => ({ item_id: Number(r.item), quantity: Number(r.quantity) })),
      });
      toast.success(t("kits.saved", { name: kit.name }));
      onClose();
    } catch (error) {
      setErrors(errorsByField(error, t));
    }
  };
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent closeLabel={t("common.close")}>
        <DialogHeader>
          <DialogTitle>{t("kits.new")}</DialogTitle>
          <DialogDescription>{t("kits.help")}</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <FormField label={t("kits.name")} error={errors.name}>
            <Input value={name} onChange={(e) => setName(e.target.value)} />
          </FormField>
          <FormField label={t("equipment.barcode")} error={errors.barcode}>
            <Input
              className="font-mono"
              autoComplete="off"
              value={barcode}
              onChange={(e) => setBarcode(e.target.value)}
            />
          </FormField>
          {rows.map((r, i) => (
            <div key={i} className="grid grid-cols-[1fr_6rem] gap-2">
              <FormField
                label={t("kits.item", { n: i + 1 })}
                error={errors[`items[${i}].item_id`] ?? errors.items}
              >
                <Select
                  value={r.item}
                  onValueChange={(v) =>
                    setRows(rows.map((x, j) => (j === i ? { ...x, item: v } : x)))
                  }
                >
                  <SelectTrigger aria-label={t("kits.item", { n: i + 1 })}>
                    <SelectValue placeholder={t("kits.pick")} />
                  </SelectTrigger>
                  <SelectContent>
                    {(items.data ?? []).map((item) => (
                      <SelectItem key={item.id} value={String(item.id)}>
                        {item.name}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              </FormField>
              <FormField label={t("kits.quantity")} error={errors[`items[${i}].quantity`]}>
                <Input
                  inputMode="numeric"
                  value={r.quantity}
                  onChange={(e) =>
                    setRows(rows.map((x, j) => (j === i ? { ...x, quantity: e.target.value } : x)))
                  }
                />
              </FormField>
            </div>
          ))}
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={rows.length >= 100}
            onClick={() => setRows([...rows, { item: "", quantity: "1" }])}
          >
            <PlusIcon aria-hidden="true" />
            {t("kits.addItem")}
          </Button>
          {errors.root ? (
            <p role="alert" className="text-sm text-destructive">
              {errors.root}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="submit" disabled={create.isPending}>
              {t("common.save")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** Units of one item per depot, and moving some between depots. */
/** Moves units of a stock line between depots, or one unit of an item tracked by unit. */
export function TransferDialog({
  item,
  unit,
  onClose,
}: {
  item: EquipmentItem;
  unit?: EquipmentUnit;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const stock = useItemStock(item.id);
  const sites = usePlaces("storage-sites", "", false, true);
  const transfer = useTransfer();
  const home = item.storage_site ? String(item.storage_site.id) : NO_SITE;
  const [from, setFrom] = useState(home);
  const [to, setTo] = useState("");
  const [quantity, setQuantity] = useState("1");
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async () => {
    setProblem(null);
    if (!to || !/^\d{1,5}$/.test(quantity) || Number(quantity) < 1) {
      setProblem(t("transfer.incomplete"));
      return;
    }
    try {
      await transfer.mutateAsync({
        item: item.id,
        from: from === NO_SITE ? null : Number(from),
        to: to === NO_SITE ? null : Number(to),
        quantity: unit ? 1 : Number(quantity),
        unit: unit?.id,
      });
      toast.success(
        unit
          ? t("units.moved", { code: unit.serial_number || unit.short_code })
          : t("transfer.done", { quantity: Number(quantity), name: item.name }),
      );
      onClose();
    } catch (error) {
      setProblem(errorMessage(error, t));
    }
  };
  const options = (sites.data?.items ?? []).map((s) => ({ value: String(s.id), label: s.name }));
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent closeLabel={t("common.close")}>
        <DialogHeader>
          <DialogTitle>
            {unit
              ? t("units.moveTitle", { code: unit.serial_number || unit.short_code })
              : t("transfer.title", { name: item.name })}
          </DialogTitle>
          <DialogDescription>
            {unit
              ? t("units.moveHelp", { site: unit.storage_site?.name ?? t("equipment.noSite") })
              : t("transfer.help")}
          </DialogDescription>
        </DialogHeader>
        {unit ? null : stock.isPending ? (
          <p role="status" className="text-sm text-muted-foreground">
            {t("common.loading")}
          </p>
        ) : stock.isError ? (
          <p role="alert" className="text-sm text-destructive">
            {errorMessage(stock.error, t)}
          </p>
        ) : (
          <ul className="grid gap-1 text-sm" data-testid="stock-by-site">
            {stock.data.sites.map((s) => (
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
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <div className={unit ? "grid gap-2" : "grid grid-cols-2 gap-2"}>
            {unit ? null : (
              <FormField label={t("transfer.from")}>
                <Select value={from} onValueChange={setFrom}>
                  <SelectTrigger aria-label={t("transfer.from")}>
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    {item.storage_site ? null : (
                      <SelectItem value={NO_SITE}>{t("equipment.noSite")}</SelectItem>
                    )}
                    {options.map((o) => (
                      <SelectItem key={o.value} value={o.value}>
                        {o.label}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              </FormField>
            )}
            <FormField label={t("transfer.to")}>
              <Select value={to} onValueChange={setTo}>
                <SelectTrigger aria-label={t("transfer.to")}>
                  <SelectValue placeholder={t("kits.pick")} />
                </SelectTrigger>
                <SelectContent>
                  {item.storage_site ? null : (
                    <SelectItem value={NO_SITE}>{t("equipment.noSite")}</SelectItem>
                  )}
                  {options.map((o) => (
                    <SelectItem key={o.value} value={o.value}>
                      {o.label}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </FormField>
          </div>
          {unit ? null : (
            <FormField label={t("kits.quantity")}>
              <Input
                inputMode="numeric"
                value={quantity}
                onChange={(e) => setQuantity(e.target.value)}
              />
            </FormField>
          )}
          {problem ? (
            <p role="alert" className="text-sm text-destructive">
              {problem}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="submit" disabled={transfer.isPending}>
              <ArrowRightLeftIcon aria-hidden="true" />
              {t("transfer.submit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
