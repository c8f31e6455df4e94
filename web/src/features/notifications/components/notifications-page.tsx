import { BellIcon } from "lucide-react";
import { useState } from "react";
import { Link } from "react-router";
import { toast } from "@/lib/toast";
import { PageError } from "@/components/layout/page-states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { EmptyState } from "@/components/ui/empty-state";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { errorMessage } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import { cn } from "@/lib/utils";
import {
  EMAIL_DELIVERIES,
  useMarkAllRead,
  useMarkRead,
  useNotifications,
  usePreferences,
  useSavePreferences,
  type EmailDelivery,
  type Preference,
} from "../api/notifications";
import { notificationText } from "../text";
import { DevicePush } from "./device-push";

/** /notifications: the member's notifications, and what they want to receive and how. */
export function NotificationsPage() {
  const { t } = useI18n();
  return (
    <div className="mx-auto grid max-w-4xl gap-6 p-4 md:p-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">{t("notifications.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("notifications.subtitle")}</p>
      </div>
      <NotificationList />
      <Preferences />
      <DevicePush />
    </div>
  );
}

function NotificationList() {
  const { t, locale } = useI18n();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotifications(unreadOnly);
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = list.data?.pages[0]?.unread ?? 0;
  return (
    <section aria-labelledby="notifications-list" className="grid gap-3">
      <h2 id="notifications-list" className="sr-only">
        {t("notifications.title")}
      </h2>
      <div className="flex flex-wrap items-center gap-2">
        <div role="group" className="inline-flex rounded-md border p-0.5">
          {[false, true].map((only) => (
            <Button
              key={String(only)}
              size="sm"
              variant={unreadOnly === only ? "secondary" : "ghost"}
              aria-pressed={unreadOnly === only}
              onClick={() => setUnreadOnly(only)}
            >
              {t(only ? "notifications.filterUnread" : "notifications.filterAll")}
            </Button>
          ))}
        </div>
        <div className="flex-1" />
        {unread > 0 ? (
          <Button
            variant="outline"
            size="sm"
            disabled={markAllRead.isPending}
            onClick={() => markAllRead.mutate()}
          >
            {t("notifications.markAllRead")}
          </Button>
        ) : null}
      </div>
      {list.isPending ? (
        <div role="status" aria-live="polite" className="grid gap-2">
          <span className="sr-only">{t("notifications.loading")}</span>
          <Skeleton className="h-16" />
          <Skeleton className="h-16" />
        </div>
      ) : list.isError ? (
        <PageError message={errorMessage(list.error, t)} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          icon={<BellIcon aria-hidden="true" />}
          title={t(unreadOnly ? "notifications.emptyUnread" : "notifications.empty")}
          description={unreadOnly ? undefined : t("notifications.emptyHelp")}
        />
      ) : (
        <ul className="divide-y rounded-md border">
          {items.map((n) => {
            const text = notificationText(n, t, locale);
            const isUnread = n.read_at === null;
            return (
              <li key={n.id} className="flex items-start gap-3 p-3">
                <span
                  aria-hidden="true"
                  className={cn(
                    "mt-2 size-2 shrink-0 rounded-full",
                    isUnread ? "bg-primary" : "bg-transparent",
                  )}
                />
                <div className="grid min-w-0 flex-1 gap-0.5">
                  <Link
                    to={n.path}
                    className={cn("hover:underline", isUnread && "font-medium")}
                    onClick={() => {
                      if (isUnread) markRead.mutate(n.id);
                    }}
                  >
                    {text.title}
                    {isUnread ? (
                      <span className="sr-only"> ({t("notifications.unread")})</span>
                    ) : null}
                  </Link>
                  {text.body ? (
                    <span className="text-sm text-muted-foreground">{text.body}</span>
                  ) : null}
                  <span className="text-xs text-muted-foreground">
                    {formatDateTime(n.created_at, locale)}
                  </span>
                </div>
                {isUnread ? (
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => markRead.mutate(n.id)}
                    aria-label={`${t("notifications.markRead")} : ${text.title}`}
                  >
                    {t("notifications.markRead")}
                  </Button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {list.hasNextPage ? (
        <Button
          variant="outline"
          className="justify-self-center"
          disabled={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {t("notifications.more")}
        </Button>
      ) : null}
    </section>
  );
}

function Preferences() {
  const { t } = useI18n();
  const stored = usePreferences();
  const save = useSavePreferences();
  // The member's edits; until the first one, what the server holds.
  const [edited, setEdited] = useState<Preference[] | null>(null);
  const draft = edited ?? stored.data ?? null;
  const update = (kind: string, change: Partial<Preference>) =>
    setEdited((d) =>
      (d ?? stored.data ?? []).map((p) => (p.kind === kind ? { ...p, ...change } : p)),
    );

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{t("notifications.preferences.title")}</h2>
        </CardTitle>
        <p className="text-sm text-muted-foreground">{t("notifications.preferences.help")}</p>
      </CardHeader>
      <CardContent className="grid gap-4">
        {stored.isPending || !draft ? (
          stored.isError ? (
            <PageError
              message={errorMessage(stored.error, t)}
              onRetry={() => void stored.refetch()}
            />
          ) : (
            <Skeleton className="h-40" role="status" aria-label={t("common.loading")} />
          )
        ) : (
          <>
            <div className="overflow-x-auto">
              <table className="w-full text-sm">
                <thead>
                  <tr className="text-left text-muted-foreground">
                    <th className="py-2 pr-3 font-medium">{t("notifications.preferences.kind")}</th>
                    <th className="px-3 py-2 font-medium">
                      {t("notifications.preferences.inApp")}
                    </th>
                    <th className="px-3 py-2 font-medium">
                      {t("notifications.preferences.email")}
                    </th>
                    <th className="px-3 py-2 font-medium">{t("notifications.preferences.push")}</th>
                  </tr>
                </thead>
                <tbody>
                  {draft.map((p) => {
                    const label = t(`notifications.label.${p.kind}`);
                    return (
                      <tr key={p.kind} className="border-t">
                        <th scope="row" className="py-2 pr-3 text-left font-normal">
                          {label}
                        </th>
                        <td className="px-3 py-2">
                          <Checkbox
                            checked={p.in_app}
                            onCheckedChange={(v) => update(p.kind, { in_app: v === true })}
                            aria-label={`${label} — ${t("notifications.preferences.inApp")}`}
                          />
                        </td>
                        <td className="px-3 py-2">
                          <Select
                            value={p.email}
                            onValueChange={(v) => update(p.kind, { email: v as EmailDelivery })}
                          >
                            <SelectTrigger
                              className="h-8 w-40"
                              aria-label={`${label} — ${t("notifications.preferences.email")}`}
                            >
                              <SelectValue />
                            </SelectTrigger>
                            <SelectContent>
                              {EMAIL_DELIVERIES.map((d) => (
                                <SelectItem key={d} value={d}>
                                  {t(`notifications.email.${d}`)}
                                </SelectItem>
                              ))}
                            </SelectContent>
                          </Select>
                        </td>
                        <td className="px-3 py-2">
                          <Checkbox
                            checked={p.push}
                            onCheckedChange={(v) => update(p.kind, { push: v === true })}
                            aria-label={`${label} — ${t("notifications.preferences.push")}`}
                          />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <Button
              className="justify-self-start"
              disabled={save.isPending}
              onClick={() =>
                save.mutate(draft, {
                  onSuccess: () => toast.success(t("notifications.preferences.saved")),
                  onError: (error) =>
                    toast.error(
                      `${t("notifications.preferences.failed")} ${errorMessage(error, t)}`,
                    ),
                })
              }
            >
              {save.isPending
                ? t("notifications.preferences.saving")
                : t("notifications.preferences.save")}
            </Button>
          </>
        )}
      </CardContent>
    </Card>
  );
}

export default NotificationsPage;
