import { act, render, screen } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_TERMINOLOGIES, CREW_TERMINOLOGIES, TERMINOLOGIES } from "@/lib/terminology";
import { en } from "./en";
import { fr as core } from "./fr";
import { frPages } from "./fr-pages";
import {
  I18nProvider,
  loadTerminology,
  setTerminology,
  translate,
  useI18n,
  type MessageKey,
} from "./index";

const keys = Object.keys({ ...core, ...frPages }) as MessageKey[];

function Title() {
  const { t } = useI18n();
  return <h1>{t("missions.new")}</h1>;
}

afterEach(() => setTerminology("missions"));

beforeAll(async () => {
  await loadTerminology();
});

describe("the organisation's word in the catalogues", () => {
  it("reads as before with the default word", () => {
    expect(translate("fr", "missions.new")).toBe("Nouvelle mission");
    expect(translate("fr", "missions.status.confirmed")).toBe("Confirmée");
    expect(translate("fr", "dashboard.weekEmpty")).toBe("Aucune mission cette semaine.");
    expect(translate("fr", "search.placeholder")).toBe("Un client, une mission, une facture…");
    expect(translate("en", "search.placeholder")).toBe("A client, a job, an invoice…");
  });

  it.each(TERMINOLOGIES)("leaves no token unresolved for %s, in French and English", (word) => {
    for (const key of keys) {
      expect(translate("fr", key, undefined, word), key).not.toContain("[[");
      expect(translate("en", key, undefined, word), key).not.toContain("[[");
    }
  });

  it.each(CLIENT_TERMINOLOGIES.map((client, i) => [client, CREW_TERMINOLOGIES[i]!] as const))(
    "leaves no token unresolved with the client word %s and the crew word %s",
    (client, crew) => {
      const words = { mission: "evenements", client, crew } as const;
      for (const key of keys) {
        expect(translate("fr", key, undefined, words), key).not.toContain("[[");
        expect(translate("en", key, undefined, words), key).not.toContain("[[");
      }
    },
  );

  it("says the client's and the technician's words with their articles", () => {
    const words = { mission: "missions", client: "organisateurs", crew: "regisseurs" } as const;
    expect(translate("fr", "nav.clients", undefined, words)).toBe("Organisateurs");
    expect(translate("fr", "clients.new", undefined, words)).toBe("Nouvel organisateur");
    expect(translate("fr", "clients.erase", undefined, words)).toBe("Effacer cet organisateur");
    expect(translate("fr", "clients.kind", undefined, words)).toBe("Type d'organisateur");
    expect(translate("fr", "documents.clientAnswer", undefined, words)).toBe(
      "Réponse de l'organisateur",
    );
    expect(translate("fr", "role.technician", undefined, words)).toBe("Régisseur");
    expect(translate("fr", "missions.notesHelp", undefined, words)).toBe(
      "Jamais montrées aux DJ et régisseurs.",
    );
    expect(
      translate("fr", "clients.noMission", { x: 1 }, { ...words, mission: "evenements" }),
    ).toBe("Aucun événement pour cet organisateur.");
    const renters = { mission: "missions", client: "locataires", crew: "intervenants" } as const;
    expect(translate("en", "clients.new", undefined, renters)).toBe("New renter");
    expect(translate("en", "documents.pickClient", undefined, renters)).toBe("Choose a renter");
    expect(translate("en", "missions.position.technician", undefined, renters)).toBe("Crew member");
    // Values put into a text are never rewritten.
    expect(translate("fr", "clients.created", { name: "[[client]]" }, words)).toBe(
      "Organisateur « [[client]] » créé.",
    );
  });

  it("writes only English tokens in the English catalogue", () => {
    const tokens =
      Object.values(en)
        .join(" ")
        .match(/\[\[[^\]]+\]\]/g) ?? [];
    expect(new Set(tokens)).toEqual(
      new Set([
        "[[mission]]",
        "[[missions]]",
        "[[Mission]]",
        "[[Missions]]",
        "[[a mission]]",
        "[[the mission]]",
        "[[The mission]]",
        "[[client]]",
        "[[clients]]",
        "[[Client]]",
        "[[Clients]]",
        "[[a client]]",
        "[[A client]]",
        "[[the client]]",
        "[[The client]]",
        "[[technicians]]",
        "[[Technician]]",
        "[[The technician]]",
      ]),
    );
  });

  it("agrees and elides with another word", () => {
    expect(translate("fr", "missions.new", undefined, "evenements")).toBe("Nouvel événement");
    expect(translate("fr", "missions.status.confirmed", undefined, "evenements")).toBe("Confirmé");
    expect(translate("fr", "booking.openMission", undefined, "evenements")).toBe(
      "Ouvrir l'événement",
    );
    expect(translate("fr", "googleCalendar.scopeOrganization", undefined, "evenements")).toBe(
      "Tous les événements",
    );
    expect(translate("fr", "missions.saved", { title: "[[x]]" }, "interventions")).toBe(
      "Intervention « [[x]] » enregistrée.",
    );
    expect(translate("en", "missions.new", undefined, "evenements")).toBe("New event");
    expect(translate("en", "search.placeholder", undefined, "evenements")).toBe(
      "A client, an event, an invoice…",
    );
  });

  it("re-renders the provider's texts when the word is set", () => {
    render(
      <I18nProvider locale="fr">
        <Title />
      </I18nProvider>,
    );
    expect(screen.getByRole("heading", { name: "Nouvelle mission" })).toBeInTheDocument();
    act(() => setTerminology("evenements"));
    expect(screen.getByRole("heading", { name: "Nouvel événement" })).toBeInTheDocument();
    expect(translate("fr", "missions.new")).toBe("Nouvel événement");
  });
});
