import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Locale } from "@/lib/format";
import { I18nProvider } from "@/lib/i18n";
import { DatePicker } from "../date-picker";
import { FormField } from "../form-field";

function DueDate({
  initial,
  onChange,
  locale = "fr",
  min,
}: {
  initial: string | null;
  onChange?: (value: string) => void;
  locale?: Locale;
  min?: string;
}) {
  const [value, setValue] = useState(initial);
  return (
    <I18nProvider locale={locale}>
      <FormField label="Échéance">
        <DatePicker
          value={value}
          min={min}
          onChange={(next) => {
            setValue(next);
            onChange?.(next);
          }}
        />
      </FormField>
    </I18nProvider>
  );
}

const trigger = () => screen.getByRole("button", { name: "Échéance" });

beforeEach(() => {
  // A fixed "today" (only Date is faked; user-event keeps real timers).
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-06-15T10:00:00.000Z"));
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe("DatePicker", () => {
  it("shows the date as dd/mm/yyyy, or a placeholder", () => {
    const { unmount } = render(<DueDate initial="2026-11-05" />);
    expect(trigger()).toHaveTextContent("05/11/2026");
    unmount();
    render(<DueDate initial={null} />);
    expect(trigger()).toHaveTextContent("Choisir une date");
  });

  it("opens a French calendar starting on Monday and returns the picked day", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<DueDate initial="2026-11-05" onChange={onChange} />);
    await user.click(trigger());
    const dialog = screen.getByRole("dialog", { name: "Calendrier" });
    expect(within(dialog).getByRole("grid").closest("[data-slot=calendar]")).not.toBeNull();
    const grid = within(dialog).getByRole("grid", { name: "novembre 2026" });
    // DayPicker hides the weekday row from screen readers (each day's name says it).
    const headers = within(grid).getAllByRole("columnheader", { hidden: true });
    expect(headers).toHaveLength(7);
    expect(headers[0]).toHaveAccessibleName("lundi");
    expect(headers[6]).toHaveAccessibleName("dimanche");
    // 1 November 2026 is a Sunday: the last column of the first week.
    const firstWeek = within(grid).getAllByRole("row")[0]!;
    expect(within(firstWeek).getAllByRole("gridcell")[6]).toHaveAttribute("data-day", "2026-11-01");

    await user.click(within(grid).getByRole("button", { name: /^mercredi 25 novembre 2026/ }));
    expect(onChange).toHaveBeenCalledExactlyOnceWith("2026-11-25");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(trigger()).toHaveTextContent("25/11/2026");
    expect(trigger()).toHaveFocus();
  });

  it("works from the keyboard: the selected day has focus, arrows move, Enter picks", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<DueDate initial="2026-11-30" onChange={onChange} />);
    await user.tab();
    await user.keyboard("{Enter}");
    expect(screen.getByRole("button", { name: /30 novembre 2026/ })).toHaveFocus();
    // Monday 30 November: the next day crosses into December, a week later is 8 December.
    await user.keyboard("{ArrowRight}{ArrowDown}");
    expect(screen.getByRole("button", { name: /^mardi 8 décembre 2026/ })).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(onChange).toHaveBeenCalledExactlyOnceWith("2026-12-08");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(trigger()).toHaveFocus();
  });

  it("opens on today's month in Paris when empty", async () => {
    // 23:30 UTC on 31 July is already 1 August in Paris, but still 31 July in New York.
    vi.stubEnv("TZ", "America/New_York");
    vi.setSystemTime(new Date("2026-07-31T23:30:00.000Z"));
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<DueDate initial={null} onChange={onChange} />);
    await user.click(trigger());
    expect(screen.getByRole("grid", { name: "août 2026" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /^Aujourd'hui, samedi 1 août 2026/ })).toHaveFocus();
    await user.keyboard(" ");
    expect(onChange).toHaveBeenCalledExactlyOnceWith("2026-08-01");
  });

  it("keeps the day whatever the browser's time zone", async () => {
    vi.stubEnv("TZ", "Pacific/Honolulu");
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<DueDate initial="2026-03-28" onChange={onChange} />);
    expect(trigger()).toHaveTextContent("28/03/2026");
    await user.click(trigger());
    await user.click(screen.getByRole("button", { name: /^dimanche 29 mars 2026/ }));
    expect(onChange).toHaveBeenCalledExactlyOnceWith("2026-03-29");
  });

  it("does not offer days before min", async () => {
    const user = userEvent.setup();
    render(<DueDate initial="2026-11-10" min="2026-11-10" />);
    await user.click(trigger());
    expect(screen.getByRole("button", { name: /^lundi 9 novembre 2026/ })).toBeDisabled();
    expect(screen.getByRole("button", { name: /^mercredi 11 novembre 2026/ })).toBeEnabled();
  });

  it("speaks English when the app does, still from Monday", async () => {
    const user = userEvent.setup();
    render(<DueDate initial="2026-11-05" locale="en" />);
    expect(trigger()).toHaveTextContent("05/11/2026");
    await user.click(trigger());
    const headers = within(screen.getByRole("grid", { name: "November 2026" })).getAllByRole(
      "columnheader",
      { hidden: true },
    );
    expect(headers[0]).toHaveAccessibleName("Monday");
  });
});
