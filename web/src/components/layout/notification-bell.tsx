import { BellIcon } from "lucide-react";
import { lazy, Suspense, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useI18n } from "@/lib/i18n";
import { useUnreadCount } from "@/features/notifications/api/unread-count";

// The list loads when the bell opens: the first screen carries the count only.
const NotificationMenu = lazy(
  () => import("@/features/notifications/components/notification-menu"),
);
const MENU_PARTS = {
  Item: DropdownMenuItem,
  Label: DropdownMenuLabel,
  Separator: DropdownMenuSeparator,
};

/** The top bar's bell: the unread count, and the latest notifications when opened. */
export function NotificationBell() {
  const { t } = useI18n();
  const unread = useUnreadCount();
  const [open, setOpen] = useState(false);
  const count = unread.data ?? 0;
  return (
    // Not modal: the page stays readable (and reachable) around the open list.
    <DropdownMenu modal={false} open={open} onOpenChange={setOpen}>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="relative"
          aria-label={
            count > 0 ? t("notifications.openUnread", { count }) : t("notifications.open")
          }
        >
          <BellIcon aria-hidden="true" />
          {count > 0 ? (
            <span
              data-testid="unread-count"
              aria-hidden="true"
              className="absolute -top-0.5 -right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-destructive px-1 text-[10px] leading-none font-semibold text-white"
            >
              {count > 99 ? "99+" : count}
            </span>
          ) : null}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-80 max-w-[calc(100vw-1rem)] p-0">
        {open ? (
          <Suspense
            fallback={<p className="p-4 text-sm text-muted-foreground">{t("common.loading")}</p>}
          >
            <NotificationMenu parts={MENU_PARTS} onNavigate={() => setOpen(false)} />
          </Suspense>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
