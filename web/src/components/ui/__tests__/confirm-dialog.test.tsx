import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { Button } from "../button";
import { ConfirmDialog } from "../confirm-dialog";

function renderDialog(onConfirm = vi.fn()) {
  render(
    <ConfirmDialog
      trigger={<Button>Supprimer</Button>}
      title="Supprimer le client ?"
      description="Cette action est définitive."
      confirmLabel="Supprimer définitivement"
      cancelLabel="Annuler"
      destructive
      onConfirm={onConfirm}
    />,
  );
  return onConfirm;
}

describe("ConfirmDialog", () => {
  it("asks before acting, with focus on Cancel, and Escape cancels", async () => {
    const user = userEvent.setup();
    const onConfirm = renderDialog();
    await user.click(screen.getByRole("button", { name: "Supprimer" }));
    expect(screen.getByRole("alertdialog", { name: "Supprimer le client ?" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Annuler" })).toHaveFocus();
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it("runs the action on confirm and closes", async () => {
    const user = userEvent.setup();
    const onConfirm = renderDialog(vi.fn().mockResolvedValue(undefined));
    await user.click(screen.getByRole("button", { name: "Supprimer" }));
    await user.click(screen.getByRole("button", { name: "Supprimer définitivement" }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
  });

  it("keeps Tab inside the dialog", async () => {
    const user = userEvent.setup();
    renderDialog();
    await user.click(screen.getByRole("button", { name: "Supprimer" }));
    for (let i = 0; i < 4; i++) {
      await user.tab();
      expect(screen.getByRole("alertdialog")).toContainElement(
        document.activeElement as HTMLElement,
      );
    }
  });
});
