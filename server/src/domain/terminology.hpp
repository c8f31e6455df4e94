#pragma once

#include <string>
#include <string_view>

namespace planify::domain {

// The organisation's own word for a mission (docs/terminology.md): "missions" (default),
// "prestations", "evenements", "locations" or "interventions" — French first, with its gender
// and elision, and an English noun (the English app says "job" for the default). Texts carry tokens
// the organisation's word replaces, the same tokens as the web app's catalogue
// (web/src/lib/terminology.ts):
//   [[mission]] [[missions]] [[Mission]] [[Missions]]      the noun
//   [[la mission]] [[La mission]] [[les missions]] [[Les missions]]
//   [[une mission]] [[Une mission]] [[cette mission]] [[Cette mission]]
//   [[de la mission]] [[à la mission]] [[de mission]] [[des missions]]
//   [[e]] (feminine agreement) [[nouvelle]] [[Nouvelle]] [[aucune]] [[Aucune]] [[elle]] [[Elle]]
//   English: [[a mission]] [[A mission]] [[the mission]] [[The mission]]
[[nodiscard]] bool IsTerminology(std::string_view terminology);

// `text` with every known token replaced for `terminology` in `locale` ("fr" or "en"; anything
// else reads French). An unknown terminology reads "missions"; an unknown token stays as is.
[[nodiscard]] std::string ApplyTerms(std::string_view text, std::string_view terminology,
                                     std::string_view locale);

}  // namespace planify::domain
