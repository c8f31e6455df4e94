import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Switch } from "@/components/ui/switch";
import { formatDate } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import type { MessageKey } from "@/lib/i18n";
import type { SiteAnalytics } from "../api/site-config";
import { consentExpiry } from "../lib/consent";
import { useConsent } from "./consent-context";

/** Names of the configured tools serving a purpose, as the visitor knows them. */
export function toolsFor(analytics: SiteAnalytics, purpose: "audience" | "marketing"): string[] {
  if (purpose === "marketing") return analytics.meta_pixel ? ["Meta Pixel"] : [];
  const tools: string[] = [];
  if (analytics.posthog) tools.push("PostHog");
  if (analytics.plausible && !analytics.plausible.exempt) tools.push("Plausible");
  if (analytics.datafast) tools.push("DataFast");
  return tools;
}

function Row({
  title,
  description,
  checked,
  onChange,
  disabled = false,
}: {
  title: string;
  description: string;
  checked: boolean;
  onChange?: (value: boolean) => void;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="flex items-start gap-4 rounded-lg border p-3">
      <div className="grid flex-1 gap-1">
        <label htmlFor={id} className="text-sm font-medium">
          {title}
        </label>
        <p id={`${id}-help`} className="text-sm text-muted-foreground">
          {description}
        </p>
      </div>
      <Switch
        id={id}
        checked={checked}
        onCheckedChange={onChange}
        disabled={disabled}
        aria-describedby={`${id}-help`}
      />
    </div>
  );
}

function Choices() {
  const { t, locale } = useI18n();
  const { analytics, purposes, consent, objection, decide } = useConsent();
  // Nothing ticked until chosen: a first visit starts with every purpose off.
  const [audience, setAudience] = useState(consent?.audience ?? false);
  const [marketing, setMarketing] = useState(consent?.marketing ?? false);
  const [exemptOn, setExemptOn] = useState(!objection);
  if (!analytics) return null;
  const exempt = analytics.plausible?.exempt === true;
  const describe = (key: MessageKey, purpose: "audience" | "marketing") =>
    t(key, { tools: toolsFor(analytics, purpose).join(", ") });
  const all = (yes: boolean) =>
    decide({
      audience: yes && purposes.includes("audience"),
      marketing: yes && purposes.includes("marketing"),
      objection: exempt && !yes,
    });

  return (
    <>
      <div className="grid gap-3">
        <Row
          title={t("consent.necessaryTitle")}
          description={t("consent.necessaryHelp")}
          checked
          disabled
        />
        {purposes.includes("audience") ? (
          <Row
            title={t("consent.audienceTitle")}
            description={describe("consent.audienceHelp", "audience")}
            checked={audience}
            onChange={setAudience}
          />
        ) : null}
        {purposes.includes("marketing") ? (
          <Row
            title={t("consent.marketingTitle")}
            description={describe("consent.marketingHelp", "marketing")}
            checked={marketing}
            onChange={setMarketing}
          />
        ) : null}
        {exempt ? (
          <Row
            title={t("consent.exemptTitle")}
            description={t("consent.exemptHelp")}
            checked={exemptOn}
            onChange={setExemptOn}
          />
        ) : null}
      </div>
      {consent ? (
        <p className="text-xs text-muted-foreground" data-testid="consent-dates">
          {t("consent.decidedOn", {
            date: formatDate(consent.decided_at, locale),
            until: formatDate(consentExpiry(consent.decided_at), locale),
          })}
        </p>
      ) : null}
      <DialogFooter className="flex-wrap gap-2 sm:justify-between">
        <div className="flex flex-wrap gap-2">
          <Button variant="outline" onClick={() => all(false)}>
            {t("consent.refuseAll")}
          </Button>
          <Button variant="outline" onClick={() => all(true)}>
            {t("consent.acceptAll")}
          </Button>
        </div>
        <Button onClick={() => decide({ audience, marketing, objection: exempt && !exemptOn })}>
          {t("consent.save")}
        </Button>
      </DialogFooter>
    </>
  );
}

/** Per-purpose choices, from the banner's "Personnaliser" or the footer's "Cookies", any time. */
export default function ConsentDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent closeLabel={t("common.close")} className="max-w-xl">
        <DialogHeader>
          <DialogTitle>{t("consent.dialogTitle")}</DialogTitle>
          <DialogDescription>{t("consent.dialogDescription")}</DialogDescription>
        </DialogHeader>
        <Choices />
      </DialogContent>
    </Dialog>
  );
}
