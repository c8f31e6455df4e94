import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { I18nProvider, useI18n } from ".";

function Title() {
  const { t } = useI18n();
  return <h1>{t("nav.settings")}</h1>;
}

describe("languages", () => {
  it("renders a stored English choice in English (the catalogue is loaded on demand)", async () => {
    localStorage.setItem("planify.locale", "en");
    render(
      <I18nProvider>
        <Title />
      </I18nProvider>,
    );
    expect(await screen.findByRole("heading", { name: "Settings" })).toBeInTheDocument();
  });

  it("renders French by default", () => {
    render(
      <I18nProvider>
        <Title />
      </I18nProvider>,
    );
    expect(screen.getByRole("heading", { name: "Paramètres" })).toBeInTheDocument();
  });
});
