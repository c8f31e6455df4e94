// The organisation's own words: for "mission", for "client" and for "technicien" (the crew role
// and position). Catalogue strings name them with [[tokens]] (see termForms) so French articles,
// elision and agreement follow the chosen noun. Loaded on demand (lib/i18n): a compact table, no
// dependency. The server's tables (domain/terminology.cpp) are the same.

export const TERMINOLOGIES = [
  "missions",
  "prestations",
  "evenements",
  "locations",
  "interventions",
] as const;
export type Terminology = (typeof TERMINOLOGIES)[number];

export const CLIENT_TERMINOLOGIES = [
  "clients",
  "particuliers",
  "organisateurs",
  "locataires",
] as const;
export type ClientTerminology = (typeof CLIENT_TERMINOLOGIES)[number];

export const CREW_TERMINOLOGIES = [
  "techniciens",
  "regisseurs",
  "intervenants",
  "operateurs",
] as const;
export type CrewTerminology = (typeof CREW_TERMINOLOGIES)[number];

/** The organisation's three words (the client and crew words default to "clients", "techniciens"). */
export interface Words {
  mission: Terminology;
  client?: ClientTerminology;
  crew?: CrewTerminology;
}

// French singular, masculine?, English singular. Every plural adds an "s".
type Noun = [string, boolean, string];

const MISSION_NOUNS: Record<Terminology, Noun> = {
  // The English app has always said "job" for the default.
  missions: ["mission", false, "job"],
  prestations: ["prestation", false, "service"],
  evenements: ["événement", true, "event"],
  locations: ["location", false, "rental"],
  interventions: ["intervention", false, "call-out"],
};
const CLIENT_NOUNS: Record<ClientTerminology, Noun> = {
  clients: ["client", true, "client"],
  particuliers: ["particulier", true, "customer"],
  organisateurs: ["organisateur", true, "organiser"],
  locataires: ["locataire", true, "renter"],
};
const CREW_NOUNS: Record<CrewTerminology, Noun> = {
  techniciens: ["technicien", true, "technician"],
  regisseurs: ["régisseur", true, "stage manager"],
  intervenants: ["intervenant", true, "crew member"],
  operateurs: ["opérateur", true, "operator"],
};

// What the tokens say: the default word's forms (the mission's in English is "mission").
const MISSION_TOKEN: Noun = ["mission", false, "mission"];
const CLIENT_TOKEN = CLIENT_NOUNS.clients;
const CREW_TOKEN = CREW_NOUNS.techniciens;

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A noun's forms, in a fixed order: the tokens are the default word's. */
function forms(noun: string, masculine: boolean, locale: "fr" | "en"): string[] {
  const plural = noun + "s";
  const vowel = /^[aeiouéè]/i.test(noun);
  if (locale === "en") return [noun, plural, (vowel ? "an " : "a ") + noun, "the " + noun];
  return [
    noun,
    plural,
    (vowel ? "l'" : masculine ? "le " : "la ") + noun,
    "les " + plural,
    (masculine ? "un " : "une ") + noun,
    (masculine ? (vowel ? "cet " : "ce ") : "cette ") + noun,
    (vowel ? "de l'" : masculine ? "du " : "de la ") + noun,
    (vowel ? "à l'" : masculine ? "au " : "à la ") + noun,
    (vowel ? "d'" : "de ") + noun,
    (vowel ? "d'" : "de ") + plural,
    "des " + plural,
    "aux " + plural,
    (masculine ? (vowel ? "nouvel " : "nouveau ") : "nouvelle ") + noun,
    (masculine ? "aucun " : "aucune ") + noun,
  ];
}

/** Adds `noun`'s forms keyed by the same forms of `token` (and capitalised, and upper-cased). */
function addForms(
  out: Record<string, string>,
  token: Noun,
  [french, masculine, english]: Noun,
  locale: "fr" | "en",
) {
  const keys = forms(locale === "fr" ? token[0] : token[2], token[1], locale);
  const values = forms(locale === "fr" ? french : english, masculine, locale);
  keys.forEach((key, i) => {
    const value = values[i] ?? "";
    out[key] = value;
    out[capitalise(key)] ??= capitalise(value);
    if (i < 2) out[key.toUpperCase()] = value.toUpperCase();
  });
}

/**
 * The tokens' values for the mission word `noun` (its plural adds an "s"): [[mission]]
 * [[missions]] [[la mission]] [[les missions]] [[une mission]] [[cette mission]]
 * [[de la mission]] [[à la mission]] [[de mission]] [[de missions]] [[des missions]]
 * [[aux missions]] [[nouvelle mission]] [[aucune mission]], the agreement of what is said of it
 * [[e]] [[nouvelle]] [[aucune]] [[elle]]; English: [[mission]] [[missions]] [[a mission]]
 * [[the mission]]. Each also capitalised ([[Mission]], [[La mission]]…).
 */
export function nounForms(
  noun: string,
  masculine: boolean,
  locale: "fr" | "en",
): Record<string, string> {
  const out: Record<string, string> = {};
  addForms(out, MISSION_TOKEN, [noun, masculine, noun], locale);
  if (locale === "fr") {
    const vowel = /^[aeiouéè]/i.test(noun);
    const agreement: Record<string, string> = {
      e: masculine ? "" : "e",
      nouvelle: masculine ? (vowel ? "nouvel" : "nouveau") : "nouvelle",
      aucune: masculine ? "aucun" : "aucune",
      elle: masculine ? "il" : "elle",
    };
    for (const [token, value] of Object.entries(agreement)) {
      out[token] = value;
      out[capitalise(token)] ??= capitalise(value);
    }
  }
  return out;
}

/**
 * The value of every token for the organisation's words (or the mission word alone): the
 * mission's (nounForms), the client's ([[client]] [[le client]] [[du client]] [[ce client]]
 * [[nouveau client]] [[CLIENT]]…) and the technician's ([[technicien]] [[le technicien]]…;
 * English [[technician]] [[a technician]]…).
 */
export function termForms(words: Words | Terminology, locale: "fr" | "en"): Record<string, string> {
  const {
    mission,
    client = "clients",
    crew = "techniciens",
  } = typeof words === "string" ? { mission: words } : words;
  const [french, masculine, english] = MISSION_NOUNS[mission];
  const out = nounForms(locale === "fr" ? french : english, masculine, locale);
  addForms(out, CLIENT_TOKEN, CLIENT_NOUNS[client], locale);
  addForms(out, CREW_TOKEN, CREW_NOUNS[crew], locale);
  return out;
}

/**
 * Replaces every [[token]] of a catalogue string. [[feminine|masculine]] picks by the mission
 * noun's gender (French only: [[Toutes|Tous]] [[les missions]]). An unknown token stays as
 * written.
 */
export function applyTerms(text: string, forms: Record<string, string>): string {
  return text.replace(/\[\[([^\]]+)\]\]/g, (whole, token: string) => {
    const choice = token.split("|");
    if (choice.length === 2) return (forms.e ? choice[0] : choice[1]) ?? whole;
    return forms[token] ?? whole;
  });
}
