#include "domain/terminology.hpp"

#include <array>
#include <optional>

namespace planify::domain {

namespace {

struct Noun {
  std::string_view key;
  std::string_view fr;  // singular
  std::string_view fr_plural;
  bool feminine;
  bool vowel;  // elision: l'événement, cet événement, d'intervention
  std::string_view en;
  std::string_view en_plural;
  bool en_vowel;  // an event
};

constexpr std::array kNouns = {
    Noun{"missions", "mission", "missions", true, false, "job", "jobs", false},
    Noun{"prestations", "prestation", "prestations", true, false, "service", "services", false},
    Noun{"evenements", "événement", "événements", false, true, "event", "events", true},
    Noun{"locations", "location", "locations", true, false, "rental", "rentals", false},
    Noun{"interventions", "intervention", "interventions", true, true, "call-out", "call-outs",
         false},
};

const Noun& NounOf(std::string_view terminology) {
  for (const auto& n : kNouns) {
    if (n.key == terminology) return n;
  }
  return kNouns[0];
}

// Upper-cases the first letter (ASCII, or "é" → "É").
std::string Capital(std::string text) {
  if (text.starts_with("\xC3\xA9")) return "\xC3\x89" + text.substr(2);
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  return text;
}

std::optional<std::string> French(std::string_view token, const Noun& n) {
  const std::string noun(n.fr);
  const std::string plural(n.fr_plural);
  const std::string the = n.vowel ? "l'" + noun : (n.feminine ? "la " : "le ") + noun;
  const std::string of = n.vowel ? "de l'" + noun : (n.feminine ? "de la " : "du ") + noun;
  const std::string to = n.vowel ? "à l'" + noun : (n.feminine ? "à la " : "au ") + noun;
  const std::string one = (n.feminine ? "une " : "un ") + noun;
  const std::string this_one = (n.feminine ? "cette " : (n.vowel ? "cet " : "ce ")) + noun;
  const std::string fresh = n.feminine ? "nouvelle" : (n.vowel ? "nouvel" : "nouveau");
  const std::string none = n.feminine ? "aucune" : "aucun";
  const std::string pronoun = n.feminine ? "elle" : "il";
  if (token == "mission") return noun;
  if (token == "missions") return plural;
  if (token == "Mission") return Capital(noun);
  if (token == "Missions") return Capital(plural);
  if (token == "la mission") return the;
  if (token == "La mission") return Capital(the);
  if (token == "les missions") return "les " + plural;
  if (token == "Les missions") return "Les " + plural;
  if (token == "une mission") return one;
  if (token == "Une mission") return Capital(one);
  if (token == "cette mission") return this_one;
  if (token == "Cette mission") return Capital(this_one);
  if (token == "de la mission") return of;
  if (token == "à la mission") return to;
  if (token == "de mission") return (n.vowel ? "d'" : "de ") + noun;
  if (token == "des missions") return "des " + plural;
  if (token == "e") return n.feminine ? "e" : "";
  if (token == "nouvelle") return fresh;
  if (token == "Nouvelle") return Capital(fresh);
  if (token == "aucune") return none;
  if (token == "Aucune") return Capital(none);
  if (token == "elle") return pronoun;
  if (token == "Elle") return Capital(pronoun);
  return std::nullopt;
}

std::optional<std::string> English(std::string_view token, const Noun& n) {
  const std::string noun(n.en);
  const std::string plural(n.en_plural);
  const std::string one = (n.en_vowel ? "an " : "a ") + noun;
  if (token == "mission") return noun;
  if (token == "missions") return plural;
  if (token == "Mission") return Capital(noun);
  if (token == "Missions") return Capital(plural);
  if (token == "a mission") return one;
  if (token == "A mission") return Capital(one);
  if (token == "the mission") return "the " + noun;
  if (token == "The mission") return "The " + noun;
  return std::nullopt;
}

}  // namespace

bool IsTerminology(std::string_view terminology) {
  for (const auto& n : kNouns) {
    if (n.key == terminology) return true;
  }
  return false;
}

std::string ApplyTerms(std::string_view text, std::string_view terminology,
                       std::string_view locale) {
  const Noun& noun = NounOf(terminology);
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
    auto form = locale == "en" ? English(token, noun) : French(token, noun);
    out += form ? *form : std::string(text.substr(open, close + 2 - open));
    i = close + 2;
  }
  out.append(text.substr(i));
  return out;
}

}  // namespace planify::domain
