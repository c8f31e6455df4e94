import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "@/lib/i18n";
import { createQueryClient } from "@/lib/query-client";
import { PersonalCalendarCard } from "./calendar-feeds";

const URL_A = `https://planify.example.fr/api/v1/public/calendar/cal_${"a".repeat(64)}.ics`;
const URL_B = `https://planify.example.fr/api/v1/public/calendar/cal_${"b".repeat(64)}.ics`;

function feed(id: number, url: string, fetched: string | null = null) {
  return {
    id,
    scope: "personal",
    statuses: [],
    crew_user_id: null,
    crew_user_name: "",
    url,
    webcal_url: url.replace("https://", "webcal://"),
    created_at: "2027-01-29T09:00:00.000Z",
    last_fetched_at: fetched,
  };
}

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

function renderCard(fetchMock: ReturnType<typeof vi.fn>) {
  vi.stubGlobal("fetch", fetchMock);
  render(
    <QueryClientProvider client={createQueryClient()}>
      <I18nProvider locale="fr">
        <PersonalCalendarCard />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("PersonalCalendarCard", () => {
  it("creates the address when there is none, then shows it with what to do", async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(json(200, { items: [] }))
      .mockResolvedValueOnce(json(201, feed(3, URL_A)))
      .mockResolvedValueOnce(json(200, { items: [feed(3, URL_A)] }));
    renderCard(fetchMock);
    await userEvent.click(
      await screen.findByRole("button", { name: "Créer mon adresse d'abonnement" }),
    );
    expect(await screen.findByLabelText("Adresse d'abonnement")).toHaveValue(URL_A);
    expect(screen.getByText("Pas encore lue par un agenda.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Ouvrir dans mon agenda" })).toHaveAttribute(
      "href",
      URL_A.replace("https://", "webcal://"),
    );
    const [path, init] = fetchMock.mock.calls[1] as [string, RequestInit];
    expect(path).toBe("/api/v1/calendar-feeds");
    expect(init.method).toBe("POST");
    expect(JSON.parse(String(init.body))).toEqual({ scope: "personal" });
  });

  it("changes the link after confirmation and shows the new one", async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(json(200, { items: [feed(3, URL_A, "2027-01-29T10:00:00.000Z")] }))
      .mockResolvedValueOnce(json(200, feed(4, URL_B)))
      .mockResolvedValueOnce(json(200, { items: [feed(4, URL_B)] }));
    renderCard(fetchMock);
    expect(await screen.findByLabelText("Adresse d'abonnement")).toHaveValue(URL_A);
    expect(screen.getByText(/^Lue par un agenda le /)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Changer le lien" }));
    const dialog = await screen.findByRole("alertdialog");
    expect(dialog).toHaveTextContent("L'ancienne adresse cessera aussitôt de fonctionner");
    await userEvent.click(
      screen.getAllByRole("button", { name: "Changer le lien" }).at(-1) as HTMLElement,
    );
    expect(await screen.findByDisplayValue(URL_B)).toBeInTheDocument();
    expect(fetchMock.mock.calls[1]?.[0]).toBe("/api/v1/calendar-feeds/3/rotate");
  });

  it("says what went wrong and retries", async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(
        json(403, { error: { code: "FORBIDDEN", message: "Accès refusé.", fields: [] } }),
      )
      .mockResolvedValueOnce(json(200, { items: [] }));
    renderCard(fetchMock);
    expect(await screen.findByRole("alert")).toHaveTextContent("Accès refusé.");
    await userEvent.click(screen.getByRole("button", { name: "Réessayer" }));
    expect(await screen.findByText("Pas encore d'adresse d'abonnement.")).toBeInTheDocument();
  });
});
