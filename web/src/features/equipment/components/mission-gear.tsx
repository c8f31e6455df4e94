import { ScanLineIcon } from "lucide-react";
import { Link } from "react-router";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { useCan } from "@/features/auth/api/get-session";
import { errorMessage } from "@/lib/errors";
import { useI18n } from "@/lib/i18n";
import { useMissionGear } from "../api/logistics";

/** The mission's "Matériel" section: booked, out, back (and how), with the loading scanner. */
export function MissionGear({ missionId }: { missionId: number }) {
  const { t } = useI18n();
  const canMove = useCan("equipment.move");
  const gear = useMissionGear(missionId);
  return (
    <Card>
      <CardHeader className="flex flex-row items-center justify-between gap-2">
        <CardTitle>{t("missions.equipment")}</CardTitle>
        {canMove ? (
          <Button asChild size="sm" variant="outline">
            <Link to={`/scanner/mission/${missionId}`}>
              <ScanLineIcon aria-hidden="true" />
              {t("scanner.loadTruck")}
            </Link>
          </Button>
        ) : null}
      </CardHeader>
      <CardContent>
        {gear.isPending ? (
          <p role="status" className="text-sm text-muted-foreground">
            {t("common.loading")}
          </p>
        ) : gear.isError ? (
          <p role="alert" className="text-sm text-destructive">
            {errorMessage(gear.error, t)}
          </p>
        ) : gear.data.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("missions.noEquipment")}</p>
        ) : (
          <ul className="grid gap-2 text-sm" data-testid="mission-equipment">
            {gear.data.items.map((line) => (
              <li key={line.item_id} className="flex flex-wrap items-center gap-2">
                <span className="tabular-nums">{line.booked} ×</span> {line.name}
                {line.out > 0 ? (
                  <Badge variant="warning">{t("gear.out", { count: line.out })}</Badge>
                ) : null}
                {line.returned_ok > 0 ? (
                  <Badge variant="success">{t("gear.back", { count: line.returned_ok })}</Badge>
                ) : null}
                {line.returned_damaged > 0 ? (
                  <Badge variant="destructive">
                    {t("gear.damaged", { count: line.returned_damaged })}
                  </Badge>
                ) : null}
                {line.returned_missing > 0 ? (
                  <Badge variant="destructive">
                    {t("gear.missing", { count: line.returned_missing })}
                  </Badge>
                ) : null}
                {line.extra > 0 ? (
                  <Badge variant="secondary">{t("gear.extra", { count: line.extra })}</Badge>
                ) : null}
                {gear.data.units.some((u) => u.item_id === line.item_id) ? (
                  <span className="w-full text-muted-foreground" data-testid="units-out">
                    {gear.data.units
                      .filter((u) => u.item_id === line.item_id)
                      .map((u) => u.serial_number || u.short_code)
                      .join(", ")}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
