import {
  LogOutIcon,
  MenuIcon,
  MonitorIcon,
  MoonIcon,
  PanelLeftCloseIcon,
  PanelLeftOpenIcon,
  SearchIcon,
  SunIcon,
  UserIcon,
} from "lucide-react";
import { lazy, Suspense, useEffect, useLayoutEffect, useRef, useState } from "react";
import { NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import {
  Sheet,
  SheetContent,
  SheetDescription,
  SheetTitle,
  SheetTrigger,
} from "@/components/ui/sheet";
import { Tooltip } from "@/components/ui/tooltip";
import { useSession } from "@/features/auth/api/get-session";
import { useSignOut } from "@/features/auth/api/sign-out";
import { useSwitchOrganization } from "@/features/auth/api/switch-organization";
import type { Role } from "@/features/auth/types";
import { setTerminology, useI18n, type MessageKey } from "@/lib/i18n";
import { enter } from "@/lib/motion";
import { useTheme, type ThemeChoice } from "@/lib/theme";
import { cn } from "@/lib/utils";
import { SiteFooter } from "@/features/consent/components/site-footer";
import { NotificationBell } from "./notification-bell";
import { visibleNavItems } from "./nav-items";

// cmdk loads on the first Ctrl+K / click, not with the first page (it loads the catalogue of the
// pages beyond the first screen, where its words are).
const CommandPalette = lazy(() => import("./command-palette"));

const COLLAPSE_KEY = "planify.sidebar.collapsed";

function Brand({ collapsed }: { collapsed?: boolean }) {
  const { t } = useI18n();
  return (
    <div className="flex items-center gap-2 px-2 py-1">
      <div
        aria-hidden="true"
        className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-primary font-bold text-primary-foreground"
      >
        P
      </div>
      {collapsed ? null : (
        <span className="text-lg font-semibold tracking-tight">{t("app.name")}</span>
      )}
    </div>
  );
}

function NavList({ collapsed, onNavigate }: { collapsed?: boolean; onNavigate?: () => void }) {
  const { t } = useI18n();
  const session = useSession();
  return (
    <ul className="grid gap-1">
      {visibleNavItems(session.permissions).map((item) => {
        const link = (
          <NavLink
            to={item.to}
            end={item.to === "/"}
            onClick={onNavigate}
            aria-label={collapsed ? t(item.label) : undefined}
            className={({ isActive }) =>
              cn(
                "flex h-9 items-center gap-3 rounded-md px-2.5 text-sm font-medium text-muted-foreground transition-colors hover:bg-accent hover:text-accent-foreground focus-visible:outline-2 focus-visible:outline-ring",
                isActive && "bg-accent text-accent-foreground",
                collapsed && "justify-center px-0",
              )
            }
          >
            <item.icon aria-hidden="true" className="size-4 shrink-0" />
            {collapsed ? null : t(item.label)}
          </NavLink>
        );
        return (
          <li key={item.to}>
            {collapsed ? <Tooltip content={t(item.label)}>{link}</Tooltip> : link}
          </li>
        );
      })}
    </ul>
  );
}

const ROLE_KEYS: Record<Role, MessageKey> = {
  owner: "role.owner",
  admin: "role.admin",
  manager: "role.manager",
  dj: "role.dj",
  technician: "role.technician",
};

function UserMenu() {
  const { t, locale, setLocale } = useI18n();
  const { choice, setChoice } = useTheme();
  const navigate = useNavigate();
  const session = useSession();
  const signOut = useSignOut();
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={t("user.menu")}>
          {session.user.avatar_url ? (
            <img
              src={session.user.avatar_url}
              alt=""
              className="size-7 rounded-full object-cover"
            />
          ) : (
            <UserIcon aria-hidden="true" />
          )}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="min-w-56">
        <DropdownMenuLabel className="grid gap-0.5 font-normal">
          <span className="font-medium">{session.user.display_name}</span>
          <span className="text-xs text-muted-foreground">{session.user.email}</span>
          {session.role ? (
            <span className="text-xs text-muted-foreground">{t(ROLE_KEYS[session.role])}</span>
          ) : null}
        </DropdownMenuLabel>
        <DropdownMenuItem onSelect={() => navigate("/profil")}>
          {t("user.profile")}
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuLabel>{t("settings.theme")}</DropdownMenuLabel>
        <DropdownMenuRadioGroup
          value={choice}
          onValueChange={(value) => setChoice(value as ThemeChoice)}
        >
          <DropdownMenuRadioItem value="light">{t("theme.light")}</DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="dark">{t("theme.dark")}</DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="system">{t("theme.system")}</DropdownMenuRadioItem>
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuLabel>{t("language.label")}</DropdownMenuLabel>
        <DropdownMenuRadioGroup
          value={locale}
          onValueChange={(value) => setLocale(value === "en" ? "en" : "fr")}
        >
          <DropdownMenuRadioItem value="fr">{t("language.fr")}</DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="en">{t("language.en")}</DropdownMenuRadioItem>
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => navigate("/parametres")}>
          {t("user.settings")}
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem
          onSelect={() =>
            signOut.mutate(undefined, {
              onSettled: () => navigate("/connexion", { replace: true }),
            })
          }
        >
          <LogOutIcon aria-hidden="true" />
          {t("user.signOut")}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

function ThemeToggle() {
  const { t } = useI18n();
  const { resolved, choice, setChoice } = useTheme();
  const next: ThemeChoice = resolved === "dark" ? "light" : "dark";
  const Icon = choice === "system" ? MonitorIcon : resolved === "dark" ? MoonIcon : SunIcon;
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label={t("theme.toggle")}
      onClick={() => setChoice(next)}
    >
      <Icon aria-hidden="true" />
    </Button>
  );
}

/** The organisation the session works in; a menu to switch when the user has several. */
function OrganizationSwitcher() {
  const { t } = useI18n();
  const session = useSession();
  const switchOrganization = useSwitchOrganization();
  const navigate = useNavigate();
  const current = session.organization;
  if (session.memberships.length <= 1) {
    return current ? (
      <span className="truncate text-sm font-medium" aria-label={t("org.switcher")}>
        {current.name}
      </span>
    ) : null;
  }
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={t("org.switcher")}>
          {current?.name ?? t("org.none")}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start">
        <DropdownMenuRadioGroup
          value={String(current?.id ?? "")}
          onValueChange={(value) =>
            switchOrganization.mutate(Number(value), { onSuccess: () => navigate("/") })
          }
        >
          {session.memberships.map((m) => (
            <DropdownMenuRadioItem key={m.organization_id} value={String(m.organization_id)}>
              {m.name}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

/** The frame of every signed-in page: sidebar, top bar, phone navigation, command palette. */
export function AppShell() {
  const { t } = useI18n();
  const session = useSession();
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSE_KEY) === "1");
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [mobileOpen, setMobileOpen] = useState(false);
  const location = useLocation();
  const mainRef = useRef<HTMLDivElement>(null);

  // The organisation's words for "mission", "client" and "technicien" in every text, before the
  // first paint; the defaults again once signed out.
  const mission = session.organization?.terminology ?? "missions";
  const client = session.organization?.client_terminology ?? "clients";
  const crew = session.organization?.crew_terminology ?? "techniciens";
  useLayoutEffect(() => {
    setTerminology({ mission, client, crew });
    return () => setTerminology("missions");
  }, [mission, client, crew]);

  const firstPath = useRef(location.pathname);
  useEffect(() => {
    // Animate navigations, not the first paint.
    if (location.pathname !== firstPath.current) enter(mainRef.current);
  }, [location.pathname]);

  // Scans made offline (docs/pwa.md) leave when the network returns, whatever page is open;
  // the queue's code loads only when there is something to send.
  useEffect(() => {
    const flush = () => {
      if (!localStorage.getItem("planify.scanQueue")) return;
      void import("@/features/equipment/lib/offline-queue").then((queue) => queue.flushQueue());
    };
    flush();
    window.addEventListener("online", flush);
    return () => window.removeEventListener("online", flush);
  }, []);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setPaletteOpen((value) => !value);
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  function toggleCollapsed() {
    setCollapsed((value) => {
      localStorage.setItem(COLLAPSE_KEY, value ? "0" : "1");
      return !value;
    });
  }

  return (
    <div className="flex min-h-dvh bg-background">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-background px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        {t("nav.skipToContent")}
      </a>
      <aside
        className={cn(
          "sticky top-0 hidden h-dvh shrink-0 flex-col gap-4 border-r bg-sidebar p-3 transition-[width] duration-200 md:flex",
          collapsed ? "w-16" : "w-60",
        )}
      >
        <Brand collapsed={collapsed} />
        <nav aria-label={t("nav.main")} className="flex-1">
          <NavList collapsed={collapsed} />
        </nav>
        <Button
          variant="ghost"
          size={collapsed ? "icon" : "sm"}
          className={cn(!collapsed && "justify-start")}
          onClick={toggleCollapsed}
          aria-label={collapsed ? t("nav.expand") : t("nav.collapse")}
          aria-expanded={!collapsed}
        >
          {collapsed ? (
            <PanelLeftOpenIcon aria-hidden="true" />
          ) : (
            <PanelLeftCloseIcon aria-hidden="true" />
          )}
          {collapsed ? null : t("nav.collapse")}
        </Button>
      </aside>

      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b bg-background/90 px-3 backdrop-blur md:px-6">
          <Sheet open={mobileOpen} onOpenChange={setMobileOpen}>
            <SheetTrigger asChild>
              <Button
                variant="ghost"
                size="icon"
                className="md:hidden"
                aria-label={t("nav.openMenu")}
              >
                <MenuIcon aria-hidden="true" />
              </Button>
            </SheetTrigger>
            <SheetContent side="left" closeLabel={t("common.close")}>
              <SheetTitle asChild>
                <div>
                  <Brand />
                </div>
              </SheetTitle>
              <SheetDescription className="sr-only">{t("nav.main")}</SheetDescription>
              <nav aria-label={t("nav.main")}>
                <NavList onNavigate={() => setMobileOpen(false)} />
              </nav>
            </SheetContent>
          </Sheet>
          <div className="md:hidden">
            <Brand />
          </div>
          <div className="hidden min-w-0 md:block">
            <OrganizationSwitcher />
          </div>
          <div className="flex-1" />
          <Button
            variant="outline"
            className="h-9 w-9 justify-start gap-2 px-0 text-muted-foreground sm:w-64 sm:px-3"
            onClick={() => setPaletteOpen(true)}
            aria-label={t("search.open")}
            aria-keyshortcuts="Control+K Meta+K"
          >
            <SearchIcon aria-hidden="true" className="mx-auto sm:mx-0" />
            <span className="hidden flex-1 text-left sm:inline">{t("search.open")}</span>
            <kbd className="hidden rounded border bg-muted px-1.5 font-mono text-[10px] sm:inline">
              {t("search.shortcut")}
            </kbd>
          </Button>
          <NotificationBell />
          <ThemeToggle />
          <UserMenu />
        </header>

        <main
          id="main"
          ref={mainRef}
          tabIndex={-1}
          className="flex-1 px-4 py-6 pb-24 outline-none md:px-8 md:pb-8"
        >
          <Outlet />
          <SiteFooter className="mt-10" />
        </main>

        <nav
          aria-label={t("nav.main")}
          className="fixed inset-x-0 bottom-0 z-30 flex h-16 items-stretch border-t bg-background/95 backdrop-blur md:hidden"
        >
          {visibleNavItems(session.permissions)
            .filter((item) => item.mobile)
            .map((item) => (
              <NavLink
                key={item.to}
                to={item.to}
                end={item.to === "/"}
                className={({ isActive }) =>
                  cn(
                    "flex flex-1 flex-col items-center justify-center gap-1 text-xs text-muted-foreground focus-visible:outline-2 focus-visible:outline-ring",
                    isActive && "text-primary",
                  )
                }
              >
                <item.icon aria-hidden="true" className="size-5" />
                {t(item.label)}
              </NavLink>
            ))}
        </nav>
      </div>
      {paletteOpen ? (
        <Suspense fallback={null}>
          <CommandPalette open={paletteOpen} onOpenChange={setPaletteOpen} />
        </Suspense>
      ) : null}
    </div>
  );
}
