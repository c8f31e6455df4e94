import { ShieldOffIcon } from "lucide-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { useCan } from "@/features/auth/api/get-session";
import type { Permission } from "@/features/auth/types";
import { useI18n } from "@/lib/i18n";

/** Shows a page only to roles holding `permission` (the server refuses the data anyway). */
export function RequirePermission({
  permission,
  children,
}: {
  permission: Permission | readonly Permission[];
  children: ReactNode;
}) {
  const { t } = useI18n();
  const allowed = useCan(permission);
  if (allowed) return children;
  return (
    <div
      role="alert"
      className="mx-auto flex max-w-md flex-col items-center gap-3 p-10 text-center"
    >
      <ShieldOffIcon aria-hidden="true" className="size-8 text-muted-foreground" />
      <h1 className="text-lg font-semibold">{t("forbidden.title")}</h1>
      <p className="text-sm text-muted-foreground">{t("forbidden.body")}</p>
      <Link to="/" className="text-sm underline underline-offset-4">
        {t("notFound.back")}
      </Link>
    </div>
  );
}
