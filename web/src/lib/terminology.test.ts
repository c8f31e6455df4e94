import { describe, expect, it } from "vitest";
import { applyTerms, nounForms, termForms, TERMINOLOGIES, type Terminology } from "./terminology";

const FRENCH_TOKENS = [
  "mission",
  "missions",
  "Mission",
  "Missions",
  "la mission",
  "La mission",
  "les missions",
  "Les missions",
  "une mission",
  "Une mission",
  "cette mission",
  "Cette mission",
  "de la mission",
  "à la mission",
  "de mission",
  "de missions",
  "des missions",
  "e",
  "nouvelle",
  "Nouvelle",
  "aucune",
  "Aucune",
  "elle",
  "Elle",
] as const;

// Each terminology's French forms, in the order of FRENCH_TOKENS.
const FRENCH: Record<Terminology, string[]> = {
  missions: [
    "mission",
    "missions",
    "Mission",
    "Missions",
    "la mission",
    "La mission",
    "les missions",
    "Les missions",
    "une mission",
    "Une mission",
    "cette mission",
    "Cette mission",
    "de la mission",
    "à la mission",
    "de mission",
    "de missions",
    "des missions",
    "e",
    "nouvelle",
    "Nouvelle",
    "aucune",
    "Aucune",
    "elle",
    "Elle",
  ],
  prestations: [
    "prestation",
    "prestations",
    "Prestation",
    "Prestations",
    "la prestation",
    "La prestation",
    "les prestations",
    "Les prestations",
    "une prestation",
    "Une prestation",
    "cette prestation",
    "Cette prestation",
    "de la prestation",
    "à la prestation",
    "de prestation",
    "de prestations",
    "des prestations",
    "e",
    "nouvelle",
    "Nouvelle",
    "aucune",
    "Aucune",
    "elle",
    "Elle",
  ],
  evenements: [
    "événement",
    "événements",
    "Événement",
    "Événements",
    "l'événement",
    "L'événement",
    "les événements",
    "Les événements",
    "un événement",
    "Un événement",
    "cet événement",
    "Cet événement",
    "de l'événement",
    "à l'événement",
    "d'événement",
    "d'événements",
    "des événements",
    "",
    "nouvel",
    "Nouvel",
    "aucun",
    "Aucun",
    "il",
    "Il",
  ],
  locations: [
    "location",
    "locations",
    "Location",
    "Locations",
    "la location",
    "La location",
    "les locations",
    "Les locations",
    "une location",
    "Une location",
    "cette location",
    "Cette location",
    "de la location",
    "à la location",
    "de location",
    "de locations",
    "des locations",
    "e",
    "nouvelle",
    "Nouvelle",
    "aucune",
    "Aucune",
    "elle",
    "Elle",
  ],
  interventions: [
    "intervention",
    "interventions",
    "Intervention",
    "Interventions",
    "l'intervention",
    "L'intervention",
    "les interventions",
    "Les interventions",
    "une intervention",
    "Une intervention",
    "cette intervention",
    "Cette intervention",
    "de l'intervention",
    "à l'intervention",
    "d'intervention",
    "d'interventions",
    "des interventions",
    "e",
    "nouvelle",
    "Nouvelle",
    "aucune",
    "Aucune",
    "elle",
    "Elle",
  ],
};

const ENGLISH: Record<Terminology, [string, string, string, string]> = {
  missions: ["job", "jobs", "a job", "the job"],
  prestations: ["service", "services", "a service", "the service"],
  evenements: ["event", "events", "an event", "the event"],
  locations: ["rental", "rentals", "a rental", "the rental"],
  interventions: ["call-out", "call-outs", "a call-out", "the call-out"],
};

const fr = (terminology: Terminology, text: string) =>
  applyTerms(text, termForms(terminology, "fr"));

describe("terminology", () => {
  it.each(TERMINOLOGIES)("gives every French token for %s", (terminology) => {
    const forms = termForms(terminology, "fr");
    FRENCH_TOKENS.forEach((token, i) => {
      expect(forms[token], token).toBe(FRENCH[terminology][i]);
      expect(fr(terminology, `[[${token}]]`), token).toBe(FRENCH[terminology][i]);
    });
  });

  it.each(TERMINOLOGIES)("gives every English token for %s", (terminology) => {
    const [noun, plural, a, the] = ENGLISH[terminology];
    const en = (text: string) => applyTerms(text, termForms(terminology, "en"));
    expect(en("[[mission]]|[[missions]]|[[a mission]]|[[the mission]]")).toBe(
      `${noun}|${plural}|${a}|${the}`,
    );
    const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
    expect(en("[[Mission]]|[[Missions]]|[[A mission]]|[[The mission]]")).toBe(
      [noun, plural, a, the].map(capital).join("|"),
    );
  });

  it("elides and agrees before a vowel and with a masculine noun", () => {
    expect(fr("evenements", "Ouvrir [[la mission]]")).toBe("Ouvrir l'événement");
    expect(fr("evenements", "[[Cette mission]] est confirmé[[e]]")).toBe(
      "Cet événement est confirmé",
    );
    expect(fr("interventions", "Fiche [[de mission]]")).toBe("Fiche d'intervention");
    expect(fr("evenements", "[[Nouvelle]] [[mission]]")).toBe("Nouvel événement");
    expect(fr("evenements", "[[Aucune]] [[mission]] cette semaine.")).toBe(
      "Aucun événement cette semaine.",
    );
    expect(fr("evenements", "la veille [[de la mission]]")).toBe("la veille de l'événement");
    expect(fr("interventions", "[[Nouvelle]] [[mission]] · [[Une mission]] prévu[[e]]s")).toBe(
      "Nouvelle intervention · Une intervention prévues",
    );
  });

  it("picks the feminine or masculine form of [[a|b]]", () => {
    expect(fr("missions", "[[Toutes|Tous]] [[les missions]]")).toBe("Toutes les missions");
    expect(fr("evenements", "[[Toutes|Tous]] [[les missions]]")).toBe("Tous les événements");
  });

  it("builds masculine forms before a consonant too", () => {
    // No terminology has such a noun yet; the rules are the general French ones.
    const text =
      "[[la mission]]|[[de la mission]]|[[à la mission]]|[[cette mission]]|[[Nouvelle]]|[[une mission]]|[[de mission]]";
    expect(applyTerms(text, nounForms("spectacle", true, "fr"))).toBe(
      "le spectacle|du spectacle|au spectacle|ce spectacle|Nouveau|un spectacle|de spectacle",
    );
  });

  it("says the client's and the technician's words, with their elision", () => {
    const text =
      "[[Nouveau client]]|[[le client]]|[[du client]]|[[au client]]|[[ce client]]|[[de client]]|[[Aucun client]]|[[CLIENT]]|[[Le technicien]]|[[aux techniciens]]";
    expect(applyTerms(text, termForms({ mission: "missions" }, "fr"))).toBe(
      "Nouveau client|le client|du client|au client|ce client|de client|Aucun client|CLIENT|Le technicien|aux techniciens",
    );
    expect(
      applyTerms(
        text,
        termForms({ mission: "missions", client: "organisateurs", crew: "operateurs" }, "fr"),
      ),
    ).toBe(
      "Nouvel organisateur|l'organisateur|de l'organisateur|à l'organisateur|cet organisateur|d'organisateur|Aucun organisateur|ORGANISATEUR|L'opérateur|aux opérateurs",
    );
    expect(
      applyTerms(
        "[[Le client]] [[du technicien]] [[TECHNICIEN]]",
        termForms({ mission: "missions", client: "particuliers", crew: "regisseurs" }, "fr"),
      ),
    ).toBe("Le particulier du régisseur RÉGISSEUR");
    expect(
      applyTerms(
        "[[A client]]|[[the client]]|[[Technicians]]|[[a technician]]",
        termForms({ mission: "missions", client: "organisateurs", crew: "regisseurs" }, "en"),
      ),
    ).toBe("An organiser|the organiser|Stage managers|a stage manager");
  });

  it("leaves text without tokens, and unknown tokens, unchanged", () => {
    const forms = termForms("evenements", "fr");
    const text = "Mission « {title} » enregistrée. [x] [[";
    expect(applyTerms(text, forms)).toBe(text);
    expect(applyTerms("[[inconnu]]", forms)).toBe("[[inconnu]]");
  });
});
