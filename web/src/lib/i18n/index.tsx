import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import { fr } from "./fr";
import type { MessageKey, Messages } from "./fr-pages";
import type { Locale } from "@/lib/format";
import type { Terminology, Words } from "@/lib/terminology";

const STORAGE_KEY = "planify.locale";

// French ships with the first page; English is fetched when chosen (it is as heavy as French
// and most users never need it). Until it has arrived, English falls back to French.
let english: Messages | null = null;

/** Loads the English catalogue (once), and the word forms its [[tokens]] need. */
export async function loadEnglish(): Promise<void> {
  await loadTerminology();
  english ??= (await import("./en")).en;
}

// French beyond the first screen (fr-pages.ts): fetched by the router before any other page.
let frenchPages: Readonly<Record<string, string>> | null = null;

/** Loads the French catalogue of the pages beyond the first screen (once). */
export async function loadFrenchPages(): Promise<void> {
  frenchPages ??= (await import("./fr-pages")).frPages;
}

function french(key: string): string | undefined {
  return (fr as Readonly<Record<string, string>>)[key] ?? frenchPages?.[key];
}

/** Whether a key built at run time (an event's name…) has words in the loaded catalogues. */
export function hasMessage(key: string): key is MessageKey {
  return french(key) !== undefined;
}

// The organisation's words for "mission", "client" and "technicien" ([[tokens]] in the
// catalogues, lib/terminology.ts). The signed-in shell sets them from the session; elsewhere
// they stay the defaults. The forms (lib/terminology.ts) stay off the first page: the default
// French words read as the tokens are written ("[[la mission]]" → "la mission"), so they load
// only for other words or for English.
let terminology: Words = { mission: "missions" };
let terms: typeof import("@/lib/terminology") | null = null;
let rerender: ((next: Words) => void) | undefined;

const isDefault = (words: Words) =>
  words.mission === "missions" &&
  (words.client ?? "clients") === "clients" &&
  (words.crew ?? "techniciens") === "techniciens";

/** Loads the word forms (once); translations re-render with them. */
export async function loadTerminology(): Promise<void> {
  if (terms) return;
  terms = await import("@/lib/terminology");
  rerender?.(terminology);
}

/** Sets the organisation's words (or its mission word alone); every translation re-renders. */
export function setTerminology(next: Words | Terminology): void {
  const words = typeof next === "string" ? { mission: next } : next;
  terminology = words;
  if (!isDefault(words)) void loadTerminology();
  rerender?.(words);
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * Looks a key up in a locale's catalogue, puts in the organisation's word (the current one
 * unless `words` is given) and fills "{name}" placeholders.
 */
export function translate(
  locale: Locale,
  key: MessageKey,
  params?: Record<string, string | number>,
  words: Words | Terminology = terminology,
): string {
  // English falls back to French until it has arrived; a page's key before its catalogue, to
  // the key itself (never an empty text).
  const inEnglish = locale === "en" ? english?.[key] : undefined;
  let template: string = inEnglish ?? french(key) ?? key;
  if (template.includes("[["))
    template = terms
      ? terms.applyTerms(template, terms.termForms(words, inEnglish === undefined ? "fr" : "en"))
      : template.replace(/\[\[([^\]|]*)[^\]]*\]\]/g, "$1");
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

function initialLocale(): Locale {
  const stored = typeof localStorage !== "undefined" ? localStorage.getItem(STORAGE_KEY) : null;
  return stored === "en" || stored === "fr" ? stored : "fr";
}

interface I18nValue {
  loaded: boolean;
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({
  children,
  locale: forced,
}: {
  children: ReactNode;
  locale?: Locale;
}) {
  const [locale, setLocaleState] = useState<Locale>(forced ?? initialLocale);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    if (next === "en" && english === null) {
      void loadEnglish().then(() => setLocaleState(next));
      return;
    }
    setLocaleState(next);
  }, []);
  // English stored from a previous visit: French strings until its catalogue has arrived.
  const [loaded, setLoaded] = useState(english !== null);
  // The word; a new object also when the forms arrive for the same word, to renew `t`.
  const [current, setCurrent] = useState({ words: terminology });
  useEffect(() => {
    rerender = (words) => setCurrent({ words });
    // The shell may have set the word before this effect ran (children's effects run first).
    rerender(terminology);
    return () => {
      rerender = undefined;
    };
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    if (locale === "en" && english === null) void loadEnglish().then(() => setLoaded(true));
  }, [locale]);
  const value = useMemo<I18nValue>(
    // `loaded` renews the value when the English catalogue arrives, `current` when the word or
    // its forms do.
    () => ({
      locale,
      setLocale,
      t: (key, params) => translate(locale, key, params, current.words),
      loaded,
    }),
    [locale, setLocale, loaded, current],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}

export type { MessageKey };
