import { zodResolver } from "@hookform/resolvers/zod";
import { LaptopIcon, LogOutIcon } from "lucide-react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "@/lib/toast";
import { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { useCan, useSession } from "@/features/auth/api/get-session";
import { PersonalCalendarCard } from "@/features/planning/components/calendar-feeds";
import { GoogleCalendarCard } from "@/features/planning/components/google-calendar";
import { errorMessage, placeFieldErrors } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import { ImageUpload } from "@/components/ui/image-upload";
import {
  describeUserAgent,
  useAvatar,
  useActiveSessions,
  useChangePassword,
  useRevokeOtherSessions,
  useRevokeSession,
  useUpdateProfile,
  type PasswordInput,
  type ProfileInput,
} from "../api/account";

function IdentityCard() {
  const { t, setLocale } = useI18n();
  const session = useSession();
  const avatar = useAvatar();
  const update = useUpdateProfile();
  const form = useForm<ProfileInput>({
    resolver: zodResolver(
      z.object({
        display_name: z
          .string()
          .trim()
          .min(1, t("validation.required"))
          .max(120, t("validation.tooLong")),
        locale: z.enum(["fr", "en"]),
      }),
    ),
    defaultValues: {
      display_name: session.user.display_name,
      locale: session.user.locale === "en" ? "en" : "fr",
    },
  });
  const chosenLocale = useWatch({ control: form.control, name: "locale" });
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await update.mutateAsync(values);
      setLocale(values.locale);
      toast.success(t("profile.saved"));
    } catch (error) {
      if (!placeFieldErrors(error, ["display_name", "locale"] as const, form.setError)) {
        form.setError("root", { message: errorMessage(error, t) });
      }
    }
  });
  const errors = form.formState.errors;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("profile.identity")}</CardTitle>
        <CardDescription>{session.user.email}</CardDescription>
      </CardHeader>
      <CardContent>
        <form className="grid gap-4 sm:max-w-md" onSubmit={onSubmit} noValidate>
          <ImageUpload
            label={t("profile.photo")}
            url={session.user.avatar_url ?? null}
            shape="round"
            onUpload={async (file) => {
              await avatar.upload.mutateAsync(file);
              toast.success(t("profile.photoSaved"));
            }}
            onRemove={async () => {
              await avatar.remove.mutateAsync();
            }}
          />
          <FormField label={t("profile.displayName")} error={errors.display_name?.message} required>
            <Input autoComplete="name" {...form.register("display_name")} />
          </FormField>
          <FormField label={t("profile.locale")} error={errors.locale?.message}>
            <Select
              value={chosenLocale}
              onValueChange={(value) => form.setValue("locale", value === "en" ? "en" : "fr")}
            >
              <SelectTrigger aria-label={t("profile.locale")}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value="fr">{t("language.fr")}</SelectItem>
                <SelectItem value="en">{t("language.en")}</SelectItem>
              </SelectContent>
            </Select>
          </FormField>
          {errors.root?.message ? (
            <p role="alert" className="text-sm text-destructive">
              {errors.root.message}
            </p>
          ) : null}
          <div>
            <Button type="submit" disabled={form.formState.isSubmitting}>
              {t("common.save")}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

function PasswordCard() {
  const { t } = useI18n();
  const change = useChangePassword();
  const form = useForm<PasswordInput>({
    resolver: zodResolver(
      z.object({
        current_password: z.string().min(1, t("validation.required")),
        new_password: z.string().min(10, t("validation.passwordLength")),
      }),
    ),
    defaultValues: { current_password: "", new_password: "" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await change.mutateAsync(values);
      form.reset();
      toast.success(t("profile.passwordChanged"));
    } catch (error) {
      if (!placeFieldErrors(error, ["current_password", "new_password"] as const, form.setError)) {
        form.setError("root", { message: errorMessage(error, t) });
      }
    }
  });
  const errors = form.formState.errors;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("profile.password")}</CardTitle>
        <CardDescription>{t("profile.passwordHelp")}</CardDescription>
      </CardHeader>
      <CardContent>
        <form className="grid gap-4 sm:max-w-md" onSubmit={onSubmit} noValidate>
          <FormField
            label={t("profile.currentPassword")}
            error={errors.current_password?.message}
            required
          >
            <Input
              type="password"
              autoComplete="current-password"
              {...form.register("current_password")}
            />
          </FormField>
          <FormField
            label={t("profile.newPassword")}
            help={t("setup.ownerPasswordHelp")}
            error={errors.new_password?.message}
            required
          >
            <Input type="password" autoComplete="new-password" {...form.register("new_password")} />
          </FormField>
          {errors.root?.message ? (
            <p role="alert" className="text-sm text-destructive">
              {errors.root.message}
            </p>
          ) : null}
          <div>
            <Button type="submit" disabled={form.formState.isSubmitting}>
              {t("profile.changePassword")}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

function SessionsCard() {
  const { t, locale } = useI18n();
  const sessions = useActiveSessions();
  const revoke = useRevokeSession();
  const revokeOthers = useRevokeOtherSessions();
  const others = sessions.data?.filter((s) => !s.current).length ?? 0;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("profile.sessions")}</CardTitle>
        <CardDescription>{t("profile.sessionsHelp")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {sessions.isPending ? (
          <div role="status" className="grid gap-2">
            <span className="sr-only">{t("common.loading")}</span>
            <Skeleton className="h-12" />
            <Skeleton className="h-12" />
          </div>
        ) : sessions.isError ? (
          <div role="alert" className="flex items-center gap-3 text-sm text-destructive">
            {errorMessage(sessions.error, t)}
            <Button variant="outline" size="sm" onClick={() => void sessions.refetch()}>
              {t("common.retry")}
            </Button>
          </div>
        ) : (
          <ul className="grid gap-2" aria-label={t("profile.sessions")}>
            {sessions.data.map((s) => (
              <li key={s.id} className="flex items-center gap-3 rounded-lg border p-3">
                <LaptopIcon aria-hidden="true" className="size-5 shrink-0 text-muted-foreground" />
                <div className="min-w-0 flex-1">
                  <p className="flex items-center gap-2 text-sm font-medium">
                    {describeUserAgent(s.user_agent)}
                    {s.current ? (
                      <Badge variant="secondary">{t("profile.thisDevice")}</Badge>
                    ) : null}
                  </p>
                  <p className="text-xs text-muted-foreground">
                    {t("profile.sessionMeta", {
                      ip: s.ip || "—",
                      date: formatDateTime(s.last_seen_at, locale),
                    })}
                  </p>
                </div>
                {s.current ? null : (
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={revoke.isPending}
                    onClick={() =>
                      revoke.mutate(s.id, {
                        onSuccess: () => toast.success(t("profile.sessionRevoked")),
                        onError: (error) => toast.error(errorMessage(error, t)),
                      })
                    }
                  >
                    {t("profile.revoke")}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
        {others > 0 ? (
          <div>
            <ConfirmDialog
              trigger={
                <Button variant="outline">
                  <LogOutIcon aria-hidden="true" />
                  {t("profile.revokeOthers")}
                </Button>
              }
              title={t("profile.revokeOthers")}
              description={t("profile.revokeOthersConfirm", { count: others })}
              confirmLabel={t("profile.revokeOthers")}
              cancelLabel={t("common.cancel")}
              destructive
              onConfirm={async () => {
                try {
                  await revokeOthers.mutateAsync();
                  toast.success(t("profile.othersRevoked"));
                } catch (error) {
                  toast.error(errorMessage(error, t));
                }
              }}
            />
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** The signed-in user's own account: identity, password, where they are signed in. */
export default function ProfilePage() {
  const { t } = useI18n();
  // Members of an organisation see their missions; an account without one has no calendar.
  const hasMissions = useCan(["missions.read_own", "missions.read_all"]);
  return (
    <div className="mx-auto grid max-w-3xl gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t("profile.title")}</h1>
      <IdentityCard />
      {hasMissions ? <PersonalCalendarCard /> : null}
      {hasMissions ? <GoogleCalendarCard /> : null}
      <PasswordCard />
      <SessionsCard />
    </div>
  );
}
