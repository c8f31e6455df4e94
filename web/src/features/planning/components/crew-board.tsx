import { ChevronLeftIcon, ChevronRightIcon } from "lucide-react";
import { useState } from "react";
import { Link } from "react-router";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { crewKey, useCrewProfiles } from "@/features/members/api/crew-profiles";
import { useMembers } from "@/features/members/api/members";
import { errorMessage } from "@/lib/errors";
import { useI18n } from "@/lib/i18n";
import { parisLocalToUtcIso, parisToday, utcIsoToParisLocal } from "@/lib/paris-time";
import { useCalendar, type CalendarMission, type Unavailability } from "../api/planning";
import { addDays, mondayOf } from "../lib/calendar-time";
import { STATUS_COLORS } from "../lib/status";

const NO_FILTERS = { crewId: null, status: null, clientId: null };

function overlapsDay(startIso: string, endIso: string, day: string): boolean {
  const dayStart = parisLocalToUtcIso(day, "00:00");
  const dayEnd = parisLocalToUtcIso(addDays(day, 1), "00:00");
  return startIso < dayEnd && endIso > dayStart;
}

/** Who is free when: one row per team member, one column per day of the week. */
export function CrewBoard() {
  const { t, locale } = useI18n();
  const [monday, setMonday] = useState(() => mondayOf(parisToday()));
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const from = parisLocalToUtcIso(monday, "00:00");
  const to = parisLocalToUtcIso(addDays(monday, 7), "00:00");
  const calendar = useCalendar(from, to, NO_FILTERS);
  const members = useMembers();
  const profiles = useCrewProfiles();
  const dayFormat = new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });
  const timeOf = (iso: string) => utcIsoToParisLocal(iso).time;

  if (calendar.isError || members.isError || profiles.isError) {
    return (
      <div role="alert" className="grid gap-2 p-4 text-sm">
        <p>{errorMessage(calendar.error ?? members.error ?? profiles.error, t)}</p>
        <Button variant="outline" size="sm" onClick={() => void calendar.refetch()}>
          {t("common.retry")}
        </Button>
      </div>
    );
  }
  // Members, then the crew profiles planned without an account.
  const people = [
    ...(members.data ?? [])
      .filter((m) => !m.disabled)
      .map((m) => ({ key: crewKey(m), name: m.display_name, userId: m.user_id, profile: false })),
    ...(profiles.data ?? []).map((p) => ({
      key: `p:${p.id}`,
      name: p.display_name,
      userId: null,
      profile: true,
    })),
  ];
  const missions: CalendarMission[] = calendar.data?.missions ?? [];
  const off: Unavailability[] = calendar.data?.unavailability ?? [];

  return (
    <div className="grid gap-3">
      <div className="flex items-center gap-2">
        <Button
          variant="outline"
          size="icon"
          aria-label={t("planning.previousWeek")}
          onClick={() => setMonday(addDays(monday, -7))}
        >
          <ChevronLeftIcon aria-hidden="true" />
        </Button>
        <Button variant="outline" size="sm" onClick={() => setMonday(mondayOf(parisToday()))}>
          {t("planning.thisWeek")}
        </Button>
        <Button
          variant="outline"
          size="icon"
          aria-label={t("planning.nextWeek")}
          onClick={() => setMonday(addDays(monday, 7))}
        >
          <ChevronRightIcon aria-hidden="true" />
        </Button>
        <p className="text-sm font-medium">
          {t("planning.weekOf", { day: dayFormat.format(new Date(`${monday}T00:00:00Z`)) })}
        </p>
      </div>
      <div className="overflow-x-auto rounded-md border">
        <table className="w-full min-w-[56rem] border-collapse text-sm">
          <caption className="sr-only">{t("planning.board")}</caption>
          <thead>
            <tr className="bg-muted/50">
              <th scope="col" className="w-40 p-2 text-left font-medium">
                {t("planning.person")}
              </th>
              {days.map((day) => (
                <th key={day} scope="col" className="p-2 text-left font-medium capitalize">
                  {dayFormat.format(new Date(`${day}T00:00:00Z`))}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {calendar.isPending || members.isPending || profiles.isPending ? (
              <tr>
                <td colSpan={8} className="p-2">
                  <Skeleton className="h-24 w-full" />
                </td>
              </tr>
            ) : people.length === 0 ? (
              <tr>
                <td colSpan={8} className="p-4 text-center text-muted-foreground">
                  {t("planning.noPeople")}
                </td>
              </tr>
            ) : (
              people.map((person) => (
                <tr key={person.key} className="border-t align-top">
                  <th scope="row" className="p-2 text-left font-medium">
                    {person.name}
                    {person.profile ? (
                      <span className="block text-xs font-normal text-muted-foreground">
                        {t("crewProfiles.noAccount")}
                      </span>
                    ) : null}
                  </th>
                  {days.map((day) => {
                    const busy = missions.filter(
                      (m) =>
                        m.status !== "canceled" &&
                        m.crew.some((c) => crewKey(c) === person.key) &&
                        overlapsDay(m.starts_at, m.ends_at, day),
                    );
                    const away = off.filter(
                      (u) =>
                        u.user.id === person.userId && overlapsDay(u.starts_at, u.ends_at, day),
                    );
                    return (
                      <td key={day} className="p-1.5">
                        <div className="grid gap-1">
                          {away.map((u) => (
                            <span
                              key={`u${u.id}`}
                              className="rounded bg-muted px-1.5 py-0.5 text-xs text-muted-foreground"
                            >
                              {u.reason || t("planning.unavailable")}
                            </span>
                          ))}
                          {busy.map((m) => (
                            <Link
                              key={m.id}
                              to={`/missions/${m.id}`}
                              className="block truncate rounded px-1.5 py-0.5 text-xs font-medium"
                              style={{
                                background: STATUS_COLORS[m.status].background,
                                color: STATUS_COLORS[m.status].text,
                              }}
                            >
                              {timeOf(m.starts_at)} {m.title}
                            </Link>
                          ))}
                          {busy.length === 0 && away.length === 0 ? (
                            <span className="text-xs text-success">{t("planning.free")}</span>
                          ) : null}
                        </div>
                      </td>
                    );
                  })}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
