import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { I18nProvider, loadFrenchPages } from "@/lib/i18n";
import { createQueryClient } from "@/lib/query-client";
import { SearchPage } from "./search-page";

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

const found = {
  groups: [
    {
      kind: "invoices",
      more: false,
      items: [
        {
          id: 5,
          title: "FAC-2026-0001",
          subtitle: "Mariage Durand · Mariage au château",
          status: "issued",
          date: "2026-11-25",
          amount_cents: 70200,
          rank: 0,
        },
      ],
    },
    {
      kind: "missions",
      more: true,
      items: [
        {
          id: 12,
          title: "Soirée dansante",
          subtitle: "Mariage Durand · Château de Candé",
          status: "confirmed",
          date: "2027-06-12T16:00:00.000Z",
          amount_cents: null,
          rank: 3,
        },
      ],
    },
  ],
};

function renderAt(url: string, answer: () => Response) {
  const fetch = vi.fn(() => Promise.resolve(answer()));
  vi.stubGlobal("fetch", fetch);
  render(
    <QueryClientProvider client={createQueryClient()}>
      <MemoryRouter initialEntries={[url]}>
        <I18nProvider locale="fr">
          <SearchPage />
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

describe("SearchPage", () => {
  it("shows each kind's hits with their amount, date and status, linked to the object", async () => {
    const fetch = renderAt("/recherche?q=702", () => json(200, found));
    const invoices = await screen.findByRole("region", { name: "Factures" });
    const invoice = within(invoices).getByRole("link", { name: /FAC-2026-0001/ });
    expect(invoice).toHaveAttribute("href", "/factures/5");
    expect(within(invoice).getByText("702,00 €")).toBeInTheDocument();
    expect(within(invoice).getByText("25/11/2026")).toBeInTheDocument();
    expect(within(invoice).getByText("Émise")).toBeInTheDocument();
    const missions = screen.getByRole("region", { name: "Missions" });
    const mission = within(missions).getByRole("link", { name: /Soirée dansante/ });
    expect(mission).toHaveAttribute("href", "/missions/12");
    // Shown in Paris time: 16:00 UTC is 18:00 in June.
    expect(within(mission).getByText(/12\/06\/2027.*18:00/)).toBeInTheDocument();
    expect(within(missions).getByRole("button", { name: "Voir plus — Missions" })).toBeVisible();
    expect(fetch).toHaveBeenCalledWith(
      "/api/v1/search?q=702&limit=8",
      expect.objectContaining({ method: "GET" }),
    );
  });

  it("says when nothing matches, and asks nothing for a one-letter query", async () => {
    renderAt("/recherche?q=zz", () => json(200, { groups: [] }));
    expect(await screen.findByText("Rien ne correspond à « zz »")).toBeInTheDocument();
  });

  it("invites the user to type before asking the server", () => {
    const fetch = renderAt("/recherche?q=z", () => json(200, found));
    expect(screen.getByText("Que cherchez-vous ?")).toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();
  });

  it("shows an error the user can retry", async () => {
    renderAt("/recherche?q=durand", () =>
      json(403, { error: { code: "FORBIDDEN", message: "Interdit", fields: [] } }),
    );
    expect(await screen.findByRole("alert")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Réessayer" })).toBeInTheDocument();
  });
});
