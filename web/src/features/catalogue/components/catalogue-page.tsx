import { BookOpenIcon, CalculatorIcon, PlusIcon } from "lucide-react";
import { useEffect, useState, type FormEvent } from "react";
import { toast } from "@/lib/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { DateTimePicker } from "@/components/ui/date-time-picker";
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
import { Label } from "@/components/ui/label";
import { MoneyInput } from "@/components/ui/money-input";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { formatMoney } from "@/lib/format";
import { useI18n, type MessageKey } from "@/lib/i18n";
import {
  ITEM_KINDS,
  UNITS,
  priceWithRule,
  useCatalogueItems,
  usePricingRules,
  useSaveCatalogueItem,
  useSavePricingRule,
  type CatalogueItem,
  type PriceSuggestion,
  type PricingRule,
} from "../api/catalogue";

const KIND_LABELS: Record<CatalogueItem["kind"], MessageKey> = {
  service: "catalogue.kind.service",
  rental: "catalogue.kind.rental",
  product: "catalogue.kind.product",
  fee: "catalogue.kind.fee",
  travel: "catalogue.kind.travel",
};
const UNIT_LABELS: Record<CatalogueItem["unit"], MessageKey> = {
  hour: "catalogue.unit.hour",
  day: "catalogue.unit.day",
  unit: "catalogue.unit.unit",
  km: "catalogue.unit.km",
  flat: "catalogue.unit.flat",
};

/** "20" or "5,5" (percent) -> basis points; null when not a percentage. */
export function percentToBp(text: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return bp;
}

export function bpToPercent(bp: number): string {
  return (bp / 100).toString().replace(".", ",");
}

function ItemDialog({
  item,
  open,
  onOpenChange,
}: {
  item: CatalogueItem | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t } = useI18n();
  const save = useSaveCatalogueItem();
  const [shown, setShown] = useState<CatalogueItem | null | undefined>(undefined);
  const [kind, setKind] = useState<CatalogueItem["kind"]>("service");
  const [name, setName] = useState("");
  const [sku, setSku] = useState("");
  const [unit, setUnit] = useState<CatalogueItem["unit"]>("unit");
  const [price, setPrice] = useState<number | null>(null);
  const [vat, setVat] = useState("20");
  const [description, setDescription] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (open && shown !== item) {
    setShown(item);
    setKind(item?.kind ?? "service");
    setName(item?.name ?? "");
    setSku(item?.sku ?? "");
    setUnit(item?.unit ?? "unit");
    setPrice(item?.unit_price_cents ?? null);
    setVat(bpToPercent(item?.vat_rate_bp ?? 2000));
    setDescription(item?.description ?? "");
    setErrors({});
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = t("validation.required");
    if (price === null) problems.unit_price_cents = t("validation.amount");
    const vatBp = percentToBp(vat);
    if (vatBp === null || vatBp > 10000) problems.vat_rate_bp = t("catalogue.invalidPercent");
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    try {
      const saved = await save.mutateAsync({
        id: item?.id ?? null,
        input: {
          kind,
          name,
          sku,
          unit,
          unit_price_cents: price ?? 0,
          vat_rate_bp: vatBp ?? 2000,
          description,
          equipment_item_id: item?.equipment_item_id ?? null,
        },
      });
      toast.success(t("catalogue.saved", { name: saved.name }));
      setShown(undefined);
      onOpenChange(false);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) setErrors(error.fieldMap());
      else setErrors({ root: errorMessage(error, t) });
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(value) => {
        if (!value) setShown(undefined);
        onOpenChange(value);
      }}
    >
      <DialogContent closeLabel={t("common.close")}>
        <DialogHeader>
          <DialogTitle>{item ? t("catalogue.editItem") : t("catalogue.newItem")}</DialogTitle>
          <DialogDescription>{t("catalogue.itemHelp")}</DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={(e) => void submit(e)} noValidate>
          <FormField label={t("catalogue.name")} error={errors.name} required>
            <Input value={name} onChange={(e) => setName(e.target.value)} />
          </FormField>
          <div className="grid grid-cols-2 gap-4">
            <div className="grid gap-1.5">
              <Label>{t("catalogue.kind")}</Label>
              <Select value={kind} onValueChange={(v) => setKind(v as CatalogueItem["kind"])}>
                <SelectTrigger aria-label={t("catalogue.kind")}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {ITEM_KINDS.map((k) => (
                    <SelectItem key={k} value={k}>
                      {t(KIND_LABELS[k])}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
            <div className="grid gap-1.5">
              <Label>{t("catalogue.unit")}</Label>
              <Select value={unit} onValueChange={(v) => setUnit(v as CatalogueItem["unit"])}>
                <SelectTrigger aria-label={t("catalogue.unit")}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {UNITS.map((u) => (
                    <SelectItem key={u} value={u}>
                      {t(UNIT_LABELS[u])}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
          </div>
          <div className="grid grid-cols-3 gap-4">
            <FormField label={t("catalogue.price")} error={errors.unit_price_cents} required>
              <MoneyInput value={price} onChange={setPrice} />
            </FormField>
            <FormField label={t("catalogue.vat")} error={errors.vat_rate_bp}>
              <Input inputMode="decimal" value={vat} onChange={(e) => setVat(e.target.value)} />
            </FormField>
            <FormField label={t("catalogue.sku")} error={errors.sku}>
              <Input value={sku} onChange={(e) => setSku(e.target.value)} />
            </FormField>
          </div>
          <FormField label={t("catalogue.description")} error={errors.description}>
            <Input value={description} onChange={(e) => setDescription(e.target.value)} />
          </FormField>
          {errors.root ? (
            <p role="alert" className="text-sm text-destructive">
              {errors.root}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="submit" disabled={save.isPending}>
              {t("common.save")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function ItemsTab() {
  const { t, locale } = useI18n();
  const [typed, setTyped] = useState("");
  const [query, setQuery] = useState("");
  const [editing, setEditing] = useState<{ item: CatalogueItem | null } | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const items = useCatalogueItems(query);
  const columns: DataTableColumn<CatalogueItem>[] = [
    {
      id: "name",
      header: t("catalogue.name"),
      cell: (i) => (
        <button
          type="button"
          className="text-left font-medium underline-offset-4 hover:underline"
          onClick={() => setEditing({ item: i })}
        >
          {i.name}
        </button>
      ),
    },
    {
      id: "kind",
      header: t("catalogue.kind"),
      cell: (i) => <Badge variant="secondary">{t(KIND_LABELS[i.kind])}</Badge>,
    },
    {
      id: "price",
      header: t("catalogue.price"),
      cell: (i) => (
        <span className="tabular-nums">
          {formatMoney(i.unit_price_cents, locale)} / {t(UNIT_LABELS[i.unit])}
        </span>
      ),
    },
    {
      id: "vat",
      header: t("catalogue.vat"),
      cell: (i) => <span className="tabular-nums">{bpToPercent(i.vat_rate_bp)} %</span>,
    },
    { id: "sku", header: t("catalogue.sku"), cell: (i) => i.sku || "—" },
  ];
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Input
          type="search"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          placeholder={t("catalogue.searchPlaceholder")}
          aria-label={t("catalogue.search")}
          className="max-w-sm"
        />
        <Button onClick={() => setEditing({ item: null })}>
          <PlusIcon aria-hidden="true" />
          {t("catalogue.newItem")}
        </Button>
      </div>
      <DataTable
        caption={t("catalogue.items")}
        columns={columns}
        rows={items.data?.items}
        getRowId={(i) => String(i.id)}
        loading={items.isPending}
        error={items.isError ? errorMessage(items.error, t) : null}
        onRetry={() => void items.refetch()}
        empty={
          <EmptyState
            icon={<BookOpenIcon />}
            title={query ? t("catalogue.noMatch") : t("catalogue.noItem")}
            description={query ? undefined : t("catalogue.itemHelp")}
          />
        }
        pageSize={500}
      />
      <ItemDialog
        item={editing?.item ?? null}
        open={editing !== null}
        onOpenChange={(open) => {
          if (!open) setEditing(null);
        }}
      />
    </div>
  );
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
function minutesOf(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

function RuleDialog({
  rule,
  open,
  onOpenChange,
}: {
  rule: PricingRule | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t } = useI18n();
  const save = useSavePricingRule();
  const [shown, setShown] = useState<PricingRule | null | undefined>(undefined);
  const [v, setV] = useState<Record<string, string>>({});
  const [rate, setRate] = useState<number | null>(null);
  const [flat, setFlat] = useState<number | null>(null);
  const [perKm, setPerKm] = useState<number | null>(null);
  const [additive, setAdditive] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (open && shown !== rule) {
    setShown(rule);
    setV({
      name: rule?.name ?? "",
      event_type: rule?.event_type ?? "",
      minimum: String((rule?.minimum_minutes ?? 0) / 60).replace(".", ","),
      weekend: bpToPercent(rule?.weekend_surcharge_bp ?? 0),
      holiday: bpToPercent(rule?.holiday_surcharge_bp ?? 0),
      night: bpToPercent(rule?.night_surcharge_bp ?? 0),
      night_start: hhmm(rule?.night_start_minutes ?? 1320),
      night_end: hhmm(rule?.night_end_minutes ?? 360),
      free_km: String(rule?.travel_free_km ?? 0),
      vat: bpToPercent(rule?.vat_rate_bp ?? 2000),
    });
    setRate(rule?.hourly_rate_cents ?? null);
    setFlat(rule?.travel_flat_cents ?? 0);
    setPerKm(rule?.travel_per_km_cents ?? 0);
    setAdditive(rule?.surcharge_mode === "additive");
    setErrors({});
  }
  const field = (key: string) => ({
    value: v[key] ?? "",
    onChange: (e: { target: { value: string } }) => setV({ ...v, [key]: e.target.value }),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    const pct = (key: string, apiField: string) => {
      const bp = percentToBp(v[key] ?? "");
      if (bp === null || bp > 30000) problems[apiField] = t("catalogue.invalidPercent");
      return bp ?? 0;
    };
    if (!(v.name ?? "").trim()) problems.name = t("validation.required");
    if (rate === null) problems.hourly_rate_cents = t("validation.amount");
    const weekend = pct("weekend", "weekend_surcharge_bp");
    const holiday = pct("holiday", "holiday_surcharge_bp");
    const night = pct("night", "night_surcharge_bp");
    const vat = pct("vat", "vat_rate_bp");
    const minimumHours = Number((v.minimum ?? "0").replace(",", "."));
    if (!Number.isFinite(minimumHours) || minimumHours < 0 || minimumHours > 48) {
      problems.minimum_minutes = t("catalogue.invalidHours");
    }
    const start = minutesOf(v.night_start ?? "");
    const end = minutesOf(v.night_end ?? "");
    if (start === null) problems.night_start_minutes = t("catalogue.invalidTime");
    if (end === null) problems.night_end_minutes = t("catalogue.invalidTime");
    if (!/^\d{1,4}$/.test((v.free_km ?? "").trim()))
      problems.travel_free_km = t("catalogue.invalidKm");
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    try {
      const saved = await save.mutateAsync({
        id: rule?.id ?? null,
        input: {
          name: v.name ?? "",
          event_type: v.event_type ?? "",
          hourly_rate_cents: rate ?? 0,
          minimum_minutes: Math.round(minimumHours * 60),
          weekend_surcharge_bp: weekend,
          holiday_surcharge_bp: holiday,
          night_surcharge_bp: night,
          surcharge_mode: additive ? "additive" : "compound",
          night_start_minutes: start ?? 1320,
          night_end_minutes: end ?? 360,
          travel_flat_cents: flat ?? 0,
          travel_per_km_cents: perKm ?? 0,
          travel_free_km: Number(v.free_km),
          vat_rate_bp: vat,
        },
      });
      toast.success(t("catalogue.ruleSaved", { name: saved.name }));
      setShown(undefined);
      onOpenChange(false);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) setErrors(error.fieldMap());
      else setErrors({ root: errorMessage(error, t) });
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(value) => {
        if (!value) setShown(undefined);
        onOpenChange(value);
      }}
    >
      <DialogContent
        closeLabel={t("common.close")}
        className="max-h-[92vh] overflow-y-auto sm:max-w-2xl"
      >
        <DialogHeader>
          <DialogTitle>{rule ? t("catalogue.editRule") : t("catalogue.newRule")}</DialogTitle>
          <DialogDescription>{t("catalogue.ruleHelp")}</DialogDescription>
        </DialogHeader>
        <form className="grid gap-4 sm:grid-cols-2" onSubmit={(e) => void submit(e)} noValidate>
          <FormField label={t("catalogue.name")} error={errors.name} required>
            <Input {...field("name")} />
          </FormField>
          <FormField label={t("missions.eventType")} error={errors.event_type}>
            <Input {...field("event_type")} />
          </FormField>
          <FormField label={t("catalogue.hourlyRate")} error={errors.hourly_rate_cents} required>
            <MoneyInput value={rate} onChange={setRate} />
          </FormField>
          <FormField label={t("catalogue.minimum")} error={errors.minimum_minutes}>
            <Input inputMode="decimal" {...field("minimum")} />
          </FormField>
          <FormField label={t("catalogue.weekend")} error={errors.weekend_surcharge_bp}>
            <Input inputMode="decimal" {...field("weekend")} />
          </FormField>
          <FormField label={t("catalogue.holiday")} error={errors.holiday_surcharge_bp}>
            <Input inputMode="decimal" {...field("holiday")} />
          </FormField>
          <FormField label={t("catalogue.night")} error={errors.night_surcharge_bp}>
            <Input inputMode="decimal" {...field("night")} />
          </FormField>
          <div className="grid grid-cols-2 gap-2">
            <FormField label={t("catalogue.nightStart")} error={errors.night_start_minutes}>
              <Input {...field("night_start")} />
            </FormField>
            <FormField label={t("catalogue.nightEnd")} error={errors.night_end_minutes}>
              <Input {...field("night_end")} />
            </FormField>
          </div>
          <div className="flex items-center gap-2 sm:col-span-2">
            <Checkbox
              id="rule-additive"
              checked={additive}
              onCheckedChange={(value) => setAdditive(value === true)}
            />
            <Label htmlFor="rule-additive">{t("catalogue.additive")}</Label>
          </div>
          <FormField label={t("catalogue.travelFlat")} error={errors.travel_flat_cents}>
            <MoneyInput value={flat} onChange={setFlat} />
          </FormField>
          <div className="grid grid-cols-2 gap-2">
            <FormField label={t("catalogue.travelPerKm")} error={errors.travel_per_km_cents}>
              <MoneyInput value={perKm} onChange={setPerKm} />
            </FormField>
            <FormField label={t("catalogue.freeKm")} error={errors.travel_free_km}>
              <Input inputMode="numeric" {...field("free_km")} />
            </FormField>
          </div>
          <FormField label={t("catalogue.vat")} error={errors.vat_rate_bp}>
            <Input inputMode="decimal" {...field("vat")} />
          </FormField>
          {errors.root ? (
            <p role="alert" className="text-sm text-destructive sm:col-span-2">
              {errors.root}
            </p>
          ) : null}
          <DialogFooter className="sm:col-span-2">
            <Button type="submit" disabled={save.isPending}>
              {t("common.save")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function Simulator({ rule }: { rule: PricingRule }) {
  const { t, locale } = useI18n();
  const [start, setStart] = useState<string | null>(null);
  const [end, setEnd] = useState<string | null>(null);
  const [km, setKm] = useState("0");
  const [result, setResult] = useState<PriceSuggestion | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function run(event: FormEvent) {
    event.preventDefault();
    if (!start || !end) {
      setError(t("catalogue.chooseTimes"));
      return;
    }
    try {
      setResult(
        await priceWithRule(rule.id, {
          starts_at: start,
          ends_at: end,
          distance_km: Number(km) || 0,
        }),
      );
      setError(null);
    } catch (e) {
      setError(errorMessage(e, t));
    }
  }
  return (
    <form className="grid gap-3 rounded-md border p-3" onSubmit={(e) => void run(e)} noValidate>
      <p className="text-sm font-medium">{t("catalogue.simulate", { name: rule.name })}</p>
      <div className="grid gap-3 sm:grid-cols-3">
        <FormField label={t("missions.start")}>
          <DateTimePicker value={start} onChange={setStart} timeLabel={t("missions.startTime")} />
        </FormField>
        <FormField label={t("missions.end")}>
          <DateTimePicker value={end} onChange={setEnd} timeLabel={t("missions.endTime")} />
        </FormField>
        <FormField label={t("catalogue.distance")}>
          <Input inputMode="numeric" value={km} onChange={(e) => setKm(e.target.value)} />
        </FormField>
      </div>
      <div>
        <Button type="submit" variant="outline">
          <CalculatorIcon aria-hidden="true" />
          {t("catalogue.compute")}
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      {result ? (
        <div role="status" className="grid gap-1 text-sm" data-testid="price-result">
          {result.lines.map((l, i) => (
            <p key={i} className="flex justify-between gap-4">
              <span>{l.description}</span>
              <span className="tabular-nums">{formatMoney(l.net_cents, locale)}</span>
            </p>
          ))}
          <p className="flex justify-between gap-4 border-t pt-1 font-medium">
            <span>{t("catalogue.totalNet")}</span>
            <span className="tabular-nums">{formatMoney(result.net_cents, locale)}</span>
          </p>
        </div>
      ) : null}
    </form>
  );
}

function RulesTab() {
  const { t, locale } = useI18n();
  const rules = usePricingRules();
  const [editing, setEditing] = useState<{ rule: PricingRule | null } | null>(null);
  const [simulating, setSimulating] = useState<PricingRule | null>(null);
  const columns: DataTableColumn<PricingRule>[] = [
    {
      id: "name",
      header: t("catalogue.name"),
      cell: (r) => (
        <button
          type="button"
          className="text-left font-medium underline-offset-4 hover:underline"
          onClick={() => setEditing({ rule: r })}
        >
          {r.name}
        </button>
      ),
    },
    {
      id: "rate",
      header: t("catalogue.hourlyRate"),
      cell: (r) => <span className="tabular-nums">{formatMoney(r.hourly_rate_cents, locale)}</span>,
    },
    {
      id: "surcharges",
      header: t("catalogue.surcharges"),
      cell: (r) =>
        t("catalogue.surchargeSummary", {
          weekend: bpToPercent(r.weekend_surcharge_bp),
          holiday: bpToPercent(r.holiday_surcharge_bp),
          night: bpToPercent(r.night_surcharge_bp),
        }),
    },
    {
      id: "simulate",
      header: t("places.actions"),
      cell: (r) => (
        <Button variant="ghost" size="sm" onClick={() => setSimulating(r)}>
          <CalculatorIcon aria-hidden="true" />
          {t("catalogue.try")}
        </Button>
      ),
    },
  ];
  return (
    <div className="grid gap-4">
      <div className="flex justify-end">
        <Button onClick={() => setEditing({ rule: null })}>
          <PlusIcon aria-hidden="true" />
          {t("catalogue.newRule")}
        </Button>
      </div>
      <DataTable
        caption={t("catalogue.rules")}
        columns={columns}
        rows={rules.data}
        getRowId={(r) => String(r.id)}
        loading={rules.isPending}
        error={rules.isError ? errorMessage(rules.error, t) : null}
        onRetry={() => void rules.refetch()}
        empty={
          <EmptyState
            icon={<CalculatorIcon />}
            title={t("catalogue.noRule")}
            description={t("catalogue.ruleHelp")}
          />
        }
        pageSize={200}
      />
      {simulating ? <Simulator key={simulating.id} rule={simulating} /> : null}
      <RuleDialog
        rule={editing?.rule ?? null}
        open={editing !== null}
        onOpenChange={(open) => {
          if (!open) setEditing(null);
        }}
      />
    </div>
  );
}

/** Priced lines for quotes, and the pricing grid that fills them from a mission. */
export default function CataloguePage() {
  const { t } = useI18n();
  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("catalogue.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("catalogue.help")}</p>
      </div>
      <Tabs defaultValue="items">
        <TabsList>
          <TabsTrigger value="items">{t("catalogue.items")}</TabsTrigger>
          <TabsTrigger value="rules">{t("catalogue.rules")}</TabsTrigger>
        </TabsList>
        <TabsContent value="items">
          <ItemsTab />
        </TabsContent>
        <TabsContent value="rules">
          <RulesTab />
        </TabsContent>
      </Tabs>
    </div>
  );
}
