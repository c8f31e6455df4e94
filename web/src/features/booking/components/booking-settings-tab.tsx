import { useState, type FormEvent } from "react";
import { PageError, PageLoading } from "@/components/layout/page-states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { CopyField } from "@/components/ui/copy-field";
import { FormField } from "@/components/ui/form-field";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { useSession } from "@/features/auth/api/get-session";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { useI18n } from "@/lib/i18n";
import {
  useBookingSettings,
  useOfferableItems,
  useSaveBookingSettings,
  type BookingSettings,
} from "../api/booking";

/** Paramètres → Réservation: the public page, what it offers, who may frame it. */
export function BookingSettingsTab() {
  const { t } = useI18n();
  const settings = useBookingSettings();
  if (settings.isPending) return <PageLoading />;
  if (settings.isError) {
    return (
      <PageError
        message={errorMessage(settings.error, t)}
        onRetry={() => void settings.refetch()}
      />
    );
  }
  return <BookingSettingsForm key={settings.data.updated_at ?? "new"} settings={settings.data} />;
}

const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

function BookingSettingsForm({ settings }: { settings: BookingSettings }) {
  const { t } = useI18n();
  const session = useSession();
  const items = useOfferableItems();
  const save = useSaveBookingSettings();
  const [enabled, setEnabled] = useState(settings.enabled);
  const [intro, setIntro] = useState(settings.intro);
  const [types, setTypes] = useState(settings.event_types.join("\n"));
  const [services, setServices] = useState(settings.service_ids);
  const [frames, setFrames] = useState(settings.frame_ancestors.join("\n"));
  const [twoStep, setTwoStep] = useState(settings.two_step);
  const [showRatings, setShowRatings] = useState(settings.show_ratings);
  const [spaceTimes, setSpaceTimes] = useState(settings.space_show_times);
  const [spaceVenue, setSpaceVenue] = useState(settings.space_show_venue);
  const [spaceLead, setSpaceLead] = useState(settings.space_show_lead);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const link = `${window.location.origin}/reserver/${session.organization?.slug ?? ""}`;
  const snippet = `<div data-planify-booking="${link}"></div>\n<script src="${window.location.origin}/embed.js" async></script>`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await save.mutateAsync({
        enabled,
        intro,
        event_types: lines(types),
        service_ids: services,
        frame_ancestors: lines(frames),
        two_step: twoStep,
        show_ratings: showRatings,
        space_show_times: spaceTimes,
        space_show_venue: spaceVenue,
        space_show_lead: spaceLead,
      });
      setErrors({});
      setMessage(t("booking.settingsSaved"));
    } catch (error) {
      const byField: Record<string, string> = {};
      if (error instanceof ApiError) {
        for (const f of error.fields) byField[f.field.replace(/\[\d+\]$/, "")] ??= f.message;
      }
      setErrors(byField);
      setMessage(Object.keys(byField).length ? null : errorMessage(error, t));
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("booking.settingsTitle")}</CardTitle>
        <CardDescription>{t("booking.settingsHelp")}</CardDescription>
      </CardHeader>
      <CardContent>
        <form className="grid gap-5" onSubmit={(e) => void submit(e)} noValidate>
          <div className="flex items-center gap-3">
            <Switch id="booking-enabled" checked={enabled} onCheckedChange={setEnabled} />
            <Label htmlFor="booking-enabled">{t("booking.enabled")}</Label>
          </div>
          <CopyField
            value={link}
            label={t("booking.publicLink")}
            copyLabel={t("booking.copy")}
            copiedMessage={t("booking.copied")}
          />
          <FormField label={t("booking.intro")} error={errors.intro}>
            <Textarea rows={3} value={intro} onChange={(e) => setIntro(e.target.value)} />
          </FormField>
          <FormField
            label={t("booking.eventTypes")}
            help={t("booking.eventTypesHelp")}
            error={errors.event_types}
          >
            <Textarea rows={4} value={types} onChange={(e) => setTypes(e.target.value)} />
          </FormField>
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">{t("booking.offeredServices")}</legend>
            {items.data?.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("booking.noCatalogue")}</p>
            ) : null}
            {items.data?.map((item) => (
              <div key={item.id} className="flex items-center gap-2">
                <Checkbox
                  id={`offer-${item.id}`}
                  checked={services.includes(item.id)}
                  onCheckedChange={(value) =>
                    setServices((current) =>
                      value === true
                        ? [...current, item.id]
                        : current.filter((id) => id !== item.id),
                    )
                  }
                />
                <Label htmlFor={`offer-${item.id}`}>{item.name}</Label>
              </div>
            ))}
            {errors.service_ids ? (
              <p className="text-sm text-destructive">{errors.service_ids}</p>
            ) : null}
          </fieldset>
          <div className="flex items-center gap-3">
            <Switch id="booking-two-step" checked={twoStep} onCheckedChange={setTwoStep} />
            <Label htmlFor="booking-two-step">{t("booking.twoStep")}</Label>
          </div>
          <div className="flex items-center gap-3">
            <Switch id="booking-ratings" checked={showRatings} onCheckedChange={setShowRatings} />
            <Label htmlFor="booking-ratings">{t("booking.showRatings")}</Label>
          </div>
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">{t("booking.spaceShares")}</legend>
            <p className="text-sm text-muted-foreground">{t("booking.spaceSharesHelp")}</p>
            {(
              [
                ["space-times", spaceTimes, setSpaceTimes, "booking.spaceTimes"],
                ["space-venue", spaceVenue, setSpaceVenue, "booking.spaceVenue"],
                ["space-lead", spaceLead, setSpaceLead, "booking.spaceLead"],
              ] as const
            ).map(([id, checked, set, label]) => (
              <div key={id} className="flex items-center gap-3">
                <Switch id={id} checked={checked} onCheckedChange={set} />
                <Label htmlFor={id}>{t(label)}</Label>
              </div>
            ))}
          </fieldset>
          <FormField
            label={t("booking.frameAncestors")}
            help={t("booking.frameAncestorsHelp")}
            error={errors.frame_ancestors}
          >
            <Textarea rows={2} value={frames} onChange={(e) => setFrames(e.target.value)} />
          </FormField>
          <CopyField
            value={snippet}
            label={t("booking.snippet")}
            copyLabel={t("booking.copy")}
            copiedMessage={t("booking.copied")}
          />
          {message ? (
            <p role="status" className="text-sm">
              {message}
            </p>
          ) : null}
          <div>
            <Button type="submit" disabled={save.isPending}>
              {t("common.save")}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
