import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { errorMessage, placeFieldErrors } from "@/lib/errors";
import { useI18n } from "@/lib/i18n";
import { useRequestPasswordReset } from "../api/email-links";
import { AuthCard, FormAlert, FormNotice } from "./auth-card";

/** Asks for a password-reset link. */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  const request = useRequestPasswordReset();
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
  return (
    <AuthCard title={t("forgot.title")} description={t("forgot.subtitle")}>
      <div className="grid gap-4">
        {request.isSuccess ? (
          <FormNotice message={t("forgot.sent")} />
        ) : (
          <form className="grid gap-4" onSubmit={onSubmit} noValidate>
            <FormField label={t("signIn.linkEmail")} error={errors.email?.message} required>
              <Input type="email" autoComplete="email" {...form.register("email")} />
            </FormField>
            <FormAlert message={errors.root?.message} />
            <Button type="submit" disabled={form.formState.isSubmitting}>
              {t("forgot.submit")}
            </Button>
          </form>
        )}
        <Link to="/connexion" className="justify-self-center text-sm underline underline-offset-4">
          {t("magicLink.back")}
        </Link>
      </div>
    </AuthCard>
  );
}
