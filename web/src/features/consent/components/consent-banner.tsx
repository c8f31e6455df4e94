import { Link } from "react-router";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/lib/i18n";
import { useConsent } from "./consent-context";

/**
 * The first-visit question: refusing is one click, as accepting is, with the same weight; closing
 * nothing and choosing nothing loads nothing. Not modal: the page stays usable underneath.
 */
export default function ConsentBanner() {
  const { t } = useI18n();
  const { purposes, objection, decide, openPreferences } = useConsent();
  const all = (yes: boolean) =>
    decide({
      audience: yes && purposes.includes("audience"),
      marketing: yes && purposes.includes("marketing"),
      objection,
    });
  return (
    <section
      aria-labelledby="consent-title"
      data-testid="consent-banner"
      className="fixed inset-x-0 bottom-0 z-40 border-t bg-background/95 p-4 shadow-lg backdrop-blur"
    >
      <div className="mx-auto flex max-w-5xl flex-col gap-3 md:flex-row md:items-center md:gap-6">
        <div className="grid flex-1 gap-1 text-sm">
          <h2 id="consent-title" className="font-semibold">
            {t("consent.title")}
          </h2>
          <p className="text-muted-foreground">
            {t(purposes.includes("marketing") ? "consent.bodyMarketing" : "consent.body")}{" "}
            <Link to="/confidentialite" className="underline underline-offset-4">
              {t("consent.learnMore")}
            </Link>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="outline" onClick={() => all(false)}>
            {t("consent.refuseAll")}
          </Button>
          <Button variant="outline" onClick={openPreferences}>
            {t("consent.customize")}
          </Button>
          <Button variant="outline" onClick={() => all(true)}>
            {t("consent.acceptAll")}
          </Button>
        </div>
      </div>
    </section>
  );
}
