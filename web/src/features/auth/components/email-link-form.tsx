import { zodResolver } from "@hookform/resolvers/zod";
import type { UseMutationResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { errorMessage, placeFieldErrors } from "@/lib/errors";
import { useI18n } from "@/lib/i18n";
import { FormAlert, FormNotice } from "./auth-card";

/**
 * One e-mail field that asks the server to send a link (sign-in or password reset). The answer
 * is the same whether or not the account exists, so the notice says "if an account exists".
 */
export function EmailLinkForm({
  request,
  submit,
  sent,
}: {
  request: UseMutationResult<unknown, Error, string>;
  submit: ReactNode;
  sent: string;
}) {
  const { t } = useI18n();
  const form = useForm<{ email: string }>({
    resolver: zodResolver(
      z.object({
        email: z.string().trim().min(1, t("validation.required")).email(t("validation.email")),
      }),
    ),
    defaultValues: { email: "" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await request.mutateAsync(values.email);
    } catch (error) {
      if (!placeFieldErrors(error, ["email"] as const, form.setError)) {
        form.setError("root", { message: errorMessage(error, t) });
      }
    }
  });
  const errors = form.formState.errors;
  if (request.isSuccess) return <FormNotice message={sent} />;
  return (
    <form className="grid gap-4" onSubmit={onSubmit} noValidate>
      <FormField label={t("signIn.linkEmail")} error={errors.email?.message} required>
        <Input type="email" autoComplete="email" {...form.register("email")} />
      </FormField>
      <FormAlert message={errors.root?.message} />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {submit}
      </Button>
    </form>
  );
}
