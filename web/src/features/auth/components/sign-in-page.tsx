import { zodResolver } from "@hookform/resolvers/zod";
import { MailIcon } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { z } from "zod";
import { PageLoading } from "@/components/layout/page-states";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { errorMessage, placeFieldErrors } from "@/lib/errors";
import { useI18n } from "@/lib/i18n";
import { useRequestMagicLink } from "../api/email-links";
import { useSessionQuery } from "../api/get-session";
import { useSignIn } from "../api/sign-in";
import type { SignInInput } from "../types";
import { AuthCard, FormAlert, FormNotice } from "./auth-card";

/** Only same-site paths are followed after sign-in (no open redirect). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}

function PasswordForm({ next }: { next: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const form = useForm<SignInInput>({
    resolver: zodResolver(
      z.object({
        email: z.string().trim().min(1, t("validation.required")),
        password: z.string().min(1, t("validation.required")),
      }),
    ),
    defaultValues: { email: "", password: "" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await signIn.mutateAsync(values);
      navigate(next, { replace: true });
    } catch (error) {
      if (!placeFieldErrors(error, ["email", "password"] as const, form.setError)) {
        form.setError("root", { message: errorMessage(error, t) });
      }
      form.setValue("password", "");
    }
  });
  const errors = form.formState.errors;
  return (
    <form className="grid gap-4" onSubmit={onSubmit} noValidate>
      <FormField label={t("signIn.email")} error={errors.email?.message} required>
        <Input
          type="text"
          inputMode="email"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          {...form.register("email")}
        />
      </FormField>
      <FormField label={t("signIn.password")} error={errors.password?.message} required>
        <Input type="password" autoComplete="current-password" {...form.register("password")} />
      </FormField>
      <FormAlert message={errors.root?.message} />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? t("signIn.submitting") : t("signIn.submit")}
      </Button>
      <Link
        to="/mot-de-passe/oublie"
        className="justify-self-center text-sm text-muted-foreground underline-offset-4 hover:underline"
      >
        {t("signIn.forgot")}
      </Link>
    </form>
  );
}

function MagicLinkForm() {
  const { t } = useI18n();
  const request = useRequestMagicLink();
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
  if (request.isSuccess) return <FormNotice message={t("signIn.linkSent")} />;
  return (
    <form className="grid gap-4" onSubmit={onSubmit} noValidate>
      <FormField label={t("signIn.linkEmail")} error={errors.email?.message} required>
        <Input type="email" autoComplete="email" {...form.register("email")} />
      </FormField>
      <FormAlert message={errors.root?.message} />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        <MailIcon aria-hidden="true" />
        {t("signIn.sendLink")}
      </Button>
    </form>
  );
}

/** E-mail (or legacy username) and password, or a sign-in link by e-mail. */
export function SignInPage() {
  const { t } = useI18n();
  const session = useSessionQuery();
  const [params] = useSearchParams();
  const next = safeNext(params.get("suivant"));
  const [mode, setMode] = useState<"password" | "link">("password");

  if (session.isPending) return <PageLoading />;
  if (session.data) return <Navigate to={next} replace />;

  return (
    <AuthCard title={t("signIn.title")} description={t("signIn.subtitle")}>
      <div className="grid gap-4">
        {mode === "password" ? <PasswordForm next={next} /> : <MagicLinkForm />}
        <div className="flex items-center gap-3 text-xs text-muted-foreground">
          <span className="h-px flex-1 bg-border" />
          {t("signIn.or")}
          <span className="h-px flex-1 bg-border" />
        </div>
        <Button
          variant="outline"
          onClick={() => setMode(mode === "password" ? "link" : "password")}
        >
          {mode === "password" ? t("signIn.useLink") : t("signIn.usePassword")}
        </Button>
      </div>
    </AuthCard>
  );
}
