import { CalendarOffIcon } from "lucide-react";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { toast } from "@/lib/toast";
import { Button } from "@/components/ui/button";
import { Combobox } from "@/components/ui/combobox";
import { DateTimePicker } from "@/components/ui/date-time-picker";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useCan } from "@/features/auth/api/get-session";
import { membersQuery } from "@/features/members/api/members";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { useI18n } from "@/lib/i18n";
import { useAddUnavailability } from "../api/planning";

const SELF = "self";

/** A holiday or a day off: planners for anyone, crew for themselves. */
export function UnavailabilityDialog() {
  const { t } = useI18n();
  const canPlan = useCan("missions.manage");
  const canSeeTeam = useCan("members.read");
  const forOthers = canPlan && canSeeTeam;
  const members = useQuery({ ...membersQuery(), enabled: forOthers });
  const add = useAddUnavailability();
  const [open, setOpen] = useState(false);
  const [person, setPerson] = useState(SELF);
  const [start, setStart] = useState<string | null>(null);
  const [end, setEnd] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!start) problems.starts_at = t("validation.required");
    if (!end) problems.ends_at = t("validation.required");
    if (start && end && end <= start) problems.ends_at = t("missions.endBeforeStart");
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !start || !end) return;
    try {
      await add.mutateAsync({
        user_id: person === SELF ? undefined : Number(person),
        starts_at: start,
        ends_at: end,
        reason,
      });
      toast.success(t("planning.unavailabilitySaved"));
      setOpen(false);
      setStart(null);
      setEnd(null);
      setReason("");
      setPerson(SELF);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
        setErrors(error.fieldMap());
        return;
      }
      setErrors({ root: errorMessage(error, t) });
    }
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline">
          <CalendarOffIcon aria-hidden="true" />
          {t("planning.addUnavailability")}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t("common.close")}>
        <DialogHeader>
          <DialogTitle>{t("planning.addUnavailability")}</DialogTitle>
          <DialogDescription>{t("planning.unavailabilityHelp")}</DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={(e) => void submit(e)} noValidate>
          {forOthers ? (
            <FormField label={t("planning.person")} error={errors.user_id}>
              <Combobox
                options={[
                  { value: SELF, label: t("planning.myself") },
                  ...(members.data ?? [])
                    .filter((m) => !m.disabled)
                    .map((m) => ({ value: String(m.user_id), label: m.display_name })),
                ]}
                value={person}
                onValueChange={setPerson}
              />
            </FormField>
          ) : null}
          <FormField label={t("missions.start")} error={errors.starts_at} required>
            <DateTimePicker value={start} onChange={setStart} timeLabel={t("missions.startTime")} />
          </FormField>
          <FormField label={t("missions.end")} error={errors.ends_at} required>
            <DateTimePicker value={end} onChange={setEnd} timeLabel={t("missions.endTime")} />
          </FormField>
          <FormField label={t("planning.reason")} error={errors.reason}>
            <Input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder={t("planning.reasonPlaceholder")}
            />
          </FormField>
          {errors.root ? (
            <p role="alert" className="text-sm text-destructive">
              {errors.root}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="submit" disabled={add.isPending}>
              {t("common.save")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
