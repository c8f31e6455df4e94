import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { z } from "zod";
import { PageLoading } from "@/components/layout/page-states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { ApiError } from "@/lib/api-client";
import { useI18n, type Translate } from "@/lib/i18n";
import { useSessionQuery } from "../api/get-session";
import { useSignIn } from "../api/sign-in";
import type { SignInInput } from "../types";

function schema(t: Translate) {
  return z.object({
    email: z.string().trim().min(1, t("validation.required")),
    password: z.string().min(1, t("validation.required")),
  });
}

/** Only same-site paths are followed after sign-in (no open redirect). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}

/** E-mail (or legacy username) and password. */
export function SignInPage() {
  const { t } = useI18n();
  const session = useSessionQuery();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("suivant"));
  const signIn = useSignIn();
  const form = useForm<SignInInput>({
    resolver: zodResolver(schema(t)),
    defaultValues: { email: "", password: "" },
  });

  if (session.isPending) return <PageLoading />;
  if (session.data && !signIn.isPending) return <Navigate to={next} replace />;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await signIn.mutateAsync(values);
      navigate(next, { replace: true });
    } catch (error) {
      let message = t("error.unexpected");
      if (error instanceof ApiError) {
        if (error.code === "NETWORK") message = t("error.network");
        else if (error.status === 429) message = error.message;
        else if (error.status === 401) message = error.message;
        else if (error.fields.length > 0) {
          for (const field of error.fields) {
            if (field.field === "email" || field.field === "password") {
              form.setError(field.field, { message: field.message });
            }
          }
          return;
        } else message = error.message;
      }
      form.setError("root", { message });
      form.setValue("password", "");
    }
  });

  const errors = form.formState.errors;
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center bg-muted/40 p-4">
      <Card className="w-full max-w-sm">
        <CardHeader>
          <div
            className="mb-2 flex size-10 items-center justify-center rounded-lg bg-primary text-lg font-bold text-primary-foreground"
            aria-hidden="true"
          >
            P
          </div>
          <h1 className="text-xl font-semibold leading-tight">{t("signIn.title")}</h1>
          <CardDescription>{t("signIn.subtitle")}</CardDescription>
        </CardHeader>
        <CardContent>
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
              <Input
                type="password"
                autoComplete="current-password"
                {...form.register("password")}
              />
            </FormField>
            {errors.root?.message ? (
              <p role="alert" className="rounded-md bg-destructive/10 p-3 text-sm text-destructive">
                {errors.root.message}
              </p>
            ) : null}
            <Button type="submit" disabled={form.formState.isSubmitting}>
              {form.formState.isSubmitting ? t("signIn.submitting") : t("signIn.submit")}
            </Button>
          </form>
        </CardContent>
      </Card>
    </main>
  );
}
