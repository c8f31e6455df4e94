#include "domain/terminology.hpp"

#include <gtest/gtest.h>

namespace planify::domain {
namespace {

TEST(Terminology, KnowsTheFiveWords) {
  for (auto t : {"missions", "prestations", "evenements", "locations", "interventions"}) {
    EXPECT_TRUE(IsTerminology(t)) << t;
  }
  EXPECT_FALSE(IsTerminology("jobs"));
  EXPECT_FALSE(IsTerminology(""));
}

TEST(Terminology, FrenchGenderAndElision) {
  const std::string text =
      "[[Nouvelle]] [[mission]] : [[la mission]] est confirmé[[e]], [[cette mission]] commence. "
      "[[Aucune]] [[mission]] ; fiche [[de mission]] ; [[Les missions]] ; [[une mission]] ; "
      "[[de la mission]] ; [[à la mission]] ; [[Elle]] ; [[Missions]]";
  EXPECT_EQ(ApplyTerms(text, "missions", "fr"),
            "Nouvelle mission : la mission est confirmée, cette mission commence. Aucune "
            "mission ; fiche de mission ; Les missions ; une mission ; de la mission ; à la "
            "mission ; Elle ; Missions");
  EXPECT_EQ(ApplyTerms(text, "evenements", "fr"),
            "Nouvel événement : l'événement est confirmé, cet événement commence. Aucun "
            "événement ; fiche d'événement ; Les événements ; un événement ; de l'événement ; à "
            "l'événement ; Il ; Événements");
  EXPECT_EQ(ApplyTerms(text, "interventions", "fr"),
            "Nouvelle intervention : l'intervention est confirmée, cette intervention commence. "
            "Aucune intervention ; fiche d'intervention ; Les interventions ; une intervention ; "
            "de l'intervention ; à l'intervention ; Elle ; Interventions");
  EXPECT_EQ(ApplyTerms("[[La mission]] [[Une mission]] [[Cette mission]]", "prestations", "fr"),
            "La prestation Une prestation Cette prestation");
  EXPECT_EQ(ApplyTerms("[[La mission]] [[Une mission]] [[Cette mission]]", "evenements", "fr"),
            "L'événement Un événement Cet événement");
  EXPECT_EQ(ApplyTerms("[[des missions]] de [[location]]", "locations", "fr"),
            "des locations de [[location]]")
      << "an unknown token stays";
}

TEST(Terminology, EnglishNounsAndArticles) {
  EXPECT_EQ(ApplyTerms("[[A mission]], [[the mission]], [[Missions]]", "evenements", "en"),
            "An event, the event, Events");
  EXPECT_EQ(ApplyTerms("[[a mission]] · [[The mission]]", "prestations", "en"),
            "a service · The service");
  EXPECT_EQ(ApplyTerms("[[Mission]]", "interventions", "en"), "Call-out");
  // The English app says "job" for the default word.
  EXPECT_EQ(ApplyTerms("[[A mission]]: [[Missions]]", "missions", "en"), "A job: Jobs");
  EXPECT_EQ(ApplyTerms("[[mission]]", "locations", "en"), "rental");
}

TEST(Terminology, TextWithoutTokensOrUnknownSettingsReadsAsMissions) {
  EXPECT_EQ(ApplyTerms("Bonjour {{name}}, [[", "evenements", "fr"), "Bonjour {{name}}, [[");
  EXPECT_EQ(ApplyTerms("[[La mission]]", "n'importe quoi", "fr"), "La mission");
  EXPECT_EQ(ApplyTerms("[[La mission]]", "evenements", "de"), "L'événement");
}

}  // namespace
}  // namespace planify::domain
