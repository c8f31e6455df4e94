import { zodResolver } from "@hookform/resolvers/zod";
import { ArrowDownIcon, ArrowUpIcon, PlusIcon, Trash2Icon } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import { Controller, useFieldArray, useForm, useWatch, type FieldPath } from "react-hook-form";
import { Link, useNavigate, useParams } from "react-router";
import { toast } from "@/lib/toast";
import { z } from "zod";
import { PageError, PageLoading } from "@/components/layout/page-states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Combobox } from "@/components/ui/combobox";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { MoneyInput } from "@/components/ui/money-input";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { formatMoney } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import {
  LINE_KINDS,
  LINE_UNITS,
  VAT_RATES,
  formatRate,
  parseQuantity,
  useInvoice,
  useLiveTotals,
  useQuote,
  useSaveInvoice,
  useSaveQuote,
  type DocumentInput,
  type DocumentLine,
  type LineInput,
  type LineKind,
} from "../api/documents";
import {
  parsePercent,
  formatPercentInput,
  useCatalogueOptions,
  useClientChoices,
} from "../api/choices";
import { TotalsBox } from "./document-view";

type DocumentKind = "quote" | "invoice";
const NO_UNIT = "none";

const lineSchema = z.object({
  kind: z.enum(LINE_KINDS),
  description: z.string(),
  unit: z.string(),
  quantity: z.string(),
  unit_price_cents: z.number().int().nullable(),
  vat_rate_bp: z.string(),
  discount: z.string(),
  catalogue_item_id: z.number().int().nullable(),
});

const formSchema = z.object({
  client_id: z.string(),
  title: z.string(),
  description: z.string(),
  venue_text: z.string(),
  discount: z.string(),
  deposit_kind: z.enum(["none", "acompte", "arrhes"]),
  deposit: z.string(),
  valid_until: z.string(),
  terms: z.string(),
  lines: z.array(lineSchema),
});
type FormValues = z.infer<typeof formSchema>;
type LineValues = FormValues["lines"][number];

function emptyLine(kind: LineKind = "service"): LineValues {
  return {
    kind,
    description: "",
    unit: kind === "text" ? NO_UNIT : "unit",
    quantity: "1",
    unit_price_cents: kind === "text" ? 0 : null,
    vat_rate_bp: "2000",
    discount: "",
    catalogue_item_id: null,
  };
}

function lineValues(line: DocumentLine, locale: "fr" | "en"): LineValues {
  const whole = Math.trunc(line.quantity_milli / 1000);
  const rest = line.quantity_milli % 1000;
  return {
    kind: line.kind,
    description: line.description,
    unit: line.unit ?? NO_UNIT,
    quantity:
      rest === 0
        ? String(whole)
        : `${whole}${locale === "fr" ? "," : "."}${String(rest).padStart(3, "0").replace(/0+$/, "")}`,
    unit_price_cents: Math.abs(line.unit_price_cents),
    vat_rate_bp: String(line.vat_rate_bp),
    discount: line.discount_bp ? formatPercentInput(line.discount_bp, locale) : "",
    catalogue_item_id: line.catalogue_item_id,
  };
}

/** The body the server receives; invalid numbers become 0 (the server names the field). */
function toInput(values: FormValues, kind: DocumentKind, missionId: number | null): DocumentInput {
  const lines: LineInput[] = values.lines.map((l) => ({
    kind: l.kind,
    description: l.description,
    unit: l.unit === NO_UNIT ? null : (l.unit as LineInput["unit"]),
    quantity_milli: l.kind === "text" ? 0 : (parseQuantity(l.quantity) ?? 0),
    unit_price_cents: l.kind === "text" ? 0 : (l.unit_price_cents ?? 0),
    vat_rate_bp: Number(l.vat_rate_bp),
    discount_bp: parsePercent(l.discount) ?? 0,
    catalogue_item_id: l.catalogue_item_id,
  }));
  const input: DocumentInput = {
    client_id: values.client_id ? Number(values.client_id) : null,
    mission_id: missionId,
    title: values.title,
    description: values.description,
    venue_text: values.venue_text,
    discount_bp: parsePercent(values.discount) ?? 0,
    lines,
  };
  if (kind === "quote") {
    input.terms = values.terms;
    input.deposit_kind = values.deposit_kind;
    input.deposit_bp = values.deposit_kind === "none" ? 0 : (parsePercent(values.deposit) ?? 0);
    input.valid_until = values.valid_until || null;
  } else {
    input.notes = values.terms;
  }
  return input;
}

/** "lines[2].description" → "lines.2.description"; the API's names → the form's. */
function formField(field: string): FieldPath<FormValues> | null {
  const line = /^lines\[(\d+)\]\.(\w+)$/.exec(field);
  if (line) {
    const map: Record<string, string> = {
      description: "description",
      quantity_milli: "quantity",
      unit_price_cents: "unit_price_cents",
      vat_rate_bp: "vat_rate_bp",
      discount_bp: "discount",
      discount_cents: "discount",
      unit: "unit",
      kind: "kind",
    };
    const name = map[line[2] ?? ""];
    return name ? (`lines.${line[1]}.${name}` as FieldPath<FormValues>) : null;
  }
  const map: Record<string, FieldPath<FormValues>> = {
    client_id: "client_id",
    title: "title",
    description: "description",
    venue_text: "venue_text",
    discount_bp: "discount",
    discount_cents: "discount",
    deposit_bp: "deposit",
    deposit_kind: "deposit_kind",
    valid_until: "valid_until",
    terms: "terms",
    notes: "terms",
  };
  return map[field] ?? null;
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

interface EditorProps {
  kind: DocumentKind;
  id: number | null;
  defaults: FormValues;
  missionId: number | null;
  vatRegime: string;
}

function Editor({ kind, id, defaults, missionId, vatRegime }: EditorProps) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const saveQuote = useSaveQuote();
  const saveInvoice = useSaveInvoice();
  const clients = useClientChoices();
  const [catalogueSearch, setCatalogueSearch] = useState("");
  const catalogue = useCatalogueOptions();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormValues>({ resolver: zodResolver(formSchema), defaultValues: defaults });
  const lines = useFieldArray({ control: form.control, name: "lines" });
  const watched = useWatch({ control: form.control }) as FormValues;
  const input = useMemo(() => toInput(watched, kind, missionId), [watched, kind, missionId]);
  const live = useLiveTotals(useDebounced(input, 300), vatRegime);
  const depositKind = watched.deposit_kind;

  async function submit(values: FormValues) {
    setFormError(null);
    const body = toInput(values, kind, missionId);
    try {
      const saved =
        kind === "quote"
          ? await saveQuote.mutateAsync({ id, input: body })
          : await saveInvoice.mutateAsync({ id, input: body });
      toast.success(t(kind === "quote" ? "documents.quoteSaved" : "documents.invoiceSaved"));
      void navigate(kind === "quote" ? `/devis/${saved.id}` : `/factures/${saved.id}`);
    } catch (error) {
      let placed = false;
      if (error instanceof ApiError) {
        for (const f of error.fields) {
          const name = formField(f.field);
          if (name) {
            form.setError(name, { message: f.message });
            placed = true;
          }
        }
      }
      setFormError(placed ? t("documents.fixFields") : errorMessage(error, t));
    }
  }

  const busy = saveQuote.isPending || saveInvoice.isPending;
  const lineNet = (index: number) => live.data?.line_net_cents[index];

  return (
    <form
      className="mx-auto grid max-w-6xl gap-6"
      onSubmit={(e) => void form.handleSubmit(submit)(e)}
      noValidate
    >
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">
          {t(
            kind === "quote"
              ? id === null
                ? "documents.newQuote"
                : "documents.editQuote"
              : id === null
                ? "documents.newInvoice"
                : "documents.editInvoice",
          )}
        </h1>
        <div className="flex gap-2">
          <Button variant="outline" asChild>
            <Link
              to={
                id === null
                  ? kind === "quote"
                    ? "/devis"
                    : "/factures"
                  : `/${kind === "quote" ? "devis" : "factures"}/${id}`
              }
            >
              {t("common.cancel")}
            </Link>
          </Button>
          <Button type="submit" disabled={busy}>
            {t("documents.saveDraft")}
          </Button>
        </div>
      </div>
      {formError ? (
        <p role="alert" className="rounded-md bg-destructive/10 p-3 text-sm text-destructive">
          {formError}
        </p>
      ) : null}

      <Card>
        <CardContent className="grid gap-4 pt-6 md:grid-cols-2">
          <Controller
            control={form.control}
            name="client_id"
            render={({ field, fieldState }) => (
              <FormField label={t("documents.client")} required error={fieldState.error?.message}>
                <Combobox
                  options={(clients.data ?? []).map((c) => ({
                    value: String(c.id),
                    label: c.name,
                  }))}
                  value={field.value}
                  onValueChange={field.onChange}
                  placeholder={t("documents.pickClient")}
                />
              </FormField>
            )}
          />
          <Controller
            control={form.control}
            name="title"
            render={({ field, fieldState }) => (
              <FormField label={t("documents.title")} required error={fieldState.error?.message}>
                <Input {...field} placeholder={t("documents.titlePlaceholder")} />
              </FormField>
            )}
          />
          <Controller
            control={form.control}
            name="venue_text"
            render={({ field, fieldState }) => (
              <FormField label={t("documents.venue")} error={fieldState.error?.message}>
                <Input {...field} />
              </FormField>
            )}
          />
          {kind === "quote" ? (
            <Controller
              control={form.control}
              name="valid_until"
              render={({ field, fieldState }) => (
                <FormField
                  label={t("documents.validUntil")}
                  help={t("documents.validUntilHelp")}
                  error={fieldState.error?.message}
                >
                  <Input type="date" {...field} />
                </FormField>
              )}
            />
          ) : null}
          <Controller
            control={form.control}
            name="description"
            render={({ field, fieldState }) => (
              <FormField
                label={t("documents.description")}
                error={fieldState.error?.message}
                className="md:col-span-2"
              >
                <Textarea rows={2} {...field} />
              </FormField>
            )}
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-3">
          <CardTitle>{t("documents.lines")}</CardTitle>
          <div className="flex flex-wrap gap-2">
            <Combobox
              className="w-64"
              aria-label={t("documents.fromCatalogue")}
              options={(catalogue.data ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
              value={catalogueSearch}
              onValueChange={(value) => {
                const item = catalogue.data?.find((c) => String(c.id) === value);
                setCatalogueSearch("");
                if (!item) return;
                lines.append({
                  kind: item.kind,
                  description: item.description ? `${item.name} — ${item.description}` : item.name,
                  unit: item.unit,
                  quantity: "1",
                  unit_price_cents: item.unit_price_cents,
                  vat_rate_bp: String(item.vat_rate_bp),
                  discount: "",
                  catalogue_item_id: item.id,
                });
              }}
              placeholder={t("documents.fromCatalogue")}
            />
            <Button type="button" variant="outline" onClick={() => lines.append(emptyLine())}>
              <PlusIcon aria-hidden="true" />
              {t("documents.addLine")}
            </Button>
            <Button type="button" variant="ghost" onClick={() => lines.append(emptyLine("text"))}>
              {t("documents.addHeading")}
            </Button>
          </div>
        </CardHeader>
        <CardContent className="grid gap-3">
          {form.formState.errors.lines?.message ? (
            <p className="text-sm text-destructive">{form.formState.errors.lines.message}</p>
          ) : null}
          {lines.fields.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("documents.noLines")}</p>
          ) : null}
          {lines.fields.map((row, index) => {
            const lineKind = watched.lines?.[index]?.kind ?? "service";
            const net = lineNet(index);
            return (
              <fieldset
                key={row.id}
                className="grid gap-3 rounded-lg border p-3 md:grid-cols-12"
                aria-label={t("documents.lineN", { n: index + 1 })}
              >
                <Controller
                  control={form.control}
                  name={`lines.${index}.kind`}
                  render={({ field }) => (
                    <FormField label={t("documents.line.kind")} className="md:col-span-2">
                      <Select value={field.value} onValueChange={field.onChange}>
                        <SelectTrigger aria-label={t("documents.line.kind")}>
                          <SelectValue />
                        </SelectTrigger>
                        <SelectContent>
                          {LINE_KINDS.map((k) => (
                            <SelectItem key={k} value={k}>
                              {t(`documents.kind.${k}`)}
                            </SelectItem>
                          ))}
                        </SelectContent>
                      </Select>
                    </FormField>
                  )}
                />
                <Controller
                  control={form.control}
                  name={`lines.${index}.description`}
                  render={({ field, fieldState }) => (
                    <FormField
                      label={t("documents.line.description")}
                      error={fieldState.error?.message}
                      className="md:col-span-9"
                    >
                      <Textarea rows={1} {...field} />
                    </FormField>
                  )}
                />
                <div className="flex items-end justify-end gap-1 md:col-span-1">
                  <Button
                    type="button"
                    size="icon"
                    variant="ghost"
                    aria-label={t("documents.moveUp")}
                    disabled={index === 0}
                    onClick={() => lines.move(index, index - 1)}
                  >
                    <ArrowUpIcon aria-hidden="true" />
                  </Button>
                  <Button
                    type="button"
                    size="icon"
                    variant="ghost"
                    aria-label={t("documents.moveDown")}
                    disabled={index === lines.fields.length - 1}
                    onClick={() => lines.move(index, index + 1)}
                  >
                    <ArrowDownIcon aria-hidden="true" />
                  </Button>
                  <Button
                    type="button"
                    size="icon"
                    variant="ghost"
                    aria-label={t("documents.removeLine")}
                    onClick={() => lines.remove(index)}
                  >
                    <Trash2Icon aria-hidden="true" />
                  </Button>
                </div>
                {lineKind !== "text" ? (
                  <>
                    <Controller
                      control={form.control}
                      name={`lines.${index}.quantity`}
                      render={({ field, fieldState }) => (
                        <FormField
                          label={t("documents.line.quantity")}
                          error={fieldState.error?.message}
                          className="md:col-span-2"
                        >
                          <Input inputMode="decimal" {...field} />
                        </FormField>
                      )}
                    />
                    <Controller
                      control={form.control}
                      name={`lines.${index}.unit`}
                      render={({ field }) => (
                        <FormField label={t("documents.line.unit")} className="md:col-span-2">
                          <Select value={field.value} onValueChange={field.onChange}>
                            <SelectTrigger aria-label={t("documents.line.unit")}>
                              <SelectValue />
                            </SelectTrigger>
                            <SelectContent>
                              <SelectItem value={NO_UNIT}>—</SelectItem>
                              {LINE_UNITS.map((u) => (
                                <SelectItem key={u} value={u}>
                                  {t(`catalogue.unit.${u}`)}
                                </SelectItem>
                              ))}
                            </SelectContent>
                          </Select>
                        </FormField>
                      )}
                    />
                    <Controller
                      control={form.control}
                      name={`lines.${index}.unit_price_cents`}
                      render={({ field, fieldState }) => (
                        <FormField
                          label={t("documents.line.unitPrice")}
                          error={fieldState.error?.message}
                          className="md:col-span-2"
                        >
                          <MoneyInput value={field.value} onChange={field.onChange} />
                        </FormField>
                      )}
                    />
                    <Controller
                      control={form.control}
                      name={`lines.${index}.vat_rate_bp`}
                      render={({ field }) => (
                        <FormField label={t("documents.line.vat")} className="md:col-span-2">
                          <Select value={field.value} onValueChange={field.onChange}>
                            <SelectTrigger aria-label={t("documents.line.vat")}>
                              <SelectValue />
                            </SelectTrigger>
                            <SelectContent>
                              {VAT_RATES.map((r) => (
                                <SelectItem key={r} value={String(r)}>
                                  {formatRate(r, locale)}
                                </SelectItem>
                              ))}
                            </SelectContent>
                          </Select>
                        </FormField>
                      )}
                    />
                    <Controller
                      control={form.control}
                      name={`lines.${index}.discount`}
                      render={({ field, fieldState }) => (
                        <FormField
                          label={t("documents.line.discountPercent")}
                          error={fieldState.error?.message}
                          className="md:col-span-2"
                        >
                          <Input inputMode="decimal" {...field} />
                        </FormField>
                      )}
                    />
                    <div className="flex items-end justify-end md:col-span-2">
                      <p className="text-right text-sm">
                        <span className="block text-xs text-muted-foreground">
                          {t("documents.line.net")}
                        </span>
                        <span
                          className="font-medium tabular-nums"
                          data-testid={`line-net-${index}`}
                        >
                          {net === undefined ? "…" : formatMoney(net, locale)}
                        </span>
                      </p>
                    </div>
                  </>
                ) : null}
              </fieldset>
            );
          })}
        </CardContent>
      </Card>

      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <CardContent className="grid gap-4 pt-6">
            <Controller
              control={form.control}
              name="discount"
              render={({ field, fieldState }) => (
                <FormField
                  label={t("documents.documentDiscount")}
                  error={fieldState.error?.message}
                >
                  <Input inputMode="decimal" {...field} />
                </FormField>
              )}
            />
            {kind === "quote" ? (
              <div className="grid gap-4 sm:grid-cols-2">
                <Controller
                  control={form.control}
                  name="deposit_kind"
                  render={({ field }) => (
                    <FormField label={t("documents.depositKind")}>
                      <Select value={field.value} onValueChange={field.onChange}>
                        <SelectTrigger aria-label={t("documents.depositKind")}>
                          <SelectValue />
                        </SelectTrigger>
                        <SelectContent>
                          <SelectItem value="none">{t("documents.deposit.none")}</SelectItem>
                          <SelectItem value="acompte">{t("documents.deposit.acompte")}</SelectItem>
                          <SelectItem value="arrhes">{t("documents.deposit.arrhes")}</SelectItem>
                        </SelectContent>
                      </Select>
                    </FormField>
                  )}
                />
                {depositKind !== "none" ? (
                  <Controller
                    control={form.control}
                    name="deposit"
                    render={({ field, fieldState }) => (
                      <FormField
                        label={t("documents.depositPercent")}
                        error={fieldState.error?.message}
                      >
                        <Input inputMode="decimal" {...field} />
                      </FormField>
                    )}
                  />
                ) : null}
              </div>
            ) : null}
            <Controller
              control={form.control}
              name="terms"
              render={({ field, fieldState }) => (
                <FormField
                  label={t(kind === "quote" ? "documents.terms" : "documents.notes")}
                  error={fieldState.error?.message}
                >
                  <Textarea rows={3} {...field} />
                </FormField>
              )}
            />
          </CardContent>
        </Card>
        <Card aria-live="polite">
          <CardHeader>
            <CardTitle>{t("documents.totals")}</CardTitle>
          </CardHeader>
          <CardContent>
            {live.data ? (
              <TotalsBox
                linesNet={live.data.lines_net_cents}
                net={live.data.total_net_cents}
                vat={live.data.vat_breakdown}
                vatTotal={live.data.total_vat_cents}
                gross={live.data.total_gross_cents}
                vatRegime={vatRegime}
                extra={
                  kind === "quote" && live.data.deposit_cents > 0
                    ? [{ label: t("documents.depositAsked"), cents: live.data.deposit_cents }]
                    : undefined
                }
              />
            ) : live.isError ? (
              <p className="text-sm text-muted-foreground">{t("documents.totalsPending")}</p>
            ) : (
              <p className="text-sm text-muted-foreground">…</p>
            )}
          </CardContent>
        </Card>
      </div>
    </form>
  );
}

const BLANK: FormValues = {
  client_id: "",
  title: "",
  description: "",
  venue_text: "",
  discount: "",
  deposit_kind: "none",
  deposit: "30",
  valid_until: "",
  terms: "",
  lines: [emptyLine()],
};

/** /devis/nouveau, /factures/nouvelle (?client=, ?mission=). */
export function NewDocumentPage({ kind }: { kind: DocumentKind }) {
  const params = new URLSearchParams(window.location.search);
  const client = params.get("client") ?? "";
  const mission = Number(params.get("mission")) || null;
  return (
    <Editor
      kind={kind}
      id={null}
      defaults={{ ...BLANK, client_id: client }}
      missionId={mission}
      vatRegime="standard"
    />
  );
}

export function NewQuotePage() {
  return <NewDocumentPage kind="quote" />;
}

export function NewInvoicePage() {
  return <NewDocumentPage kind="invoice" />;
}

/** /devis/:id/modifier */
export function EditQuotePage() {
  const { t, locale } = useI18n();
  const id = Number(useParams().id);
  const quote = useQuote(id);
  if (quote.isPending) return <PageLoading />;
  if (quote.isError) return <PageError message={errorMessage(quote.error, t)} />;
  const q = quote.data;
  return (
    <Editor
      kind="quote"
      id={id}
      missionId={q.mission_id}
      vatRegime={q.vat_regime}
      defaults={{
        client_id: q.client_id ? String(q.client_id) : "",
        title: q.title,
        description: q.description,
        venue_text: q.venue_text,
        discount: q.discount_bp ? formatPercentInput(q.discount_bp, locale) : "",
        deposit_kind: q.deposit_kind,
        deposit: q.deposit_bp ? formatPercentInput(q.deposit_bp, locale) : "30",
        valid_until: q.valid_until ?? "",
        terms: q.terms,
        lines: q.lines.map((l) => lineValues(l, locale)),
      }}
    />
  );
}

/** /factures/:id/modifier */
export function EditInvoicePage() {
  const { t, locale } = useI18n();
  const id = Number(useParams().id);
  const invoice = useInvoice(id);
  if (invoice.isPending) return <PageLoading />;
  if (invoice.isError) return <PageError message={errorMessage(invoice.error, t)} />;
  const d = invoice.data;
  return (
    <Editor
      kind="invoice"
      id={id}
      missionId={d.mission_id}
      vatRegime={d.vat_regime}
      defaults={{
        ...BLANK,
        client_id: d.client_id ? String(d.client_id) : "",
        title: d.title,
        description: d.description,
        venue_text: d.venue_text,
        discount: d.discount_bp ? formatPercentInput(d.discount_bp, locale) : "",
        terms: d.notes,
        lines: d.lines.map((l) => lineValues(l, locale)),
      }}
    />
  );
}
