import {
  CalendarIcon,
  ChevronDownIcon,
  ChevronLeftIcon,
  ChevronRightIcon,
  ChevronUpIcon,
} from "lucide-react";
import { useState, type ComponentProps } from "react";
import { DayPicker, type ChevronProps, type Matcher } from "react-day-picker";
import { enGB } from "react-day-picker/locale/en-GB";
import { fr } from "react-day-picker/locale/fr";
import { formatDate } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import { isCalendarDate, parisToday } from "@/lib/paris-time";
import { cn } from "@/lib/utils";
import { buttonVariants } from "./button";
import { Popover, PopoverContent, PopoverTrigger } from "./popover";

const calendarLocales = { fr, en: enGB } as const;

// A calendar date ("2026-11-25") has no time zone. DayPicker works with Date objects, so we
// build them from and read them back with the browser's local fields, at noon so that no
// time-zone change can move them to another day.
function calendarDateToLocal(value: string): Date {
  const [year, month, day] = value.split("-").map(Number) as [number, number, number];
  return new Date(year, month - 1, day, 12);
}

function localToCalendarDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${String(date.getFullYear()).padStart(4, "0")}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "2026-11-25" -> "25/11/2026" (fr and en-GB both write day/month/year). */
export function formatCalendarDate(value: string, locale: "fr" | "en"): string {
  // Noon UTC is the same calendar day in Paris.
  return formatDate(`${value}T12:00:00.000Z`, locale);
}

function CalendarChevron({ orientation, className }: ChevronProps) {
  const Icon =
    orientation === "left"
      ? ChevronLeftIcon
      : orientation === "right"
        ? ChevronRightIcon
        : orientation === "up"
          ? ChevronUpIcon
          : ChevronDownIcon;
  return <Icon aria-hidden="true" className={cn("size-4", className)} />;
}

const calendarClassNames = {
  root: "p-3",
  months: "relative flex flex-col gap-4",
  month: "grid grid-cols-[auto_1fr_auto] items-center gap-y-3",
  month_caption: "flex h-8 items-center justify-center",
  caption_label: "text-sm font-medium first-letter:uppercase",
  button_previous: cn(
    buttonVariants({ variant: "ghost", size: "icon" }),
    "size-8 aria-disabled:pointer-events-none aria-disabled:opacity-50",
  ),
  button_next: cn(
    buttonVariants({ variant: "ghost", size: "icon" }),
    "size-8 aria-disabled:pointer-events-none aria-disabled:opacity-50",
  ),
  month_grid: "col-span-3 w-full border-collapse",
  weekday: "size-9 p-0 text-center text-xs font-normal text-muted-foreground",
  day: "group size-9 p-0 text-center text-sm",
  day_button:
    "inline-flex size-9 items-center justify-center rounded-md border border-transparent text-sm font-normal tabular-nums transition-colors hover:bg-accent hover:text-accent-foreground focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring disabled:pointer-events-none disabled:opacity-40 group-data-[outside=true]:opacity-50 group-data-[today=true]:border-primary group-data-[today=true]:font-semibold group-data-[selected=true]:bg-primary group-data-[selected=true]:text-primary-foreground group-data-[selected=true]:hover:bg-primary/90",
  hidden: "invisible",
};

export interface CalendarProps {
  /** "YYYY-MM-DD" or null. */
  selected: string | null;
  onSelect: (value: string) => void;
  /** Earliest and latest days that can be picked, "YYYY-MM-DD". */
  min?: string;
  max?: string;
  autoFocus?: boolean;
  className?: string;
}

/**
 * A month calendar in the current language, weeks starting on Monday, today as in Paris.
 * Arrow keys move between days, Page Up/Down between months, Enter/Space pick.
 */
export function Calendar({ selected, onSelect, min, max, autoFocus, className }: CalendarProps) {
  const { locale } = useI18n();
  const today = calendarDateToLocal(parisToday());
  const selectedDate =
    selected && isCalendarDate(selected) ? calendarDateToLocal(selected) : undefined;
  const disabled: Matcher[] = [];
  if (min && isCalendarDate(min)) disabled.push({ before: calendarDateToLocal(min) });
  if (max && isCalendarDate(max)) disabled.push({ after: calendarDateToLocal(max) });
  return (
    <DayPicker
      data-slot="calendar"
      mode="single"
      required
      selected={selectedDate}
      onSelect={(date) => onSelect(localToCalendarDate(date))}
      defaultMonth={selectedDate ?? today}
      today={today}
      disabled={disabled}
      locale={calendarLocales[locale]}
      weekStartsOn={1}
      showOutsideDays
      navLayout="around"
      autoFocus={autoFocus}
      className={className}
      classNames={calendarClassNames}
      components={{ Chevron: CalendarChevron }}
    />
  );
}

type TriggerProps = Omit<
  ComponentProps<"button">,
  "value" | "defaultValue" | "onChange" | "children" | "type"
>;

export interface DatePickerProps extends TriggerProps {
  /** A calendar date, "YYYY-MM-DD", or null. */
  value: string | null;
  onChange: (value: string) => void;
  /** Shown when no date is set. Defaults to "Choisir une date". */
  placeholder?: string;
  min?: string;
  max?: string;
  contentClassName?: string;
}

/**
 * A date field: a button showing the date (dd/mm/yyyy) that opens a calendar. `id` and aria-*
 * go to the button, so it can sit inside a FormField. Picking a day closes the calendar and
 * returns focus to the button.
 */
export function DatePicker({
  value,
  onChange,
  placeholder,
  min,
  max,
  className,
  contentClassName,
  ...triggerProps
}: DatePickerProps) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const hasValue = value !== null && isCalendarDate(value);
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <button
          type="button"
          data-slot="date-picker"
          data-placeholder={hasValue ? undefined : ""}
          className={cn(
            "flex h-9 w-full items-center gap-2 rounded-md border border-input bg-background px-3 py-2 text-left text-sm shadow-xs tabular-nums focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring disabled:cursor-not-allowed disabled:opacity-50 aria-invalid:border-destructive data-[placeholder]:text-muted-foreground",
            className,
          )}
          {...triggerProps}
        >
          <CalendarIcon aria-hidden="true" className="size-4 shrink-0 opacity-60" />
          <span className="truncate">
            {hasValue
              ? formatCalendarDate(value, locale)
              : (placeholder ?? t("datePicker.placeholder"))}
          </span>
        </button>
      </PopoverTrigger>
      <PopoverContent
        aria-label={t("datePicker.calendar")}
        className={cn("w-auto p-0", contentClassName)}
        // The calendar focuses the selected day (or today) itself.
        onOpenAutoFocus={(event) => event.preventDefault()}
      >
        <Calendar
          selected={hasValue ? value : null}
          onSelect={(next) => {
            onChange(next);
            setOpen(false);
          }}
          min={min}
          max={max}
          autoFocus
        />
      </PopoverContent>
    </Popover>
  );
}
