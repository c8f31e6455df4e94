import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "@/lib/i18n";
import { createQueryClient } from "@/lib/query-client";
import { ReportsPage } from "./reports-page";

const zeroMonth = (month: string) => ({
  month,
  invoiced_net_cents: 0,
  credited_net_cents: 0,
  revenue_net_cents: 0,
  vat_cents: 0,
  collected_cents: 0,
  invoices: 0,
});

const report = {
  from: "2027-01-01",
  to: "2027-01-29",
  today: "2027-01-29",
  comparison: {
    kind: "last_year",
    from: "2026-01-01",
    to: "2026-01-29",
    totals: {
      revenue_net_cents: 100000,
      vat_cents: 20000,
      collected_cents: 0,
      invoices: 1,
      average_basket_cents: 100000,
    },
    by_month: [{ ...zeroMonth("2026-01"), revenue_net_cents: 100000, invoiced_net_cents: 100000 }],
  },
  totals: {
    revenue_net_cents: 3110000,
    vat_cents: 0,
    collected_cents: 3100000,
    invoices: 2,
    average_basket_cents: 1555000,
  },
  by_month: [
    {
      month: "2027-01",
      invoiced_net_cents: 3120000,
      credited_net_cents: 10000,
      revenue_net_cents: 3110000,
      vat_cents: 0,
      collected_cents: 3100000,
      invoices: 2,
    },
  ],
  by_client: [{ client_id: 4, name: "=Durand", revenue_net_cents: 3110000, invoices: 2 }],
  by_event_type: [{ event_type: "Mariage", revenue_net_cents: 3110000, invoices: 2 }],
  crew: [{ user_id: 3, name: "Tom", missions: 2, minutes: 2580, revenue_net_cents: 3100000 }],
  equipment: [
    {
      item_id: 9,
      name: 'Enceinte 15"',
      unit_days: 2,
      owned: 4,
      utilisation_bp: 166,
      revenue_net_cents: 10000,
    },
  ],
  quotes: {
    issued: 3,
    accepted: 1,
    declined: 1,
    expired: 0,
    waiting: 1,
    cancelled: 0,
    conversion_bp: 3333,
    average_hours_to_sign: 48,
  },
  bookings: { received: 4, open: 1, won: 2, lost: 1, spam: 1, won_rate_bp: 6666 },
  ageing: ["not_due", "1_30", "31_60", "61_90", "over_90"].map((bucket) => ({
    bucket,
    invoices: bucket === "31_60" ? 1 : 0,
    remaining_cents: bucket === "31_60" ? 12000 : 0,
  })),
  franchise: {
    year: 2027,
    services_cents: 3100000,
    total_cents: 3100000,
    previous_services_cents: 0,
    previous_total_cents: 0,
    status: "approaching",
    previous_status: "ok",
    thresholds: {
      services_base_cents: 3750000,
      services_upper_cents: 4125000,
      total_base_cents: 8500000,
      total_upper_cents: 9350000,
    },
  },
};

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

const ratings = {
  count: 3,
  average_hundredths: 433,
  people: [{ user_id: 4, name: "Zoé Platine", count: 2, average_hundredths: 450 }],
  latest: [
    {
      mission_id: 12,
      mission_title: "Mariage Durand",
      mission_starts_at: "2027-01-09T18:00:00.000Z",
      event_type: "Mariage",
      first_name: "Claire",
      requested_at: "2027-01-10T09:00:00.000Z",
      expires_at: "2027-02-09T09:00:00.000Z",
      submitted_at: "2027-01-11T09:00:00.000Z",
      overall: 5,
      comment: "Parfait",
      public_consent: true,
      crew: [],
    },
  ],
};

// `respond` answers the report; the ratings have their own answer (`rated`).
function renderPage(respond: (path: string) => Response, rated: unknown = ratings) {
  const fetchMock = vi.fn((path: string) =>
    Promise.resolve(path === "/api/v1/ratings" ? json(200, rated) : respond(path)),
  );
  vi.stubGlobal("fetch", fetchMock);
  render(
    <QueryClientProvider client={createQueryClient()}>
      <I18nProvider locale="fr">
        <MemoryRouter>
          <ReportsPage />
        </MemoryRouter>
      </I18nProvider>
    </QueryClientProvider>,
  );
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("ReportsPage", () => {
  it("shows the period's figures, the comparison, the franchise warning and each breakdown", async () => {
    const fetchMock = renderPage(() => json(200, report));
    expect(await screen.findByText("31 100,00 €", { selector: "p" })).toBeInTheDocument();
    expect(fetchMock.mock.calls[0]?.[0]).toBe("/api/v1/reports?compare=last_year");
    // +3 010 % against last year's 1 000 €.
    expect(screen.getByText((text) => text.replace(/\s/g, "") === "+3010%")).toBeInTheDocument();
    expect(screen.getByText("33,3 %", { selector: "p" })).toBeInTheDocument();
    expect(screen.getByText("Seuil bientôt atteint")).toBeInTheDocument();
    expect(screen.getByRole("meter", { name: "Prestations de services" })).toHaveAttribute(
      "aria-valuenow",
      "3100000",
    );
    const crew = screen.getByRole("table", { name: "Par membre de l'équipe" });
    expect(within(crew).getByRole("row", { name: /Tom/ })).toHaveTextContent("43");
    const gear = screen.getByRole("table", { name: "Utilisation du matériel" });
    expect(within(gear).getByRole("row", { name: /Enceinte/ })).toHaveTextContent("1,7 %");
    expect(screen.getByText("2 j")).toBeInTheDocument();
    const bookings = screen.getByTestId("report-bookings");
    expect(within(bookings).getByText("Gagnées").nextSibling).toHaveTextContent("2");
    expect(await screen.findByTestId("ratings-average")).toHaveTextContent("4,3/5 sur 3 note(s)");
    const people = screen.getByRole("table", { name: "Notes par membre de l'équipe" });
    expect(within(people).getByRole("row", { name: /Zoé Platine/ })).toHaveTextContent("4,5/5");
    expect(screen.getByRole("link", { name: "Mariage Durand" })).toHaveAttribute(
      "href",
      "/missions/12",
    );
    expect(
      within(bookings).getByText("Taux de réussite (gagnées / décidées)").nextSibling,
    ).toHaveTextContent("66,7 %");
    const ageing = screen.getByRole("table", { name: "Balance âgée des impayés" });
    expect(within(ageing).getByRole("row", { name: /31 à 60 jours/ })).toHaveTextContent(
      "120,00 €",
    );
    // The period the server chose is shown in the picker.
    expect(screen.getByRole("button", { name: "Du" })).toHaveTextContent("01/01/2027");
    expect(screen.getByRole("combobox", { name: "Période" })).toHaveTextContent("Cette année");
  });

  it("asks the server again for a preset, compared with the previous period", async () => {
    const fetchMock = renderPage(() => json(200, report));
    await screen.findByText("31 100,00 €", { selector: "p" });
    const user = userEvent.setup();
    await user.click(screen.getByRole("combobox", { name: "Comparer avec" }));
    await user.click(await screen.findByRole("option", { name: "Période précédente" }));
    await vi.waitFor(() =>
      expect(fetchMock.mock.calls.map((c) => c[0])).toContain(
        "/api/v1/reports?from=2027-01-01&to=2027-01-29&compare=previous",
      ),
    );
  });

  it("tells a new organisation what fills the page", async () => {
    renderPage(
      () =>
        json(200, {
          ...report,
          comparison: null,
          totals: { ...report.totals, revenue_net_cents: 0, collected_cents: 0, invoices: 0 },
          by_month: [zeroMonth("2027-01")],
          by_client: [],
          by_event_type: [],
          crew: [],
          equipment: [],
          quotes: { ...report.quotes, issued: 0, accepted: 0, declined: 0, waiting: 0 },
          bookings: { received: 0, open: 0, won: 0, lost: 0, spam: 0, won_rate_bp: null },
          ageing: report.ageing.map((a) => ({ ...a, invoices: 0, remaining_cents: 0 })),
          franchise: null,
        }),
      { count: 0, average_hundredths: 0, people: [], latest: [] },
    );
    expect(await screen.findByText("Aucune facture sur cette période")).toBeInTheDocument();
    expect(screen.getByText("Aucun devis envoyé sur cette période.")).toBeInTheDocument();
    expect(screen.getByText("Aucune demande reçue sur cette période.")).toBeInTheDocument();
    expect(await screen.findByText("Aucune note reçue pour le moment.")).toBeInTheDocument();
    expect(screen.getByText("Aucune facture en retard.")).toBeInTheDocument();
    expect(screen.queryByText(/Franchise en base/)).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /CSV — Par client/ })).not.toBeInTheDocument();
  });

  it("shows an error with a retry", async () => {
    renderPage(() =>
      json(403, { error: { code: "FORBIDDEN", message: "Accès refusé.", fields: [] } }),
    );
    expect(await screen.findByRole("button", { name: "Réessayer" })).toBeInTheDocument();
  });
});
