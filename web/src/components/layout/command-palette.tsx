import { ArrowRightIcon, MoonIcon, SunIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { useNavigate } from "react-router";
import {
  CommandDialog,
  CommandEmpty,
  CommandGroup,
  CommandInput,
  CommandItem,
  CommandList,
} from "@/components/ui/command";
import { loadFrenchPages, useI18n } from "@/lib/i18n";
import { useTheme } from "@/lib/theme";
import { useSession } from "@/features/auth/api/get-session";
import { searchable, searchHref, useSearch } from "@/features/search/api/search";
import { SearchHitLine } from "@/features/search/components/search-hit";
import { visibleNavItems } from "./nav-items";

/** Lower-case, without accents: how page names are matched as the user types. */
function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/**
 * Global search (⌘K / Ctrl+K): what the server finds among clients, missions, documents,
 * equipment and venues (only what the role may read), the pages, and a few actions.
 */
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
  // The kinds of hits and their statuses are words of the pages' catalogue.
  const [, setWordsLoaded] = useState(false);
  useEffect(() => {
    void loadFrenchPages().then(() => setWordsLoaded(true));
  }, []);
  const [typed, setTyped] = useState("");
  const [query, setQuery] = useState("");
  // Ask the server once the user pauses, not on every keystroke.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed.trim()), 150);
    return () => clearTimeout(timer);
  }, [typed]);
  const results = useSearch(query);
  const asking = searchable(query);
  const groups = asking ? (results.data?.groups ?? []) : [];

  function run(action: () => void) {
    onOpenChange(false);
    setTyped("");
    action();
  }

  const needle = fold(typed.trim());
  const pages = visibleNavItems(session.permissions).filter((item) =>
    fold(t(item.label)).includes(needle),
  );
  const themeLabel = `${t("theme.toggle")} ${resolved === "dark" ? t("theme.light") : t("theme.dark")}`;
  const showTheme = fold(themeLabel).includes(needle);
  const waiting = asking && results.isPending;

  return (
    <CommandDialog
      open={open}
      onOpenChange={onOpenChange}
      title={t("search.open")}
      description={t("search.placeholder")}
      closeLabel={t("common.close")}
      shouldFilter={false}
    >
      <CommandInput
        autoFocus
        value={typed}
        onValueChange={setTyped}
        placeholder={t("search.placeholder")}
        aria-label={t("search.open")}
      />
      <CommandList label={t("search.results")}>
        {waiting ? (
          <div role="status" className="px-2 py-3 text-sm text-muted-foreground">
            {t("search.searching")}
          </div>
        ) : null}
        {asking && results.isError ? (
          <div role="alert" className="px-2 py-3 text-sm text-destructive">
            {t("search.failed")}
          </div>
        ) : null}
        {!waiting ? <CommandEmpty>{t("search.empty")}</CommandEmpty> : null}
        {groups.map((group) => (
          <CommandGroup key={group.kind} heading={t(`search.kind.${group.kind}`)}>
            {group.items.map((hit) => (
              <CommandItem
                key={`${group.kind}-${hit.id}`}
                value={`${group.kind}-${hit.id}`}
                onSelect={() => run(() => navigate(searchHref(group.kind, hit)))}
              >
                <SearchHitLine kind={group.kind} hit={hit} />
              </CommandItem>
            ))}
          </CommandGroup>
        ))}
        {groups.length > 0 ? (
          <CommandGroup>
            <CommandItem
              value="all-results"
              onSelect={() => run(() => navigate(`/recherche?q=${encodeURIComponent(query)}`))}
            >
              <ArrowRightIcon aria-hidden="true" />
              {t("search.allResults", { query })}
            </CommandItem>
          </CommandGroup>
        ) : null}
        {pages.length > 0 ? (
          <CommandGroup heading={t("search.pages")}>
            {pages.map((item) => (
              <CommandItem
                key={item.to}
                value={`page-${item.to}`}
                onSelect={() => run(() => navigate(item.to))}
              >
                <item.icon aria-hidden="true" />
                {t(item.label)}
              </CommandItem>
            ))}
          </CommandGroup>
        ) : null}
        {showTheme ? (
          <CommandGroup heading={t("search.actions")}>
            <CommandItem
              value="action-theme"
              onSelect={() => run(() => setChoice(resolved === "dark" ? "light" : "dark"))}
            >
              {resolved === "dark" ? (
                <SunIcon aria-hidden="true" />
              ) : (
                <MoonIcon aria-hidden="true" />
              )}
              {t("theme.toggle")}
            </CommandItem>
          </CommandGroup>
        ) : null}
      </CommandList>
    </CommandDialog>
  );
}

export default CommandPalette;
