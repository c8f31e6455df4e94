import { MoonIcon, SunIcon } from "lucide-react";
import { useNavigate } from "react-router";
import {
  CommandDialog,
  CommandEmpty,
  CommandGroup,
  CommandInput,
  CommandItem,
  CommandList,
} from "@/components/ui/command";
import { useI18n } from "@/lib/i18n";
import { useTheme } from "@/lib/theme";
import { useSession } from "@/features/auth/api/get-session";
import { visibleNavItems } from "./nav-items";

/** Global search (⌘K / Ctrl+K): jump to a page or run an action. */
export function CommandPalette({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const session = useSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { resolved, setChoice } = useTheme();

  function run(action: () => void) {
    onOpenChange(false);
    action();
  }

  return (
    <CommandDialog
      open={open}
      onOpenChange={onOpenChange}
      title={t("search.open")}
      description={t("search.placeholder")}
      closeLabel={t("common.close")}
    >
      <CommandInput autoFocus placeholder={t("search.placeholder")} aria-label={t("search.open")} />
      <CommandList label={t("search.results")}>
        <CommandEmpty>{t("search.empty")}</CommandEmpty>
        <CommandGroup heading={t("search.pages")}>
          {visibleNavItems(session.permissions).map((item) => (
            <CommandItem
              key={item.to}
              value={t(item.label)}
              onSelect={() => run(() => navigate(item.to))}
            >
              <item.icon aria-hidden="true" />
              {t(item.label)}
            </CommandItem>
          ))}
        </CommandGroup>
        <CommandGroup heading={t("search.actions")}>
          <CommandItem
            value={`${t("theme.toggle")} ${resolved === "dark" ? t("theme.light") : t("theme.dark")}`}
            onSelect={() => run(() => setChoice(resolved === "dark" ? "light" : "dark"))}
          >
            {resolved === "dark" ? <SunIcon aria-hidden="true" /> : <MoonIcon aria-hidden="true" />}
            {t("theme.toggle")}
          </CommandItem>
        </CommandGroup>
      </CommandList>
    </CommandDialog>
  );
}

export default CommandPalette;
