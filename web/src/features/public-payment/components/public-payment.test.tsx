import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "@/lib/i18n";
import { createQueryClient } from "@/lib/query-client";
import { CheckoutReturnPage } from "./checkout-return-page";
import { PublicInvoicePage } from "./public-invoice-page";

const TOKEN = "b".repeat(64);

const invoice = {
  number: "FAC-2026-0012",
  kind: "standard",
  status: "partially_paid",
  title: "Mariage Martin",
  client_name: "Camille Martin",
  seller_name: "DJ Services",
  total_gross_cents: 72_000,
  prepaid_cents: 21_600,
  credited_cents: 0,
  paid_cents: 10_000,
  amount_due_cents: 40_400,
  issue_date: "2026-06-13",
  due_date: "2026-07-13",
  disputed: false,
  can_pay_online: true,
  payments: [
    {
      number: "PAY-2026-0003",
      method: "bank_transfer",
      amount_cents: 10_000,
      refunded_cents: 0,
      received_on: "2026-06-20",
    },
  ],
};

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

function renderAt(path: string, fetchMock: ReturnType<typeof vi.fn>) {
  vi.stubGlobal("fetch", fetchMock);
  const router = createMemoryRouter(
    [
      { path: "/p/facture/:token", Component: PublicInvoicePage },
      { path: "/paiement/retour/:token", Component: CheckoutReturnPage },
    ],
    { initialEntries: [path] },
  );
  render(
    <QueryClientProvider client={createQueryClient()}>
      <I18nProvider locale="fr">
        <RouterProvider router={router} />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

const plain = (text: string) => text.replace(/\s+/g, " ").trim();

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("PublicInvoicePage", () => {
  it("shows what is left to pay and opens Stripe's page for it", async () => {
    const assign = vi.fn();
    vi.stubGlobal("location", { ...window.location, assign });
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(json(200, invoice))
      .mockResolvedValueOnce(
        json(201, { url: "https://checkout.stripe.com/c/pay/cs_1", amount_cents: 40_400 }),
      );
    renderAt(`/p/facture/${TOKEN}`, fetchMock);
    expect(
      await screen.findByRole("heading", { level: 1, name: "Facture FAC-2026-0012" }),
    ).toBeInTheDocument();
    expect(screen.getByText("Reste à payer")).toBeInTheDocument();
    expect(screen.getByText("100,00 € le 20/06/2026", { normalizer: plain })).toBeVisible();
    await userEvent.setup().click(screen.getByRole("button", { name: /Payer en ligne/ }));
    expect(fetchMock).toHaveBeenLastCalledWith(
      `/api/v1/public/invoices/${TOKEN}/checkout`,
      expect.objectContaining({ method: "POST" }),
    );
    await vi.waitFor(() =>
      expect(assign).toHaveBeenCalledWith("https://checkout.stripe.com/c/pay/cs_1"),
    );
  });

  it("offers no online payment when the seller takes none, and none once paid", async () => {
    renderAt(
      `/p/facture/${TOKEN}`,
      vi.fn().mockResolvedValue(json(200, { ...invoice, can_pay_online: false })),
    );
    expect(await screen.findByText(/n'est pas proposé pour cette facture/)).toBeVisible();
    expect(screen.queryByRole("button", { name: /Payer en ligne/ })).toBeNull();
  });

  it("says the link is invalid for an unknown token", async () => {
    renderAt(
      `/p/facture/${TOKEN}`,
      vi
        .fn()
        .mockResolvedValue(
          json(404, { error: { code: "NOT_FOUND", message: "Facture introuvable.", fields: [] } }),
        ),
    );
    expect(await screen.findByRole("heading", { name: "Lien invalide" })).toBeVisible();
  });
});

describe("CheckoutReturnPage", () => {
  it("waits for Stripe's confirmation, then says the payment was received", async () => {
    const state = {
      status: "open",
      purpose: "deposit",
      amount_cents: 21_600,
      document_number: "DEV-2026-0001",
      organization_name: "DJ Services",
      failure_reason: null,
    };
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(json(200, state))
      .mockResolvedValue(json(200, { ...state, status: "paid" }));
    renderAt(`/paiement/retour/${TOKEN}`, fetchMock);
    expect(
      await screen.findByRole("heading", { name: "Paiement en cours de confirmation" }),
    ).toBeVisible();
    expect(
      await screen.findByRole("heading", { name: "Paiement reçu — merci !" }, { timeout: 5000 }),
    ).toBeVisible();
    expect(screen.getByText(/acompte du devis DEV-2026-0001/)).toBeVisible();
  });
});
