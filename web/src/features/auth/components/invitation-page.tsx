import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { Link, useLocation, useNavigate, useSearchParams } from "react-router";
import { toast } from "@/lib/toast";
import { z } from "zod";
import { PageLoading } from "@/components/layout/page-states";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { errorMessage, placeFieldErrors } from "@/lib/errors";
import { useI18n, type MessageKey } from "@/lib/i18n";
import {
  useAcceptInvitation,
  useAcceptInvitationSignedIn,
  useInvitationLookup,
  type InvitationLookup,
} from "../api/email-links";
import { useSessionQuery } from "../api/get-session";
import { useSignOut } from "../api/sign-out";
import type { Role } from "../types";
import { AuthCard, FormAlert } from "./auth-card";

const ROLE_KEYS: Record<Role, MessageKey> = {
  owner: "role.owner",
  admin: "role.admin",
  manager: "role.manager",
  dj: "role.dj",
  technician: "role.technician",
};

function NewAccountForm({ token, invitation }: { token: string; invitation: InvitationLookup }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const accept = useAcceptInvitation();
  const form = useForm<{ display_name: string; password: string }>({
    resolver: zodResolver(
      z.object({
        display_name: z
          .string()
          .trim()
          .min(1, t("validation.required"))
          .max(120, t("validation.tooLong")),
        password: z.string().min(10, t("validation.passwordLength")),
      }),
    ),
    defaultValues: { display_name: "", password: "" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await accept.mutateAsync({ token, ...values });
      toast.success(t("invitation.joined", { name: invitation.organization_name }));
      navigate("/", { replace: true });
    } catch (error) {
      if (!placeFieldErrors(error, ["display_name", "password"] as const, form.setError)) {
        form.setError("root", { message: errorMessage(error, t) });
      }
    }
  });
  const errors = form.formState.errors;
  return (
    <form className="grid gap-4" onSubmit={onSubmit} noValidate>
      <FormField label={t("signIn.linkEmail")}>
        <Input type="email" value={invitation.email} readOnly autoComplete="username" />
      </FormField>
      <FormField label={t("setup.ownerDisplayName")} error={errors.display_name?.message} required>
        <Input autoComplete="name" {...form.register("display_name")} />
      </FormField>
      <FormField
        label={t("invitation.password")}
        help={t("setup.ownerPasswordHelp")}
        error={errors.password?.message}
        required
      >
        <Input type="password" autoComplete="new-password" {...form.register("password")} />
      </FormField>
      <FormAlert message={errors.root?.message} />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {t("invitation.accept")}
      </Button>
    </form>
  );
}

/** The page an invitation e-mail opens. */
export function InvitationPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const token = params.get("jeton") ?? "";
  const lookup = useInvitationLookup(token);
  const session = useSessionQuery();
  const acceptSignedIn = useAcceptInvitationSignedIn();
  const signOut = useSignOut();

  if (lookup.isPending || session.isPending) return <PageLoading />;
  if (lookup.isError) {
    return (
      <AuthCard title={t("invitation.title")}>
        <div className="grid gap-4">
          <FormAlert message={errorMessage(lookup.error, t)} />
          <Link to="/connexion" className="text-sm underline underline-offset-4">
            {t("magicLink.back")}
          </Link>
        </div>
      </AuthCard>
    );
  }
  const invitation = lookup.data;
  const description = t("invitation.summary", {
    inviter: invitation.invited_by || "—",
    organization: invitation.organization_name,
    role: t(ROLE_KEYS[invitation.role]),
  });
  const here = location.pathname + location.search;

  let body;
  if (!invitation.account_exists) {
    body = <NewAccountForm token={token} invitation={invitation} />;
  } else if (session.data?.user.email === invitation.email) {
    body = (
      <div className="grid gap-4">
        <Button
          disabled={acceptSignedIn.isPending}
          onClick={() =>
            acceptSignedIn.mutate(token, {
              onSuccess: () => {
                toast.success(t("invitation.joined", { name: invitation.organization_name }));
                navigate("/", { replace: true });
              },
            })
          }
        >
          {t("invitation.accept")}
        </Button>
        {acceptSignedIn.isError ? (
          <FormAlert message={errorMessage(acceptSignedIn.error, t)} />
        ) : null}
      </div>
    );
  } else if (session.data) {
    body = (
      <div className="grid gap-4">
        <p className="text-sm text-muted-foreground">
          {t("invitation.otherAccount", {
            current: session.data.user.email,
            email: invitation.email,
          })}
        </p>
        <Button variant="outline" disabled={signOut.isPending} onClick={() => signOut.mutate()}>
          {t("user.signOut")}
        </Button>
      </div>
    );
  } else {
    body = (
      <div className="grid gap-4">
        <p className="text-sm text-muted-foreground">
          {t("invitation.signInFirst", { email: invitation.email })}
        </p>
        <Button asChild>
          <Link to={`/connexion?suivant=${encodeURIComponent(here)}`}>{t("signIn.submit")}</Link>
        </Button>
      </div>
    );
  }
  return (
    <AuthCard title={t("invitation.title")} description={description}>
      {body}
    </AuthCard>
  );
}
