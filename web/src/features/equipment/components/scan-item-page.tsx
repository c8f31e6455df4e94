import { ArrowLeftIcon, LogInIcon, LogOutIcon } from "lucide-react";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { toast } from "sonner";
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
import { useMoveGear, useReportProblem, useScanView, type ReturnCondition } from "../api/logistics";

/** What a scan of one item offers now: take it out, bring it back, report a problem. */
export default function ScanItemPage() {
  const { t, locale } = useI18n();
  const id = Number(useParams().id);
  const view = useScanView(id);
  const move = useMoveGear();
  const report = useReportProblem();
  const canMove = useCan("equipment.move");
  const canManage = useCan("equipment.manage");
  const [quantity, setQuantity] = useState("1");
  const [problem, setProblem] = useState("");
  const [failure, setFailure] = useState<string | null>(null);

  if (view.isPending) return <PageLoading />;
  if (view.isError) {
    return <PageError message={errorMessage(view.error, t)} onRetry={() => void view.refetch()} />;
  }
  const v = view.data;
  const count = Number(quantity);
  const validCount = Number.isInteger(count) && count >= 1 && count <= 10000;

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
        items: [
          direction === "return"
            ? { item_id: v.item.id, quantity: count, condition }
            : { item_id: v.item.id, quantity: count },
        ],
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
        <h1 className="text-2xl font-semibold tracking-tight">{v.item.name}</h1>
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
      {canMove ? (
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
          {v.out.length === 0 && v.out_elsewhere === 0 ? (
            <p className="text-muted-foreground">{t("scanner.nothingOut")}</p>
          ) : null}
          {v.out.map((o) => (
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
          {v.out_elsewhere > 0 ? (
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
                    disabled={!validCount || move.isPending}
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
            <form
              className="grid gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                setFailure(null);
                report.mutate(
                  { item: v.item.id, description: problem.trim() },
                  {
                    onSuccess: () => {
                      setProblem("");
                      toast.success(t("scanner.problemSent"));
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
              <Button
                type="submit"
                variant="outline"
                disabled={report.isPending || problem.trim() === ""}
              >
                {t("scanner.problemSend")}
              </Button>
            </form>
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
