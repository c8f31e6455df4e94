import { zodResolver } from "@hookform/resolvers/zod";
import { PencilIcon, PlusIcon, Trash2Icon } from "lucide-react";
import { useState } from "react";
import { Controller, useFieldArray, useForm, useWatch } from "react-hook-form";
import { toast } from "@/lib/toast";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { Textarea } from "@/components/ui/textarea";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { useI18n, type Translate } from "@/lib/i18n";
import { compact, isValidEInvoiceAddress, isValidSiren, isValidSiret } from "@/lib/identifiers";
import { useUpdateClient, type Client } from "../api/clients";

const address = z.object({
  line1: z.string(),
  line2: z.string(),
  postal_code: z.string(),
  city: z.string(),
  country: z.string(),
});

function schema(t: Translate) {
  return z.object({
    kind: z.enum(["individual", "company"]),
    name: z.string().trim().min(1, t("validation.required")).max(200, t("validation.tooLong")),
    siren: z
      .string()
      .refine((v) => compact(v) === "" || isValidSiren(compact(v)), t("org.invalid.siren")),
    siret: z
      .string()
      .refine((v) => compact(v) === "" || isValidSiret(compact(v)), t("org.invalid.siret")),
    vat_number: z.string(),
    billing_address: address,
    service_address: address,
    contacts: z.array(
      z.object({
        name: z.string().max(200, t("validation.tooLong")),
        role: z.string().max(100, t("validation.tooLong")),
        email: z
          .string()
          .trim()
          .refine((v) => v === "" || /^\S+@\S+\.\S+$/.test(v), t("validation.email")),
        phone: z.string().max(40, t("validation.tooLong")),
        primary: z.boolean(),
      }),
    ),
    tags: z.string(),
    notes: z.string().max(5000, t("validation.tooLong")),
    einvoice_address: z
      .string()
      .trim()
      .refine(isValidEInvoiceAddress, t("org.invalid.einvoiceAddress")),
  });
}
type Values = z.infer<ReturnType<typeof schema>>;

function valuesOf(c: Client): Values {
  return {
    kind: c.kind,
    name: c.name,
    siren: c.siren,
    siret: c.siret,
    vat_number: c.vat_number,
    billing_address: c.billing_address,
    service_address: c.service_address,
    contacts: c.contacts,
    tags: c.tags.join(", "),
    notes: c.notes,
    einvoice_address: c.einvoice_address,
  };
}

/** "contacts[1].email" -> "contacts.1.email". */
function formPath(field: string): string {
  return field.replace(/\[(\d+)\]/g, ".$1");
}

function AddressFields({
  prefix,
  legend,
  register,
}: {
  prefix: "billing_address" | "service_address";
  legend: string;
  register: ReturnType<typeof useForm<Values>>["register"];
}) {
  const { t } = useI18n();
  return (
    <fieldset className="grid gap-2 rounded-md border p-3 sm:grid-cols-2">
      <legend className="px-1 text-sm font-medium">{legend}</legend>
      <FormField label={t("org.address1")} className="sm:col-span-2">
        <Input {...register(`${prefix}.line1`)} />
      </FormField>
      <FormField label={t("org.address2")} className="sm:col-span-2">
        <Input {...register(`${prefix}.line2`)} />
      </FormField>
      <FormField label={t("org.postalCode")}>
        <Input {...register(`${prefix}.postal_code`)} />
      </FormField>
      <FormField label={t("org.city")}>
        <Input {...register(`${prefix}.city`)} />
      </FormField>
    </fieldset>
  );
}

function ClientForm({ client, onDone }: { client: Client; onDone: () => void }) {
  const { t } = useI18n();
  const update = useUpdateClient();
  const [duplicate, setDuplicate] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(schema(t)),
    defaultValues: valuesOf(client),
  });
  const contacts = useFieldArray({ control: form.control, name: "contacts" });
  const kind = useWatch({ control: form.control, name: "kind" });
  const errors = form.formState.errors;

  const submit = form.handleSubmit(async (v) => {
    // Exactly one primary contact when there are any: the ticked one, else the first.
    const ticked = Math.max(
      0,
      v.contacts.findIndex((c) => c.primary),
    );
    const list = v.contacts.map((c, i) => ({ ...c, primary: i === ticked }));
    try {
      await update.mutateAsync({
        id: client.id,
        input: {
          kind: v.kind,
          name: v.name,
          siren: v.kind === "company" ? v.siren : "",
          siret: v.kind === "company" ? v.siret : "",
          vat_number: v.kind === "company" ? v.vat_number : "",
          billing_address: v.billing_address,
          service_address: v.service_address,
          contacts: list,
          tags: v.tags
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
          notes: v.notes,
          einvoice_address: v.einvoice_address,
          allow_duplicate: duplicate !== null,
        },
      });
      toast.success(t("clients.saved", { name: v.name }));
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setDuplicate(error.message);
        return;
      }
      if (error instanceof ApiError && error.fields.length > 0) {
        for (const f of error.fields) {
          form.setError(formPath(f.field) as keyof Values, { message: f.message });
        }
        return;
      }
      form.setError("root", { message: errorMessage(error, t) });
    }
  });

  return (
    <form className="grid gap-4" onSubmit={submit} noValidate>
      <Controller
        control={form.control}
        name="kind"
        render={({ field }) => (
          <RadioGroup
            value={field.value}
            onValueChange={field.onChange}
            aria-label={t("clients.kind")}
            className="flex gap-4"
          >
            <div className="flex items-center gap-2">
              <RadioGroupItem value="individual" id="edit-kind-individual" />
              <Label htmlFor="edit-kind-individual">{t("clients.individual")}</Label>
            </div>
            <div className="flex items-center gap-2">
              <RadioGroupItem value="company" id="edit-kind-company" />
              <Label htmlFor="edit-kind-company">{t("clients.company")}</Label>
            </div>
          </RadioGroup>
        )}
      />
      <FormField label={t("clients.name")} error={errors.name?.message} required>
        <Input {...form.register("name")} />
      </FormField>
      {kind === "company" ? (
        <div className="grid gap-4 sm:grid-cols-3">
          <FormField label={t("org.siren")} error={errors.siren?.message}>
            <Input inputMode="numeric" {...form.register("siren")} />
          </FormField>
          <FormField label={t("org.siret")} error={errors.siret?.message}>
            <Input inputMode="numeric" {...form.register("siret")} />
          </FormField>
          <FormField label={t("org.vatNumber")} error={errors.vat_number?.message}>
            <Input {...form.register("vat_number")} />
          </FormField>
        </div>
      ) : null}
      <fieldset className="grid gap-2 rounded-md border p-3">
        <legend className="px-1 text-sm font-medium">{t("clients.contacts")}</legend>
        {contacts.fields.map((row, i) => (
          <div key={row.id} className="grid gap-2 rounded-md bg-muted/40 p-2 sm:grid-cols-2">
            <FormField label={t("clients.contactName")} error={errors.contacts?.[i]?.name?.message}>
              <Input {...form.register(`contacts.${i}.name`)} />
            </FormField>
            <FormField label={t("clients.contactRole")} error={errors.contacts?.[i]?.role?.message}>
              <Input {...form.register(`contacts.${i}.role`)} />
            </FormField>
            <FormField label={t("org.email")} error={errors.contacts?.[i]?.email?.message}>
              <Input type="email" {...form.register(`contacts.${i}.email`)} />
            </FormField>
            <FormField label={t("org.phone")} error={errors.contacts?.[i]?.phone?.message}>
              <Input type="tel" {...form.register(`contacts.${i}.phone`)} />
            </FormField>
            <div className="flex items-center justify-between gap-2 sm:col-span-2">
              <Controller
                control={form.control}
                name={`contacts.${i}.primary`}
                render={({ field }) => (
                  <div className="flex items-center gap-2">
                    <Checkbox
                      id={`contact-primary-${row.id}`}
                      checked={field.value}
                      onCheckedChange={(v) => {
                        // One primary contact: ticking one unticks the others.
                        contacts.fields.forEach((_, j) =>
                          form.setValue(`contacts.${j}.primary`, j === i && v === true),
                        );
                      }}
                    />
                    <Label htmlFor={`contact-primary-${row.id}`}>{t("clients.primary")}</Label>
                  </div>
                )}
              />
              <Button type="button" variant="ghost" size="sm" onClick={() => contacts.remove(i)}>
                <Trash2Icon aria-hidden="true" />
                {t("clients.removeContact")}
              </Button>
            </div>
          </div>
        ))}
        <Button
          type="button"
          variant="outline"
          size="sm"
          className="justify-self-start"
          onClick={() =>
            contacts.append({
              name: "",
              role: "",
              email: "",
              phone: "",
              primary: contacts.fields.length === 0,
            })
          }
        >
          <PlusIcon aria-hidden="true" />
          {t("clients.addContact")}
        </Button>
      </fieldset>
      <AddressFields
        prefix="billing_address"
        legend={t("clients.billing")}
        register={form.register}
      />
      <AddressFields
        prefix="service_address"
        legend={t("clients.service")}
        register={form.register}
      />
      <FormField label={t("clients.tags")} help={t("clients.tagsHelp")}>
        <Input {...form.register("tags")} />
      </FormField>
      <FormField label={t("clients.notes")} error={errors.notes?.message}>
        <Textarea rows={3} {...form.register("notes")} />
      </FormField>
      <FormField
        label={t("clients.einvoiceAddress")}
        help={t("clients.einvoiceAddressHelp")}
        error={errors.einvoice_address?.message}
      >
        <Input spellCheck={false} {...form.register("einvoice_address")} />
      </FormField>
      {duplicate ? (
        <p role="alert" className="rounded-md bg-warning/15 p-3 text-sm">
          {duplicate}
        </p>
      ) : null}
      {errors.root?.message ? (
        <p role="alert" className="text-sm text-destructive">
          {errors.root.message}
        </p>
      ) : null}
      <DialogFooter>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {duplicate ? t("clients.saveAnyway") : t("common.save")}
        </Button>
      </DialogFooter>
    </form>
  );
}

/** The whole client: identity, identifiers, contacts, addresses, tags and notes. */
export function ClientFormDialog({ client }: { client: Client }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline">
          <PencilIcon aria-hidden="true" />
          {t("clients.edit")}
        </Button>
      </DialogTrigger>
      <DialogContent
        closeLabel={t("common.close")}
        className="max-h-[92vh] overflow-y-auto sm:max-w-2xl"
      >
        <DialogHeader>
          <DialogTitle>{t("clients.edit")}</DialogTitle>
          <DialogDescription>{client.name}</DialogDescription>
        </DialogHeader>
        <ClientForm client={client} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}
