import { Link } from "react-router";
import { cn } from "@/lib/utils";
import { useI18n } from "@/lib/i18n";
import { useConsent } from "./consent-context";

/** On every page: what is collected, and the choices about trackers, changeable at any time. */
export function SiteFooter({ className }: { className?: string }) {
  const { t } = useI18n();
  const { configurable, openPreferences } = useConsent();
  return (
    <footer
      className={cn(
        "flex flex-wrap items-center justify-center gap-x-4 gap-y-1 py-4 text-xs text-muted-foreground",
        className,
      )}
    >
      <Link to="/confidentialite" className="underline-offset-4 hover:underline">
        {t("footer.privacy")}
      </Link>
      {configurable ? (
        <button
          type="button"
          onClick={openPreferences}
          className="underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-ring"
        >
          {t("footer.cookies")}
        </button>
      ) : null}
    </footer>
  );
}
