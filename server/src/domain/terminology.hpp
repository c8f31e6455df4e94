#pragma once

#include <string>
#include <string_view>

namespace planify::domain {

// The organisation's own words (docs/terminology.md), each French first with its gender and
// elision, and an English noun:
//  - for a mission: "missions" (default), "prestations", "evenements", "locations" or
//    "interventions" (the English app says "job" for the default);
//  - for a client: "clients" (default), "particuliers", "organisateurs" or "locataires";
//  - for a technician (the crew role and position): "techniciens" (default), "regisseurs",
//    "intervenants" or "operateurs".
// Texts carry tokens the organisation's words replace, the same tokens as the web app's
// catalogue (web/src/lib/terminology.ts). A token is the default word's form, so a text reads
// right with the tokens' brackets dropped:
//   the noun:     [[mission]] [[missions]] [[client]] [[technicien]] … and [[Mission]] [[CLIENT]]
//   articles:     [[la mission]] [[les missions]] [[une mission]] [[cette mission]]
//                 [[le client]] [[un client]] [[ce client]] [[du client]] [[au client]] …
//   contractions: [[de la mission]] [[à la mission]] [[de mission]] [[des missions]]
//                 [[aux clients]] [[de client]] [[nouvelle mission]] [[nouveau client]] …
//   the mission word's agreement: [[e]] [[nouvelle]] [[aucune]] [[elle]] (and capitalised)
//   English: [[mission]] [[a mission]] [[the mission]] [[client]] [[a client]]
//            [[technician]] [[a technician]] [[the technician]] (and capitalised)
struct Terms {
  std::string mission = "missions";
  std::string client = "clients";
  std::string crew = "techniciens";
};

[[nodiscard]] bool IsTerminology(std::string_view terminology);  // the mission word
[[nodiscard]] bool IsClientTerminology(std::string_view terminology);
[[nodiscard]] bool IsCrewTerminology(std::string_view terminology);

// `text` with every known token replaced for `terms` in `locale` ("fr" or "en"; anything else
// reads French). An unknown setting reads as the default word; an unknown token stays as is.
[[nodiscard]] std::string ApplyTerms(std::string_view text, const Terms& terms,
                                     std::string_view locale);

// The mission word alone (the others at their default).
[[nodiscard]] std::string ApplyTerms(std::string_view text, std::string_view terminology,
                                     std::string_view locale);

}  // namespace planify::domain
