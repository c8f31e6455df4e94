import { CheckIcon, ChevronsUpDownIcon } from "lucide-react";
import { useState, type ComponentProps, type KeyboardEvent } from "react";
import { useI18n } from "@/lib/i18n";
import { cn } from "@/lib/utils";
import { Command, CommandEmpty, CommandInput, CommandItem, CommandList } from "./command";
import { Popover, PopoverContent, PopoverTrigger } from "./popover";

export interface ComboboxOption {
  value: string;
  label: string;
}

type TriggerProps = Omit<
  ComponentProps<"button">,
  "value" | "defaultValue" | "onChange" | "children" | "type" | "role"
>;

export interface ComboboxProps extends TriggerProps {
  options: ComboboxOption[];
  value: string | null | undefined;
  onValueChange: (value: string) => void;
  /** Shown on the trigger when nothing is selected. Defaults to "Sélectionner…". */
  placeholder?: string;
  /** Placeholder and accessible name of the search box. Defaults to "Rechercher…". */
  searchPlaceholder?: string;
  /** Shown when the search matches nothing. Defaults to "Aucun résultat.". */
  emptyText?: string;
  contentClassName?: string;
}

/** Lower-case, without accents: "Évry" matches "evry". */
function normalize(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();
}

// Matches the search against the label only (passed as the item's keyword), never the value.
function filterByLabel(_value: string, search: string, keywords?: string[]): number {
  const needle = normalize(search.trim());
  if (!needle) return 1;
  return (keywords ?? []).some((keyword) => normalize(keyword).includes(needle)) ? 1 : 0;
}

/**
 * A searchable single select: a combobox button opening a filterable list. Type to filter,
 * arrows to move, Enter to pick, Escape to close. `id` and aria-* go to the trigger, so it
 * can sit inside a FormField.
 */
export function Combobox({
  options,
  value,
  onValueChange,
  placeholder,
  searchPlaceholder,
  emptyText,
  disabled,
  className,
  contentClassName,
  onKeyDown,
  ...triggerProps
}: ComboboxProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const selected = options.find((option) => option.value === value);
  const search = searchPlaceholder ?? t("combobox.search");

  function handleTriggerKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    onKeyDown?.(event);
    if (
      !event.defaultPrevented &&
      !open &&
      (event.key === "ArrowDown" || event.key === "ArrowUp")
    ) {
      event.preventDefault();
      setOpen(true);
    }
  }

  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <button
          type="button"
          role="combobox"
          aria-expanded={open}
          data-slot="combobox"
          data-placeholder={selected ? undefined : ""}
          disabled={disabled}
          onKeyDown={handleTriggerKeyDown}
          className={cn(
            "flex h-9 w-full items-center justify-between gap-2 rounded-md border border-input bg-background px-3 py-2 text-left text-sm shadow-xs focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring disabled:cursor-not-allowed disabled:opacity-50 aria-invalid:border-destructive data-[placeholder]:text-muted-foreground",
            className,
          )}
          {...triggerProps}
        >
          <span className="truncate">
            {selected ? selected.label : (placeholder ?? t("combobox.placeholder"))}
          </span>
          <ChevronsUpDownIcon aria-hidden="true" className="size-4 shrink-0 opacity-60" />
        </button>
      </PopoverTrigger>
      <PopoverContent
        aria-label={search}
        className={cn("w-[var(--radix-popover-trigger-width)] min-w-48 p-0", contentClassName)}
      >
        <Command label={search} filter={filterByLabel} defaultValue={selected?.value} loop>
          <CommandInput placeholder={search} className="h-9 py-2" />
          <CommandList label={placeholder ?? t("combobox.placeholder")} className="max-h-64">
            <CommandEmpty>{emptyText ?? t("combobox.empty")}</CommandEmpty>
            {options.map((option) => (
              <CommandItem
                key={option.value}
                value={option.value}
                keywords={[option.label]}
                onSelect={() => {
                  onValueChange(option.value);
                  setOpen(false);
                }}
              >
                <CheckIcon
                  aria-hidden="true"
                  className={cn(
                    "shrink-0",
                    option.value === selected?.value ? "opacity-100" : "opacity-0",
                  )}
                />
                <span className="truncate">{option.label}</span>
              </CommandItem>
            ))}
          </CommandList>
        </Command>
      </PopoverContent>
    </Popover>
  );
}
