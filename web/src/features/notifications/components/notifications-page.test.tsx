import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { I18nProvider, loadFrenchPages } from "@/lib/i18n";
import { createQueryClient } from "@/lib/query-client";
import { NotificationsPage } from "./notifications-page";

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

const assigned = {
  id: 7,
  kind: "mission_assigned",
  subject_type: "mission",
  subject_id: "12",
  path: "/missions/12",
  data: { title: "Soirée dansante", starts_at: "2027-06-12T16:00:00.000Z" },
  created_at: "2027-01-29T09:00:00.000Z",
  read_at: null,
};
const preferences = {
  preferences: [
    { kind: "mission_assigned", in_app: true, email: "immediate", push: true },
    { kind: "mission_moved", in_app: true, email: "off", push: true },
  ],
};

type Answer = (url: string, init?: RequestInit) => Response;

function renderPage(answer: Answer) {
  const fetch = vi.fn((url: string, init?: RequestInit) => Promise.resolve(answer(url, init)));
  vi.stubGlobal("fetch", fetch);
  render(
    <QueryClientProvider client={createQueryClient()}>
      <MemoryRouter initialEntries={["/notifications"]}>
        <I18nProvider locale="fr">
          <NotificationsPage />
        </I18nProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return fetch;
}

beforeAll(async () => {
  await loadFrenchPages();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("NotificationsPage", () => {
  it("lists each notification in words, linked to its object, and marks one read", async () => {
    let read = false;
    const fetch = renderPage((url) => {
      if (url.startsWith("/api/v1/notifications/7/read")) {
        read = true;
        return new Response(null, { status: 204 });
      }
      if (url.startsWith("/api/v1/notifications/preferences")) return json(200, preferences);
      return json(200, {
        items: [{ ...assigned, read_at: read ? "2027-01-29T10:00:00.000Z" : null }],
        unread: read ? 0 : 1,
        more: false,
      });
    });
    const link = await screen.findByRole("link", { name: /Nouvelle mission : Soirée dansante/ });
    expect(link).toHaveAttribute("href", "/missions/12");
    // Paris time: 16:00 UTC is 18:00 in June.
    expect(screen.getByText(/affecté\(e\) à la mission le 12\/06\/2027.*18:00/)).toBeVisible();
    await userEvent.click(
      screen.getByRole("button", { name: /Marquer comme lue : Nouvelle mission/ }),
    );
    expect(fetch).toHaveBeenCalledWith(
      "/api/v1/notifications/7/read",
      expect.objectContaining({ method: "POST" }),
    );
    // Read: no longer marked, no button to mark it again.
    expect(
      await screen.findByRole("link", { name: "Nouvelle mission : Soirée dansante" }),
    ).toBeVisible();
    expect(screen.queryByRole("button", { name: /Marquer comme lue/ })).toBeNull();
  });

  it("says when there is nothing yet, and shows the preferences of the role", async () => {
    renderPage((url) =>
      url.startsWith("/api/v1/notifications/preferences")
        ? json(200, preferences)
        : json(200, { items: [], unread: 0, more: false }),
    );
    expect(await screen.findByText("Aucune notification pour l'instant.")).toBeVisible();
    const table = await screen.findByRole("table");
    expect(
      within(table).getByRole("rowheader", { name: "Affectation à une mission" }),
    ).toBeVisible();
    expect(within(table).getByRole("rowheader", { name: "Mission déplacée" })).toBeVisible();
    expect(within(table).queryByRole("rowheader", { name: "Facture payée" })).toBeNull();
    expect(
      within(table).getByRole("checkbox", { name: "Affectation à une mission — Dans Planify" }),
    ).toBeChecked();
  });

  it("shows an error the user can retry", async () => {
    renderPage(() => json(403, { error: { code: "FORBIDDEN", message: "Interdit", fields: [] } }));
    expect((await screen.findAllByRole("alert")).length).toBeGreaterThan(0);
    expect(screen.getAllByRole("button", { name: "Réessayer" }).length).toBeGreaterThan(0);
  });

  it("shows a loading state while the list is on its way", () => {
    renderPage(() => json(200, { items: [], unread: 0, more: false }));
    expect(screen.getAllByRole("status").length).toBeGreaterThan(0);
  });
});
