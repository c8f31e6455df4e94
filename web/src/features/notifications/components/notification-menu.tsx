import { useEffect, useState } from "react";
import { useNavigate } from "react-router";
import type {
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
} from "@/components/ui/dropdown-menu";
import { loadFrenchPages, useI18n } from "@/lib/i18n";
import { cn } from "@/lib/utils";
import { useMarkAllRead, useMarkRead, useNotifications } from "../api/notifications";
import { notificationText } from "../text";

/** The menu's parts, handed over by the bell: this chunk then shares the shell's menu code
 * rather than splitting it into chunks of its own (docs/performance.md, "web"). */
export interface MenuParts {
  Item: typeof DropdownMenuItem;
  Label: typeof DropdownMenuLabel;
  Separator: typeof DropdownMenuSeparator;
}

/** The bell's menu: the eight latest notifications, each opening its object. */
export function NotificationMenu({
  onNavigate,
  parts: { Item, Label, Separator },
}: {
  onNavigate: () => void;
  parts: MenuParts;
}) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  // The kinds' words are in the pages' catalogue.
  const [wordsLoaded, setWordsLoaded] = useState(false);
  useEffect(() => {
    void loadFrenchPages().then(() => setWordsLoaded(true));
  }, []);
  const list = useNotifications(false, 8);
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  const first = list.data?.pages[0];
  const items = first?.items ?? [];

  function open(id: number, path: string, unread: boolean) {
    if (unread) markRead.mutate(id);
    onNavigate();
    void navigate(path);
  }

  if (!wordsLoaded || list.isPending) {
    return (
      <p role="status" className="p-4 text-sm text-muted-foreground">
        {t("common.loading")}
      </p>
    );
  }
  return (
    <div>
      <Label className="flex items-center justify-between px-3 py-2 text-sm text-foreground">
        {t("notifications.title")}
        {first && first.unread > 0 ? (
          <span className="text-xs font-normal text-muted-foreground">
            {t("notifications.openUnread", { count: first.unread }).replace(/^[^,]*, /, "")}
          </span>
        ) : null}
      </Label>
      <Separator className="mx-0" />
      {list.isError ? (
        <p role="alert" className="p-4 text-sm text-destructive">
          {t("notifications.failed")}
        </p>
      ) : items.length === 0 ? (
        <p className="p-4 text-sm text-muted-foreground">{t("notifications.empty")}</p>
      ) : (
        <div className="max-h-96 overflow-y-auto p-1">
          {items.map((n) => {
            const text = notificationText(n, t, locale);
            const unread = n.read_at === null;
            return (
              <Item
                key={n.id}
                className="items-start gap-2 py-2"
                onSelect={() => open(n.id, n.path, unread)}
              >
                <span
                  aria-hidden="true"
                  className={cn(
                    "mt-1.5 size-2 shrink-0 rounded-full",
                    unread ? "bg-primary" : "bg-transparent",
                  )}
                />
                <span className="grid min-w-0 gap-0.5">
                  <span className={cn("truncate", unread && "font-medium")}>
                    {text.title}
                    {unread ? (
                      <span className="sr-only"> ({t("notifications.unread")})</span>
                    ) : null}
                  </span>
                  {text.body ? (
                    <span className="line-clamp-2 text-xs text-muted-foreground">{text.body}</span>
                  ) : null}
                </span>
              </Item>
            );
          })}
        </div>
      )}
      <Separator className="mx-0" />
      <div className="p-1">
        {first && first.unread > 0 ? (
          <Item
            onSelect={(event) => {
              event.preventDefault();
              markAllRead.mutate();
            }}
          >
            {t("notifications.markAllRead")}
          </Item>
        ) : null}
        <Item
          onSelect={() => {
            onNavigate();
            void navigate("/notifications");
          }}
        >
          {t("notifications.seeAll")}
        </Item>
      </div>
    </div>
  );
}

export default NotificationMenu;
