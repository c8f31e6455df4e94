import { zodResolver } from "@hookform/resolvers/zod";
import { AlertTriangleIcon, CheckCircle2Icon, PlusIcon, Trash2Icon } from "lucide-react";
import { useEffect, useState } from "react";
import { Controller, useFieldArray, useForm, useWatch } from "react-hook-form";
import { toast } from "@/lib/toast";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Combobox } from "@/components/ui/combobox";
import { DateTimePicker } from "@/components/ui/date-time-picker";
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
import { Label } from "@/components/ui/label";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { useCan } from "@/features/auth/api/get-session";
import { useAllEquipment } from "@/features/equipment/api/equipment";
import { crewKey, crewRef, useCrewProfiles } from "@/features/members/api/crew-profiles";
import { useMembers } from "@/features/members/api/members";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { useI18n, type MessageKey, type Translate } from "@/lib/i18n";
import {
  CREW_POSITIONS,
  checkPlan,
  useClientOptions,
  useMissionFields,
  useSaveMission,
  useVenues,
  type Conflict,
  type CrewPosition,
  type Mission,
  type MissionInput,
} from "../api/planning";

const POSITION_LABELS: Record<CrewPosition, MessageKey> = {
  dj: "missions.position.dj",
  technician: "missions.position.technician",
  assistant: "missions.position.assistant",
  driver: "missions.position.driver",
  other: "missions.position.other",
};

const NONE = "none";

function schema(t: Translate) {
  return z
    .object({
      title: z.string().trim().min(1, t("validation.required")).max(200, t("validation.tooLong")),
      status: z.enum(["draft", "planned", "confirmed"]),
      client_id: z.string(),
      venue_id: z.string(),
      address: z.string().max(500, t("validation.tooLong")),
      event_type: z.string().max(60, t("validation.tooLong")),
      guest_count: z
        .string()
        .refine((v) => v.trim() === "" || /^\d{1,6}$/.test(v.trim()), t("missions.invalidGuests")),
      starts_at: z.string().nullable(),
      ends_at: z.string().nullable(),
      description: z.string().max(5000, t("validation.tooLong")),
      notes: z.string().max(5000, t("validation.tooLong")),
      crew: z.array(
        z.object({
          user_id: z.string().min(1, t("validation.required")),
          position: z.enum(CREW_POSITIONS),
          lead: z.boolean(),
        }),
      ),
      equipment: z.array(
        z.object({
          item_id: z.string().min(1, t("validation.required")),
          quantity: z.string().regex(/^[1-9]\d{0,4}$/, t("missions.invalidQuantity")),
        }),
      ),
      custom: z.record(z.string(), z.string()),
    })
    .superRefine((v, ctx) => {
      if (!v.starts_at)
        ctx.addIssue({ code: "custom", path: ["starts_at"], message: t("validation.required") });
      if (!v.ends_at)
        ctx.addIssue({ code: "custom", path: ["ends_at"], message: t("validation.required") });
      if (v.starts_at && v.ends_at && v.ends_at <= v.starts_at) {
        ctx.addIssue({ code: "custom", path: ["ends_at"], message: t("missions.endBeforeStart") });
      }
    });
}
type Values = z.infer<ReturnType<typeof schema>>;

function valuesOf(mission: Mission | null, start: string | null, end: string | null): Values {
  return {
    title: mission?.title ?? "",
    status: "planned",
    client_id: mission?.client ? String(mission.client.id) : NONE,
    venue_id: mission?.venue ? String(mission.venue.id) : NONE,
    address: mission?.address ?? "",
    event_type: mission?.event_type ?? "",
    guest_count: mission?.guest_count != null ? String(mission.guest_count) : "",
    starts_at: mission?.starts_at ?? start,
    ends_at: mission?.ends_at ?? end,
    description: mission?.description ?? "",
    notes: mission?.notes ?? "",
    crew: (mission?.crew ?? []).map((c) => ({
      user_id: crewKey(c),
      position: (CREW_POSITIONS as readonly string[]).includes(c.position)
        ? (c.position as CrewPosition)
        : "other",
      lead: c.lead,
    })),
    equipment: (mission?.equipment ?? []).map((e) => ({
      item_id: String(e.item_id),
      quantity: String(e.quantity),
    })),
    custom: { ...(mission?.custom_fields ?? {}) },
  };
}

function planKeyOf(v: Partial<Values>): string {
  return JSON.stringify([
    v.starts_at ?? null,
    v.ends_at ?? null,
    (v.crew ?? []).map((c) => ({ user_id: c?.user_id ?? "" })),
    (v.equipment ?? []).map((e) => ({ item_id: e?.item_id ?? "", quantity: e?.quantity ?? "" })),
    v.venue_id ?? NONE,
  ]);
}

/**
 * "crew[1].user_id" -> "crew.1.user_id" (a crew profile's "profile_id" too: one form field
 * holds either); "custom_fields.x" -> "custom.x".
 */
function formPath(field: string): string {
  return field
    .replace(/\[(\d+)\]/g, ".$1")
    .replace(/^(crew\.\d+)\.profile_id$/, "$1.user_id")
    .replace(/^custom_fields\./, "custom.");
}

export interface MissionFormDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The mission to edit; null to create one. */
  mission: Mission | null;
  /** Prefilled times for a new mission (a range selected on the calendar). */
  defaultStart?: string | null;
  defaultEnd?: string | null;
  onSaved?: (mission: Mission) => void;
}

/**
 * Creates or edits a mission: when, who, what gear, for whom, where. The plan is checked
 * against the planning as it is typed; a refused save shows every conflict and lets a planner
 * override with a reason (kept in the audit log).
 */
export function MissionFormDialog(props: MissionFormDialogProps) {
  const { t } = useI18n();
  const { open, onOpenChange, mission } = props;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        closeLabel={t("common.close")}
        className="max-h-[92vh] overflow-y-auto sm:max-w-2xl"
      >
        <DialogHeader>
          <DialogTitle>{mission ? t("missions.edit") : t("missions.new")}</DialogTitle>
          <DialogDescription>{t("missions.formHelp")}</DialogDescription>
        </DialogHeader>
        {/* Mounted while open only: each opening starts from the mission or the defaults. */}
        <MissionForm {...props} />
      </DialogContent>
    </Dialog>
  );
}

function MissionForm({
  open,
  onOpenChange,
  mission,
  defaultStart = null,
  defaultEnd = null,
  onSaved,
}: MissionFormDialogProps) {
  const { t } = useI18n();
  const canSeeClients = useCan("clients.read");
  const members = useMembers();
  const profiles = useCrewProfiles();
  const clients = useClientOptions(open && canSeeClients);
  const venues = useVenues(open);
  const items = useAllEquipment(open);
  const fields = useMissionFields();
  const save = useSaveMission();
  const [refusal, setRefusal] = useState<{ message: string; details: string[] } | null>(null);
  const [overrideReason, setOverrideReason] = useState("");
  const [live, setLive] = useState<{ key: string; conflicts: Conflict[] } | null>(null);

  const form = useForm<Values>({
    resolver: zodResolver(schema(t)),
    defaultValues: valuesOf(mission, defaultStart, defaultEnd),
  });
  const crew = useFieldArray({ control: form.control, name: "crew" });
  const equipment = useFieldArray({ control: form.control, name: "equipment" });

  // The live check: the plan as typed, against the saved planning.
  // What the conflict engine looks at, as text: a change of anything else checks nothing.
  const watched = useWatch({ control: form.control });
  const planKey = planKeyOf(watched as Partial<Values>);
  useEffect(() => {
    if (!open) return;
    const [start, end, crewLines, gearLines, venue] = JSON.parse(planKey) as [
      string | null,
      string | null,
      Values["crew"],
      Values["equipment"],
      string,
    ];
    if (!start || !end || end <= start) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      checkPlan({
        mission_id: mission?.id,
        starts_at: start,
        ends_at: end,
        crew: crewLines.filter((c) => c.user_id).map((c) => crewRef(c.user_id)),
        equipment: gearLines
          .filter((g) => g.item_id && /^[1-9]\d*$/.test(g.quantity))
          .map((g) => ({ item_id: Number(g.item_id), quantity: Number(g.quantity) })),
        venue_id: venue !== NONE ? Number(venue) : null,
      })
        .then((result) => {
          if (!cancelled) setLive({ key: planKey, conflicts: result.conflicts });
        })
        .catch(() => {
          if (!cancelled) setLive(null);
        });
    }, 350);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [planKey, open, mission?.id]);

  const submit = form.handleSubmit(async (values) => {
    const input: MissionInput = {
      title: values.title,
      client_id: values.client_id !== NONE ? Number(values.client_id) : null,
      venue_id: values.venue_id !== NONE ? Number(values.venue_id) : null,
      address: values.address,
      event_type: values.event_type,
      guest_count: values.guest_count.trim() ? Number(values.guest_count) : null,
      starts_at: values.starts_at ?? "",
      ends_at: values.ends_at ?? "",
      description: values.description,
      notes: values.notes,
      custom_fields: values.custom,
      crew: values.crew.map((c) => ({
        ...crewRef(c.user_id),
        position: c.position,
        label: "",
        lead: c.lead,
      })),
      equipment: values.equipment.map((e) => ({
        item_id: Number(e.item_id),
        quantity: Number(e.quantity),
      })),
    };
    if (mission === null) input.status = values.status;
    if (refusal && overrideReason.trim()) input.override_reason = overrideReason.trim();
    try {
      const saved = await save.mutateAsync({ id: mission?.id ?? null, input });
      toast.success(t(mission ? "missions.saved" : "missions.created", { title: saved.title }));
      const warnings = saved.conflicts.filter((c) => !c.blocking);
      for (const w of warnings) toast.warning(w.message);
      onOpenChange(false);
      onSaved?.(saved);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.fields.length > 0) {
        setRefusal({ message: error.message, details: error.fields.map((f) => f.message) });
        return;
      }
      if (error instanceof ApiError && error.fields.length > 0) {
        let placed = false;
        for (const f of error.fields) {
          const path = formPath(f.field);
          form.setError(path as keyof Values, { message: f.message });
          placed = true;
        }
        if (placed) return;
      }
      form.setError("root", { message: errorMessage(error, t) });
    }
  });

  const errors = form.formState.errors;
  // Members, then crew profiles without an account; a person already on the mission stays
  // choosable (a member since disabled, an archived profile).
  const memberOptions = [
    ...(members.data ?? [])
      .filter((m) => !m.disabled)
      .map((m) => ({ value: String(m.user_id), label: m.display_name })),
    ...(profiles.data ?? []).map((p) => ({
      value: `p:${p.id}`,
      label: t("crewProfiles.optionLabel", { name: p.display_name }),
    })),
  ];
  for (const c of mission?.crew ?? []) {
    if (!memberOptions.some((o) => o.value === crewKey(c))) {
      memberOptions.push({ value: crewKey(c), label: c.name });
    }
  }
  const itemOptions = (items.data ?? [])
    .filter((i) => i.status !== "retired")
    .map((i) => ({
      value: String(i.id),
      label: `${i.name} (${i.quantity_owned - i.quantity_out_of_service}/${i.quantity_owned})`,
    }));
  const clientOptions = [
    { value: NONE, label: t("missions.noClient") },
    ...(clients.data ?? []).map((c) => ({ value: String(c.id), label: c.name })),
  ];
  const venueOptions = [
    { value: NONE, label: t("missions.noVenue") },
    ...(venues.data ?? [])
      .filter((v) => !v.archived)
      .map((v) => ({ value: String(v.id), label: v.name })),
  ];
  // Shown only while it describes the plan on screen.
  const current = live && live.key === planKey ? live.conflicts : null;
  const blocking = (current ?? []).filter((c) => c.blocking);
  const warnings = (current ?? []).filter((c) => !c.blocking);

  return (
    <form className="grid gap-4" onSubmit={submit} noValidate>
      <FormField label={t("missions.titleField")} error={errors.title?.message} required>
        <Input {...form.register("title")} placeholder={t("missions.titlePlaceholder")} />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <Controller
          control={form.control}
          name="starts_at"
          render={({ field }) => (
            <FormField label={t("missions.start")} error={errors.starts_at?.message} required>
              <DateTimePicker
                value={field.value}
                onChange={field.onChange}
                timeLabel={t("missions.startTime")}
              />
            </FormField>
          )}
        />
        <Controller
          control={form.control}
          name="ends_at"
          render={({ field }) => (
            <FormField label={t("missions.end")} error={errors.ends_at?.message} required>
              <DateTimePicker
                value={field.value}
                onChange={field.onChange}
                timeLabel={t("missions.endTime")}
              />
            </FormField>
          )}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {canSeeClients ? (
          <Controller
            control={form.control}
            name="client_id"
            render={({ field }) => (
              <FormField label={t("missions.client")} error={errors.client_id?.message}>
                <Combobox
                  options={clientOptions}
                  value={field.value}
                  onValueChange={field.onChange}
                  placeholder={t("missions.noClient")}
                />
              </FormField>
            )}
          />
        ) : null}
        {mission === null ? (
          <Controller
            control={form.control}
            name="status"
            render={({ field }) => (
              <FormField label={t("missions.statusField")}>
                <Select value={field.value} onValueChange={field.onChange}>
                  <SelectTrigger aria-label={t("missions.statusField")}>
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    <SelectItem value="draft">{t("missions.status.draft")}</SelectItem>
                    <SelectItem value="planned">{t("missions.status.planned")}</SelectItem>
                    <SelectItem value="confirmed">{t("missions.status.confirmed")}</SelectItem>
                  </SelectContent>
                </Select>
              </FormField>
            )}
          />
        ) : null}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Controller
          control={form.control}
          name="venue_id"
          render={({ field }) => (
            <FormField label={t("missions.venue")} error={errors.venue_id?.message}>
              <Combobox
                options={venueOptions}
                value={field.value}
                onValueChange={field.onChange}
                placeholder={t("missions.noVenue")}
              />
            </FormField>
          )}
        />
        <FormField label={t("missions.address")} error={errors.address?.message}>
          <Input {...form.register("address")} />
        </FormField>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label={t("missions.eventType")} error={errors.event_type?.message}>
          <Input {...form.register("event_type")} list="planify-event-types" />
        </FormField>
        <FormField label={t("missions.guests")} error={errors.guest_count?.message}>
          <Input inputMode="numeric" {...form.register("guest_count")} />
        </FormField>
        <datalist id="planify-event-types">
          {["Mariage", "Anniversaire", "Soirée d'entreprise", "Gala", "Festival", "Concert"].map(
            (v) => (
              <option key={v} value={v} />
            ),
          )}
        </datalist>
      </div>

      <fieldset className="grid gap-2 rounded-md border p-3">
        <legend className="px-1 text-sm font-medium">{t("missions.crew")}</legend>
        {crew.fields.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("missions.noCrew")}</p>
        ) : null}
        {crew.fields.map((row, index) => (
          <div key={row.id} className="flex flex-wrap items-end gap-2" data-testid="crew-line">
            <Controller
              control={form.control}
              name={`crew.${index}.user_id`}
              render={({ field }) => (
                <FormField
                  label={t("missions.person")}
                  error={errors.crew?.[index]?.user_id?.message}
                  className="min-w-40 flex-1"
                >
                  <Combobox
                    options={memberOptions}
                    value={field.value}
                    onValueChange={field.onChange}
                    placeholder={t("missions.choosePerson")}
                  />
                </FormField>
              )}
            />
            <Controller
              control={form.control}
              name={`crew.${index}.position`}
              render={({ field }) => (
                <FormField label={t("missions.position")} className="w-40">
                  <Select value={field.value} onValueChange={field.onChange}>
                    <SelectTrigger aria-label={t("missions.position")}>
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {CREW_POSITIONS.map((p) => (
                        <SelectItem key={p} value={p}>
                          {t(POSITION_LABELS[p])}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                </FormField>
              )}
            />
            <Controller
              control={form.control}
              name={`crew.${index}.lead`}
              render={({ field }) => (
                <div className="flex h-9 items-center gap-2">
                  <Checkbox
                    id={`crew-lead-${row.id}`}
                    checked={field.value}
                    onCheckedChange={(v) => field.onChange(v === true)}
                  />
                  <Label htmlFor={`crew-lead-${row.id}`}>{t("missions.lead")}</Label>
                </div>
              )}
            />
            <Button
              type="button"
              variant="ghost"
              size="icon"
              aria-label={t("missions.removeLine")}
              onClick={() => crew.remove(index)}
            >
              <Trash2Icon aria-hidden="true" />
            </Button>
          </div>
        ))}
        <Button
          type="button"
          variant="outline"
          size="sm"
          className="justify-self-start"
          onClick={() =>
            crew.append({ user_id: "", position: "dj", lead: crew.fields.length === 0 })
          }
        >
          <PlusIcon aria-hidden="true" />
          {t("missions.addPerson")}
        </Button>
      </fieldset>

      <fieldset className="grid gap-2 rounded-md border p-3">
        <legend className="px-1 text-sm font-medium">{t("missions.equipment")}</legend>
        {equipment.fields.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("missions.noEquipment")}</p>
        ) : null}
        {equipment.fields.map((row, index) => (
          <div key={row.id} className="flex flex-wrap items-end gap-2" data-testid="equipment-line">
            <Controller
              control={form.control}
              name={`equipment.${index}.item_id`}
              render={({ field }) => (
                <FormField
                  label={t("missions.item")}
                  error={errors.equipment?.[index]?.item_id?.message}
                  className="min-w-48 flex-1"
                >
                  <Combobox
                    options={itemOptions}
                    value={field.value}
                    onValueChange={field.onChange}
                    placeholder={t("missions.chooseItem")}
                  />
                </FormField>
              )}
            />
            <FormField
              label={t("missions.quantity")}
              error={errors.equipment?.[index]?.quantity?.message}
              className="w-24"
            >
              <Input inputMode="numeric" {...form.register(`equipment.${index}.quantity`)} />
            </FormField>
            <Button
              type="button"
              variant="ghost"
              size="icon"
              aria-label={t("missions.removeLine")}
              onClick={() => equipment.remove(index)}
            >
              <Trash2Icon aria-hidden="true" />
            </Button>
          </div>
        ))}
        <Button
          type="button"
          variant="outline"
          size="sm"
          className="justify-self-start"
          onClick={() => equipment.append({ item_id: "", quantity: "1" })}
        >
          <PlusIcon aria-hidden="true" />
          {t("missions.addItem")}
        </Button>
      </fieldset>

      {(fields.data ?? []).map((def) => (
        <FormField
          key={def.key}
          label={def.label}
          required={def.required}
          error={errors.custom?.[def.key]?.message}
        >
          {def.type === "select" ? (
            <Controller
              control={form.control}
              name={`custom.${def.key}`}
              render={({ field }) => (
                <Select value={field.value ?? ""} onValueChange={field.onChange}>
                  <SelectTrigger aria-label={def.label}>
                    <SelectValue placeholder={t("combobox.placeholder")} />
                  </SelectTrigger>
                  <SelectContent>
                    {def.options.map((o) => (
                      <SelectItem key={o} value={o}>
                        {o}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
            />
          ) : def.type === "textarea" ? (
            <Textarea {...form.register(`custom.${def.key}`)} />
          ) : (
            <Input
              type={def.type === "date" ? "date" : "text"}
              inputMode={def.type === "number" ? "decimal" : undefined}
              {...form.register(`custom.${def.key}`)}
            />
          )}
        </FormField>
      ))}

      <FormField label={t("missions.description")} help={t("missions.descriptionHelp")}>
        <Textarea rows={3} {...form.register("description")} />
      </FormField>
      <FormField label={t("missions.notes")} help={t("missions.notesHelp")}>
        <Textarea rows={2} {...form.register("notes")} />
      </FormField>

      <div role="status" aria-live="polite" className="text-sm" data-testid="live-check">
        {current === null ? null : blocking.length === 0 && warnings.length === 0 ? (
          <p className="flex items-center gap-2 text-success">
            <CheckCircle2Icon aria-hidden="true" className="size-4" />
            {t("missions.noConflict")}
          </p>
        ) : (
          <ul className="grid gap-1">
            {[...blocking, ...warnings].map((c, i) => (
              <li
                key={i}
                className={
                  c.blocking
                    ? "flex gap-2 rounded-md bg-destructive/10 p-2 text-destructive"
                    : "flex gap-2 rounded-md bg-warning/15 p-2"
                }
              >
                <AlertTriangleIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
                {c.message}
              </li>
            ))}
          </ul>
        )}
      </div>

      {refusal ? (
        <div role="alert" className="grid gap-2 rounded-md border border-destructive p-3 text-sm">
          <p className="font-medium text-destructive">{refusal.message}</p>
          {refusal.details.length > 1 ? (
            <ul className="list-disc pl-5">
              {refusal.details.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          ) : null}
          <FormField label={t("missions.overrideReason")} help={t("missions.overrideHelp")}>
            <Input value={overrideReason} onChange={(e) => setOverrideReason(e.target.value)} />
          </FormField>
        </div>
      ) : null}
      {errors.root?.message ? (
        <p role="alert" className="text-sm text-destructive">
          {errors.root.message}
        </p>
      ) : null}
      <DialogFooter>
        <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
          {t("common.cancel")}
        </Button>
        <Button
          type="submit"
          disabled={form.formState.isSubmitting || (refusal !== null && !overrideReason.trim())}
        >
          {refusal ? t("missions.saveAnyway") : t("missions.save")}
        </Button>
      </DialogFooter>
    </form>
  );
}
