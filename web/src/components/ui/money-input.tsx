import { useId, useState, type ComponentProps } from "react";
import { formatMoney, parseEurosToCents, type Locale } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import { cn } from "@/lib/utils";
import { inputClasses } from "./input";

/** 123456 -> "1 234,56" (fr) or "1,234.56" (en): formatMoney without the euro sign. */
export function formatEurosForInput(cents: number, locale: Locale): string {
  return formatMoney(cents, locale)
    .replace(/[\s\u00a0\u202f]*€[\s\u00a0\u202f]*/u, "")
    .trim();
}

// "1,234.56" is what English formatting writes; parseEurosToCents reads commas as decimals.
const ENGLISH_GROUPED = /^-?€?\s*\d{1,3}(?:,\d{3})+(?:\.\d+)?\s*€?$/u;

/** Text typed in euros -> integer cents, or null. Exact (parseEurosToCents, no floats). */
export function parseEurosInput(text: string, locale: Locale): number | null {
  // "-€12" (how English writes it) -> "-12"; parseEurosToCents only takes € at either end.
  const trimmed = text.trim().replace(/^-\s*€\s*/u, "-");
  if (locale === "en" && ENGLISH_GROUPED.test(trimmed)) {
    return parseEurosToCents(trimmed.replace(/,/g, ""));
  }
  return parseEurosToCents(trimmed);
}

export interface MoneyInputProps extends Omit<
  ComponentProps<"input">,
  "value" | "defaultValue" | "onChange" | "type"
> {
  /** Integer cents, or null when empty or invalid. */
  value: number | null;
  onChange: (cents: number | null) => void;
}

/**
 * An amount in euros, typed the French way ("1 234,56", "12,5", "12 €") and handed out as
 * integer cents. While the text is not an amount it stays as typed, marked aria-invalid, and
 * the value is null; on blur a valid amount is rewritten in the current language's format
 * without the euro sign (shown beside the field), e.g. "1 234,56". Empty is null, not invalid.
 */
export function MoneyInput({
  value,
  onChange,
  onBlur,
  className,
  "aria-invalid": ariaInvalid,
  "aria-describedby": describedBy,
  ...props
}: MoneyInputProps) {
  const { t, locale } = useI18n();
  const hintId = useId();
  const [text, setText] = useState(() =>
    value === null ? "" : formatEurosForInput(value, locale),
  );
  // The cents the text stands for; when the parent sends something else, show that instead.
  const [textCents, setTextCents] = useState<number | null>(value);
  const [textLocale, setTextLocale] = useState(locale);
  if (value !== textCents) {
    setTextCents(value);
    setText(value === null ? "" : formatEurosForInput(value, locale));
  } else if (locale !== textLocale) {
    // The language changed: rewrite a valid amount in its format, keep invalid text as typed.
    setTextLocale(locale);
    if (value !== null) setText(formatEurosForInput(value, locale));
  }
  // Text that stands for no amount is invalid (empty is just null).
  const invalid = text.trim() !== "" && textCents === null;

  return (
    <div data-slot="money-input" className={cn("relative", className)}>
      <input
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={text}
        onChange={(event) => {
          const next = event.target.value;
          const nextCents = parseEurosInput(next, locale);
          setText(next);
          setTextCents(nextCents);
          onChange(nextCents);
        }}
        onBlur={(event) => {
          if (textCents !== null) setText(formatEurosForInput(textCents, locale));
          onBlur?.(event);
        }}
        aria-invalid={invalid || ariaInvalid || undefined}
        aria-describedby={[describedBy, hintId].filter(Boolean).join(" ")}
        className={cn(inputClasses, "pr-8 text-right tabular-nums")}
        {...props}
      />
      <span
        aria-hidden="true"
        className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-sm text-muted-foreground"
      >
        €
      </span>
      <span id={hintId} className="sr-only">
        {t("money.currencyHint")}
      </span>
    </div>
  );
}
