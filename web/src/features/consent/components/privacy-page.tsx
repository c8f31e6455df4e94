import { ArrowLeftIcon } from "lucide-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDate } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import type { MessageKey } from "@/lib/i18n";
import type { SiteAnalytics } from "../api/site-config";
import { allowedTrackers, consentExpiry, type TrackerName } from "../lib/consent";
import { useConsent } from "./consent-context";
import { SiteFooter } from "./site-footer";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">{children}</CardContent>
    </Card>
  );
}

interface Tool {
  name: TrackerName;
  label: string;
  purpose: MessageKey;
  stores: MessageKey;
  host: string;
}

function configuredTools(analytics: SiteAnalytics): Tool[] {
  const tools: Tool[] = [];
  const host = (url: string) => new URL(url).host;
  if (analytics.posthog)
    tools.push({
      name: "posthog",
      label: "PostHog",
      purpose: "privacy.purposeAudience",
      stores: "privacy.storesPostHog",
      host: host(analytics.posthog.api_host),
    });
  if (analytics.plausible)
    tools.push({
      name: "plausible",
      label: "Plausible",
      purpose: analytics.plausible.exempt ? "privacy.purposeExempt" : "privacy.purposeAudience",
      stores: "privacy.storesNothing",
      host: host(analytics.plausible.api_host),
    });
  if (analytics.datafast)
    tools.push({
      name: "datafast",
      label: "DataFast",
      purpose: "privacy.purposeAudience",
      stores: "privacy.storesDatafast",
      host: host(analytics.datafast.script_url),
    });
  if (analytics.meta_pixel)
    tools.push({
      name: "meta_pixel",
      label: "Meta Pixel",
      purpose: "privacy.purposeMarketing",
      stores: "privacy.storesMeta",
      host: "facebook.com",
    });
  return tools;
}

/** What Planify collects and keeps, and the visitor's choices about trackers (public). */
export default function PrivacyPage() {
  const { t, locale } = useI18n();
  const { analytics, consent, objection, openPreferences } = useConsent();
  const tools = analytics ? configuredTools(analytics) : [];
  const running = analytics ? allowedTrackers(analytics, consent, objection) : [];

  return (
    <main id="main" className="min-h-dvh bg-muted/40 px-3 py-6 sm:px-4 sm:py-10">
      <div className="mx-auto grid w-full max-w-[760px] gap-4">
        <div>
          <Button variant="ghost" size="sm" asChild>
            <Link to="/">
              <ArrowLeftIcon aria-hidden="true" />
              {t("privacy.back")}
            </Link>
          </Button>
        </div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("privacy.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("privacy.intro")}</p>

        <Section title={t("privacy.necessaryTitle")}>
          <p>{t("privacy.necessaryBody")}</p>
          <ul className="grid list-disc gap-1 pl-5">
            <li>
              <code>planify_session</code>, <code>planify_csrf</code> — {t("privacy.cookieSession")}
            </li>
            <li>
              <code>planify_oauth</code>, <code>planify_gcal</code> — {t("privacy.cookieOauth")}
            </li>
            <li>
              <code>planify.theme</code>, <code>planify.locale</code>,{" "}
              <code>planify.sidebar.collapsed</code>, <code>planify.consent</code> —{" "}
              {t("privacy.localPreferences")}
            </li>
          </ul>
        </Section>

        <Section title={t("privacy.dataTitle")}>
          <p>{t("privacy.dataBody")}</p>
          <p>{t("privacy.eventsBody")}</p>
        </Section>

        <Section title={t("privacy.trackersTitle")}>
          {analytics === null ? (
            <div role="status" className="grid gap-2">
              <span className="sr-only">{t("common.loading")}</span>
              <Skeleton className="h-5 w-2/3" />
              <Skeleton className="h-5 w-1/2" />
            </div>
          ) : tools.length === 0 ? (
            <p data-testid="no-trackers">{t("privacy.noTrackers")}</p>
          ) : (
            <>
              <ul className="grid gap-3" data-testid="tracker-list">
                {tools.map((tool) => (
                  <li key={tool.name} className="grid gap-0.5 rounded-lg border p-3">
                    <span className="font-medium">
                      {tool.label}{" "}
                      <span className="font-normal text-muted-foreground">({tool.host})</span>
                    </span>
                    <span>{t(tool.purpose)}</span>
                    <span className="text-muted-foreground">{t(tool.stores)}</span>
                    <span className="text-xs">
                      {running.includes(tool.name) ? t("privacy.stateOn") : t("privacy.stateOff")}
                    </span>
                  </li>
                ))}
              </ul>
              <p className="text-muted-foreground">
                {consent
                  ? t("consent.decidedOn", {
                      date: formatDate(consent.decided_at, locale),
                      until: formatDate(consentExpiry(consent.decided_at), locale),
                    })
                  : t("privacy.noChoiceYet")}
              </p>
              <div>
                <Button variant="outline" onClick={openPreferences}>
                  {t("privacy.change")}
                </Button>
              </div>
            </>
          )}
        </Section>

        <Section title={t("privacy.rightsTitle")}>
          <p>{t("privacy.rightsBody")}</p>
        </Section>
        <SiteFooter />
      </div>
    </main>
  );
}
