import { ArrowRightLeftIcon, PencilIcon, PlusIcon, PrinterIcon } from "lucide-react";
import { useState } from "react";
import { Link } from "react-router";
import { toast } from "@/lib/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { errorMessage, errorsByField } from "@/lib/errors";
import { useI18n, type MessageKey } from "@/lib/i18n";
import type { EquipmentItem } from "../api/equipment";
import { labelsUrl, type EquipmentUnit, type UnitStatus } from "../api/logistics";
import { useItemUnits, useRetireUnit, useSaveUnit, useUnitBackInService } from "../api/units";
import { TransferDialog } from "./inventory-cards";
import { QueryState } from "./query-state";

export const UNIT_STATUS_LABELS: Record<UnitStatus, MessageKey> = {
  available: "units.status.available",
  out: "units.status.out",
  maintenance: "units.status.maintenance",
  lost: "units.status.lost",
  retired: "units.status.retired",
};

/** How a unit is named on screen: its serial number, else its short code. */
export function unitName(unit: Pick<EquipmentUnit, "serial_number" | "short_code">) {
  return unit.serial_number || unit.short_code;
}

/** The units of an item tracked by unit: serial numbers, where each one is, labels. */
export function UnitsCard({ item, canManage }: { item: EquipmentItem; canManage: boolean }) {
  const { t } = useI18n();
  const units = useItemUnits(item.id);
  const retire = useRetireUnit();
  const serviced = useUnitBackInService();
  const [editing, setEditing] = useState<EquipmentUnit | "new" | null>(null);
  const [moving, setMoving] = useState<EquipmentUnit | null>(null);
  const ids = (units.data ?? []).map((u) => u.id);
  return (
    <Card className="md:col-span-2">
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle>{t("units.title")}</CardTitle>
        {canManage ? (
          <div className="flex flex-wrap gap-2">
            {ids.length > 0 ? (
              <Button asChild size="sm" variant="outline">
                <a href={labelsUrl([], "3x8", 0, [], ids)} target="_blank" rel="noopener">
                  <PrinterIcon aria-hidden="true" />
                  {t("units.labels")}
                </a>
              </Button>
            ) : null}
            <Button size="sm" onClick={() => setEditing("new")}>
              <PlusIcon aria-hidden="true" />
              {t("units.add")}
            </Button>
          </div>
        ) : null}
      </CardHeader>
      <CardContent className="text-sm">
        <QueryState query={units} empty={(rows) => (rows.length === 0 ? t("units.empty") : null)}>
          {(rows) => (
            <ul className="grid gap-2" data-testid="item-units">
              {rows.map((u) => (
                <li
                  key={u.id}
                  className="flex flex-wrap items-center justify-between gap-2 rounded-md border p-3"
                >
                  <div className="grid gap-0.5">
                    <p className="flex flex-wrap items-center gap-2">
                      {u.serial_number ? (
                        <span className="font-medium">{u.serial_number}</span>
                      ) : (
                        <span className="text-muted-foreground italic">{t("units.noSerial")}</span>
                      )}
                      <span className="font-mono text-muted-foreground">{u.short_code}</span>
                      <Badge variant={u.status === "available" ? "outline" : "secondary"}>
                        {t(UNIT_STATUS_LABELS[u.status])}
                      </Badge>
                      {u.condition === "damaged" ? (
                        <Badge variant="destructive">{t("scanner.condition.damaged")}</Badge>
                      ) : null}
                    </p>
                    <p className="text-muted-foreground">
                      {[
                        u.storage_site?.name ?? t("equipment.noSite"),
                        u.barcode,
                        u.mission ? t("units.withMission", { title: u.mission.name }) : "",
                        u.notes,
                      ]
                        .filter(Boolean)
                        .join(" · ")}
                    </p>
                  </div>
                  <div className="flex flex-wrap gap-1">
                    {u.mission ? (
                      <Button asChild size="sm" variant="ghost">
                        <Link to={`/missions/${u.mission.id}`}>{t("units.openMission")}</Link>
                      </Button>
                    ) : null}
                    <Button asChild size="sm" variant="ghost">
                      <Link to={`/scanner/materiel/${item.id}?unite=${u.id}`}>
                        {t("units.scan")}
                      </Link>
                    </Button>
                    {canManage ? (
                      <>
                        <Button
                          size="sm"
                          variant="ghost"
                          aria-label={t("units.editOne", { code: u.short_code })}
                          onClick={() => setEditing(u)}
                        >
                          <PencilIcon aria-hidden="true" />
                        </Button>
                        {u.status === "available" ? (
                          <Button
                            size="sm"
                            variant="ghost"
                            aria-label={t("units.moveTitle", { code: unitName(u) })}
                            onClick={() => setMoving(u)}
                          >
                            <ArrowRightLeftIcon aria-hidden="true" />
                          </Button>
                        ) : null}
                        {u.status === "maintenance" ? (
                          <Button
                            size="sm"
                            variant="ghost"
                            disabled={serviced.isPending}
                            onClick={() =>
                              serviced.mutate(u.id, {
                                onSuccess: () =>
                                  toast.success(t("units.backInService", { code: unitName(u) })),
                                onError: (error) => toast.error(errorMessage(error, t)),
                              })
                            }
                          >
                            {t("units.repaired")}
                          </Button>
                        ) : null}
                        {u.status === "available" || u.status === "lost" ? (
                          <ConfirmDialog
                            trigger={
                              <Button size="sm" variant="ghost">
                                {t("units.retire")}
                              </Button>
                            }
                            title={t("units.retireTitle", { code: unitName(u) })}
                            description={t("units.retireHelp")}
                            confirmLabel={t("units.retire")}
                            cancelLabel={t("common.cancel")}
                            destructive
                            onConfirm={async () => {
                              try {
                                await retire.mutateAsync(u.id);
                                toast.success(t("units.retired", { code: unitName(u) }));
                              } catch (error) {
                                toast.error(errorMessage(error, t));
                              }
                            }}
                          />
                        ) : null}
                      </>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </CardContent>
      {editing ? (
        <UnitDialog
          item={item}
          unit={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {moving ? <TransferDialog item={item} unit={moving} onClose={() => setMoving(null)} /> : null}
    </Card>
  );
}

function UnitDialog({
  item,
  unit,
  onClose,
}: {
  item: EquipmentItem;
  unit: EquipmentUnit | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const save = useSaveUnit();
  const [serial, setSerial] = useState(unit?.serial_number ?? "");
  const [barcode, setBarcode] = useState(unit?.barcode ?? "");
  const [notes, setNotes] = useState(unit?.notes ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async () => {
    setErrors({});
    try {
      const saved = await save.mutateAsync({
        item: item.id,
        id: unit?.id,
        input: { serial_number: serial.trim(), barcode: barcode.trim(), notes: notes.trim() },
      });
      toast.success(t("units.saved", { code: unitName(saved) }));
      onClose();
    } catch (error) {
      setErrors(errorsByField(error, t));
    }
  };
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent closeLabel={t("common.close")}>
        <DialogHeader>
          <DialogTitle>
            {unit ? t("units.editOne", { code: unit.short_code }) : t("units.add")}
          </DialogTitle>
          <DialogDescription>{t("units.help", { name: item.name })}</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <FormField label={t("units.serial")} error={errors.serial_number}>
            <Input value={serial} onChange={(e) => setSerial(e.target.value)} maxLength={100} />
          </FormField>
          <FormField label={t("equipment.barcode")} error={errors.barcode}>
            <Input value={barcode} onChange={(e) => setBarcode(e.target.value)} maxLength={100} />
          </FormField>
          <FormField label={t("equipment.notes")} error={errors.notes}>
            <Input value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={1000} />
          </FormField>
          {errors.root ? (
            <p role="alert" className="text-sm text-destructive">
              {errors.root}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="submit" disabled={save.isPending}>
              {t("common.save")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
