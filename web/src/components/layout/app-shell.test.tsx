import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import { TooltipProvider } from "@/components/ui/tooltip";
import { authKeys } from "@/features/auth/api/keys";
import type { Session } from "@/features/auth/types";
import { I18nProvider, loadTerminology, translate, useI18n } from "@/lib/i18n";
import { createQueryClient } from "@/lib/query-client";
import type { Terminology } from "@/lib/terminology";
import { ThemeProvider } from "@/lib/theme";
import { AppShell } from "./app-shell";

function session(terminology: Terminology): Session {
  return {
    user: { id: 1, email: "lea@example.fr", display_name: "Léa", locale: "fr" },
    organization: { id: 1, name: "Sono Pro", slug: "sono-pro", terminology },
    role: "owner",
    permissions: ["missions.read_all", "missions.manage"],
    memberships: [],
    csrf_token: "token",
  };
}

function Page() {
  const { t } = useI18n();
  return <h1>{t("missions.new")}</h1>;
}

function renderShell(data: Session) {
  const client = createQueryClient();
  client.setQueryData(authKeys.session(), data);
  return render(
    <QueryClientProvider client={client}>
      <I18nProvider locale="fr">
        <ThemeProvider>
          <TooltipProvider>
            <MemoryRouter>
              <Routes>
                <Route element={<AppShell />}>
                  <Route index element={<Page />} />
                </Route>
              </Routes>
            </MemoryRouter>
          </TooltipProvider>
        </ThemeProvider>
      </I18nProvider>
    </QueryClientProvider>,
  );
}

beforeAll(async () => {
  await loadTerminology();
});

describe("AppShell", () => {
  it("writes the organisation's word for missions, and the default once signed out", () => {
    const view = renderShell(session("evenements"));
    expect(screen.getByRole("heading", { name: "Nouvel événement" })).toBeInTheDocument();
    const nav = screen.getAllByRole("navigation", { name: "Navigation principale" })[0]!;
    expect(within(nav).getByRole("link", { name: "Événements" })).toBeInTheDocument();
    view.unmount();
    expect(translate("fr", "missions.new")).toBe("Nouvelle mission");
  });

  it("says missions by default", () => {
    renderShell(session("missions"));
    expect(screen.getByRole("heading", { name: "Nouvelle mission" })).toBeInTheDocument();
  });
});
