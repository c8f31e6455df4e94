import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { toast } from "@/lib/toast";
import { z } from "zod";
import { Button } from "@/components/ui/button";
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
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { bpToPercent, percentToBp } from "@/features/catalogue/components/catalogue-page";
import { parseEurosToCents } from "@/lib/format";
import { centsToInput, gramsToKg, kgToGrams } from "../lib/quantities";
import { useI18n, type MessageKey, type Translate } from "@/lib/i18n";
import {
  EQUIPMENT_STATUSES,
  useEquipmentCategories,
  useSaveEquipment,
  type EquipmentItem,
} from "../api/equipment";
import { TRACKINGS } from "../api/logistics";

export const STATUS_LABELS: Record<EquipmentItem["status"], MessageKey> = {
  available: "equipment.status.available",
  maintenance: "equipment.status.maintenance",
  retired: "equipment.status.retired",
};
const NO_SITE = "none";
const FIELD_OF_API: Record<string, string> = {
  vat_rate_bp: "vat",
  replacement_value_cents: "worth",
  weight_grams: "weight",
};

function schema(t: Translate) {
  return z
    .object({
      name: z.string().trim().min(1, t("validation.required")).max(200, t("validation.tooLong")),
      category: z.string().max(60, t("validation.tooLong")),
      quantity_owned: z.string().regex(/^\d{1,5}$/, t("equipment.invalidQuantity")),
      quantity_out_of_service: z.string().regex(/^\d{1,5}$/, t("equipment.invalidQuantity")),
      status: z.enum(EQUIPMENT_STATUSES),
      tracking: z.enum(TRACKINGS),
      price: z
        .string()
        .refine((v) => v.trim() === "" || parseEurosToCents(v) !== null, t("validation.amount")),
      notes: z.string().max(5000, t("validation.tooLong")),
      site: z.string(),
      barcode: z
        .string()
        .trim()
        .max(100, t("validation.tooLong"))
        .regex(/^\S*$/, t("equipment.barcodeInvalid")),
      interval: z
        .string()
        .trim()
        .refine(
          (v) => v === "" || (/^\d{1,4}$/.test(v) && Number(v) >= 1 && Number(v) <= 3660),
          t("equipment.intervalInvalid"),
        ),
      brand: z.string().max(100, t("validation.tooLong")),
      model: z.string().max(100, t("validation.tooLong")),
      vat: z.string().refine((v) => {
        if (v.trim() === "") return true;
        const bp = percentToBp(v);
        return bp !== null && bp <= 10000;
      }, t("catalogue.invalidPercent")),
      worth: z
        .string()
        .refine((v) => v.trim() === "" || parseEurosToCents(v) !== null, t("validation.amount")),
      weight: z
        .string()
        .refine((v) => v.trim() === "" || kgToGrams(v) !== null, t("equipment.weightInvalid")),
    })
    .refine((v) => Number(v.quantity_out_of_service) <= Number(v.quantity_owned), {
      path: ["quantity_out_of_service"],
      message: t("equipment.outOfServiceTooMany"),
    });
}
type Values = z.infer<ReturnType<typeof schema>>;

function valuesOf(item: EquipmentItem | null): Values {
  return {
    name: item?.name ?? "",
    category: item?.category ?? "",
    quantity_owned: String(item?.quantity_owned ?? 1),
    quantity_out_of_service: String(item?.quantity_out_of_service ?? 0),
    status: item?.status ?? "available",
    tracking: item?.tracking ?? "stock",
    price: item ? String(item.rental_price_cents / 100).replace(".", ",") : "",
    notes: item?.notes ?? "",
    site: item?.storage_site ? String(item.storage_site.id) : NO_SITE,
    barcode: item?.barcode ?? "",
    interval: item?.maintenance_interval_days ? String(item.maintenance_interval_days) : "",
    brand: item?.brand ?? "",
    model: item?.model ?? "",
    vat:
      item?.vat_rate_bp !== null && item?.vat_rate_bp !== undefined
        ? bpToPercent(item.vat_rate_bp)
        : "",
    worth:
      item?.replacement_value_cents !== null && item?.replacement_value_cents !== undefined
        ? centsToInput(item.replacement_value_cents)
        : "",
    weight:
      item?.weight_grams !== null && item?.weight_grams !== undefined
        ? gramsToKg(item.weight_grams)
        : "",
  };
}

/** Adds or edits one stock line. */
export function EquipmentDialog({
  item,
  open,
  onOpenChange,
}: {
  item: EquipmentItem | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t } = useI18n();
  const save = useSaveEquipment();
  const categories = useEquipmentCategories();
  const sites = usePlaces("storage-sites", "", false, open);
  const form = useForm<Values>({ resolver: zodResolver(schema(t)), defaultValues: valuesOf(item) });
  useEffect(() => {
    if (open) form.reset(valuesOf(item));
  }, [open, item, form]);
  const submit = form.handleSubmit(async (v) => {
    try {
      const saved = await save.mutateAsync({
        id: item?.id ?? null,
        input: {
          name: v.name,
          category: v.category,
          quantity_owned: Number(v.quantity_owned),
          quantity_out_of_service: Number(v.quantity_out_of_service),
          status: v.status,
          tracking: v.tracking,
          rental_price_cents: v.price.trim() ? (parseEurosToCents(v.price) ?? 0) : 0,
          notes: v.notes,
          storage_site_id: v.site === NO_SITE ? null : Number(v.site),
          barcode: v.barcode.trim(),
          maintenance_interval_days: v.interval.trim() ? Number(v.interval) : null,
          brand: v.brand.trim(),
          model: v.model.trim(),
          vat_rate_bp: v.vat.trim() ? percentToBp(v.vat) : null,
          replacement_value_cents: v.worth.trim() ? parseEurosToCents(v.worth) : null,
          weight_grams: v.weight.trim() ? kgToGrams(v.weight) : null,
        },
      });
      toast.success(t("equipment.saved", { name: saved.name }));
      onOpenChange(false);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
        for (const f of error.fields) {
          const field =
            f.field === "rental_price_cents"
              ? "price"
              : f.field === "storage_site_id"
                ? "site"
                : f.field === "maintenance_interval_days"
                  ? "interval"
                  : (FIELD_OF_API[f.field] ?? f.field);
          form.setError(field as keyof Values, { message: f.message });
        }
        return;
      }
      form.setError("root", { message: errorMessage(error, t) });
    }
  });
  const errors = form.formState.errors;
  // An item tracked by unit counts its units: the counts change on its sheet, unit by unit.
  const tracking = useWatch({ control: form.control, name: "tracking" });
  const countedFromUnits = item?.tracking === "unit" && tracking === "unit";
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={t("common.close")}>
        <DialogHeader>
          <DialogTitle>{item ? t("equipment.edit") : t("equipment.new")}</DialogTitle>
          <DialogDescription>{t("equipment.help")}</DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={submit} noValidate>
          <FormField label={t("equipment.name")} error={errors.name?.message} required>
            <Input {...form.register("name")} />
          </FormField>
          <FormField label={t("equipment.category")} error={errors.category?.message}>
            <Input {...form.register("category")} list="planify-categories" />
          </FormField>
          <datalist id="planify-categories">
            {(categories.data ?? ["Son", "Lumière", "Vidéo", "Structure", "Véhicule"]).map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          <Controller
            control={form.control}
            name="tracking"
            render={({ field }) => (
              <FormField label={t("equipment.tracking")} help={t("equipment.trackingHelp")}>
                <Select value={field.value} onValueChange={field.onChange}>
                  <SelectTrigger aria-label={t("equipment.tracking")}>
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    {TRACKINGS.map((s) => (
                      <SelectItem key={s} value={s}>
                        {t(s === "unit" ? "equipment.tracking.unit" : "equipment.tracking.stock")}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              </FormField>
            )}
          />
          <div className="grid grid-cols-2 gap-4">
            <FormField
              label={t("equipment.owned")}
              error={errors.quantity_owned?.message}
              help={countedFromUnits ? t("equipment.countedFromUnits") : undefined}
              required
            >
              <Input
                inputMode="numeric"
                readOnly={countedFromUnits}
                {...form.register("quantity_owned")}
              />
            </FormField>
            <FormField
              label={t("equipment.outOfService")}
              error={errors.quantity_out_of_service?.message}
            >
              <Input
                inputMode="numeric"
                readOnly={countedFromUnits}
                {...form.register("quantity_out_of_service")}
              />
            </FormField>
          </div>
          <div className="grid grid-cols-2 gap-4">
            <Controller
              control={form.control}
              name="status"
              render={({ field }) => (
                <FormField label={t("equipment.statusField")}>
                  <Select value={field.value} onValueChange={field.onChange}>
                    <SelectTrigger aria-label={t("equipment.statusField")}>
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {EQUIPMENT_STATUSES.map((s) => (
                        <SelectItem key={s} value={s}>
                          {t(STATUS_LABELS[s])}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                </FormField>
              )}
            />
            <FormField label={t("equipment.price")} error={errors.price?.message}>
              <Input inputMode="decimal" {...form.register("price")} />
            </FormField>
          </div>
          <Controller
            control={form.control}
            name="site"
            render={({ field }) => (
              <FormField label={t("equipment.storageSite")} error={errors.site?.message}>
                <Select value={field.value} onValueChange={field.onChange}>
                  <SelectTrigger aria-label={t("equipment.storageSite")}>
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    <SelectItem value={NO_SITE}>{t("equipment.noSite")}</SelectItem>
                    {(sites.data?.items ?? []).map((s) => (
                      <SelectItem key={s.id} value={String(s.id)}>
                        {s.name}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              </FormField>
            )}
          />
          <FormField
            label={t("equipment.barcode")}
            help={t("equipment.barcodeHelp")}
            error={errors.barcode?.message}
          >
            <Input className="font-mono" autoComplete="off" {...form.register("barcode")} />
          </FormField>
          <div className="grid grid-cols-2 gap-4">
            <FormField label={t("equipment.brand")} error={errors.brand?.message}>
              <Input {...form.register("brand")} />
            </FormField>
            <FormField label={t("equipment.model")} error={errors.model?.message}>
              <Input {...form.register("model")} />
            </FormField>
          </div>
          <div className="grid grid-cols-3 items-start gap-4">
            <FormField
              label={t("equipment.vat")}
              help={t("equipment.vatHelp")}
              error={errors.vat?.message}
            >
              <Input inputMode="decimal" {...form.register("vat")} />
            </FormField>
            <FormField label={t("equipment.worth")} error={errors.worth?.message}>
              <Input inputMode="decimal" {...form.register("worth")} />
            </FormField>
            <FormField label={t("equipment.weight")} error={errors.weight?.message}>
              <Input inputMode="decimal" {...form.register("weight")} />
            </FormField>
          </div>
          <FormField
            label={t("equipment.interval")}
            help={t("equipment.intervalHelp")}
            error={errors.interval?.message}
          >
            <Input inputMode="numeric" {...form.register("interval")} />
          </FormField>
          <FormField label={t("equipment.notes")} error={errors.notes?.message}>
            <Input {...form.register("notes")} />
          </FormField>
          {errors.root?.message ? (
            <p role="alert" className="text-sm text-destructive">
              {errors.root.message}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="submit" disabled={form.formState.isSubmitting}>
              {t("common.save")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
