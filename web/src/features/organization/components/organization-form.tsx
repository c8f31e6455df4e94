import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { toast } from "@/lib/toast";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { ImageUpload } from "@/components/ui/image-upload";
import { Input } from "@/components/ui/input";
import { MoneyInput } from "@/components/ui/money-input";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { errorMessage, placeFieldErrors } from "@/lib/errors";
import { loadTerminology, translate, useI18n, type MessageKey, type Translate } from "@/lib/i18n";
import {
  compact,
  isValidBic,
  isValidEInvoiceAddress,
  isValidIban,
  isValidSiren,
  isValidSiret,
  isValidVatNumber,
} from "@/lib/identifiers";
import type { ClientTerminology, CrewTerminology, Terminology, Words } from "@/lib/terminology";
import { useOrganizationLogo, useUpdateOrganization, type Organization } from "../api/organization";

const TIME_ZONES = [
  "Europe/Paris",
  "Europe/Brussels",
  "Europe/Luxembourg",
  "Europe/Zurich",
  "Europe/Monaco",
  "America/Guadeloupe",
  "America/Martinique",
  "America/Cayenne",
  "America/Miquelon",
  "Indian/Reunion",
  "Indian/Mayotte",
  "Pacific/Noumea",
  "Pacific/Tahiti",
  "America/Montreal",
];

function schema(t: Translate) {
  const optionalId = (check: (v: string) => boolean, message: string) =>
    z.string().refine((v) => compact(v) === "" || check(compact(v)), message);
  return z
    .object({
      name: z.string().trim().min(1, t("validation.required")).max(200, t("validation.tooLong")),
      legal_name: z.string().max(200, t("validation.tooLong")),
      legal_form: z.string().max(60, t("validation.tooLong")),
      siren: optionalId(isValidSiren, t("org.invalid.siren")),
      siret: optionalId(isValidSiret, t("org.invalid.siret")),
      vat_number: optionalId(isValidVatNumber, t("org.invalid.vat")),
      rcs: z.string().max(100, t("validation.tooLong")),
      rm: z.string().max(100, t("validation.tooLong")),
      share_capital_cents: z.number().int().min(0).nullable(),
      address_line1: z.string().max(200, t("validation.tooLong")),
      address_line2: z.string().max(200, t("validation.tooLong")),
      postal_code: z.string().max(20, t("validation.tooLong")),
      city: z.string().max(100, t("validation.tooLong")),
      country: z.string().regex(/^[A-Za-z]{2}$/, t("org.invalid.country")),
      email: z
        .string()
        .trim()
        .refine((v) => v === "" || /^\S+@\S+\.\S+$/.test(v), t("validation.email")),
      phone: z.string().max(40, t("validation.tooLong")),
      website: z.string().max(200, t("validation.tooLong")),
      iban: optionalId(isValidIban, t("org.invalid.iban")),
      bic: optionalId(isValidBic, t("org.invalid.bic")),
      brand_color: z.string().regex(/^#[0-9a-fA-F]{6}$/, t("org.invalid.color")),
      vat_regime: z.enum(["normal", "franchise"]),
      payment_validation_required: z.boolean(),
      payment_terms_days: z
        .number()
        .int()
        .min(0, t("org.invalid.terms"))
        .max(60, t("org.invalid.terms")),
      late_penalty_percent: z
        .number()
        .min(0.01, t("org.invalid.penalty"))
        .max(100, t("org.invalid.penalty")),
      early_payment_discount: z.string().max(300, t("validation.tooLong")),
      quote_number_format: z.string().includes("{YYYY}", { message: t("org.invalid.format") }),
      invoice_number_format: z.string().includes("{YYYY}", { message: t("org.invalid.format") }),
      credit_note_number_format: z
        .string()
        .includes("{YYYY}", { message: t("org.invalid.format") }),
      time_zone: z.string(),
      terminology: z.enum(TERMINOLOGY_CHOICES),
      client_terminology: z.enum(CLIENT_CHOICES),
      crew_terminology: z.enum(CREW_CHOICES),
      einvoice_address: z
        .string()
        .trim()
        .refine(isValidEInvoiceAddress, t("org.invalid.einvoiceAddress")),
      einvoicing_required: z.boolean(),
    })
    .refine(
      (v) => {
        const siren = compact(v.siren);
        const siret = compact(v.siret);
        return siren === "" || siret === "" || siret.startsWith(siren);
      },
      { path: ["siret"], message: t("org.invalid.siretSiren") },
    );
}

type FormValues = z.infer<ReturnType<typeof schema>>;
type TextField = {
  [K in keyof FormValues]: FormValues[K] extends string ? K : never;
}[keyof FormValues];

const SERVER_FIELDS = [
  "name",
  "legal_name",
  "legal_form",
  "siren",
  "siret",
  "vat_number",
  "rcs",
  "rm",
  "share_capital_cents",
  "address_line1",
  "address_line2",
  "postal_code",
  "city",
  "country",
  "email",
  "phone",
  "website",
  "iban",
  "bic",
  "brand_color",
  "vat_regime",
  "payment_validation_required",
  "payment_terms_days",
  "late_penalty_rate_bp",
  "early_payment_discount",
  "quote_number_format",
  "invoice_number_format",
  "credit_note_number_format",
  "time_zone",
  "terminology",
  "client_terminology",
  "crew_terminology",
  "einvoice_address",
  "einvoicing_required",
] as const;

// lib/terminology.ts loads on demand (the i18n module imports it dynamically): its lists are
// repeated here rather than imported.
const TERMINOLOGY_CHOICES = [
  "missions",
  "prestations",
  "evenements",
  "locations",
  "interventions",
] as const satisfies readonly Terminology[];
const CLIENT_CHOICES = [
  "clients",
  "particuliers",
  "organisateurs",
  "locataires",
] as const satisfies readonly ClientTerminology[];
const CREW_CHOICES = [
  "techniciens",
  "regisseurs",
  "intervenants",
  "operateurs",
] as const satisfies readonly CrewTerminology[];

const TERM_LABELS: Record<Terminology | ClientTerminology | CrewTerminology, MessageKey> = {
  missions: "org.term.missions",
  prestations: "org.term.prestations",
  evenements: "org.term.evenements",
  locations: "org.term.locations",
  interventions: "org.term.interventions",
  clients: "org.term.clients",
  particuliers: "org.term.particuliers",
  organisateurs: "org.term.organisateurs",
  locataires: "org.term.locataires",
  techniciens: "org.term.techniciens",
  regisseurs: "org.term.regisseurs",
  intervenants: "org.term.intervenants",
  operateurs: "org.term.operateurs",
};

const WORD_FIELDS = [
  ["terminology", "org.terminology", "org.terminologyHelp", TERMINOLOGY_CHOICES],
  ["client_terminology", "org.clientTerminology", "org.clientTerminologyHelp", CLIENT_CHOICES],
  ["crew_terminology", "org.crewTerminology", "org.crewTerminologyHelp", CREW_CHOICES],
] as const;

/** A few sentences with the chosen (not yet saved) words, as the app will write them. */
function TerminologyPreview({ terminology }: { terminology: Words }) {
  // The word forms load with this page, not with the first one.
  useEffect(() => {
    void loadTerminology();
  }, []);
  const { t, locale } = useI18n();
  return (
    <output
      aria-label={t("org.terminologyPreview")}
      className="grid gap-1 rounded-md border bg-muted/40 px-3 py-2 text-sm"
    >
      <span className="text-xs font-medium text-muted-foreground">
        {t("org.terminologyPreview")}
      </span>
      <span>{translate(locale, "org.terminologyPreviewSample", undefined, terminology)}</span>
    </output>
  );
}

/** The organisation's legal identity and settings, edited by those who may. */
export function OrganizationForm({
  organization,
  readOnly,
}: {
  organization: Organization;
  readOnly: boolean;
}) {
  const { t } = useI18n();
  const update = useUpdateOrganization();
  const logo = useOrganizationLogo();
  const form = useForm<FormValues>({
    resolver: zodResolver(schema(t)),
    defaultValues: {
      ...organization,
      iban: organization.iban ?? "",
      bic: organization.bic ?? "",
      late_penalty_percent: organization.late_penalty_rate_bp / 100,
    },
  });
  const errors = form.formState.errors;
  const words = useWatch({
    control: form.control,
    name: ["terminology", "client_terminology", "crew_terminology"],
  });
  const onSubmit = form.handleSubmit(async ({ late_penalty_percent, ...values }) => {
    try {
      const saved = await update.mutateAsync({
        ...values,
        late_penalty_rate_bp: Math.round(late_penalty_percent * 100),
      });
      form.reset({
        ...saved,
        iban: saved.iban ?? "",
        bic: saved.bic ?? "",
        late_penalty_percent: saved.late_penalty_rate_bp / 100,
      });
      toast.success(t("org.saved"));
    } catch (error) {
      const placed = placeFieldErrors(error, SERVER_FIELDS, (field, value) =>
        form.setError(field === "late_penalty_rate_bp" ? "late_penalty_percent" : field, value),
      );
      if (!placed) form.setError("root", { message: errorMessage(error, t) });
    }
  });

  const text = (name: TextField, label: string, props: Record<string, unknown> = {}) => (
    <FormField label={label} error={errors[name]?.message}>
      <Input disabled={readOnly} {...props} {...form.register(name)} />
    </FormField>
  );

  return (
    <form className="grid gap-6" onSubmit={onSubmit} noValidate aria-label={t("org.title")}>
      <Card>
        <CardHeader>
          <CardTitle>{t("org.identity")}</CardTitle>
          <CardDescription>{t("org.identityHelp")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <div className="sm:col-span-2">
            <ImageUpload
              label={t("org.logo")}
              url={organization.logo_url ?? null}
              disabled={readOnly}
              onUpload={async (file) => {
                await logo.upload.mutateAsync(file);
                toast.success(t("org.logoSaved"));
              }}
              onRemove={async () => {
                await logo.remove.mutateAsync();
              }}
            />
          </div>
          <FormField label={t("org.name")} error={errors.name?.message} required>
            <Input disabled={readOnly} autoComplete="organization" {...form.register("name")} />
          </FormField>
          {text("legal_name", t("org.legalName"))}
          {text("legal_form", t("org.legalForm"), { placeholder: "SAS, SARL, EI…" })}
          <Controller
            control={form.control}
            name="share_capital_cents"
            render={({ field }) => (
              <FormField label={t("org.shareCapital")} error={errors.share_capital_cents?.message}>
                <MoneyInput disabled={readOnly} value={field.value} onChange={field.onChange} />
              </FormField>
            )}
          />
          {text("siren", t("org.siren"), { inputMode: "numeric" })}
          {text("siret", t("org.siret"), { inputMode: "numeric" })}
          {text("vat_number", t("org.vatNumber"))}
          {text("rcs", t("org.rcs"), { placeholder: "RCS Paris" })}
          {text("rm", t("org.rm"))}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("org.contact")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          {text("address_line1", t("org.address1"), { autoComplete: "address-line1" })}
          {text("address_line2", t("org.address2"), { autoComplete: "address-line2" })}
          {text("postal_code", t("org.postalCode"), { autoComplete: "postal-code" })}
          {text("city", t("org.city"), { autoComplete: "address-level2" })}
          {text("country", t("org.country"), { maxLength: 2 })}
          {text("email", t("org.email"), { type: "email" })}
          {text("phone", t("org.phone"), { type: "tel" })}
          {text("website", t("org.website"))}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("org.bank")}</CardTitle>
          <CardDescription>
            {readOnly && organization.iban_masked ? organization.iban_masked : t("org.bankHelp")}
          </CardDescription>
        </CardHeader>
        {readOnly ? null : (
          <CardContent className="grid gap-4 sm:grid-cols-2">
            {text("iban", t("org.iban"), { autoComplete: "off", spellCheck: false })}
            {text("bic", t("org.bic"), { autoComplete: "off", spellCheck: false })}
          </CardContent>
        )}
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("org.billing")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <Controller
            control={form.control}
            name="vat_regime"
            render={({ field }) => (
              <fieldset className="grid gap-2 sm:col-span-2" disabled={readOnly}>
                <legend className="mb-1 text-sm font-medium">{t("org.vatRegime")}</legend>
                <RadioGroup
                  value={field.value}
                  onValueChange={field.onChange}
                  aria-label={t("org.vatRegime")}
                >
                  <div className="flex items-center gap-2">
                    <RadioGroupItem value="normal" id="vat-normal" />
                    <Label htmlFor="vat-normal">{t("org.vatNormal")}</Label>
                  </div>
                  <div className="flex items-center gap-2">
                    <RadioGroupItem value="franchise" id="vat-franchise" />
                    <Label htmlFor="vat-franchise">{t("org.vatFranchise")}</Label>
                  </div>
                </RadioGroup>
              </fieldset>
            )}
          />
          <Controller
            control={form.control}
            name="payment_validation_required"
            render={({ field }) => (
              <div className="flex items-start gap-3 sm:col-span-2">
                <Switch
                  id="payment-validation"
                  checked={field.value}
                  onCheckedChange={field.onChange}
                  disabled={readOnly}
                />
                <div className="grid gap-1">
                  <Label htmlFor="payment-validation">{t("org.paymentValidation")}</Label>
                  <p className="text-xs text-muted-foreground">{t("org.paymentValidationHelp")}</p>
                </div>
              </div>
            )}
          />
          <FormField
            label={t("org.paymentTerms")}
            help={t("org.paymentTermsHelp")}
            error={errors.payment_terms_days?.message}
          >
            <Input
              type="number"
              min={0}
              max={60}
              disabled={readOnly}
              {...form.register("payment_terms_days", { valueAsNumber: true })}
            />
          </FormField>
          <FormField
            label={t("org.latePenalty")}
            help={t("org.latePenaltyHelp")}
            error={errors.late_penalty_percent?.message}
          >
            <Input
              type="number"
              step="0.01"
              min={0}
              disabled={readOnly}
              {...form.register("late_penalty_percent", { valueAsNumber: true })}
            />
          </FormField>
          <FormField
            label={t("org.earlyPayment")}
            help={t("org.earlyPaymentHelp")}
            error={errors.early_payment_discount?.message}
            className="sm:col-span-2"
          >
            <Textarea rows={2} disabled={readOnly} {...form.register("early_payment_discount")} />
          </FormField>
          {text("quote_number_format", t("org.quoteFormat"))}
          {text("invoice_number_format", t("org.invoiceFormat"))}
          {text("credit_note_number_format", t("org.creditFormat"))}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("org.einvoicing")}</CardTitle>
          <CardDescription>{t("org.einvoicingHelp")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <FormField
            label={t("org.einvoiceAddress")}
            help={t("org.einvoiceAddressHelp")}
            error={errors.einvoice_address?.message}
          >
            <Input
              disabled={readOnly}
              placeholder={organization.siren || "732829320"}
              spellCheck={false}
              {...form.register("einvoice_address")}
            />
          </FormField>
          <Controller
            control={form.control}
            name="einvoicing_required"
            render={({ field }) => (
              <div className="flex items-start gap-3 sm:col-span-2">
                <Switch
                  id="einvoicing-required"
                  checked={field.value}
                  onCheckedChange={field.onChange}
                  disabled={readOnly}
                />
                <div className="grid gap-1">
                  <Label htmlFor="einvoicing-required">{t("org.einvoicingRequired")}</Label>
                  <p className="text-xs text-muted-foreground">{t("org.einvoicingRequiredHelp")}</p>
                </div>
              </div>
            )}
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("org.preferences")}</CardTitle>
        </CardHeader>
        {/* Top-aligned: the vocabulary's preview makes its cell taller than the time zone's. */}
        <CardContent className="grid items-start gap-4 sm:grid-cols-2">
          <Controller
            control={form.control}
            name="time_zone"
            render={({ field }) => (
              <FormField label={t("org.timeZone")} error={errors.time_zone?.message}>
                <Select value={field.value} onValueChange={field.onChange} disabled={readOnly}>
                  <SelectTrigger aria-label={t("org.timeZone")}>
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    {TIME_ZONES.map((zone) => (
                      <SelectItem key={zone} value={zone}>
                        {zone}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              </FormField>
            )}
          />
          {/* The organisation's words: a mission, a client, a technician; one preview. */}
          <div className="grid gap-4 sm:col-span-2 sm:grid-cols-3">
            {WORD_FIELDS.map(([name, label, help, choices]) => (
              <Controller
                key={name}
                control={form.control}
                name={name}
                render={({ field }) => (
                  <FormField label={t(label)} help={t(help)}>
                    <Select value={field.value} onValueChange={field.onChange} disabled={readOnly}>
                      <SelectTrigger aria-label={t(label)}>
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        {choices.map((value) => (
                          <SelectItem key={value} value={value}>
                            {t(TERM_LABELS[value])}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                  </FormField>
                )}
              />
            ))}
            <div className="sm:col-span-3">
              <TerminologyPreview
                terminology={{
                  mission: words[0],
                  client: words[1],
                  crew: words[2],
                }}
              />
            </div>
          </div>
          <FormField label={t("org.brandColor")} error={errors.brand_color?.message}>
            <Input
              type="color"
              className="h-9 w-20 p-1"
              disabled={readOnly}
              {...form.register("brand_color")}
            />
          </FormField>
        </CardContent>
      </Card>

      {errors.root?.message ? (
        <p role="alert" className="rounded-md bg-destructive/10 p-3 text-sm text-destructive">
          {errors.root.message}
        </p>
      ) : null}
      {readOnly ? (
        <p className="text-sm text-muted-foreground">{t("org.readOnly")}</p>
      ) : (
        <div>
          <Button type="submit" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? t("common.loading") : t("common.save")}
          </Button>
        </div>
      )}
    </form>
  );
}
