// The organisation's own word for "mission". Catalogue strings name it with [[tokens]] (see
// termForms) so French articles, elision and agreement follow the chosen noun. This file ships
// with the first screen: a compact table, no dependency.

export const TERMINOLOGIES = [
  "missions",
  "prestations",
  "evenements",
  "locations",
  "interventions",
] as const;
export type Terminology = (typeof TERMINOLOGIES)[number];

// French singular, masculine?, English singular (the English app has always said "job" for the
// default). Every plural adds an "s". The server's table (domain/terminology.cpp) is the same.
const NOUNS: Record<Terminology, [string, boolean, string]> = {
  missions: ["mission", false, "job"],
  prestations: ["prestation", false, "service"],
  evenements: ["événement", true, "event"],
  locations: ["location", false, "rental"],
  interventions: ["intervention", false, "call-out"],
};

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The value of every token for a terminology. French: [[mission]] [[missions]] [[la mission]]
 * [[les missions]] [[une mission]] [[cette mission]] [[de la mission]] [[à la mission]]
 * [[de mission]] [[de missions]] [[des missions]] [[e]] (feminine agreement) [[nouvelle]]
 * [[aucune]] [[elle]]; English: [[mission]] [[missions]] [[a mission]] [[the mission]]. Each
 * also capitalised ([[Mission]], [[La mission]]…).
 */
export function termForms(terminology: Terminology, locale: "fr" | "en"): Record<string, string> {
  const [french, masculine, english] = NOUNS[terminology];
  return nounForms(locale === "fr" ? french : english, masculine, locale);
}

/** The tokens' values for any noun whose plural adds an "s" (termForms). */
export function nounForms(
  noun: string,
  masculine: boolean,
  locale: "fr" | "en",
): Record<string, string> {
  const plural = noun + "s";
  const vowel = /^[aeiouéè]/i.test(noun);
  const forms: Record<string, string> =
    locale === "en"
      ? {
          mission: noun,
          missions: plural,
          "a mission": (vowel ? "an " : "a ") + noun,
          "the mission": "the " + noun,
        }
      : {
          mission: noun,
          missions: plural,
          "la mission": (vowel ? "l'" : masculine ? "le " : "la ") + noun,
          "les missions": "les " + plural,
          "une mission": (masculine ? "un " : "une ") + noun,
          "cette mission": (masculine ? (vowel ? "cet " : "ce ") : "cette ") + noun,
          "de la mission": (vowel ? "de l'" : masculine ? "du " : "de la ") + noun,
          "à la mission": (vowel ? "à l'" : masculine ? "au " : "à la ") + noun,
          "de mission": (vowel ? "d'" : "de ") + noun,
          "de missions": (vowel ? "d'" : "de ") + plural,
          "des missions": "des " + plural,
          e: masculine ? "" : "e",
          nouvelle: masculine ? (vowel ? "nouvel" : "nouveau") : "nouvelle",
          aucune: masculine ? "aucun" : "aucune",
          elle: masculine ? "il" : "elle",
        };
  for (const [token, value] of Object.entries(forms))
    forms[capitalise(token)] ??= capitalise(value);
  return forms;
}

/**
 * Replaces every [[token]] of a catalogue string. [[feminine|masculine]] picks by the noun's
 * gender (French only: [[Toutes|Tous]] [[les missions]]). An unknown token stays as written.
 */
export function applyTerms(text: string, forms: Record<string, string>): string {
  return text.replace(/\[\[([^\]]+)\]\]/g, (whole, token: string) => {
    const choice = token.split("|");
    if (choice.length === 2) return (forms.e ? choice[0] : choice[1]) ?? whole;
    return forms[token] ?? whole;
  });
}
