import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { Navigate, useNavigate } from "react-router";
import { toast } from "@/lib/toast";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { ApiError } from "@/lib/api-client";
import { useI18n, type Translate } from "@/lib/i18n";
import { PageLoading } from "@/components/layout/page-states";
import { useCreateSetup } from "../api/create-setup";
import { useSetupStatus } from "../api/get-setup-status";
import type { SetupInput } from "../types";
import { SiteFooter } from "@/features/consent/components/site-footer";

function schema(t: Translate) {
  return z.object({
    organization_name: z
      .string()
      .trim()
      .min(1, t("validation.required"))
      .max(200, t("validation.tooLong")),
    owner_display_name: z
      .string()
      .trim()
      .min(1, t("validation.required"))
      .max(120, t("validation.tooLong")),
    owner_email: z.string().trim().min(1, t("validation.required")).email(t("validation.email")),
    owner_password: z.string().min(10, t("validation.passwordLength")),
  });
}

const FIELDS = [
  "organization_name",
  "owner_display_name",
  "owner_email",
  "owner_password",
] as const;

/** First run: create the organisation and its owner. */
export function SetupPage() {
  const { t } = useI18n();
  const status = useSetupStatus();
  const navigate = useNavigate();
  const create = useCreateSetup();
  const form = useForm<SetupInput>({
    resolver: zodResolver(schema(t)),
    defaultValues: {
      organization_name: "",
      owner_display_name: "",
      owner_email: "",
      owner_password: "",
    },
  });

  if (status.isPending) return <PageLoading />;
  if (status.data && !status.data.needed && !create.isSuccess) return <Navigate to="/" replace />;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const result = await create.mutateAsync(values);
      toast.success(t("setup.done", { name: result.organization.name }));
      navigate("/", { replace: true });
    } catch (error) {
      if (error instanceof ApiError) {
        // Server field errors land on their fields; anything else on the form.
        let placed = false;
        for (const field of error.fields) {
          if ((FIELDS as readonly string[]).includes(field.field)) {
            form.setError(field.field as (typeof FIELDS)[number], { message: field.message });
            placed = true;
          }
        }
        if (!placed)
          form.setError("root", {
            message: error.code === "NETWORK" ? t("error.network") : error.message,
          });
      } else {
        form.setError("root", { message: t("error.unexpected") });
      }
    }
  });

  const errors = form.formState.errors;
  return (
    <main
      id="main"
      className="flex min-h-dvh flex-col items-center justify-center gap-2 bg-muted/40 p-4"
    >
      <Card className="w-full max-w-md">
        <CardHeader>
          <div
            className="mb-2 flex size-10 items-center justify-center rounded-lg bg-primary text-lg font-bold text-primary-foreground"
            aria-hidden="true"
          >
            P
          </div>
          <h1 className="text-xl font-semibold leading-tight">{t("setup.title")}</h1>
          <CardDescription>{t("setup.subtitle")}</CardDescription>
        </CardHeader>
        <CardContent>
          <form className="grid gap-4" onSubmit={onSubmit} noValidate>
            <FormField
              label={t("setup.organizationName")}
              help={t("setup.organizationNameHelp")}
              error={errors.organization_name?.message}
              required
            >
              <Input autoComplete="organization" {...form.register("organization_name")} />
            </FormField>
            <FormField
              label={t("setup.ownerDisplayName")}
              error={errors.owner_display_name?.message}
              required
            >
              <Input autoComplete="name" {...form.register("owner_display_name")} />
            </FormField>
            <FormField label={t("setup.ownerEmail")} error={errors.owner_email?.message} required>
              <Input type="email" autoComplete="email" {...form.register("owner_email")} />
            </FormField>
            <FormField
              label={t("setup.ownerPassword")}
              help={t("setup.ownerPasswordHelp")}
              error={errors.owner_password?.message}
              required
            >
              <Input
                type="password"
                autoComplete="new-password"
                {...form.register("owner_password")}
              />
            </FormField>
            {errors.root?.message ? (
              <p role="alert" className="rounded-md bg-destructive/10 p-3 text-sm text-destructive">
                {errors.root.message}
              </p>
            ) : null}
            <Button type="submit" disabled={form.formState.isSubmitting}>
              {form.formState.isSubmitting ? t("setup.submitting") : t("setup.submit")}
            </Button>
          </form>
        </CardContent>
      </Card>
      <SiteFooter />
    </main>
  );
}
