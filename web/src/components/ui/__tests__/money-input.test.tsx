import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import type { Locale } from "@/lib/format";
import { I18nProvider, useI18n } from "@/lib/i18n";
import { FormField } from "../form-field";
import { MoneyInput, parseEurosInput } from "../money-input";

const nnbsp = "\u202f";

function Amount({
  initial = null,
  onChange = () => {},
  locale = "fr",
}: {
  initial?: number | null;
  onChange?: (cents: number | null) => void;
  locale?: Locale;
}) {
  const [value, setValue] = useState<number | null>(initial);
  return (
    <I18nProvider locale={locale}>
      <FormField label="Montant HT">
        <MoneyInput
          value={value}
          onChange={(cents) => {
            setValue(cents);
            onChange(cents);
          }}
        />
      </FormField>
      <output aria-label="valeur">{value === null ? "null" : value}</output>
      <button type="button" onClick={() => setValue(99900)}>
        Prix catalogue
      </button>
    </I18nProvider>
  );
}

const field = () => screen.getByRole("textbox", { name: "Montant HT" });

describe("MoneyInput", () => {
  it("reads French input as integer cents and reformats on blur", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Amount onChange={onChange} />);
    await user.type(field(), "1 234,56");
    expect(onChange).toHaveBeenLastCalledWith(123456);
    expect(field()).not.toHaveAttribute("aria-invalid");
    expect(field()).toHaveValue("1 234,56");
    await user.tab();
    expect(field()).toHaveValue(`1${nnbsp}234,56`);
    expect(onChange).toHaveBeenLastCalledWith(123456);
  });

  it("pads to two decimals on blur", async () => {
    const user = userEvent.setup();
    render(<Amount />);
    await user.type(field(), "12,5");
    await user.tab();
    expect(field()).toHaveValue("12,50");
    expect(screen.getByLabelText("valeur")).toHaveTextContent("1250");
  });

  it("flags an invalid amount, keeps the text and emits null until fixed", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Amount onChange={onChange} />);
    await user.type(field(), "12,345");
    expect(onChange).toHaveBeenLastCalledWith(null);
    expect(field()).toHaveAttribute("aria-invalid", "true");
    await user.tab();
    expect(field()).toHaveValue("12,345");
    expect(field()).toHaveAttribute("aria-invalid", "true");

    await user.click(field());
    await user.keyboard("{Backspace}");
    expect(onChange).toHaveBeenLastCalledWith(1234);
    expect(field()).not.toHaveAttribute("aria-invalid");
  });

  it("treats empty as null, not as an error", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Amount initial={500} onChange={onChange} />);
    expect(field()).toHaveValue("5,00");
    await user.clear(field());
    expect(onChange).toHaveBeenLastCalledWith(null);
    expect(field()).not.toHaveAttribute("aria-invalid");
  });

  it("shows a value set from outside", async () => {
    const user = userEvent.setup();
    render(<Amount initial={123456} />);
    expect(field()).toHaveValue(`1${nnbsp}234,56`);
    await user.click(screen.getByRole("button", { name: "Prix catalogue" }));
    expect(field()).toHaveValue("999,00");
  });

  it("says it is in euros and keeps FormField's description", () => {
    render(
      <I18nProvider locale="fr">
        <FormField label="Acompte" help="TVA comprise.">
          <MoneyInput value={null} onChange={vi.fn()} />
        </FormField>
      </I18nProvider>,
    );
    expect(screen.getByRole("textbox", { name: "Acompte" })).toHaveAccessibleDescription(
      "TVA comprise. Montant en euros",
    );
  });

  it("rewrites the amount when the language changes", async () => {
    const user = userEvent.setup();
    function SwitchToEnglish() {
      const { setLocale } = useI18n();
      return (
        <button type="button" onClick={() => setLocale("en")}>
          English
        </button>
      );
    }
    function Form() {
      const [value, setValue] = useState<number | null>(123456);
      return <MoneyInput aria-label="Montant" value={value} onChange={setValue} />;
    }
    render(
      <I18nProvider locale="fr">
        <Form />
        <SwitchToEnglish />
      </I18nProvider>,
    );
    const input = screen.getByRole("textbox", { name: "Montant" });
    expect(input).toHaveValue(`1${nnbsp}234,56`);
    await user.click(screen.getByRole("button", { name: "English" }));
    expect(input).toHaveValue("1,234.56");
  });

  it("round-trips English formatting", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Amount locale="en" onChange={onChange} />);
    await user.type(field(), "1234.5");
    await user.tab();
    expect(field()).toHaveValue("1,234.50");
    await user.click(field());
    await user.keyboard("{Backspace}1");
    expect(onChange).toHaveBeenLastCalledWith(123451);
    expect(field()).not.toHaveAttribute("aria-invalid");
  });
});

describe("parseEurosInput", () => {
  it.each([
    ["1 234,56", "fr", 123456],
    ["12,345", "fr", null],
    ["1,234.56", "fr", null],
    ["1,234.56", "en", 123456],
    ["12,345", "en", 1234500],
    ["12,5", "en", 1250],
    ["-€1,000.00", "en", -100000],
    ["€1,234.56", "en", 123456],
    ["0,29", "fr", 29],
  ] as const)("reads %s (%s) as %s", (text, locale, cents) => {
    expect(parseEurosInput(text, locale)).toBe(cents);
  });
});
