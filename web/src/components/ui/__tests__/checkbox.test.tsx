import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { Checkbox, type CheckedState } from "../checkbox";
import { Label } from "../label";

function LabelledCheckbox({
  initial = false,
  onChange,
}: {
  initial?: CheckedState;
  onChange?: (checked: CheckedState) => void;
}) {
  const [checked, setChecked] = useState<CheckedState>(initial);
  return (
    <div>
      <Checkbox
        id="terms"
        checked={checked}
        onCheckedChange={(next) => {
          setChecked(next);
          onChange?.(next);
        }}
      />
      <Label htmlFor="terms">J'accepte les conditions</Label>
    </div>
  );
}

describe("Checkbox", () => {
  it("is a labelled checkbox that Space toggles", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<LabelledCheckbox onChange={onChange} />);
    const box = screen.getByRole("checkbox", { name: "J'accepte les conditions" });
    expect(box).not.toBeChecked();
    await user.tab();
    expect(box).toHaveFocus();
    await user.keyboard(" ");
    expect(box).toBeChecked();
    expect(onChange).toHaveBeenLastCalledWith(true);
    await user.keyboard(" ");
    expect(box).not.toBeChecked();
    expect(onChange).toHaveBeenLastCalledWith(false);
  });

  it("does not toggle on Enter (native checkbox behaviour)", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<LabelledCheckbox onChange={onChange} />);
    await user.tab();
    await user.keyboard("{Enter}");
    expect(onChange).not.toHaveBeenCalled();
  });

  it("toggles when its label is clicked", async () => {
    const user = userEvent.setup();
    render(<LabelledCheckbox />);
    await user.click(screen.getByText("J'accepte les conditions"));
    expect(screen.getByRole("checkbox")).toBeChecked();
  });

  it("shows indeterminate as aria-checked=mixed and checks on Space", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<LabelledCheckbox initial="indeterminate" onChange={onChange} />);
    const box = screen.getByRole("checkbox");
    expect(box).toHaveAttribute("aria-checked", "mixed");
    expect(box).toBePartiallyChecked();
    box.focus();
    await user.keyboard(" ");
    expect(onChange).toHaveBeenLastCalledWith(true);
    expect(box).toHaveAttribute("aria-checked", "true");
  });

  it("ignores input when disabled", async () => {
    const user = userEvent.setup();
    const onCheckedChange = vi.fn();
    render(<Checkbox aria-label="Archivé" disabled onCheckedChange={onCheckedChange} />);
    await user.click(screen.getByRole("checkbox", { name: "Archivé" }));
    expect(onCheckedChange).not.toHaveBeenCalled();
  });
});
