import { useEffect, useRef } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { PageLoading } from "@/components/layout/page-states";
import { errorMessage } from "@/lib/errors";
import { useI18n } from "@/lib/i18n";
import { useConsumeMagicLink } from "../api/email-links";
import { AuthCard, FormAlert } from "./auth-card";

/** The page a sign-in link opens: spends the link once and enters the app. */
export function MagicLinkPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const consume = useConsumeMagicLink();
  const token = params.get("jeton") ?? "";
  const started = useRef(false);

  useEffect(() => {
    // Once, even under StrictMode's double effects: the link is single use.
    if (started.current) return;
    started.current = true;
    consume.mutate(token, { onSuccess: () => navigate("/", { replace: true }) });
  }, [consume, navigate, token]);

  if (!consume.isError) return <PageLoading />;
  return (
    <AuthCard title={t("magicLink.title")}>
      <div className="grid gap-4">
        <FormAlert message={errorMessage(consume.error, t)} />
        <Link to="/connexion" className="text-sm underline underline-offset-4">
          {t("magicLink.back")}
        </Link>
      </div>
    </AuthCard>
  );
}
