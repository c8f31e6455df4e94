import { Link } from "react-router";
import { useI18n } from "@/lib/i18n";
import { useRequestPasswordReset } from "../api/email-links";
import { AuthCard } from "./auth-card";
import { EmailLinkForm } from "./email-link-form";

/** Asks for a password-reset link. */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  const request = useRequestPasswordReset();
  return (
    <AuthCard title={t("forgot.title")} description={t("forgot.subtitle")}>
      <div className="grid gap-4">
        <EmailLinkForm request={request} submit={t("forgot.submit")} sent={t("forgot.sent")} />
        <Link to="/connexion" className="justify-self-center text-sm underline underline-offset-4">
          {t("magicLink.back")}
        </Link>
      </div>
    </AuthCard>
  );
}
