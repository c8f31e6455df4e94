import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Button } from "../button";
import { Popover, PopoverContent, PopoverTrigger } from "../popover";

function renderPopover() {
  render(
    <Popover>
      <PopoverTrigger asChild>
        <Button>Filtres</Button>
      </PopoverTrigger>
      <PopoverContent aria-label="Filtres de la liste">
        <Button>Appliquer</Button>
      </PopoverContent>
    </Popover>,
  );
  return screen.getByRole("button", { name: "Filtres" });
}

describe("Popover", () => {
  it("opens from the keyboard, focuses its content and closes on Escape", async () => {
    const user = userEvent.setup();
    const trigger = renderPopover();
    expect(trigger).toHaveAttribute("aria-expanded", "false");
    await user.tab();
    await user.keyboard("{Enter}");
    const dialog = screen.getByRole("dialog", { name: "Filtres de la liste" });
    expect(trigger).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByRole("button", { name: "Appliquer" })).toHaveFocus();
    expect(dialog).toHaveAttribute("data-slot", "popover-content");
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(trigger).toHaveFocus();
  });

  it("closes on a click outside", async () => {
    const user = userEvent.setup();
    const trigger = renderPopover();
    await user.click(trigger);
    expect(screen.getByRole("dialog")).toBeInTheDocument();
    await user.click(document.body);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });
});
