import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { Link, useNavigate, useSearchParams } from "react-router";
import { toast } from "@/lib/toast";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { errorMessage, placeFieldErrors } from "@/lib/errors";
import { useI18n } from "@/lib/i18n";
import { useCompletePasswordReset } from "../api/email-links";
import { AuthCard, FormAlert } from "./auth-card";

/** The page a reset link opens: choose a new password, then enter the app. */
export function ResetPasswordPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const complete = useCompletePasswordReset();
  const token = params.get("jeton") ?? "";
  const form = useForm<{ new_password: string }>({
    resolver: zodResolver(
      z.object({ new_password: z.string().min(10, t("validation.passwordLength")) }),
    ),
    defaultValues: { new_password: "" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await complete.mutateAsync({ token, new_password: values.new_password });
      toast.success(t("reset.done"));
      navigate("/", { replace: true });
    } catch (error) {
      if (!placeFieldErrors(error, ["new_password"] as const, form.setError)) {
        form.setError("root", { message: errorMessage(error, t) });
      }
    }
  });
  const errors = form.formState.errors;
  return (
    <AuthCard title={t("reset.title")} description={t("reset.subtitle")}>
      <form className="grid gap-4" onSubmit={onSubmit} noValidate>
        <FormField
          label={t("profile.newPassword")}
          help={t("setup.ownerPasswordHelp")}
          error={errors.new_password?.message}
          required
        >
          <Input type="password" autoComplete="new-password" {...form.register("new_password")} />
        </FormField>
        <FormAlert message={errors.root?.message} />
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {t("reset.submit")}
        </Button>
        <Link
          to="/mot-de-passe/oublie"
          className="justify-self-center text-sm underline underline-offset-4"
        >
          {t("reset.again")}
        </Link>
      </form>
    </AuthCard>
  );
}
