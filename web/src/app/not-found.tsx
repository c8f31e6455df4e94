import { Link } from "react-router";
import { buttonVariants } from "@/components/ui/button";
import { useI18n } from "@/lib/i18n";

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-3 py-16 text-center">
      <p className="text-5xl font-bold text-muted-foreground">404</p>
      <h1 className="text-xl font-semibold">{t("notFound.title")}</h1>
      <p className="text-muted-foreground">{t("notFound.body")}</p>
      <Link to="/" className={buttonVariants({ variant: "outline" })}>
        {t("notFound.back")}
      </Link>
    </div>
  );
}

export default NotFoundPage;
