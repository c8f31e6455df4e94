import { ArrowLeftIcon, CheckIcon, MinusIcon, PlusIcon } from "lucide-react";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { Link, useParams } from "react-router";
import { toast } from "@/lib/toast";
import { PageError, PageLoading } from "@/components/layout/page-states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { OfflineNotice } from "@/components/ui/offline-notice";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { useMission } from "@/features/planning/api/planning";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { useI18n, type MessageKey } from "@/lib/i18n";
import { useOnline } from "@/lib/online";
import { useAllEquipment } from "../api/equipment";
import {
  RETURN_CONDITIONS,
  logisticsKeys,
  lookupCode,
  useMissionGear,
  useMoveGear,
  type ReturnCondition,
} from "../api/logistics";
import { fetchKit } from "../api/inventory";
import {
  addKit,
  addScan,
  addUnit,
  batchLines,
  batchRows,
  emptyBatch,
  setCondition,
  setCount,
  type BatchDirection,
} from "../lib/batch";
import { codeBook, readOffline } from "../lib/code-book";
import {
  dismissMove,
  enqueueMove,
  flushQueue,
  onApplied,
  queuedMoves,
  subscribeQueue,
} from "../lib/offline-queue";
import { CameraScanner } from "./camera-scanner";
import { ScanField } from "./scan-field";

const CONDITION_LABELS: Record<ReturnCondition, MessageKey> = {
  ok: "scanner.condition.ok",
  damaged: "scanner.condition.damaged",
  missing: "scanner.condition.missing",
};

/**
 * Loading dock mode: pick a mission, scan everything going onto the truck (or coming off it),
 * watch the pick list tick itself off, confirm once: all lines are recorded, or none.
 */
export default function BatchPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const mission = useMission(id);
  const gear = useMissionGear(id);
  const move = useMoveGear();
  const [direction, setDirection] = useState<BatchDirection>("check-out");
  const [state, setState] = useState(emptyBatch);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const online = useOnline();
  const queryClient = useQueryClient();
  // Read while online, so that scans still name the mission's gear in a basement.
  const equipment = useAllEquipment();
  const book = useMemo(() => {
    const ids = new Set(gear.data?.items.map((i) => i.item_id) ?? []);
    return codeBook((equipment.data ?? []).filter((item) => ids.has(item.id)));
  }, [equipment.data, gear.data]);
  const queue = useSyncExternalStore(subscribeQueue, queuedMoves);
  const mine = queue.filter((m) => m.mission === id);
  const pending = mine.filter((m) => m.state === "pending");
  const refused = mine.filter((m) => m.state === "refused");
  // The network is back (or the page opened with scans waiting): send them; the pick list then
  // shows what the server recorded.
  const pendingCount = pending.length;
  useEffect(() => {
    if (online && pendingCount > 0) void flushQueue();
  }, [online, pendingCount]);
  useEffect(
    () =>
      onApplied((count) => {
        toast.success(t("scanner.queueSent", { count }));
        void queryClient.invalidateQueries({ queryKey: logisticsKeys.gear(id) });
      }),
    [id, queryClient, t],
  );

  if (mission.isPending || gear.isPending) return <PageLoading />;
  if (mission.isError || gear.isError) {
    const error = mission.error ?? gear.error;
    return (
      <PageError
        message={errorMessage(error, t)}
        onRetry={() => {
          void mission.refetch();
          void gear.refetch();
        }}
      />
    );
  }
  const rows = batchRows(gear.data.items, state, direction);
  const scannedTotal = rows.reduce((sum, r) => sum + r.scanned, 0);
  const missingTotal = rows.reduce((sum, r) => sum + r.missing, 0);

  const scan = async (code: string) => {
    setProblem(null);
    if (!online) {
      // No network: one scan, one movement kept on this device with its own key.
      const hit = readOffline(book, code);
      if (!hit) {
        setProblem(t("scanner.offlineUnknown", { code }));
        return;
      }
      enqueueMove({ mission: id, direction, item_id: hit.itemId, name: hit.name });
      return;
    }
    setBusy(true);
    try {
      const found = await lookupCode(code);
      if (found.kind === "kit" && found.kit_id !== null) {
        const kit = await fetchKit(found.kit_id);
        setState((s) => addKit(s, kit));
        toast.success(t("scanner.kitAdded", { name: kit.name, count: kit.items.length }));
      } else if (found.kind === "unit" && found.item_id !== null && found.unit_id !== null) {
        const itemId = found.item_id;
        const unitId = found.unit_id;
        setState((s) => addUnit(s, unitId, itemId, found.name));
      } else if (found.item_id !== null) {
        const itemId = found.item_id;
        setState((s) => addScan(s, itemId, found.name));
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
  };

  const confirm = async () => {
    setProblem(null);
    try {
      await move.mutateAsync({ mission: id, direction, items: batchLines(state, direction) });
      toast.success(
        direction === "check-out"
          ? t("scanner.batchCheckedOut", { count: scannedTotal })
          : t("scanner.batchReturned", { count: scannedTotal }),
      );
      setState(emptyBatch());
    } catch (error) {
      setProblem(errorMessage(error, t));
    }
  };

  return (
    <div className="mx-auto grid max-w-xl gap-4">
      <Link
        to="/scanner"
        className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline"
      >
        <ArrowLeftIcon aria-hidden="true" className="size-4" />
        {t("scanner.back")}
      </Link>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{mission.data.title}</h1>
        <p className="text-sm text-muted-foreground">{t("scanner.batchHelp")}</p>
      </div>
      <div role="group" aria-label={t("scanner.direction")} className="grid grid-cols-2 gap-2">
        {(["check-out", "return"] as const).map((d) => (
          <Button
            key={d}
            variant={direction === d ? "default" : "outline"}
            aria-pressed={direction === d}
            onClick={() => {
              setDirection(d);
              setState(emptyBatch());
              setProblem(null);
            }}
          >
            {d === "check-out" ? t("scanner.loading") : t("scanner.unloading")}
          </Button>
        ))}
      </div>
      {!online ? <OfflineNotice>{t("scanner.offline")}</OfflineNotice> : null}
      <ScanField onCode={(code) => void scan(code)} busy={busy} />
      <CameraScanner onCode={(code) => void scan(code)} />
      {problem ? (
        <p role="alert" className="text-sm text-destructive">
          {problem}
        </p>
      ) : null}
      {pending.length > 0 || refused.length > 0 ? (
        <Card>
          <CardContent className="grid gap-2 pt-6 text-sm">
            <h2 className="font-medium">{t("scanner.queueTitle")}</h2>
            <ul className="grid gap-2" aria-label={t("scanner.queueTitle")}>
              {pending.map((m) => (
                <li key={m.key} className="flex items-center justify-between gap-2">
                  <span>
                    {m.name} ·{" "}
                    {m.direction === "check-out" ? t("scanner.loading") : t("scanner.unloading")}
                  </span>
                  <Badge variant="secondary">{t("scanner.pending")}</Badge>
                </li>
              ))}
              {refused.map((m) => (
                <li
                  key={m.key}
                  role="alert"
                  className="grid gap-1 rounded-md border border-destructive/40 p-2"
                >
                  <span className="flex items-center justify-between gap-2">
                    <span className="font-medium">{m.name}</span>
                    <Badge variant="destructive">{t("scanner.refused")}</Badge>
                  </span>
                  <span className="text-muted-foreground">{m.reason}</span>
                  <Button
                    size="sm"
                    variant="outline"
                    className="justify-self-start"
                    onClick={() => dismissMove(m.key)}
                  >
                    {t("scanner.dismiss")}
                  </Button>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardContent className="pt-6">
          {rows.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              {direction === "check-out" ? t("scanner.nothingToLoad") : t("scanner.nothingOut")}
            </p>
          ) : (
            <ul className="grid gap-2" data-testid="pick-list">
              {rows.map((r) => (
                <li
                  key={r.itemId}
                  data-testid={`pick-${r.itemId}`}
                  data-done={r.scanned >= r.expected && r.extra === 0 ? "true" : "false"}
                  className="grid gap-2 rounded-md border p-3 text-sm data-[done=true]:border-emerald-500 data-[done=true]:bg-emerald-50 dark:data-[done=true]:bg-emerald-950"
                >
                  <div className="flex items-center justify-between gap-2">
                    <span className="flex items-center gap-2 font-medium">
                      {r.scanned >= r.expected && r.extra === 0 ? (
                        <CheckIcon aria-hidden="true" className="size-4 text-emerald-600" />
                      ) : null}
                      {r.name}
                    </span>
                    <span className="tabular-nums" aria-label={t("scanner.progressLabel")}>
                      {r.scanned} / {r.expected}
                    </span>
                  </div>
                  <div className="flex flex-wrap items-center gap-2">
                    {r.missing > 0 ? (
                      <Badge variant="secondary">
                        {t("scanner.missing", { count: r.missing })}
                      </Badge>
                    ) : null}
                    {r.extra > 0 ? (
                      <Badge variant="destructive">{t("scanner.extra", { count: r.extra })}</Badge>
                    ) : null}
                    {r.scanned > 0 ? (
                      <span className="ml-auto flex items-center gap-1">
                        <Button
                          size="icon"
                          variant="outline"
                          aria-label={t("scanner.less", { name: r.name })}
                          onClick={() => setState((s) => setCount(s, r.itemId, r.scanned - 1))}
                        >
                          <MinusIcon aria-hidden="true" />
                        </Button>
                        <Button
                          size="icon"
                          variant="outline"
                          aria-label={t("scanner.more", { name: r.name })}
                          onClick={() => setState((s) => setCount(s, r.itemId, r.scanned + 1))}
                        >
                          <PlusIcon aria-hidden="true" />
                        </Button>
                      </span>
                    ) : null}
                  </div>
                  {direction === "return" && r.scanned > 0 ? (
                    <Select
                      value={r.condition}
                      onValueChange={(v) =>
                        setState((s) => setCondition(s, r.itemId, v as ReturnCondition))
                      }
                    >
                      <SelectTrigger aria-label={t("scanner.conditionOf", { name: r.name })}>
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        {RETURN_CONDITIONS.map((c) => (
                          <SelectItem key={c} value={c}>
                            {t(CONDITION_LABELS[c])}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      <Button
        size="lg"
        disabled={scannedTotal === 0 || move.isPending}
        onClick={() => void confirm()}
      >
        {direction === "check-out"
          ? t("scanner.confirmLoad", { count: scannedTotal })
          : t("scanner.confirmReturn", { count: scannedTotal })}
      </Button>
      {missingTotal > 0 && scannedTotal > 0 ? (
        <p className="text-sm text-muted-foreground">
          {t("scanner.stillMissing", { count: missingTotal })}
        </p>
      ) : null}
    </div>
  );
}
