import type {
  DateSelectArg,
  DatesSetArg,
  EventClickArg,
  EventContentArg,
  EventDropArg,
  EventInput,
} from "@fullcalendar/core";
import enLocale from "@fullcalendar/core/locales/en-gb";
import frLocale from "@fullcalendar/core/locales/fr";
import dayGridPlugin from "@fullcalendar/daygrid";
import interactionPlugin, { type EventResizeDoneArg } from "@fullcalendar/interaction";
import listPlugin from "@fullcalendar/list";
import FullCalendar from "@fullcalendar/react";
import timeGridPlugin from "@fullcalendar/timegrid";
import { PlusIcon } from "lucide-react";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { toast } from "@/lib/toast";
import { Button } from "@/components/ui/button";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useCan } from "@/features/auth/api/get-session";
import { membersQuery } from "@/features/members/api/members";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { useI18n } from "@/lib/i18n";
import {
  MISSION_STATUSES,
  checkPlan,
  useCalendar,
  useClientOptions,
  useReschedule,
  type CalendarFilters,
  type CalendarMission,
  type MissionStatus,
} from "../api/planning";
import { fromCalendarDate, toCalendarTime } from "../lib/calendar-time";
import { STATUS_COLORS, STATUS_LABELS } from "../lib/status";
import "./calendar.css";
import { ConflictDialog } from "./conflict-dialog";
import { CrewBoard } from "./crew-board";
import { MissionFormDialog } from "./mission-form-dialog";
import { UnavailabilityDialog } from "./unavailability-dialog";

const ALL = "all";

interface PendingMove {
  id: number;
  starts_at: string;
  ends_at: string;
  messages: string[];
  revert: () => void;
}

function eventOf(m: CalendarMission): EventInput {
  const colors = STATUS_COLORS[m.status];
  return {
    id: String(m.id),
    title: m.title,
    start: toCalendarTime(m.starts_at),
    end: toCalendarTime(m.ends_at),
    backgroundColor: colors.background,
    borderColor: colors.background,
    textColor: colors.text,
    classNames: m.status === "canceled" ? ["line-through", "opacity-70"] : [],
    editable: m.status !== "completed" && m.status !== "canceled",
    extendedProps: { mission: m },
  };
}

function EventContent({ event, timeText }: EventContentArg) {
  const mission = event.extendedProps.mission as CalendarMission;
  const crew = mission.crew.map((c) => c.name).join(", ");
  return (
    <div className="overflow-hidden px-0.5 text-xs leading-tight" data-testid="calendar-event">
      <span className="font-semibold">{timeText} </span>
      <span>{event.title}</span>
      {mission.client ? (
        <span className="block truncate opacity-90">{mission.client.name}</span>
      ) : null}
      {crew ? <span className="block truncate opacity-90">{crew}</span> : null}
    </div>
  );
}

/** The planning: month, week, day and list views; drag to move, resize to change the end. */
export default function CalendarPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const canManage = useCan("missions.manage");
  const canSeeAll = useCan("missions.read_all");
  const canSeeTeam = useCan("members.read");
  const canSeeClients = useCan("clients.read");
  const members = useQuery({ ...membersQuery(), enabled: canSeeTeam });
  const [range, setRange] = useState({ from: "", to: "" });
  const [filters, setFilters] = useState<CalendarFilters>({
    crewId: null,
    status: null,
    clientId: null,
  });
  const calendar = useCalendar(range.from, range.to, filters);
  const clients = useClientOptions(canSeeClients);
  const reschedule = useReschedule();
  const [creating, setCreating] = useState<{ start: string | null; end: string | null } | null>(
    null,
  );
  const [pending, setPending] = useState<PendingMove | null>(null);
  const events = useMemo(() => (calendar.data?.missions ?? []).map(eventOf), [calendar.data]);
  const narrow = typeof window !== "undefined" && window.matchMedia("(max-width: 640px)").matches;

  async function save(move: Omit<PendingMove, "messages">, override?: string) {
    try {
      const saved = await reschedule.mutateAsync({
        id: move.id,
        starts_at: move.starts_at,
        ends_at: move.ends_at,
        override_reason: override,
      });
      toast.success(t("planning.moved", { title: saved.title }));
      for (const w of saved.conflicts.filter((c) => !c.blocking)) toast.warning(w.message);
    } catch (error) {
      move.revert();
      if (error instanceof ApiError && error.status === 409 && error.fields.length > 0) {
        setPending({ ...move, messages: error.fields.map((f) => f.message) });
        return;
      }
      toast.error(errorMessage(error, t));
    }
  }

  // Live check before saving a drag or a resize: conflicts open a dialog instead of a save.
  async function moved(info: EventDropArg | EventResizeDoneArg) {
    const { event } = info;
    if (!event.start) return info.revert();
    const startsAt = fromCalendarDate(event.start);
    const endsAt = event.end
      ? fromCalendarDate(event.end)
      : fromCalendarDate(new Date(event.start.getTime() + 3_600_000));
    const move = {
      id: Number(event.id),
      starts_at: startsAt,
      ends_at: endsAt,
      revert: info.revert,
    };
    const mission = event.extendedProps.mission as CalendarMission;
    try {
      const check = await checkPlan({ mission_id: move.id, starts_at: startsAt, ends_at: endsAt });
      const holds = ["planned", "confirmed", "in_progress"].includes(mission.status);
      if (check.blocking && holds) {
        info.revert();
        setPending({
          ...move,
          messages: check.conflicts.filter((c) => c.blocking).map((c) => c.message),
        });
        return;
      }
    } catch (error) {
      info.revert();
      toast.error(errorMessage(error, t));
      return;
    }
    await save(move);
  }

  function selected(info: DateSelectArg) {
    info.view.calendar.unselect();
    const start = fromCalendarDate(info.start);
    // A day picked in the month view becomes 18:00 → 23:59 that evening.
    if (info.allDay) {
      const day = info.startStr.slice(0, 10);
      setCreating({
        start: fromCalendarDate(new Date(`${day}T18:00:00Z`)),
        end: fromCalendarDate(new Date(`${day}T23:59:00Z`)),
      });
      return;
    }
    setCreating({ start, end: fromCalendarDate(info.end) });
  }

  const calendarView = (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-end gap-3">
        {canSeeTeam && canSeeAll ? (
          <Select
            value={filters.crewId ? String(filters.crewId) : ALL}
            onValueChange={(v) => setFilters({ ...filters, crewId: v === ALL ? null : Number(v) })}
          >
            <SelectTrigger className="w-48" aria-label={t("planning.filterCrew")}>
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>{t("planning.allCrew")}</SelectItem>
              {(members.data ?? []).map((m) => (
                <SelectItem key={m.user_id} value={String(m.user_id)}>
                  {m.display_name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        ) : null}
        <Select
          value={filters.status ?? ALL}
          onValueChange={(v) =>
            setFilters({ ...filters, status: v === ALL ? null : (v as MissionStatus) })
          }
        >
          <SelectTrigger className="w-44" aria-label={t("planning.filterStatus")}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>{t("planning.allStatuses")}</SelectItem>
            {MISSION_STATUSES.map((s) => (
              <SelectItem key={s} value={s}>
                {t(STATUS_LABELS[s])}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        {canSeeClients ? (
          <Select
            value={filters.clientId ? String(filters.clientId) : ALL}
            onValueChange={(v) =>
              setFilters({ ...filters, clientId: v === ALL ? null : Number(v) })
            }
          >
            <SelectTrigger className="w-52" aria-label={t("planning.filterClient")}>
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>{t("planning.allClients")}</SelectItem>
              {(clients.data ?? []).map((c) => (
                <SelectItem key={c.id} value={String(c.id)}>
                  {c.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        ) : null}
        <ul className="flex flex-wrap gap-2 text-xs" aria-label={t("planning.legend")}>
          {MISSION_STATUSES.map((s) => (
            <li key={s} className="flex items-center gap-1">
              <span
                aria-hidden="true"
                className="inline-block size-3 rounded-sm"
                style={{ background: STATUS_COLORS[s].background }}
              />
              {t(STATUS_LABELS[s])}
            </li>
          ))}
        </ul>
      </div>
      {calendar.isError ? (
        <div role="alert" className="flex items-center gap-3 rounded-md border p-3 text-sm">
          <p>{errorMessage(calendar.error, t)}</p>
          <Button variant="outline" size="sm" onClick={() => void calendar.refetch()}>
            {t("common.retry")}
          </Button>
        </div>
      ) : null}
      <div
        className="planify-calendar relative rounded-md border bg-card p-2"
        aria-busy={calendar.isFetching}
      >
        {calendar.isFetching ? (
          <p className="absolute top-2 right-3 z-10 text-xs text-muted-foreground" role="status">
            {t("common.loading")}
          </p>
        ) : null}
        <FullCalendar
          plugins={[dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin]}
          locale={locale === "fr" ? frLocale : enLocale}
          timeZone="UTC"
          initialView={narrow ? "listWeek" : "dayGridMonth"}
          headerToolbar={{
            left: "prev,next today",
            center: "title",
            right: "dayGridMonth,timeGridWeek,timeGridDay,listWeek",
          }}
          firstDay={1}
          buttonIcons={false}
          height="auto"
          nowIndicator
          navLinks
          dayMaxEvents={4}
          slotMinTime="06:00:00"
          scrollTime="14:00:00"
          events={events}
          editable={canManage}
          eventDurationEditable={canManage}
          selectable={canManage}
          selectMirror
          select={selected}
          eventDrop={(info) => void moved(info)}
          eventResize={(info) => void moved(info)}
          eventClick={(info: EventClickArg) => {
            info.jsEvent.preventDefault();
            void navigate(`/missions/${info.event.id}`);
          }}
          eventContent={(arg) => <EventContent {...arg} />}
          datesSet={(info: DatesSetArg) =>
            setRange({ from: fromCalendarDate(info.start), to: fromCalendarDate(info.end) })
          }
          noEventsText={t("planning.noMissions")}
        />
      </div>
      {calendar.data?.truncated ? (
        <p className="text-sm text-warning" role="status">
          {t("planning.truncated")}
        </p>
      ) : null}
    </div>
  );

  return (
    <div className="mx-auto grid max-w-7xl gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("planning.title")}</h1>
          <p className="text-sm text-muted-foreground">
            {canSeeAll ? t("planning.help") : t("planning.ownHelp")}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <UnavailabilityDialog />
          {canManage ? (
            <Button onClick={() => setCreating({ start: null, end: null })}>
              <PlusIcon aria-hidden="true" />
              {t("missions.new")}
            </Button>
          ) : null}
        </div>
      </div>
      {canSeeAll && canSeeTeam ? (
        <Tabs defaultValue="calendar">
          <TabsList>
            <TabsTrigger value="calendar">{t("planning.calendarTab")}</TabsTrigger>
            <TabsTrigger value="board">{t("planning.boardTab")}</TabsTrigger>
          </TabsList>
          <TabsContent value="calendar">{calendarView}</TabsContent>
          <TabsContent value="board">
            <CrewBoard />
          </TabsContent>
        </Tabs>
      ) : (
        calendarView
      )}
      <MissionFormDialog
        open={creating !== null}
        onOpenChange={(open) => {
          if (!open) setCreating(null);
        }}
        mission={null}
        defaultStart={creating?.start ?? null}
        defaultEnd={creating?.end ?? null}
      />
      <ConflictDialog
        messages={pending?.messages ?? null}
        busy={reschedule.isPending}
        onCancel={() => setPending(null)}
        onOverride={
          pending
            ? (reason) => {
                const move = pending;
                setPending(null);
                void save(move, reason);
              }
            : null
        }
      />
    </div>
  );
}
