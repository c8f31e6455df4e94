import { PlusIcon, Trash2Icon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { toast } from "@/lib/toast";
import { PageError, PageLoading } from "@/components/layout/page-states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { useI18n, type MessageKey } from "@/lib/i18n";
import {
  useMissionFields,
  usePlanningSettings,
  useSaveMissionFields,
  useSavePlanningSettings,
  type CustomField,
  type PlanningSettings,
} from "../api/planning";
import { OrganizationCalendarsCard } from "./calendar-feeds";

const FIELD_TYPES: CustomField["type"][] = ["text", "textarea", "number", "select", "date"];
const TYPE_LABELS: Record<CustomField["type"], MessageKey> = {
  text: "planningSettings.type.text",
  textarea: "planningSettings.type.textarea",
  number: "planningSettings.type.number",
  select: "planningSettings.type.select",
  date: "planningSettings.type.date",
};

/** "Heure d'arrivée" -> "heure_d_arrivee". */
function keyOf(label: string): string {
  return label
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 40);
}

function hoursText(minutes: number): string {
  return String(Math.round((minutes / 60) * 100) / 100).replace(".", ",");
}

function BuffersForm({ settings }: { settings: PlanningSettings }) {
  const { t } = useI18n();
  const save = useSavePlanningSettings();
  const [travel, setTravel] = useState(String(settings.crew_travel_buffer_minutes));
  const [prep, setPrep] = useState(hoursText(settings.equipment_prep_minutes));
  const [back, setBack] = useState(hoursText(settings.equipment_return_minutes));
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    const hours = (text: string) => Number(text.replace(",", ".").trim());
    const problems: Record<string, string> = {};
    if (!/^\d{1,4}$/.test(travel.trim()))
      problems.crew_travel_buffer_minutes = t("planningSettings.invalidMinutes");
    for (const [key, text] of [
      ["equipment_prep_minutes", prep],
      ["equipment_return_minutes", back],
    ] as const) {
      const h = hours(text);
      if (!Number.isFinite(h) || h < 0 || h > 168 || text.trim() === "")
        problems[key] = t("planningSettings.invalidHours");
    }
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    try {
      await save.mutateAsync({
        crew_travel_buffer_minutes: Number(travel),
        equipment_prep_minutes: Math.round(hours(prep) * 60),
        equipment_return_minutes: Math.round(hours(back) * 60),
      });
      toast.success(t("planningSettings.saved"));
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) setErrors(error.fieldMap());
      else setErrors({ root: errorMessage(error, t) });
    }
  }

  return (
    <form className="grid gap-4 sm:grid-cols-3" onSubmit={(e) => void submit(e)} noValidate>
      <FormField
        label={t("planningSettings.travel")}
        help={t("planningSettings.travelHelp")}
        error={errors.crew_travel_buffer_minutes}
      >
        <Input inputMode="numeric" value={travel} onChange={(e) => setTravel(e.target.value)} />
      </FormField>
      <FormField
        label={t("planningSettings.prep")}
        help={t("planningSettings.prepHelp")}
        error={errors.equipment_prep_minutes}
      >
        <Input inputMode="decimal" value={prep} onChange={(e) => setPrep(e.target.value)} />
      </FormField>
      <FormField
        label={t("planningSettings.return")}
        help={t("planningSettings.returnHelp")}
        error={errors.equipment_return_minutes}
      >
        <Input inputMode="decimal" value={back} onChange={(e) => setBack(e.target.value)} />
      </FormField>
      {errors.root ? (
        <p role="alert" className="text-sm text-destructive sm:col-span-3">
          {errors.root}
        </p>
      ) : null}
      <div className="sm:col-span-3">
        <Button type="submit" disabled={save.isPending}>
          {t("common.save")}
        </Button>
      </div>
    </form>
  );
}

interface Row extends CustomField {
  optionsText: string;
}

function FieldsForm({ fields }: { fields: CustomField[] }) {
  const { t } = useI18n();
  const save = useSaveMissionFields();
  const [rows, setRows] = useState<Row[]>(() =>
    fields.map((f) => ({ ...f, optionsText: f.options.join(", ") })),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const update = (i: number, patch: Partial<Row>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await save.mutateAsync(
        rows.map((r) => ({
          key: r.key || keyOf(r.label),
          label: r.label,
          type: r.type,
          required: r.required,
          options:
            r.type === "select"
              ? r.optionsText
                  .split(",")
                  .map((o) => o.trim())
                  .filter(Boolean)
              : [],
        })),
      );
      setErrors({});
      toast.success(t("planningSettings.fieldsSaved"));
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) setErrors(error.fieldMap());
      else setErrors({ root: errorMessage(error, t) });
    }
  }

  return (
    <form className="grid gap-3" onSubmit={(e) => void submit(e)} noValidate>
      {rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("planningSettings.noFields")}</p>
      ) : null}
      {rows.map((row, i) => (
        <div key={i} className="flex flex-wrap items-end gap-2 rounded-md border p-2">
          <FormField
            label={t("planningSettings.label")}
            error={errors[`fields[${i}].label`] ?? errors[`fields[${i}].key`]}
            className="min-w-40 flex-1"
          >
            <Input value={row.label} onChange={(e) => update(i, { label: e.target.value })} />
          </FormField>
          <div className="grid w-40 gap-1.5">
            <Label>{t("planningSettings.type")}</Label>
            <Select
              value={row.type}
              onValueChange={(v) => update(i, { type: v as CustomField["type"] })}
            >
              <SelectTrigger aria-label={t("planningSettings.type")}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {FIELD_TYPES.map((type) => (
                  <SelectItem key={type} value={type}>
                    {t(TYPE_LABELS[type])}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          {row.type === "select" ? (
            <FormField
              label={t("planningSettings.options")}
              error={errors[`fields[${i}].options`]}
              className="min-w-48 flex-1"
            >
              <Input
                value={row.optionsText}
                onChange={(e) => update(i, { optionsText: e.target.value })}
                placeholder={t("planningSettings.optionsPlaceholder")}
              />
            </FormField>
          ) : null}
          <div className="flex h-9 items-center gap-2">
            <Checkbox
              id={`field-required-${i}`}
              checked={row.required}
              onCheckedChange={(v) => update(i, { required: v === true })}
            />
            <Label htmlFor={`field-required-${i}`}>{t("planningSettings.required")}</Label>
          </div>
          <Button
            type="button"
            variant="ghost"
            size="icon"
            aria-label={t("missions.removeLine")}
            onClick={() => setRows(rows.filter((_, j) => j !== i))}
          >
            <Trash2Icon aria-hidden="true" />
          </Button>
        </div>
      ))}
      {errors.root || errors.fields ? (
        <p role="alert" className="text-sm text-destructive">
          {errors.root ?? errors.fields}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          variant="outline"
          onClick={() =>
            setRows([
              ...rows,
              { key: "", label: "", type: "text", options: [], required: false, optionsText: "" },
            ])
          }
        >
          <PlusIcon aria-hidden="true" />
          {t("planningSettings.addField")}
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {t("common.save")}
        </Button>
      </div>
    </form>
  );
}

/** Settings → Planning: buffers used by the conflict check, and the custom mission fields. */
export function PlanningSettingsTab() {
  const { t } = useI18n();
  const settings = usePlanningSettings();
  const fields = useMissionFields();
  if (settings.isPending || fields.isPending) return <PageLoading />;
  if (settings.isError || fields.isError) {
    return (
      <PageError
        message={errorMessage(settings.error ?? fields.error, t)}
        onRetry={() => {
          void settings.refetch();
          void fields.refetch();
        }}
      />
    );
  }
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>{t("planningSettings.buffers")}</CardTitle>
          <CardDescription>{t("planningSettings.buffersHelp")}</CardDescription>
        </CardHeader>
        <CardContent>
          <BuffersForm settings={settings.data} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("planningSettings.fields")}</CardTitle>
          <CardDescription>{t("planningSettings.fieldsHelp")}</CardDescription>
        </CardHeader>
        <CardContent>
          <FieldsForm fields={fields.data} />
        </CardContent>
      </Card>
      <OrganizationCalendarsCard />
    </div>
  );
}
