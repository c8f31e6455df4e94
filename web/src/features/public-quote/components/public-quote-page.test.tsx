import { QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import SignaturePad from "signature_pad";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "@/lib/i18n";
import { createQueryClient } from "@/lib/query-client";
import { isPublicQuoteToken } from "../api/public-quote";
import { PublicQuotePage } from "./public-quote-page";

// jsdom has no canvas: a stand-in pad that "draws" when the test says so.
vi.mock("signature_pad", () => {
  class FakePad extends EventTarget {
    static last: FakePad | null = null;
    constructor() {
      super();
      FakePad.last = this;
    }
    toData() {
      return [];
    }
    fromData() {}
    clear() {}
    on() {}
    off() {}
    toDataURL() {
      return "data:image/png;base64,iVBORw0KGgo=";
    }
  }
  return { default: FakePad };
});

const TOKEN = "a".repeat(64);

const quote = {
  number: "DEV-2026-0001",
  status: "sent",
  title: "Mariage Martin",
  client_name: "Camille Martin",
  client_email: "camille@example.fr",
  seller_name: "DJ Services",
  total_net_cents: 60_000,
  total_vat_cents: 12_000,
  total_gross_cents: 72_000,
  vat_regime: "standard",
  description: "",
  venue_text: "Château de Vaux",
  service_starts_at: "2026-06-12T16:00:00Z",
  service_ends_at: "2026-06-13T01:00:00Z",
  discount_bp: 0,
  discount_cents: 0,
  lines: [
    { kind: "text", description: "Soirée", unit: null, quantity_milli: 0 },
    {
      kind: "service",
      description: "Animation DJ",
      unit: "hour",
      quantity_milli: 6000,
      unit_price_cents: 10_000,
      vat_rate_bp: 2000,
      discount_bp: 0,
      discount_cents: 0,
      net_cents: 60_000,
    },
  ].map((l) => ({
    unit_price_cents: 0,
    vat_rate_bp: 0,
    discount_bp: 0,
    discount_cents: 0,
    net_cents: 0,
    ...l,
  })),
  vat_breakdown: [{ rate_bp: 2000, base_cents: 60_000, discount_cents: 0, vat_cents: 12_000 }],
  deposit_kind: "acompte",
  deposit_bp: 3000,
  deposit_cents: 21_600,
  issue_date: "2026-05-02",
  valid_until: "2026-06-01",
  terms: "Paiement à 30 jours.",
  accepted_at: null,
  declined_at: null,
  decline_reason: null,
  signature: null,
};

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

function renderPage(fetchMock: ReturnType<typeof vi.fn>) {
  vi.stubGlobal("fetch", fetchMock);
  const router = createMemoryRouter([{ path: "/p/devis/:token", Component: PublicQuotePage }], {
    initialEntries: [`/p/devis/${TOKEN}`],
  });
  render(
    <QueryClientProvider client={createQueryClient()}>
      <I18nProvider locale="fr">
        <RouterProvider router={router} />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("PublicQuotePage", () => {
  it("shows the quote, its totals and the deposit", async () => {
    renderPage(vi.fn().mockResolvedValue(json(200, quote)));
    expect(
      await screen.findByRole("heading", { level: 1, name: "Devis n° DEV-2026-0001" }),
    ).toBeInTheDocument();
    expect(screen.getByText("À signer")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 3, name: "Soirée" })).toBeInTheDocument();
    expect(screen.getByText("6 h × 100,00 € · TVA 20 %", { normalizer: plain })).toBeVisible();
    expect(screen.getByText("Total TTC")).toBeInTheDocument();
    expect(screen.getByText("Acompte à la signature (30 %)", { normalizer: plain })).toBeVisible();
    expect(screen.getByRole("link", { name: "Télécharger le PDF" })).toHaveAttribute(
      "href",
      `/api/v1/public/quotes/${TOKEN}/pdf`,
    );
    expect(screen.getByLabelText(/Adresse e-mail/)).toHaveValue("camille@example.fr");
  });

  it("asks for a signature and the consent before sending anything", async () => {
    const fetchMock = vi.fn().mockResolvedValue(json(200, quote));
    renderPage(fetchMock);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Nom et prénom/), "Camille Martin");
    await user.click(screen.getByRole("button", { name: "Signer le devis" }));
    expect(await screen.findByText("Dessinez votre signature dans le cadre.")).toBeVisible();
    expect(screen.getByText("Cochez la case « Bon pour accord » pour signer.")).toBeVisible();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("signs and shows the confirmation", async () => {
    const signed = {
      ...quote,
      status: "accepted",
      accepted_at: "2026-05-03T10:00:00Z",
      signature: {
        signer_name: "Camille Martin",
        signed_at: "2026-05-03T10:00:00Z",
        method: "drawn",
        document_sha256: "ab".repeat(32),
      },
    };
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(json(200, quote))
      .mockResolvedValueOnce(json(200, { status: "accepted", accepted_at: signed.accepted_at }))
      .mockResolvedValue(json(200, signed));
    renderPage(fetchMock);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Nom et prénom/), "Camille Martin");
    expect(screen.getByRole("img", { name: "Zone de signature" })).toBeInTheDocument();
    const pad = (SignaturePad as unknown as { last: EventTarget }).last;
    act(() => {
      pad.dispatchEvent(new Event("endStroke"));
    });
    await user.click(
      screen.getByRole("checkbox", {
        name: "Bon pour accord : j'accepte ce devis et ses conditions",
      }),
    );
    await user.click(screen.getByRole("button", { name: "Signer le devis" }));
    await waitFor(() =>
      expect(screen.getByRole("heading", { name: "Devis signé — merci !" })).toHaveFocus(),
    );
    expect(screen.getByText("Un e-mail de confirmation vous a été envoyé.")).toBeVisible();
    await waitFor(() =>
      expect(screen.getByTestId("public-quote-accepted")).toHaveTextContent(
        "Signé par Camille Martin le 03/05/2026 12:00.",
      ),
    );
    const [, [url, init]] = fetchMock.mock.calls as [unknown, [string, RequestInit]];
    expect(url).toBe(`/api/v1/public/quotes/${TOKEN}/sign`);
    expect(JSON.parse(init.body as string)).toEqual({
      signer_name: "Camille Martin",
      signer_email: "camille@example.fr",
      signature: "data:image/png;base64,iVBORw0KGgo=",
      consent: true,
    });
  });

  it("declines after confirming in a dialog", async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(json(200, quote))
      .mockResolvedValueOnce(json(200, { status: "declined" }))
      .mockResolvedValue(
        json(200, {
          ...quote,
          status: "declined",
          declined_at: "2026-05-03T10:00:00Z",
          decline_reason: "Trop cher",
        }),
      );
    renderPage(fetchMock);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Refuser le devis" }));
    const dialog = screen.getByRole("dialog", { name: "Refuser ce devis ?" });
    await user.type(within(dialog).getByLabelText("Motif (facultatif)"), "Trop cher");
    await user.click(within(dialog).getByRole("button", { name: "Confirmer le refus" }));
    const heading = await screen.findByRole("heading", { name: "Vous avez refusé ce devis" });
    // The outcome takes the focus back from the closed dialog.
    await waitFor(() => expect(heading).toHaveFocus());
    expect(await screen.findByText("Motif : Trop cher")).toBeVisible();
    expect(screen.queryByRole("button", { name: "Signer le devis" })).toBeNull();
  });

  it("says when the link is invalid or replaced", async () => {
    renderPage(
      vi
        .fn()
        .mockResolvedValue(json(404, { error: { code: "NOT_FOUND", message: "Introuvable" } })),
    );
    expect(
      await screen.findByRole("heading", { name: "Lien invalide ou remplacé" }),
    ).toBeInTheDocument();
  });
});

describe("isPublicQuoteToken", () => {
  it("takes Planify's links and the ones the legacy app sent, nothing else", () => {
    expect(isPublicQuoteToken("a".repeat(64))).toBe(true);
    // secrets.token_urlsafe(32): 43 URL-safe characters, kept working by the legacy import.
    expect(isPublicQuoteToken("Zq0yJ3kV9s2WmB7xR4tL8nC1pF6hD5gA0eK2uY7iQ3o")).toBe(true);
    expect(isPublicQuoteToken("abc")).toBe(false);
    expect(isPublicQuoteToken("Zq0yJ3kV9s2WmB7xR4tL8nC1pF6hD5gA0eK2uY7iQ3o/..")).toBe(false);
  });
});

function plain(text: string) {
  return text.replace(/[\u00a0\u202f]/g, " ").trim();
}
