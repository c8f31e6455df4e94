import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "@/lib/i18n";
import { createQueryClient } from "@/lib/query-client";
import { DashboardPage } from "./dashboard-page";

const mission = {
  id: 12,
  title: "Concert au parc",
  status: "confirmed",
  starts_at: "2027-01-29T19:00:00.000Z",
  ends_at: "2027-01-29T22:00:00.000Z",
  address: "1 rue du Parc 37000 Tours",
  venue_name: "Parc",
  client_name: "Ville",
  crew: [{ user_id: 3, name: "Léa", position: "technician", lead: true }],
  gear_booked: 4,
  gear_out: 0,
  gaps: ["no_dj", "gear_not_out"],
};

const office = {
  today: "2027-01-29",
  time_zone: "Europe/Paris",
  whole_team: true,
  agenda: [mission],
  money: {
    invoiced_net_cents: 123456,
    invoiced_net_last_year_cents: 100000,
    collected_cents: 50000,
    due_cents: 80000,
    overdue_cents: 30000,
    overdue_count: 1,
    overdue: [
      {
        id: 5,
        number: "F-2027-0005",
        client_name: "Durand",
        due_date: "2027-01-10",
        remaining_cents: 30000,
      },
    ],
    deposits_cents: 0,
    deposits_count: 0,
    deposits: [],
  },
  quotes: { awaiting: 0, awaiting_gross_cents: 0, expiring: [] },
  late_gear: [],
  maintenance_due: [
    { item_id: 7, name: "Lyre Beam 230", category: "Lumière", due_on: "2027-01-20", overdue: true },
  ],
  time_off: [],
  my_gear: [],
};

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

function renderPage(dashboard: unknown, status = 200) {
  vi.stubGlobal(
    "fetch",
    vi.fn((path: string) =>
      Promise.resolve(
        path === "/api/v1/dashboard"
          ? json(status, dashboard)
          : json(200, { status: "ready", database: "sqlite", schema_version: 32 }),
      ),
    ),
  );
  render(
    <QueryClientProvider client={createQueryClient()}>
      <MemoryRouter>
        <I18nProvider locale="fr">
          <DashboardPage />
        </I18nProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("DashboardPage", () => {
  it("shows the office its week with gaps, its money and what waits", async () => {
    renderPage(office);
    const agenda = await screen.findByTestId("dashboard-agenda");
    expect(within(agenda).getByText("Aujourd'hui et les 7 prochains jours")).toBeInTheDocument();
    expect(within(agenda).getByText("vendredi 29 janvier")).toBeInTheDocument();
    expect(within(agenda).getByText("20:00–23:00")).toBeInTheDocument();
    expect(within(agenda).getByRole("link", { name: "Concert au parc" })).toHaveAttribute(
      "href",
      "/missions/12",
    );
    expect(within(agenda).getByText("Pas de DJ")).toBeInTheDocument();
    expect(within(agenda).getByText("Matériel à sortir")).toBeInTheDocument();
    const money = screen.getByTestId("dashboard-money");
    expect(within(money).getByText("1 234,56 €")).toBeInTheDocument();
    expect(within(money).getByText("1 000,00 € le même mois l'an dernier")).toBeInTheDocument();
    expect(within(money).getByRole("link", { name: /F-2027-0005 · Durand/ })).toHaveAttribute(
      "href",
      "/factures/5",
    );
    expect(screen.getByText("Aucun devis en attente de réponse.")).toBeInTheDocument();
    expect(screen.getByText("Tout le matériel est rentré.")).toBeInTheDocument();
    const maintenance = await screen.findByTestId("dashboard-maintenance");
    expect(within(maintenance).getByRole("link", { name: "Lyre Beam 230" })).toHaveAttribute(
      "href",
      "/materiel/7",
    );
    expect(within(maintenance).getByText("en retard depuis le 20/01/2027")).toBeInTheDocument();
    expect(screen.queryByTestId("dashboard-mine")).not.toBeInTheDocument();
  });

  it("shows crew their own missions and no money", async () => {
    renderPage({
      ...office,
      whole_team: false,
      money: null,
      quotes: null,
      late_gear: null,
      maintenance_due: null,
      agenda: [],
      time_off: [
        {
          id: 1,
          starts_at: "2027-02-10T23:00:00.000Z",
          ends_at: "2027-02-12T23:00:00.000Z",
          reason: "Congés",
          source: "manual",
        },
      ],
    });
    expect(
      await screen.findByText("Aucune mission prévue pour vous dans les 30 prochains jours."),
    ).toBeInTheDocument();
    expect(screen.queryByTestId("dashboard-money")).not.toBeInTheDocument();
    expect(screen.queryByTestId("dashboard-quotes")).not.toBeInTheDocument();
    expect(screen.queryByTestId("dashboard-maintenance")).not.toBeInTheDocument();
    const mine = screen.getByTestId("dashboard-mine");
    expect(within(mine).getByText("11/02/2027 → 13/02/2027 · Congés")).toBeInTheDocument();
    expect(document.body.textContent).not.toContain("€");
  });

  it("says when the figures cannot be read, with a retry", async () => {
    renderPage({ error: { code: "FORBIDDEN", message: "Accès refusé.", fields: [] } }, 403);
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByRole("button", { name: "Réessayer" })).toBeInTheDocument();
  });
});
