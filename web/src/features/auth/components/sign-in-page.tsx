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
import { useI18n, type MessageKey } from "@/lib/i18n";
import { useRequestMagicLink } from "../api/email-links";
import { useSessionQuery } from "../api/get-session";
import { useSignInProviders } from "../api/providers";
import { useSignIn } from "../api/sign-in";
import type { SignInInput } from "../types";
import { AuthCard, FormAlert } from "./auth-card";
import { EmailLinkForm } from "./email-link-form";

const GOOGLE_ERRORS: Record<string, MessageKey> = {
  "google-inconnu": "signIn.googleUnknown",
  "google-refuse": "signIn.googleRefused",
  "google-session": "signIn.googleSession",
  "google-annule": "signIn.googleCancelled",
  "google-indisponible": "signIn.googleUnavailable",
};

function GoogleMark() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="size-4">
      <path
        fill="#4285F4"
        d="M23.5 12.3c0-.8-.1-1.6-.2-2.3H12v4.4h6.5a5.6 5.6 0 0 1-2.4 3.6v3h3.9c2.2-2.1 3.5-5.1 3.5-8.7Z"
      />
      <path
        fill="#34A853"
        d="M12 24c3.2 0 6-1.1 8-2.9l-3.9-3c-1.1.7-2.5 1.2-4.1 1.2-3.1 0-5.8-2.1-6.7-5H1.3v3.1A12 12 0 0 0 12 24Z"
      />
      <path fill="#FBBC05" d="M5.3 14.3a7.2 7.2 0 0 1 0-4.6V6.6h-4a12 12 0 0 0 0 10.8l4-3.1Z" />
      <path
        fill="#EA4335"
        d="M12 4.8c1.8 0 3.3.6 4.6 1.8l3.4-3.4A12 12 0 0 0 1.3 6.6l4 3.1c.9-2.9 3.6-4.9 6.7-4.9Z"
      />
    </svg>
  );
}

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
  return (
    <EmailLinkForm
      request={request}
      sent={t("signIn.linkSent")}
      submit={
        <>
          <MailIcon aria-hidden="true" />
          {t("signIn.sendLink")}
        </>
      }
    />
  );
}

/** E-mail (or legacy username) and password, or a sign-in link by e-mail. */
export function SignInPage() {
  const { t } = useI18n();
  const session = useSessionQuery();
  const [params] = useSearchParams();
  const next = safeNext(params.get("suivant"));
  const [mode, setMode] = useState<"password" | "link">("password");
  const providers = useSignInProviders();
  const error = params.get("erreur");
  const errorKey = error && error in GOOGLE_ERRORS ? GOOGLE_ERRORS[error] : undefined;

  if (session.isPending) return <PageLoading />;
  if (session.data) return <Navigate to={next} replace />;

  return (
    <AuthCard title={t("signIn.title")} description={t("signIn.subtitle")}>
      <div className="grid gap-4">
        {errorKey ? <FormAlert message={t(errorKey)} /> : null}
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
        {providers.data?.google ? (
          <Button variant="outline" asChild>
            {/* A full navigation: the provider's page, then our callback, set the cookies. */}
            <a href={`/api/v1/auth/google/start?suivant=${encodeURIComponent(next)}`}>
              <GoogleMark />
              {t("signIn.google")}
            </a>
          </Button>
        ) : null}
      </div>
    </AuthCard>
  );
}
