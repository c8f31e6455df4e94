import { ArrowLeftIcon, LogInIcon, LogOutIcon } from "lucide-react";
import { useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { toast } from "@/lib/toast";
import { PageError, PageLoading } from "@/components/layout/page-states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useCan } from "@/features/auth/api/get-session";
import { errorMessage } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import { shrinkImage } from "@/lib/images";
import {
  useLossOrFound,
  useMoveGear,
  useReportProblem,
  useScanView,
  type MoveLine,
  type ReturnCondition,
} from "../api/logistics";
import { sendRecordPhoto } from "../api/photos";
import { UNIT_STATUS_LABELS, unitName } from "./units-card";

/**
 * What a scan of one item offers now: take it out, bring it back, report a problem. A unit's
 * label (`?unite=12`) moves that unit; an item tracked by unit without one moves units in order.
 */
export default function ScanItemPage() {
  const { t, locale } = useI18n();
  const id = Number(useParams().id);
  const [search] = useSearchParams();
  const unitId = Number(search.get("unite"));
  const view = useScanView(id);
  const move = useMoveGear();
  const report = useReportProblem();
  const lossOrFound = useLossOrFound();
  const canMove = useCan("equipment.move");
  const canManage = useCan("equipment.manage");
  const [quantity, setQuantity] = useState("1");
  const [problem, setProblem] = useState("");
  const [problemPhoto, setProblemPhoto] = useState<File | null>(null);
  const [expectedBack, setExpectedBack] = useState("");
  const [failure, setFailure] = useState<string | null>(null);

  if (view.isPending) return <PageLoading />;
  if (view.isError) {
    return <PageError message={errorMessage(view.error, t)} onRetry={() => void view.refetch()} />;
  }
  const v = view.data;
  const unit = v.units.find((u) => u.id === unitId) ?? null;
  const count = unit ? 1 : Number(quantity);
  const validCount = Number.isInteger(count) && count >= 1 && count <= 10000;
  const line = (condition?: ReturnCondition): MoveLine => {
    const base: MoveLine = unit
      ? { unit_id: unit.id, quantity: 1 }
      : { item_id: v.item.id, quantity: count };
    return condition ? { ...base, condition } : base;
  };
  // A unit goes out when it is on the shelf, and comes back from the mission it is out with.
  const out = unit ? v.out.filter((o) => o.mission_id === unit.mission?.id) : v.out;
  const canGo = unit ? unit.status === "available" : true;

  const declare = async (found: boolean) => {
    setFailure(null);
    try {
      await lossOrFound.mutateAsync({ item: v.item.id, found, quantity: count, unit: unit?.id });
      toast.success(found ? t("scanner.foundDone") : t("scanner.lostDone"));
      await view.refetch();
    } catch (error) {
      setFailure(errorMessage(error, t));
    }
  };

  const go = async (
    mission: number,
    direction: "check-out" | "return",
    condition: ReturnCondition = "ok",
  ) => {
    setFailure(null);
    try {
      await move.mutateAsync({
        mission,
        direction,
        items: [direction === "return" ? line(condition) : line()],
      });
      toast.success(direction === "check-out" ? t("scanner.checkedOut") : t("scanner.returned"));
      await view.refetch();
    } catch (error) {
      setFailure(errorMessage(error, t));
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
        <div className="flex items-center gap-3">
          {v.item.photo_url ? (
            <img
              src={v.item.photo_url}
              alt={t("photo.ofItem", { name: v.item.name })}
              className="size-16 shrink-0 rounded-lg border object-cover"
            />
          ) : null}
          <h1 className="text-2xl font-semibold tracking-tight">{v.item.name}</h1>
        </div>
        {unit ? (
          <p className="flex flex-wrap items-center gap-2 text-lg" data-testid="scanned-unit">
            <span className="font-medium">{t("scanner.unit", { code: unitName(unit) })}</span>
            <Badge variant={unit.status === "available" ? "outline" : "secondary"}>
              {t(UNIT_STATUS_LABELS[unit.status])}
            </Badge>
          </p>
        ) : null}
        <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
          <span className="font-mono">{v.item.short_code}</span>
          {v.item.category ? <span>· {v.item.category}</span> : null}
          <Badge variant="outline" data-testid="on-shelf">
            {t("scanner.onShelf", { count: v.on_shelf, owned: v.item.quantity_owned })}
          </Badge>
          {v.item.quantity_out_of_service > 0 ? (
            <Badge variant="secondary">
              {t("scanner.outOfService", { count: v.item.quantity_out_of_service })}
            </Badge>
          ) : null}
        </p>
      </div>
      {v.item.tracking === "unit" && !unit && v.units.length > 0 ? (
        <nav aria-label={t("units.title")} className="grid gap-2 text-sm">
          <p className="text-muted-foreground">{t("scanner.pickUnit")}</p>
          <ul className="flex flex-wrap gap-2">
            {v.units.map((u) => (
              <li key={u.id}>
                <Button asChild size="sm" variant="outline">
                  <Link to={`?unite=${u.id}`}>
                    {unitName(u)} · {t(UNIT_STATUS_LABELS[u.status])}
                  </Link>
                </Button>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {unit ? (
        <Link to="?" className="text-sm text-muted-foreground hover:underline">
          {t("scanner.allUnits")}
        </Link>
      ) : null}
      {canMove && !unit ? (
        <FormField label={t("scanner.quantity")}>
          <Input
            inputMode="numeric"
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
            className="w-24"
          />
        </FormField>
      ) : null}
      {failure ? (
        <p role="alert" className="text-sm text-destructive">
          {failure}
        </p>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>{t("scanner.outWith")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-2 text-sm">
          {out.length === 0 && (unit ? true : v.out_elsewhere === 0) ? (
            <p className="text-muted-foreground">{t("scanner.nothingOut")}</p>
          ) : null}
          {out.map((o) => (
            <div
              key={o.mission_id}
              className="flex flex-wrap items-center justify-between gap-2 rounded-md border p-3"
            >
              <div>
                <Link to={`/missions/${o.mission_id}`} className="font-medium hover:underline">
                  {o.mission_title}
                </Link>
                <p className="text-muted-foreground">
                  {t("scanner.outCount", { count: o.quantity })}
                  {o.held_by ? ` · ${o.held_by}` : ""}
                </p>
              </div>
              {canMove ? (
                <div className="flex gap-2">
                  <Button
                    size="sm"
                    disabled={!validCount || move.isPending}
                    onClick={() => void go(o.mission_id, "return")}
                  >
                    <LogInIcon aria-hidden="true" />
                    {t("scanner.return")}
                  </Button>
                  <Button
                    size="sm"
                    variant="outline"
                    disabled={!validCount || move.isPending}
                    onClick={() => void go(o.mission_id, "return", "damaged")}
                  >
                    {t("scanner.returnDamaged")}
                  </Button>
                </div>
              ) : null}
            </div>
          ))}
          {v.out_elsewhere > 0 && !unit ? (
            <p className="text-muted-foreground">
              {t("scanner.outElsewhere", { count: v.out_elsewhere })}
            </p>
          ) : null}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("scanner.goesWith")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-2 text-sm">
          {v.missions.length === 0 ? (
            <p className="text-muted-foreground">{t("scanner.noMissionForItem")}</p>
          ) : (
            v.missions.map((m) => (
              <div
                key={m.id}
                className="flex flex-wrap items-center justify-between gap-2 rounded-md border p-3"
              >
                <div>
                  <Link to={`/missions/${m.id}`} className="font-medium hover:underline">
                    {m.title}
                  </Link>
                  <p className="text-muted-foreground tabular-nums">
                    {formatDateTime(m.starts_at, locale)} ·{" "}
                    {t("scanner.bookedOut", { booked: m.booked, out: m.out })}
                  </p>
                </div>
                {canMove ? (
                  <Button
                    size="sm"
                    disabled={!validCount || !canGo || move.isPending}
                    onClick={() => void go(m.id, "check-out")}
                  >
                    <LogOutIcon aria-hidden="true" />
                    {t("scanner.checkOut")}
                  </Button>
                ) : null}
              </div>
            ))
          )}
        </CardContent>
      </Card>

      {canManage ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("scanner.problemTitle")}</CardTitle>
          </CardHeader>
          <CardContent>
            {v.item.tracking === "unit" && !unit ? (
              <p className="text-sm text-muted-foreground">{t("scanner.unitProblemHint")}</p>
            ) : (
              <form
                className="grid gap-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  const form = e.currentTarget;
                  setFailure(null);
                  report.mutate(
                    {
                      item: v.item.id,
                      description: problem.trim(),
                      unit: unit?.id,
                      expectedBack,
                    },
                    {
                      onSuccess: async (record) => {
                        setProblem("");
                        try {
                          // The record exists: a photo that fails is said, the report stays.
                          if (problemPhoto) await sendRecordPhoto(record.id, problemPhoto);
                          toast.success(t("scanner.problemSent"));
                        } catch (error) {
                          setFailure(errorMessage(error, t));
                        }
                        setProblemPhoto(null);
                        setExpectedBack("");
                        form.reset();
                        void view.refetch();
                      },
                      onError: (error) => setFailure(errorMessage(error, t)),
                    },
                  );
                }}
              >
                <FormField label={t("scanner.problemLabel")}>
                  <Input value={problem} onChange={(e) => setProblem(e.target.value)} />
                </FormField>
                <FormField label={t("scanner.expectedBack")} help={t("scanner.expectedBackHelp")}>
                  <Input
                    type="date"
                    value={expectedBack}
                    onChange={(e) => setExpectedBack(e.target.value)}
                    className="w-44"
                  />
                </FormField>
                <FormField label={t("photo.ofDamage")} help={t("photo.ofDamageHelp")}>
                  <Input
                    type="file"
                    accept="image/*"
                    capture="environment"
                    onChange={(e) => {
                      const file = e.target.files?.[0];
                      if (!file) return setProblemPhoto(null);
                      void shrinkImage(file).then(setProblemPhoto);
                    }}
                  />
                </FormField>
                <Button
                  type="submit"
                  variant="outline"
                  disabled={report.isPending || problem.trim() === ""}
                >
                  {t("scanner.problemSend")}
                </Button>
              </form>
            )}
            {v.item.tracking === "unit" && !unit ? null : (
              <div className="mt-4 flex flex-wrap gap-2 border-t pt-4">
                {!unit || unit.status === "available" ? (
                  <Button
                    variant="outline"
                    size="sm"
                    disabled={lossOrFound.isPending || !validCount}
                    onClick={() => void declare(false)}
                  >
                    {t("scanner.declareLost")}
                  </Button>
                ) : null}
                {!unit || unit.status === "lost" ? (
                  <Button
                    variant="outline"
                    size="sm"
                    disabled={lossOrFound.isPending || !validCount}
                    onClick={() => void declare(true)}
                  >
                    {t("scanner.declareFound")}
                  </Button>
                ) : null}
              </div>
            )}
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
