import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import { Outlet, useLocation } from "react-router";
import { useSiteConfig } from "../api/site-config";
import {
  allowedTrackers,
  purposesNeeded,
  readConsent,
  readObjection,
  saveConsent,
  saveObjection,
} from "../lib/consent";

// The loaders and the cleaning come with the first tracker or the first choice only.
const trackers = () => import("../lib/trackers");
import { ConsentContext, type Choice, type ConsentValue } from "./consent-context";

// Loaded when needed only: most visits never show either (first-page JS budget).
const ConsentBanner = lazy(() => import("./consent-banner"));
const ConsentDialog = lazy(() => import("./consent-dialog"));

// A depot's wall display runs unattended: no banner and no tracker there.
const UNATTENDED = /^\/affichage\//;

function ConsentProvider({ children }: { children: ReactNode }) {
  const site = useSiteConfig();
  const analytics = site.data?.analytics ?? null;
  const location = useLocation();
  const unattended = UNATTENDED.test(location.pathname);
  const [consent, setConsent] = useState(() => readConsent(new Date()));
  const [objection, setObjection] = useState(() => readObjection());
  const [dialogOpen, setDialogOpen] = useState(false);

  const purposes = useMemo(() => (analytics ? purposesNeeded(analytics) : []), [analytics]);

  useEffect(() => {
    if (!analytics || unattended) return;
    const allowed = allowedTrackers(analytics, consent, objection);
    if (allowed.length > 0)
      void trackers().then(({ startTrackers }) => startTrackers(analytics, allowed));
  }, [analytics, consent, objection, unattended]);

  const decide = useCallback(
    (choice: Choice) => {
      if (!analytics) return;
      const before = allowedTrackers(analytics, consent, objection);
      const record = saveConsent(
        { audience: choice.audience, marketing: choice.marketing },
        new Date(),
      );
      saveObjection(choice.objection);
      const after = allowedTrackers(analytics, record, choice.objection);
      const withdrawn = before.some((name) => !after.includes(name));
      setDialogOpen(false);
      setConsent(record);
      setObjection(choice.objection);
      if (!withdrawn && after.length > 0) return;
      void trackers().then(({ forgetTrackers, trackersRunning }) => {
        forgetTrackers();
        // A running script cannot be trusted to stop: the page starts again without it.
        if (withdrawn && trackersRunning()) window.location.reload();
      });
    },
    [analytics, consent, objection],
  );

  const value = useMemo<ConsentValue>(
    () => ({
      analytics,
      purposes,
      consent,
      objection,
      configurable:
        analytics !== null && Object.values(analytics).some((provider) => provider !== null),
      openPreferences: () => setDialogOpen(true),
      decide,
    }),
    [analytics, purposes, consent, objection, decide],
  );

  const showBanner =
    analytics !== null && !unattended && purposes.length > 0 && consent === null && !dialogOpen;

  return (
    <ConsentContext.Provider value={value}>
      {children}
      <Suspense fallback={null}>
        {showBanner ? <ConsentBanner /> : null}
        {analytics && dialogOpen ? <ConsentDialog onClose={() => setDialogOpen(false)} /> : null}
      </Suspense>
    </ConsentContext.Provider>
  );
}

/** The router's root: every page, public ones included, under the consent rules. */
export function ConsentRoot() {
  return (
    <ConsentProvider>
      <Outlet />
    </ConsentProvider>
  );
}
