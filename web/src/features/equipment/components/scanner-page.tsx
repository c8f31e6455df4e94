import { TruckIcon } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from "react-router";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { useMissions } from "@/features/planning/api/planning";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import { fetchKit, type Kit } from "../api/inventory";
import { lookupCode } from "../api/logistics";
import { CameraScanner } from "./camera-scanner";
import { ScanField } from "./scan-field";

/**
 * A kit's or a unit's label opened by a phone's camera app (`/scanner/kit/7`, `/scanner/unite/12`):
 * the scanner resolves the path like any scanned code.
 */
export function LabelRedirect() {
  const { pathname } = useLocation();
  return <Navigate to={`/scanner?${new URLSearchParams({ code: pathname }).toString()}`} replace />;
}

/**
 * The scanner, phone first: a code from the camera, a wedge scanner or the keyboard opens the
 * item's scan page; a mission opens the batch loading of its truck. Printed labels of the old
 * app land here too (`?code=` from the server's redirect) and resolve by their path.
 */
export default function ScannerPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [kit, setKit] = useState<Kit | null>(null);
  // Missions that may load or unload now: from two days ago to a week ahead.
  const [range] = useState(() => {
    const now = new Date().getTime();
    return {
      from: new Date(now - 2 * 86_400_000).toISOString(),
      to: new Date(now + 7 * 86_400_000).toISOString(),
    };
  });
  const missions = useMissions({ from: range.from, to: range.to, limit: "20" });

  const resolve = useCallback(
    async (code: string) => {
      setBusy(true);
      setProblem(null);
      try {
        const found = await lookupCode(code);
        setKit(null);
        if (found.kind === "kit" && found.kit_id !== null) {
          setKit(await fetchKit(found.kit_id));
        } else if (found.kind === "unit" && found.item_id !== null && found.unit_id !== null) {
          void navigate(`/scanner/materiel/${found.item_id}?unite=${found.unit_id}`);
        } else if (found.item_id !== null) {
          void navigate(`/scanner/materiel/${found.item_id}`);
        }
      } catch (error) {
        setProblem(
          error instanceof ApiError && error.status === 404
            ? t("scanner.unknownCode", { code })
            : errorMessage(error, t),
        );
      } finally {
        setBusy(false);
      }
    },
    [navigate, t],
  );

  // A legacy label's redirect: resolve it once, then drop it from the address.
  const fromLabel = params.get("code");
  const handled = useRef(false);
  useEffect(() => {
    if (!fromLabel || handled.current) return;
    handled.current = true;
    setParams({}, { replace: true });
    void resolve(fromLabel);
  }, [fromLabel, resolve, setParams]);

  const upcoming = (missions.data?.items ?? []).filter(
    (m) => m.status === "planned" || m.status === "confirmed" || m.status === "in_progress",
  );

  return (
    <div className="mx-auto grid max-w-xl gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("scanner.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("scanner.help")}</p>
        <Link to="/mes-missions" className="text-sm text-primary hover:underline">
          {t("myMissions.link")}
        </Link>
      </div>
      <Card>
        <CardContent className="grid gap-4 pt-6">
          <ScanField onCode={(code) => void resolve(code)} busy={busy} />
          {busy ? (
            <p role="status" className="text-sm text-muted-foreground">
              {t("scanner.looking")}
            </p>
          ) : null}
          {problem ? (
            <p role="alert" className="text-sm text-destructive">
              {problem}
            </p>
          ) : null}
          {kit ? (
            <div
              role="status"
              className="grid gap-1 rounded-md border p-3 text-sm"
              data-testid="kit"
            >
              <p className="font-medium">{t("scanner.kitFound", { name: kit.name })}</p>
              <ul className="text-muted-foreground">
                {kit.items.map((i) => (
                  <li key={i.item_id}>
                    {i.quantity} × {i.name}
                  </li>
                ))}
              </ul>
              <p className="text-muted-foreground">{t("scanner.kitHelp")}</p>
            </div>
          ) : null}
          <CameraScanner onCode={(code) => void resolve(code)} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle className="flex items-center gap-2">
            <TruckIcon aria-hidden="true" className="size-5" />
            {t("scanner.batchTitle")}
          </CardTitle>
        </CardHeader>
        <CardContent className="grid gap-2">
          <p className="text-sm text-muted-foreground">{t("scanner.batchHelp")}</p>
          {missions.isPending ? (
            <p role="status" className="text-sm text-muted-foreground">
              {t("common.loading")}
            </p>
          ) : missions.isError ? (
            <p role="alert" className="text-sm text-destructive">
              {errorMessage(missions.error, t)}
            </p>
          ) : upcoming.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("scanner.noMission")}</p>
          ) : (
            <ul className="grid gap-2" aria-label={t("scanner.batchTitle")}>
              {upcoming.map((m) => (
                <li key={m.id}>
                  <Link
                    to={`/scanner/mission/${m.id}`}
                    className="flex items-center justify-between gap-2 rounded-md border p-3 text-sm hover:bg-accent"
                  >
                    <span className="font-medium">{m.title}</span>
                    <Badge variant="outline" className="tabular-nums">
                      {formatDateTime(m.starts_at, locale)}
                    </Badge>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
