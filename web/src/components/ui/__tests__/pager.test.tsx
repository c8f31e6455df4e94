import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { I18nProvider } from "@/lib/i18n";
import { Pager } from "../pager";

describe("Pager", () => {
  it("moves between pages and disables the ends", async () => {
    const onPage = vi.fn();
    render(
      <I18nProvider locale="fr">
        <Pager page={0} pages={3} onPage={onPage} />
      </I18nProvider>,
    );
    expect(screen.getByText("Page 1 sur 3")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Page précédente" })).toBeDisabled();
    await userEvent.click(screen.getByRole("button", { name: "Page suivante" }));
    expect(onPage).toHaveBeenCalledWith(1);
  });

  it("shows nothing for a single page", () => {
    const { container } = render(
      <I18nProvider locale="fr">
        <Pager page={0} pages={1} onPage={() => {}} />
      </I18nProvider>,
    );
    expect(container).toBeEmptyDOMElement();
  });
});
