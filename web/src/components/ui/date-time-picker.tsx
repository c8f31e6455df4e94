import { useState } from "react";
import { useI18n } from "@/lib/i18n";
import { isWallTime, parisLocalToUtcIso, utcIsoToParisLocal } from "@/lib/paris-time";
import { cn } from "@/lib/utils";
import { DatePicker } from "./date-picker";
import { Input } from "./input";

export interface DateTimePickerProps {
  /** A UTC instant, "2026-11-25T13:30:00.000Z", or null. */
  value: string | null;
  /** Receives the UTC instant once both the day and the time are set, null when one is cleared. */
  onChange: (value: string | null) => void;
  id?: string;
  disabled?: boolean;
  /** Shown on the day button when no day is set. */
  datePlaceholder?: string;
  /** Accessible name of the time box. Defaults to "Heure (heure de Paris)". */
  timeLabel?: string;
  className?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean | "true" | "false";
  "aria-required"?: boolean | "true" | "false";
  "aria-label"?: string;
  "aria-labelledby"?: string;
}

interface Draft {
  date: string | null;
  time: string;
}

function draftFrom(value: string | null): Draft {
  return value ? utcIsoToParisLocal(value) : { date: null, time: "" };
}

/**
 * A day and a time (HH:MM) read as Paris wall-clock time, whatever the browser's time zone;
 * the value is the matching UTC instant. A time skipped by the spring DST change moves forward
 * (02:30 -> 03:30); a time repeated in autumn is its first occurrence (see lib/paris-time).
 * `id` and aria-* (from FormField) go to the day button; the time box is labelled on its own.
 */
export function DateTimePicker({
  value,
  onChange,
  id,
  disabled,
  datePlaceholder,
  timeLabel,
  className,
  "aria-describedby": describedBy,
  "aria-invalid": ariaInvalid,
  "aria-required": ariaRequired,
  "aria-label": ariaLabel,
  "aria-labelledby": ariaLabelledBy,
}: DateTimePickerProps) {
  const { t } = useI18n();
  // What the user has entered so far; a value only exists once both parts are there.
  const [draft, setDraft] = useState<Draft>(() => draftFrom(value));
  const [seenValue, setSeenValue] = useState(value);
  if (value !== seenValue) {
    // A new value from the parent: show it (a shifted DST time shows as the real time). A null
    // while the draft is complete is a reset from outside; a null we emitted keeps the draft.
    setSeenValue(value);
    if (value) setDraft(draftFrom(value));
    else if (draft.date && isWallTime(draft.time)) setDraft(draftFrom(null));
  }

  function update(next: Draft) {
    setDraft(next);
    const instant =
      next.date && isWallTime(next.time) ? parisLocalToUtcIso(next.date, next.time) : null;
    if (instant !== value) onChange(instant);
  }

  return (
    <div data-slot="date-time-picker" className={cn("flex gap-2", className)}>
      <DatePicker
        id={id}
        value={draft.date}
        onChange={(date) => update({ ...draft, date })}
        placeholder={datePlaceholder}
        disabled={disabled}
        aria-describedby={describedBy}
        aria-invalid={ariaInvalid}
        // A button cannot carry aria-required (axe: aria-allowed-attr); the time box does.
        aria-label={ariaLabel}
        aria-labelledby={ariaLabelledBy}
        className="min-w-0 flex-1"
      />
      <Input
        type="time"
        step={60}
        value={draft.time}
        onChange={(event) => update({ ...draft, time: event.target.value })}
        disabled={disabled}
        aria-label={timeLabel ?? t("dateTimePicker.time")}
        aria-describedby={describedBy}
        aria-invalid={ariaInvalid}
        aria-required={ariaRequired}
        data-slot="date-time-picker-time"
        className="w-28 shrink-0 tabular-nums"
      />
    </div>
  );
}
