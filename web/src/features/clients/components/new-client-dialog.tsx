import { zodResolver } from "@hookform/resolvers/zod";
import { PlusIcon } from "lucide-react";
import { useState } from "react";
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
  DialogTrigger,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { useI18n, type Translate } from "@/lib/i18n";
import { compact, isValidSiret } from "@/lib/identifiers";
import { useCreateClient } from "../api/clients";

function schema(t: Translate) {
  return z.object({
    kind: z.enum(["individual", "company"]),
    name: z.string().trim().min(1, t("validation.required")).max(200, t("validation.tooLong")),
    siret: z
      .string()
      .refine((v) => compact(v) === "" || isValidSiret(compact(v)), t("org.invalid.siret")),
    email: z
      .string()
      .trim()
      .refine((v) => v === "" || /^\S+@\S+\.\S+$/.test(v), t("validation.email")),
    phone: z.string().max(40, t("validation.tooLong")),
    city: z.string().max(100, t("validation.tooLong")),
  });
}
type Values = z.infer<ReturnType<typeof schema>>;

/** A new client in a few fields; the full form comes with the client page. */
export function NewClientDialog() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [duplicate, setDuplicate] = useState<string | null>(null);
  const create = useCreateClient();
  const form = useForm<Values>({
    resolver: zodResolver(schema(t)),
    defaultValues: { kind: "individual", name: "", siret: "", email: "", phone: "", city: "" },
  });
  const kind = useWatch({ control: form.control, name: "kind" });

  const submit = form.handleSubmit(async (values) => {
    try {
      const client = await create.mutateAsync({
        kind: values.kind,
        name: values.name,
        siret: values.kind === "company" ? values.siret : "",
        contacts:
          values.email || values.phone
            ? [{ name: "", email: values.email, phone: values.phone, primary: true }]
            : [],
        billing_address: { city: values.city },
        allow_duplicate: duplicate !== null,
      });
      toast.success(t("clients.created", { name: client.name }));
      form.reset();
      setDuplicate(null);
      setOpen(false);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setDuplicate(error.message);
        return;
      }
      if (error instanceof ApiError && error.fields.length > 0) {
        for (const f of error.fields) {
          const field = f.field.startsWith("contacts") ? "email" : f.field;
          if (["name", "siret", "email", "kind"].includes(field)) {
            form.setError(field as keyof Values, { message: f.message });
          }
        }
        return;
      }
      form.setError("root", { message: errorMessage(error, t) });
    }
  });
  const errors = form.formState.errors;

  return (
    <Dialog
      open={open}
      onOpenChange={(value) => {
        setOpen(value);
        if (!value) setDuplicate(null);
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden="true" />
          {t("clients.new")}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t("common.close")}>
        <DialogHeader>
          <DialogTitle>{t("clients.new")}</DialogTitle>
          <DialogDescription>{t("clients.newHelp")}</DialogDescription>
        </DialogHeader>
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
                  <RadioGroupItem value="individual" id="kind-individual" />
                  <Label htmlFor="kind-individual">{t("clients.individual")}</Label>
                </div>
                <div className="flex items-center gap-2">
                  <RadioGroupItem value="company" id="kind-company" />
                  <Label htmlFor="kind-company">{t("clients.company")}</Label>
                </div>
              </RadioGroup>
            )}
          />
          <FormField label={t("clients.name")} error={errors.name?.message} required>
            <Input {...form.register("name")} />
          </FormField>
          {kind === "company" ? (
            <FormField label={t("org.siret")} error={errors.siret?.message}>
              <Input inputMode="numeric" {...form.register("siret")} />
            </FormField>
          ) : null}
          <FormField label={t("org.email")} error={errors.email?.message}>
            <Input type="email" {...form.register("email")} />
          </FormField>
          <FormField label={t("org.phone")} error={errors.phone?.message}>
            <Input type="tel" {...form.register("phone")} />
          </FormField>
          <FormField label={t("org.city")} error={errors.city?.message}>
            <Input {...form.register("city")} />
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
              {duplicate ? t("clients.createAnyway") : t("clients.create")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
