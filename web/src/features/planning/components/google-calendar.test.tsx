import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { authKeys } from "@/features/auth/api/keys";
import { I18nProvider } from "@/lib/i18n";
import { createQueryClient } from "@/lib/query-client";
import { GoogleCalendarCard } from "./google-calendar";

function connection(overrides: Record<string, unknown> = {}) {
  return {
    id: 7,
    provider: "google",
    scope: "personal",
    account_email: "lea@gmail.com",
    calendar_id: "primary",
    import_busy: true,
    status: "active",
    last_error: null,
    last_synced_at: "2027-01-29T10:00:00.000Z",
    busy_synced_at: "2027-01-29T10:01:00.000Z",
    events: 4,
    created_at: "2027-01-29T09:00:00.000Z",
    ...overrides,
  };
}

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

/** Answers by path: the list, and the connect call (recorded). */
function server(list: unknown) {
  const calls: { path: string; init?: RequestInit }[] = [];
  const fetchMock = vi.fn((path: string, init?: RequestInit) => {
    calls.push({ path, init });
    if (path === "/api/v1/google-calendar/connect") {
      return Promise.resolve(json(200, { url: "https://accounts.example/consent?x=1" }));
    }
    return Promise.resolve(json(200, list));
  });
  return { fetchMock, calls };
}

function renderCard(fetchMock: ReturnType<typeof vi.fn>, at = "/profil", planner = false) {
  vi.stubGlobal("fetch", fetchMock);
  const assign = vi.fn();
  vi.stubGlobal("location", { ...window.location, assign });
  const client = createQueryClient();
  client.setQueryData(authKeys.session(), {
    permissions: planner ? ["missions.read_all"] : ["missions.read_own"],
  });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[at]}>
        <I18nProvider locale="fr">
          <GoogleCalendarCard />
        </I18nProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return assign;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("GoogleCalendarCard", () => {
  it("connects with the chosen calendar and busy-time reading, after checking the id", async () => {
    const { fetchMock, calls } = server({ available: true, items: [] });
    const assign = renderCard(fetchMock);
    expect(await screen.findByText("Aucun agenda Google connecté.")).toBeInTheDocument();
    const calendar = screen.getByLabelText("Agenda Google");
    await userEvent.clear(calendar);
    await userEvent.type(calendar, "mon agenda");
    await userEvent.click(screen.getByRole("button", { name: "Connecter Google Agenda" }));
    expect(
      screen.getByText(/Identifiant attendu : « primary » ou une adresse/),
    ).toBeInTheDocument();
    expect(calls.some((c) => c.path.endsWith("/connect"))).toBe(false);

    await userEvent.clear(calendar);
    await userEvent.type(calendar, "famille@group.calendar.google.com");
    await userEvent.click(screen.getByRole("button", { name: "Connecter Google Agenda" }));
    await vi.waitFor(() =>
      expect(assign).toHaveBeenCalledWith("https://accounts.example/consent?x=1"),
    );
    const connect = calls.find((c) => c.path === "/api/v1/google-calendar/connect");
    expect(connect?.init?.method).toBe("POST");
    expect(JSON.parse(String(connect?.init?.body))).toEqual({
      scope: "personal",
      calendar_id: "famille@group.calendar.google.com",
      import_busy: true,
    });
    // Crew are not offered the organisation's calendar.
    expect(screen.queryByText(/Toutes les missions de l'organisation/)).not.toBeInTheDocument();
  });

  it("shows a broken connection's reason and reconnects it as it was", async () => {
    const { fetchMock, calls } = server({
      available: true,
      items: [
        connection({
          status: "broken",
          last_error:
            "Google a refusé l'accès (le renouvellement de l'accès) : reconnectez votre compte Google.",
          import_busy: false,
          calendar_id: "famille@group.calendar.google.com",
        }),
      ],
    });
    const assign = renderCard(fetchMock);
    expect(await screen.findByText("Interrompu")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("reconnectez votre compte Google");
    expect(
      screen.queryByRole("button", { name: "Synchroniser maintenant" }),
    ).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Reconnecter" }));
    await vi.waitFor(() => expect(assign).toHaveBeenCalled());
    const connect = calls.find((c) => c.path === "/api/v1/google-calendar/connect");
    expect(JSON.parse(String(connect?.init?.body))).toEqual({
      scope: "personal",
      calendar_id: "famille@group.calendar.google.com",
      import_busy: false,
    });
  });

  it("says how the consent went and what a working connection does", async () => {
    const { fetchMock } = server({ available: true, items: [connection()] });
    renderCard(fetchMock, "/profil?google=refuse", true);
    expect(await screen.findByText("lea@gmail.com")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("Google a refusé la connexion");
    expect(screen.getByText(/\(4 événement\(s\)\)/)).toBeInTheDocument();
    expect(screen.getByText(/^Créneaux occupés lus le /)).toBeInTheDocument();
    // A planner may still add the organisation's calendar; their personal one is taken.
    expect(screen.getByLabelText("Mes missions, dans mon agenda")).toBeDisabled();
    expect(screen.getByLabelText("Toutes les missions de l'organisation (planning)")).toBeChecked();
  });

  it("tells when the server has no Google configured", async () => {
    const { fetchMock } = server({ available: false, items: [] });
    renderCard(fetchMock);
    expect(await screen.findByText(/n'est pas activé sur ce serveur/)).toBeInTheDocument();
    expect(
      screen.queryByRole("button", { name: "Connecter Google Agenda" }),
    ).not.toBeInTheDocument();
  });
});
