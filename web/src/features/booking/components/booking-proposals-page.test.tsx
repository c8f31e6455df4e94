import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "@/lib/i18n";
import { createQueryClient } from "@/lib/query-client";
import BookingProposalsPage from "./booking-proposals-page";

const proposal = {
  id: 7,
  reference: "DEM-00007",
  event_type: "Mariage",
  starts_at: "2027-06-12T17:00:00.000Z",
  ends_at: "2027-06-13T00:00:00.000Z",
  place: "Château de Montplaisir, Lyon",
  guests: 120,
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

function renderPage(respond: (path: string, init?: RequestInit) => Response) {
  const fetchMock = vi.fn((path: string, init?: RequestInit) =>
    Promise.resolve(respond(path, init)),
  );
  vi.stubGlobal("fetch", fetchMock);
  render(
    <QueryClientProvider client={createQueryClient()}>
      <I18nProvider locale="fr">
        <BookingProposalsPage />
      </I18nProvider>
    </QueryClientProvider>,
  );
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("BookingProposalsPage", () => {
  it("shows a proposed date and sends the performer's answer", async () => {
    let answered = false;
    const fetchMock = renderPage((path) => {
      if (path.endsWith("/answer")) {
        answered = true;
        return json(200, { id: 7, performer_answer: "accepted" });
      }
      return json(200, { items: answered ? [] : [proposal] });
    });
    expect(await screen.findByText("Mariage · DEM-00007")).toBeInTheDocument();
    expect(screen.getByText("Château de Montplaisir, Lyon")).toBeInTheDocument();
    expect(screen.getByText("120 invités")).toBeInTheDocument();
    // Paris time: 19:00 on 12 June, until 02:00.
    expect(screen.getByText(/12\/06\/2027.*19:00.*02:00/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Je suis disponible" }));
    await waitFor(() =>
      expect(fetchMock).toHaveBeenCalledWith(
        "/api/v1/booking-proposals/7/answer",
        expect.objectContaining({ method: "POST", body: JSON.stringify({ answer: "accept" }) }),
      ),
    );
    expect(await screen.findByText("Aucune date à confirmer")).toBeInTheDocument();
  });

  it("says when the list cannot load", async () => {
    renderPage(() =>
      json(403, { error: { code: "FORBIDDEN", message: "Accès refusé.", fields: [] } }),
    );
    expect(await screen.findByRole("alert")).toBeInTheDocument();
    expect(screen.queryByText("Aucune date à confirmer")).not.toBeInTheDocument();
  });
});
