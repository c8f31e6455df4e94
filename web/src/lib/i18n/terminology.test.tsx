import { act, render, screen } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { TERMINOLOGIES } from "@/lib/terminology";
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
