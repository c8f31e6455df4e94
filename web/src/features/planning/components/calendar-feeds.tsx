import { CalendarPlusIcon, CopyIcon, QrCodeIcon, RefreshCwIcon, Trash2Icon } from "lucide-react";
import { useRef, useState, type FormEvent } from "react";
import { toast } from "@/lib/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { useMembers } from "@/features/members/api/members";
import { errorMessage } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import {
  calendarFeedQrUrl,
  useCalendarFeeds,
  useCreateCalendarFeed,
  useDeleteCalendarFeed,
  useRotateCalendarFeed,
  type CalendarFeed,
} from "../api/calendar-feeds";
import { MISSION_STATUSES, type MissionStatus } from "../api/planning";

/** The address field with its copy button: the clipboard when the page may use it, else the
 * text is selected for the user to copy. */
function FeedAddress({ feed }: { feed: CalendarFeed }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  if (!feed.url) {
    return <p className="text-sm text-destructive">{t("calendarFeeds.unreadable")}</p>;
  }
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(feed.url ?? "");
      toast.success(t("calendarFeeds.copied"));
    } catch {
      input.current?.select();
      toast.info(t("calendarFeeds.selectToCopy"));
    }
  };
  return (
    <div className="flex gap-2">
      <Input
        ref={input}
        readOnly
        value={feed.url}
        aria-label={t("calendarFeeds.address")}
        className="font-mono text-xs"
        onFocus={(event) => event.currentTarget.select()}
      />
      <Button type="button" variant="outline" onClick={() => void copy()}>
        <CopyIcon aria-hidden="true" />
        {t("calendarFeeds.copy")}
      </Button>
    </div>
  );
}

/** What is done with one feed: open on this device, QR code for a phone, new address, delete. */
function FeedActions({ feed }: { feed: CalendarFeed }) {
  const { t, locale } = useI18n();
  const rotate = useRotateCalendarFeed();
  const remove = useDeleteCalendarFeed();
  const [showQr, setShowQr] = useState(false);
  return (
    <div className="grid gap-3">
      <FeedAddress feed={feed} />
      <p className="text-xs text-muted-foreground">
        {feed.last_fetched_at
          ? t("calendarFeeds.lastFetched", { date: formatDateTime(feed.last_fetched_at, locale) })
          : t("calendarFeeds.neverFetched")}
      </p>
      <div className="flex flex-wrap gap-2">
        {feed.webcal_url ? (
          <Button asChild variant="outline" size="sm">
            <a href={feed.webcal_url}>
              <CalendarPlusIcon aria-hidden="true" />
              {t("calendarFeeds.openHere")}
            </a>
          </Button>
        ) : null}
        {feed.url ? (
          <Button variant="outline" size="sm" onClick={() => setShowQr((v) => !v)}>
            <QrCodeIcon aria-hidden="true" />
            {showQr ? t("calendarFeeds.hideQr") : t("calendarFeeds.showQr")}
          </Button>
        ) : null}
        <ConfirmDialog
          trigger={
            <Button variant="outline" size="sm" disabled={rotate.isPending}>
              <RefreshCwIcon aria-hidden="true" />
              {t("calendarFeeds.rotate")}
            </Button>
          }
          title={t("calendarFeeds.rotate")}
          description={t("calendarFeeds.rotateConfirm")}
          confirmLabel={t("calendarFeeds.rotate")}
          cancelLabel={t("common.cancel")}
          onConfirm={async () => {
            try {
              await rotate.mutateAsync(feed.id);
              toast.success(t("calendarFeeds.rotated"));
            } catch (error) {
              toast.error(errorMessage(error, t));
            }
          }}
        />
        <ConfirmDialog
          trigger={
            <Button variant="ghost" size="sm" disabled={remove.isPending}>
              <Trash2Icon aria-hidden="true" />
              {t("calendarFeeds.delete")}
            </Button>
          }
          title={t("calendarFeeds.delete")}
          description={t("calendarFeeds.deleteConfirm")}
          confirmLabel={t("calendarFeeds.delete")}
          cancelLabel={t("common.cancel")}
          destructive
          onConfirm={async () => {
            try {
              await remove.mutateAsync(feed.id);
              toast.success(t("calendarFeeds.deleted"));
            } catch (error) {
              toast.error(errorMessage(error, t));
            }
          }}
        />
      </div>
      {showQr ? (
        <figure className="grid w-fit gap-2">
          <img
            src={calendarFeedQrUrl(feed.id)}
            alt={t("calendarFeeds.qrAlt")}
            className="size-48 rounded-md border bg-white p-1"
          />
          <figcaption className="max-w-48 text-xs text-muted-foreground">
            {t("calendarFeeds.qrHelp")}
          </figcaption>
        </figure>
      ) : null}
    </div>
  );
}

export function FeedsLoading() {
  const { t } = useI18n();
  return (
    <div role="status" className="grid gap-2">
      <span className="sr-only">{t("common.loading")}</span>
      <Skeleton className="h-9" />
      <Skeleton className="h-6 w-1/2" />
    </div>
  );
}

export function FeedsError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div role="alert" className="flex items-center gap-3 text-sm text-destructive">
      {errorMessage(error, t)}
      <Button variant="outline" size="sm" onClick={onRetry}>
        {t("common.retry")}
      </Button>
    </div>
  );
}

/** Profile → Calendriers: the member's own missions and time off in their phone's calendar. */
export function PersonalCalendarCard() {
  const { t } = useI18n();
  const feeds = useCalendarFeeds();
  const create = useCreateCalendarFeed();
  const personal = feeds.data?.find((f) => f.scope === "personal");
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("calendarFeeds.personalTitle")}</CardTitle>
        <CardDescription>{t("calendarFeeds.personalHelp")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {feeds.isPending ? (
          <FeedsLoading />
        ) : feeds.isError ? (
          <FeedsError error={feeds.error} onRetry={() => void feeds.refetch()} />
        ) : personal ? (
          <>
            <FeedActions feed={personal} />
            <details className="text-sm text-muted-foreground">
              <summary className="cursor-pointer">{t("calendarFeeds.howTo")}</summary>
              <ul className="mt-2 grid list-disc gap-1 pl-5">
                <li>{t("calendarFeeds.howToGoogle")}</li>
                <li>{t("calendarFeeds.howToApple")}</li>
                <li>{t("calendarFeeds.howToOutlook")}</li>
              </ul>
            </details>
          </>
        ) : (
          <div className="grid justify-items-start gap-2">
            <p className="text-sm text-muted-foreground">{t("calendarFeeds.none")}</p>
            <Button
              disabled={create.isPending}
              onClick={() =>
                create.mutate(
                  { scope: "personal" },
                  {
                    onSuccess: () => toast.success(t("calendarFeeds.created")),
                    onError: (error) => toast.error(errorMessage(error, t)),
                  },
                )
              }
            >
              <CalendarPlusIcon aria-hidden="true" />
              {t("calendarFeeds.create")}
            </Button>
          </div>
        )}
      </CardContent>
    </Card>
  );
}

const ANYONE = "anyone";

/** Settings → Planning: calendars of the whole planning, optionally narrowed. */
export function OrganizationCalendarsCard() {
  const { t } = useI18n();
  const feeds = useCalendarFeeds();
  const members = useMembers();
  const create = useCreateCalendarFeed();
  const [statuses, setStatuses] = useState<MissionStatus[]>([]);
  const [person, setPerson] = useState(ANYONE);
  const organization = feeds.data?.filter((f) => f.scope === "organization") ?? [];
  const toggle = (status: MissionStatus, on: boolean) =>
    setStatuses((current) => (on ? [...current, status] : current.filter((s) => s !== status)));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        scope: "organization",
        statuses,
        ...(person === ANYONE ? {} : { crew_user_id: Number(person) }),
      },
      {
        onSuccess: () => {
          toast.success(t("calendarFeeds.created"));
          setStatuses([]);
          setPerson(ANYONE);
        },
        onError: (error) => toast.error(errorMessage(error, t)),
      },
    );
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("calendarFeeds.organizationTitle")}</CardTitle>
        <CardDescription>{t("calendarFeeds.organizationHelp")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {feeds.isPending ? (
          <FeedsLoading />
        ) : feeds.isError ? (
          <FeedsError error={feeds.error} onRetry={() => void feeds.refetch()} />
        ) : organization.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("calendarFeeds.noneOrganization")}</p>
        ) : (
          <ul className="grid gap-4" aria-label={t("calendarFeeds.organizationTitle")}>
            {organization.map((feed) => (
              <li key={feed.id} className="grid gap-2 rounded-lg border p-3">
                <div className="flex flex-wrap gap-1.5">
                  <Badge variant="secondary">
                    {feed.crew_user_name
                      ? t("calendarFeeds.onlyPerson", { name: feed.crew_user_name })
                      : t("calendarFeeds.everyone")}
                  </Badge>
                  {feed.statuses.length === 0 ? (
                    <Badge variant="outline">{t("calendarFeeds.allStatuses")}</Badge>
                  ) : (
                    feed.statuses.map((s) => (
                      <Badge key={s} variant="outline">
                        {t(`missions.status.${s}`)}
                      </Badge>
                    ))
                  )}
                </div>
                <FeedActions feed={feed} />
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={onSubmit} className="grid gap-3 rounded-lg border border-dashed p-3">
          <fieldset className="grid gap-2">
            <legend className="text-sm font-medium">{t("calendarFeeds.statuses")}</legend>
            <div className="flex flex-wrap gap-x-4 gap-y-2">
              {MISSION_STATUSES.filter((s) => s !== "draft").map((s) => (
                <div key={s} className="flex items-center gap-2">
                  <Checkbox
                    id={`feed-status-${s}`}
                    checked={statuses.includes(s)}
                    onCheckedChange={(value) => toggle(s, value === true)}
                  />
                  <Label htmlFor={`feed-status-${s}`}>{t(`missions.status.${s}`)}</Label>
                </div>
              ))}
            </div>
            <p className="text-xs text-muted-foreground">{t("calendarFeeds.statusesHelp")}</p>
          </fieldset>
          <div className="grid max-w-xs gap-1.5">
            <Label htmlFor="feed-person">{t("calendarFeeds.person")}</Label>
            <Select value={person} onValueChange={setPerson}>
              <SelectTrigger id="feed-person">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={ANYONE}>{t("calendarFeeds.everyone")}</SelectItem>
                {(members.data ?? []).map((m) => (
                  <SelectItem key={m.user_id} value={String(m.user_id)}>
                    {m.display_name}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          <div>
            <Button type="submit" disabled={create.isPending}>
              <CalendarPlusIcon aria-hidden="true" />
              {t("calendarFeeds.createOrganization")}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
