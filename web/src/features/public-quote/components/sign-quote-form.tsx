import { zodResolver } from "@hookform/resolvers/zod";
import { PenLineIcon } from "lucide-react";
import { useId } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ApiError } from "@/lib/api-client";
import { errorMessage, placeFieldErrors } from "@/lib/errors";
import { useI18n } from "@/lib/i18n";
import type { PublicQuote, SignQuoteInput, useSignPublicQuote } from "../api/public-quote";
import { SignaturePadField } from "./signature-pad-field";

const FIELDS = ["signer_name", "signer_email", "signature", "consent"] as const;

/** Name, e-mail, drawn signature and "bon pour accord": the client's acceptance. */
export function SignQuoteForm({
  quote,
  mutation,
  onStale,
}: {
  quote: PublicQuote;
  mutation: ReturnType<typeof useSignPublicQuote>;
  /** The quote can no longer be signed (409) or the link was replaced (404). */
  onStale: (error: ApiError) => void;
}) {
  const { t } = useI18n();
  const consentId = useId();
  const form = useForm<SignQuoteInput>({
    resolver: zodResolver(
      z.object({
        signer_name: z
          .string()
          .trim()
          .min(1, t("validation.required"))
          .max(120, t("validation.tooLong")),
        signer_email: z
          .string()
          .trim()
          .min(1, t("validation.required"))
          .email(t("validation.email")),
        signature: z.string().min(1, t("publicQuote.signatureRequired")),
        consent: z.boolean().refine((v) => v, t("publicQuote.consentRequired")),
      }),
    ),
    defaultValues: {
      signer_name: "",
      signer_email: quote.client_email ?? "",
      signature: "",
      consent: false,
    },
  });
  const typedName = useWatch({ control: form.control, name: "signer_name" });
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await mutation.mutateAsync(values);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        onStale(error);
        return;
      }
      if (!placeFieldErrors(error, FIELDS, form.setError)) {
        form.setError("root", { message: errorMessage(error, t) });
      }
    }
  });
  const errors = form.formState.errors;
  const submitting = form.formState.isSubmitting;
  const consentErrorId = `${consentId}-error`;
  return (
    <form className="grid gap-5" onSubmit={onSubmit} noValidate data-testid="public-quote-sign">
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label={t("publicQuote.signerName")} error={errors.signer_name?.message} required>
          <Input autoComplete="name" {...form.register("signer_name")} />
        </FormField>
        <FormField
          label={t("publicQuote.signerEmail")}
          error={errors.signer_email?.message}
          help={t("publicQuote.signerEmailHelp")}
          required
        >
          <Input
            type="email"
            inputMode="email"
            autoComplete="email"
            autoCapitalize="none"
            spellCheck={false}
            {...form.register("signer_email")}
          />
        </FormField>
      </div>
      <Controller
        control={form.control}
        name="signature"
        render={({ field }) => (
          <SignaturePadField
            ref={field.ref}
            value={field.value}
            onChange={field.onChange}
            typedName={typedName}
            error={errors.signature?.message}
            disabled={submitting}
          />
        )}
      />
      <Controller
        control={form.control}
        name="consent"
        render={({ field }) => (
          <div className="grid gap-1.5">
            <div className="flex items-start gap-3">
              <Checkbox
                id={consentId}
                ref={field.ref}
                name={field.name}
                checked={field.value}
                onCheckedChange={(checked) => field.onChange(checked === true)}
                onBlur={field.onBlur}
                disabled={submitting}
                aria-required
                aria-invalid={errors.consent ? true : undefined}
                aria-describedby={errors.consent ? consentErrorId : undefined}
                className="mt-0.5"
              />
              <Label htmlFor={consentId} className="leading-snug">
                {t("publicQuote.consent")}
              </Label>
            </div>
            {errors.consent ? (
              <p id={consentErrorId} role="alert" className="text-xs font-medium text-destructive">
                {errors.consent.message}
              </p>
            ) : null}
          </div>
        )}
      />
      {errors.root?.message ? (
        <p role="alert" className="rounded-md bg-destructive/10 p-3 text-sm text-destructive">
          {errors.root.message}
        </p>
      ) : null}
      <div className="grid gap-2">
        <Button
          type="submit"
          size="lg"
          className="w-full sm:w-auto sm:justify-self-start"
          disabled={submitting}
        >
          <PenLineIcon aria-hidden="true" />
          {submitting ? t("publicQuote.signing") : t("publicQuote.signSubmit")}
        </Button>
        <p className="text-xs text-muted-foreground">{t("publicQuote.evidenceNotice")}</p>
      </div>
    </form>
  );
}
