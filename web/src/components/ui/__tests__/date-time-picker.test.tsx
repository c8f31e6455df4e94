import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "@/lib/i18n";
import { DateTimePicker } from "../date-time-picker";
import { FormField } from "../form-field";

function EventStart({
  initial,
  onChange,
}: {
  initial: string | null;
  onChange: (value: string | null) => void;
}) {
  const [value, setValue] = useState(initial);
  return (
    <I18nProvider locale="fr">
      <FormField label="Début" help="Heure de Paris.">
        <DateTimePicker
          value={value}
          onChange={(next) => {
            setValue(next);
            onChange(next);
          }}
        />
      </FormField>
      <button type="button" onClick={() => setValue(null)}>
        Réinitialiser
      </button>
    </I18nProvider>
  );
}

const dayButton = () => screen.getByRole("button", { name: "Début" });
const timeBox = () => screen.getByLabelText("Heure (heure de Paris)");

async function pickDay(user: ReturnType<typeof userEvent.setup>, name: RegExp) {
  await user.click(dayButton());
  await user.click(screen.getByRole("button", { name }));
  await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
}

async function typeTime(user: ReturnType<typeof userEvent.setup>, time: string) {
  await user.clear(timeBox());
  await user.type(timeBox(), time);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-06-15T10:00:00.000Z"));
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe("DateTimePicker", () => {
  it("shows an instant as its Paris day and time", () => {
    // 23:30 UTC on 24 November is 00:30 on the 25th in Paris.
    render(<EventStart initial="2026-11-24T23:30:00.000Z" onChange={vi.fn()} />);
    expect(dayButton()).toHaveTextContent("25/11/2026");
    expect(timeBox()).toHaveValue("00:30");
    expect(dayButton()).toHaveAccessibleDescription("Heure de Paris.");
    expect(timeBox()).toHaveAccessibleDescription("Heure de Paris.");
  });

  it("emits the UTC instant of a winter Paris time (UTC+1)", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<EventStart initial="2026-11-10T09:00:00.000Z" onChange={onChange} />);
    await pickDay(user, /mercredi 25 novembre 2026/);
    expect(onChange).toHaveBeenLastCalledWith("2026-11-25T09:00:00.000Z"); // still 10:00 Paris
    await typeTime(user, "14:30");
    expect(onChange).toHaveBeenLastCalledWith("2026-11-25T13:30:00.000Z");
    expect(timeBox()).toHaveValue("14:30");
  });

  it("emits the UTC instant of a summer Paris time (UTC+2), from empty", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<EventStart initial={null} onChange={onChange} />);
    await user.click(dayButton());
    // Opens on today's month (June 2026 here); go to July.
    await user.click(screen.getByRole("button", { name: "Aller au mois suivant" }));
    await user.click(screen.getByRole("button", { name: /mardi 14 juillet 2026/ }));
    // A day without a time is not an instant yet.
    expect(onChange).not.toHaveBeenCalled();
    expect(dayButton()).toHaveTextContent("14/07/2026");
    await user.type(timeBox(), "22:00");
    expect(onChange).toHaveBeenLastCalledWith("2026-07-14T20:00:00.000Z");
  });

  it("reads the time in Paris whatever the browser's time zone", async () => {
    vi.stubEnv("TZ", "America/New_York");
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<EventStart initial="2026-07-01T08:00:00.000Z" onChange={onChange} />);
    expect(timeBox()).toHaveValue("10:00");
    await pickDay(user, /mardi 14 juillet 2026/);
    await typeTime(user, "22:00");
    expect(onChange).toHaveBeenLastCalledWith("2026-07-14T20:00:00.000Z");
  });

  it("moves a time skipped by the spring change forward and shows it", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<EventStart initial="2026-03-28T09:00:00.000Z" onChange={onChange} />);
    await pickDay(user, /dimanche 29 mars 2026/);
    await typeTime(user, "02:30");
    expect(onChange).toHaveBeenLastCalledWith("2026-03-29T01:30:00.000Z");
    expect(timeBox()).toHaveValue("03:30");
  });

  it("emits null when the time is cleared, and resets with its value", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<EventStart initial="2026-11-10T09:00:00.000Z" onChange={onChange} />);
    await user.clear(timeBox());
    expect(onChange).toHaveBeenLastCalledWith(null);
    expect(dayButton()).toHaveTextContent("10/11/2026"); // the day is kept
    await user.type(timeBox(), "08:15");
    expect(onChange).toHaveBeenLastCalledWith("2026-11-10T07:15:00.000Z");
    await user.click(screen.getByRole("button", { name: "Réinitialiser" }));
    expect(dayButton()).toHaveTextContent("Choisir une date");
    expect(timeBox()).toHaveValue("");
  });
});
