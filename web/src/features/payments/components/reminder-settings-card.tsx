import { EyeIcon, PlusIcon, Trash2Icon } from "lucide-react";
import { useState } from "react";
import { toast } from "@/lib/toast";
import { EmailFrame } from "@/components/email-frame";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import {
  Dialog,
  DialogContent,
  DialogDescription,
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
import { Skeleton } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { useI18n } from "@/lib/i18n";
import {
  reminderTemplate,
  useReminderPreview,
  useReminderSettings,
  useSaveReminderSettings,
  type ReminderSettings,
  type ReminderTone,
} from "../api/reminder-settings";

interface Step {
  offset_days: number;
  tone: ReminderTone;
}

function Preview({ template, onClose }: { template: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const preview = useReminderPreview(template);
  return (
    <Dialog open={template !== null} onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent className="max-w-2xl" closeLabel={t("common.close")}>
        <DialogHeader>
          <DialogTitle>{preview.data?.subject ?? t("reminders.preview")}</DialogTitle>
          <DialogDescription>{t("reminders.previewHelp")}</DialogDescription>
        </DialogHeader>
        {preview.isPending ? (
          <Skeleton className="h-64" />
        ) : preview.isError ? (
          <p role="alert" className="text-sm text-destructive">
            {errorMessage(preview.error, t)}
          </p>
        ) : (
          <EmailFrame html={preview.data.html} title={preview.data.subject} />
        )}
      </DialogContent>
    </Dialog>
  );
}

/** A number of days (0 = never) with a button previewing the e-mail it sends. */
function DaysField({
  label,
  help,
  error,
  max,
  value,
  onChange,
  previewLabel,
  onPreview,
}: {
  label: string;
  help: string;
  error: string | undefined;
  max: number;
  value: number;
  onChange: (days: number) => void;
  previewLabel: string;
  onPreview: () => void;
}) {
  return (
    <>
      <FormField label={label} help={help} error={error}>
        <Input
          type="number"
          inputMode="numeric"
          min={0}
          max={max}
          value={value}
          onChange={(e) => onChange(Number(e.target.value))}
        />
      </FormField>
      <Button
        type="button"
        variant="ghost"
        size="icon"
        className="mt-7"
        aria-label={previewLabel}
        onClick={onPreview}
      >
        <EyeIcon aria-hidden="true" />
      </Button>
    </>
  );
}

function Editor({ settings }: { settings: ReminderSettings }) {
  const { t } = useI18n();
  const save = useSaveReminderSettings();
  const [enabled, setEnabled] = useState(settings.enabled);
  const [steps, setSteps] = useState<Step[]>(
    settings.steps.map(({ offset_days, tone }) => ({ offset_days, tone })),
  );
  const [sendHour, setSendHour] = useState(settings.send_hour);
  const [followupDays, setFollowupDays] = useState(settings.quote_followup_days);
  const [expiryDays, setExpiryDays] = useState(settings.quote_expiry_notice_days);
  const [crewHour, setCrewHour] = useState(settings.crew_reminder_hour);
  const [previewing, setPreviewing] = useState<string | null>(null);
  const fields = save.error instanceof ApiError ? save.error.fieldMap() : {};
  const update = (index: number, change: Partial<Step>) =>
    setSteps((current) => current.map((s, i) => (i === index ? { ...s, ...change } : s)));
  return (
    <form
      className="grid gap-5"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(
          {
            enabled,
            steps,
            send_hour: sendHour,
            quote_followup_days: followupDays,
            quote_expiry_notice_days: expiryDays,
            crew_reminder_hour: crewHour,
          },
          { onSuccess: () => toast.success(t("reminders.saved")) },
        );
      }}
    >
      <div className="flex items-center gap-3">
        <Switch id="reminders-enabled" checked={enabled} onCheckedChange={setEnabled} />
        <Label htmlFor="reminders-enabled">{t("reminders.enabled")}</Label>
      </div>
      <fieldset className="grid gap-3" disabled={!enabled}>
        <legend className="mb-1 text-sm font-medium">{t("reminders.steps")}</legend>
        {steps.map((step, index) => (
          <div
            key={index}
            role="group"
            aria-label={t("reminders.step", { number: index + 1 })}
            className="grid gap-2 rounded-lg border p-3 sm:grid-cols-[10rem_1fr_auto] sm:items-end"
          >
            <FormField
              label={t("reminders.offset")}
              help={
                step.offset_days < 0
                  ? t("reminders.before", { days: -step.offset_days })
                  : t("reminders.after", { days: step.offset_days })
              }
              error={fields[`steps[${index}].offset_days`]}
            >
              <Input
                type="number"
                inputMode="numeric"
                value={step.offset_days}
                onChange={(e) => update(index, { offset_days: Number(e.target.value) })}
              />
            </FormField>
            <FormField label={t("reminders.tone")} error={fields[`steps[${index}].tone`]}>
              <Select
                value={step.tone}
                onValueChange={(tone) => update(index, { tone: tone as ReminderTone })}
              >
                <SelectTrigger aria-label={t("reminders.toneOf", { number: index + 1 })}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value="courteous">{t("reminders.tone.courteous")}</SelectItem>
                  <SelectItem value="firm">{t("reminders.tone.firm")}</SelectItem>
                  <SelectItem value="formal">{t("reminders.tone.formal")}</SelectItem>
                </SelectContent>
              </Select>
            </FormField>
            <div className="flex gap-1">
              <Button
                type="button"
                variant="ghost"
                size="icon"
                aria-label={t("reminders.previewStep", { number: index + 1 })}
                onClick={() => setPreviewing(reminderTemplate(step))}
              >
                <EyeIcon aria-hidden="true" />
              </Button>
              <Button
                type="button"
                variant="ghost"
                size="icon"
                aria-label={t("reminders.removeStep", { number: index + 1 })}
                disabled={steps.length <= 1}
                onClick={() => setSteps((current) => current.filter((_, i) => i !== index))}
              >
                <Trash2Icon aria-hidden="true" />
              </Button>
            </div>
          </div>
        ))}
        {fields.steps ? (
          <p role="alert" className="text-sm text-destructive">
            {fields.steps}
          </p>
        ) : null}
        <div>
          <Button
            type="button"
            variant="outline"
            disabled={steps.length >= 6}
            onClick={() =>
              setSteps((current) => [
                ...current,
                { offset_days: (current.at(-1)?.offset_days ?? 0) + 7, tone: "courteous" },
              ])
            }
          >
            <PlusIcon aria-hidden="true" />
            {t("reminders.addStep")}
          </Button>
        </div>
      </fieldset>
      <FormField label={t("reminders.sendHour")} error={fields.send_hour}>
        <Select value={String(sendHour)} onValueChange={(v) => setSendHour(Number(v))}>
          <SelectTrigger className="w-40" aria-label={t("reminders.sendHour")}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {Array.from({ length: 15 }, (_, i) => i + 6).map((h) => (
              <SelectItem key={h} value={String(h)}>
                {t("reminders.hour", { hour: h })}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </FormField>
      <fieldset className="grid gap-3 sm:grid-cols-[1fr_auto_1fr_auto]" disabled={!enabled}>
        <legend className="mb-1 text-sm font-medium">{t("reminders.quotes")}</legend>
        <DaysField
          label={t("reminders.quoteFollowup")}
          help={
            followupDays > 0
              ? t("reminders.quoteFollowupHelp", { days: followupDays })
              : t("reminders.never")
          }
          error={fields.quote_followup_days}
          max={60}
          value={followupDays}
          onChange={setFollowupDays}
          previewLabel={t("reminders.previewQuoteFollowup")}
          onPreview={() => setPreviewing("quote.followup")}
        />
        <DaysField
          label={t("reminders.quoteExpiry")}
          help={
            expiryDays > 0
              ? t("reminders.quoteExpiryHelp", { days: expiryDays })
              : t("reminders.never")
          }
          error={fields.quote_expiry_notice_days}
          max={30}
          value={expiryDays}
          onChange={setExpiryDays}
          previewLabel={t("reminders.previewQuoteExpiry")}
          onPreview={() => setPreviewing("quote.expiring")}
        />
      </fieldset>
      <FormField
        label={t("reminders.crewHour")}
        help={t("reminders.crewHourHelp")}
        error={fields.crew_reminder_hour}
      >
        <Select value={String(crewHour)} onValueChange={(v) => setCrewHour(Number(v))}>
          <SelectTrigger className="w-40" aria-label={t("reminders.crewHour")}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {Array.from({ length: 17 }, (_, i) => i + 6).map((h) => (
              <SelectItem key={h} value={String(h)}>
                {t("reminders.hour", { hour: h })}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </FormField>
      {save.isError && Object.keys(fields).length === 0 ? (
        <p role="alert" className="text-sm text-destructive">
          {errorMessage(save.error, t)}
        </p>
      ) : null}
      <div>
        <Button type="submit" disabled={save.isPending}>
          {t("reminders.save")}
        </Button>
      </div>
      <Preview template={previewing} onClose={() => setPreviewing(null)} />
    </form>
  );
}

/** Settings → Paiements: the automatic reminders' schedule, with a preview of each e-mail. */
export function ReminderSettingsCard() {
  const { t } = useI18n();
  const settings = useReminderSettings();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("reminders.title")}</CardTitle>
        <CardDescription>{t("reminders.help")}</CardDescription>
      </CardHeader>
      <CardContent>
        {settings.isPending ? (
          <Skeleton className="h-48" />
        ) : settings.isError ? (
          <p role="alert" className="text-sm text-destructive">
            {errorMessage(settings.error, t)}
          </p>
        ) : (
          <Editor settings={settings.data} />
        )}
      </CardContent>
    </Card>
  );
}
