import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState, type ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { I18nProvider } from "@/lib/i18n";
import { Combobox, type ComboboxOption } from "../combobox";
import { FormField } from "../form-field";

const CITIES: ComboboxOption[] = [
  { value: "paris", label: "Paris" },
  { value: "lyon", label: "Lyon" },
  { value: "marseille", label: "Marseille" },
  { value: "evry", label: "Évry-Courcouronnes" },
  { value: "59350", label: "Lille" },
];

function wrapper({ children }: { children: ReactNode }) {
  return <I18nProvider locale="fr">{children}</I18nProvider>;
}

function CityField({
  initial = null,
  onValueChange,
  error,
}: {
  initial?: string | null;
  onValueChange?: (value: string) => void;
  error?: string;
}) {
  const [value, setValue] = useState<string | null>(initial);
  return (
    <FormField label="Ville" error={error}>
      <Combobox
        options={CITIES}
        value={value}
        onValueChange={(next) => {
          setValue(next);
          onValueChange?.(next);
        }}
        placeholder="Choisir une ville"
        searchPlaceholder="Rechercher une ville"
        emptyText="Aucune ville."
      />
    </FormField>
  );
}

const trigger = () => screen.getByRole("combobox", { name: "Ville" });

describe("Combobox", () => {
  it("is a labelled combobox showing its placeholder, closed", () => {
    render(<CityField />, { wrapper });
    expect(trigger()).toHaveTextContent("Choisir une ville");
    expect(trigger()).toHaveAttribute("aria-expanded", "false");
    expect(trigger()).toHaveAttribute("data-slot", "combobox");
  });

  it("filters as you type and picks the highlighted option with Enter", async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<CityField onValueChange={onValueChange} />, { wrapper });
    await user.tab();
    expect(trigger()).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(trigger()).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByRole("dialog", { name: "Rechercher une ville" })).toBeInTheDocument();
    const search = screen.getByRole("combobox", { name: "Rechercher une ville" });
    expect(search).toHaveFocus();
    expect(screen.getAllByRole("option")).toHaveLength(5);

    await user.keyboard("li");
    expect(screen.getAllByRole("option").map((option) => option.textContent)).toEqual(["Lille"]);
    await user.keyboard("{Enter}");

    expect(onValueChange).toHaveBeenCalledExactlyOnceWith("59350");
    await waitFor(() => expect(screen.queryByRole("listbox")).toBeNull());
    expect(trigger()).toHaveTextContent("Lille");
    expect(trigger()).toHaveAttribute("aria-expanded", "false");
    expect(trigger()).toHaveFocus();
  });

  it("moves with the arrow keys", async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<CityField onValueChange={onValueChange} />, { wrapper });
    trigger().focus();
    await user.keyboard("{ArrowDown}");
    expect(screen.getByRole("listbox")).toBeInTheDocument();
    expect(screen.getByRole("option", { name: "Paris" })).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(screen.getByRole("option", { name: "Marseille" })).toHaveAttribute(
      "aria-selected",
      "true",
    );
    await user.keyboard("{Enter}");
    expect(onValueChange).toHaveBeenCalledExactlyOnceWith("marseille");
  });

  it("ignores accents and case, and matches labels, not values", async () => {
    const user = userEvent.setup();
    render(<CityField />, { wrapper });
    await user.click(trigger());
    await user.keyboard("EVRY");
    expect(screen.getByRole("option", { name: "Évry-Courcouronnes" })).toBeInTheDocument();
    expect(screen.getAllByRole("option")).toHaveLength(1);
    await user.clear(screen.getByRole("combobox", { name: "Rechercher une ville" }));
    await user.keyboard("59");
    expect(screen.queryAllByRole("option")).toHaveLength(0);
  });

  it("says so when nothing matches", async () => {
    const user = userEvent.setup();
    render(<CityField />, { wrapper });
    await user.click(trigger());
    await user.keyboard("Bordeaux");
    expect(screen.queryAllByRole("option")).toHaveLength(0);
    expect(screen.getByText("Aucune ville.")).toBeInTheDocument();
  });

  it("highlights the current value when reopened and closes on Escape without change", async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<CityField initial="lyon" onValueChange={onValueChange} />, { wrapper });
    expect(trigger()).toHaveTextContent("Lyon");
    await user.click(trigger());
    expect(screen.getByRole("option", { name: "Lyon" })).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("listbox")).toBeNull());
    expect(onValueChange).not.toHaveBeenCalled();
    expect(trigger()).toHaveFocus();
  });

  it("picks with the mouse too", async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<CityField onValueChange={onValueChange} />, { wrapper });
    await user.click(trigger());
    await user.click(screen.getByRole("option", { name: "Paris" }));
    expect(onValueChange).toHaveBeenCalledExactlyOnceWith("paris");
  });

  it("gets its invalid state and description from FormField", () => {
    render(<CityField error="Choisissez une ville." />, { wrapper });
    expect(trigger()).toHaveAttribute("aria-invalid", "true");
    expect(trigger()).toHaveAccessibleDescription("Choisissez une ville.");
  });

  it("cannot be opened when disabled", async () => {
    const user = userEvent.setup();
    render(
      <Combobox
        aria-label="Ville"
        options={CITIES}
        value={null}
        onValueChange={vi.fn()}
        disabled
      />,
      { wrapper },
    );
    expect(screen.getByRole("combobox", { name: "Ville" })).toHaveTextContent("Sélectionner…");
    await user.click(screen.getByRole("combobox", { name: "Ville" }));
    expect(screen.queryByRole("listbox")).toBeNull();
  });
});
