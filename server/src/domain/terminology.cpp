#include "domain/terminology.hpp"

#include <array>
#include <span>
#include <utility>
#include <vector>

namespace planify::domain {

namespace {

struct Word {
  std::string_view key;
  std::string_view fr;  // singular
  std::string_view fr_plural;
  bool feminine;
  bool vowel;  // elision: l'événement, cet événement, d'intervention
  std::string_view en;
  std::string_view en_plural;
  bool en_vowel;  // an event
};

// The first of each list is the default; its forms are the tokens.
constexpr std::array kMissionWords = {
    Word{"missions", "mission", "missions", true, false, "job", "jobs", false},
    Word{"prestations", "prestation", "prestations", true, false, "service", "services", false},
    Word{"evenements", "événement", "événements", false, true, "event", "events", true},
    Word{"locations", "location", "locations", true, false, "rental", "rentals", false},
    Word{"interventions", "intervention", "interventions", true, true, "call-out", "call-outs",
         false},
};
constexpr std::array kClientWords = {
    Word{"clients", "client", "clients", false, false, "client", "clients", false},
    Word{"particuliers", "particulier", "particuliers", false, false, "customer", "customers",
         false},
    Word{"organisateurs", "organisateur", "organisateurs", false, true, "organiser", "organisers",
         true},
    Word{"locataires", "locataire", "locataires", false, false, "renter", "renters", false},
};
constexpr std::array kCrewWords = {
    Word{"techniciens", "technicien", "techniciens", false, false, "technician", "technicians",
         false},
    Word{"regisseurs", "régisseur", "régisseurs", false, false, "stage manager", "stage managers",
         false},
    Word{"intervenants", "intervenant", "intervenants", false, true, "crew member", "crew members",
         false},
    Word{"operateurs", "opérateur", "opérateurs", false, true, "operator", "operators", true},
};

// The tokens of the mission word are in English too "mission" (not the English default "job").
constexpr Word kMissionToken{"", "mission", "missions", true, false, "mission", "missions", false};

const Word& Find(std::span<const Word> words, std::string_view key) {
  for (const auto& w : words) {
    if (w.key == key) return w;
  }
  return words.front();
}

bool Has(std::span<const Word> words, std::string_view key) {
  for (const auto& w : words) {
    if (w.key == key) return true;
  }
  return false;
}

// Upper-cases the first letter (ASCII, "é" → "É", "à" → "À").
std::string Capital(std::string text) {
  if (text.starts_with("\xC3\xA9")) return "\xC3\x89" + text.substr(2);
  if (text.starts_with("\xC3\xA0")) return "\xC3\x80" + text.substr(2);
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  return text;
}

// Every letter upper-cased (ASCII, é and è).
std::string Upper(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\xC3' && i + 1 < text.size() && (text[i + 1] == '\xA9' || text[i + 1] == '\xA8')) {
      out += '\xC3';
      out += static_cast<char>(text[i + 1] - 0x20);
      ++i;
    } else {
      out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
    }
  }
  return out;
}

std::vector<std::string> FrenchForms(const Word& w) {
  const std::string noun(w.fr);
  const std::string plural(w.fr_plural);
  const bool f = w.feminine;
  const bool v = w.vowel;
  return {
      noun,
      plural,
      (v ? "l'" : (f ? "la " : "le ")) + noun,
      "les " + plural,
      (f ? "une " : "un ") + noun,
      (f ? "cette " : (v ? "cet " : "ce ")) + noun,
      (v ? "de l'" : (f ? "de la " : "du ")) + noun,
      (v ? "à l'" : (f ? "à la " : "au ")) + noun,
      (v ? "d'" : "de ") + noun,
      (v ? "d'" : "de ") + plural,
      "des " + plural,
      "aux " + plural,
      (f ? "nouvelle " : (v ? "nouvel " : "nouveau ")) + noun,
      (f ? "aucune " : "aucun ") + noun,
  };
}

std::vector<std::string> EnglishForms(const Word& w) {
  const std::string noun(w.en);
  return {noun, std::string(w.en_plural), (w.en_vowel ? "an " : "a ") + noun, "the " + noun};
}

using Forms = std::vector<std::pair<std::string, std::string>>;

// The forms of `word` keyed by the same forms of `token` (the default word's).
void AddForms(Forms& out, const Word& token, const Word& word, bool english) {
  const auto keys = english ? EnglishForms(token) : FrenchForms(token);
  const auto values = english ? EnglishForms(word) : FrenchForms(word);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    out.emplace_back(keys[i], values[i]);
    out.emplace_back(Capital(keys[i]), Capital(values[i]));
  }
  for (std::size_t i = 0; i < 2; ++i) out.emplace_back(Upper(keys[i]), Upper(values[i]));
}

Forms FormsOf(const Terms& terms, bool english) {
  Forms out;
  const Word& mission = Find(kMissionWords, terms.mission);
  AddForms(out, kMissionToken, mission, english);
  AddForms(out, kClientWords.front(), Find(kClientWords, terms.client), english);
  AddForms(out, kCrewWords.front(), Find(kCrewWords, terms.crew), english);
  if (!english) {
    // The agreement of what is said about a mission: confirmé[[e]], [[Nouvelle]] [[mission]].
    const bool f = mission.feminine;
    const std::string fresh = f ? "nouvelle" : (mission.vowel ? "nouvel" : "nouveau");
    const std::string none = f ? "aucune" : "aucun";
    const std::string pronoun = f ? "elle" : "il";
    out.emplace_back("e", f ? "e" : "");
    out.emplace_back("nouvelle", fresh);
    out.emplace_back("Nouvelle", Capital(fresh));
    out.emplace_back("aucune", none);
    out.emplace_back("Aucune", Capital(none));
    out.emplace_back("elle", pronoun);
    out.emplace_back("Elle", Capital(pronoun));
  }
  return out;
}

}  // namespace

bool IsTerminology(std::string_view terminology) { return Has(kMissionWords, terminology); }
bool IsClientTerminology(std::string_view terminology) { return Has(kClientWords, terminology); }
bool IsCrewTerminology(std::string_view terminology) { return Has(kCrewWords, terminology); }

std::string ApplyTerms(std::string_view text, const Terms& terms, std::string_view locale) {
  if (text.find("[[") == std::string_view::npos) return std::string(text);
  const Forms forms = FormsOf(terms, locale == "en");
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto open = text.find("[[", i);
    if (open == std::string_view::npos) break;
    const auto close = text.find("]]", open + 2);
    if (close == std::string_view::npos) break;
    out.append(text.substr(i, open - i));
    const auto token = text.substr(open + 2, close - open - 2);
    const std::string* form = nullptr;
    for (const auto& [key, value] : forms) {
      if (key == token) {
        form = &value;
        break;
      }
    }
    out += form ? *form : std::string(text.substr(open, close + 2 - open));
    i = close + 2;
  }
  out.append(text.substr(i));
  return out;
}

std::string ApplyTerms(std::string_view text, std::string_view terminology,
                       std::string_view locale) {
  Terms terms;
  terms.mission = std::string(terminology);
  return ApplyTerms(text, terms, locale);
}

}  // namespace planify::domain
