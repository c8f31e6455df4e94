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

TEST(Terminology, KnowsTheClientAndCrewWords) {
  for (auto t : {"clients", "particuliers", "organisateurs", "locataires"}) {
    EXPECT_TRUE(IsClientTerminology(t)) << t;
  }
  for (auto t : {"techniciens", "regisseurs", "intervenants", "operateurs"}) {
    EXPECT_TRUE(IsCrewTerminology(t)) << t;
  }
  EXPECT_FALSE(IsClientTerminology("missions"));
  EXPECT_FALSE(IsCrewTerminology("clients"));
  EXPECT_FALSE(IsTerminology("clients"));
}

TEST(Terminology, ClientWordWithItsArticlesAndElision) {
  const std::string text =
      "[[Nouveau client]] ; [[le client]] a signé ; fiche [[du client]] ; envoyé [[au client]] ; "
      "[[ce client]] ; [[Aucun client]] ; type [[de client]] ; [[Les clients]] ; espace "
      "[[client]] ; [[CLIENT]] ; [[Clients]] ; [[un client]] ; [[aux clients]]";
  EXPECT_EQ(ApplyTerms(text, Terms{}, "fr"),
            "Nouveau client ; le client a signé ; fiche du client ; envoyé au client ; ce client "
            "; Aucun client ; type de client ; Les clients ; espace client ; CLIENT ; Clients ; un "
            "client ; aux clients");
  EXPECT_EQ(ApplyTerms(text, Terms{.client = "organisateurs"}, "fr"),
            "Nouvel organisateur ; l'organisateur a signé ; fiche de l'organisateur ; envoyé à "
            "l'organisateur ; cet organisateur ; Aucun organisateur ; type d'organisateur ; Les "
            "organisateurs ; espace organisateur ; ORGANISATEUR ; Organisateurs ; un organisateur "
            "; aux organisateurs");
  EXPECT_EQ(ApplyTerms("[[Le client]] · [[du client]] · [[CLIENT]]",
                       Terms{.client = "particuliers"}, "fr"),
            "Le particulier · du particulier · PARTICULIER");
  EXPECT_EQ(ApplyTerms("[[A client]] and [[the client]]; [[Clients]]",
                       Terms{.client = "organisateurs"}, "en"),
            "An organiser and the organiser; Organisers");
  EXPECT_EQ(ApplyTerms("[[a client]]", Terms{.client = "locataires"}, "en"), "a renter");
}

TEST(Terminology, CrewWordWithTheOthers) {
  const Terms terms{.mission = "evenements", .client = "locataires", .crew = "regisseurs"};
  EXPECT_EQ(ApplyTerms("[[Le technicien]] [[de la mission]] appelle [[le client]] ; "
                       "[[Techniciens]] ; [[un technicien]] ; [[TECHNICIEN]]",
                       terms, "fr"),
            "Le régisseur de l'événement appelle le locataire ; Régisseurs ; un régisseur ; "
            "RÉGISSEUR");
  EXPECT_EQ(ApplyTerms("[[du technicien]] · [[ce technicien]] · [[Nouveau technicien]]",
                       Terms{.crew = "intervenants"}, "fr"),
            "de l'intervenant · cet intervenant · Nouvel intervenant");
  EXPECT_EQ(ApplyTerms("[[A technician]] · [[technicians]] · [[the technician]]",
                       Terms{.crew = "operateurs"}, "en"),
            "An operator · operators · the operator");
  EXPECT_EQ(ApplyTerms("[[A technician]]", Terms{.crew = "intervenants"}, "en"), "A crew member");
  EXPECT_EQ(ApplyTerms("[[technicien]]", Terms{.crew = "n'importe quoi"}, "fr"), "technicien");
}

TEST(Terminology, TextWithoutTokensOrUnknownSettingsReadsAsMissions) {
  EXPECT_EQ(ApplyTerms("Bonjour {{name}}, [[", "evenements", "fr"), "Bonjour {{name}}, [[");
  EXPECT_EQ(ApplyTerms("[[La mission]]", "n'importe quoi", "fr"), "La mission");
  EXPECT_EQ(ApplyTerms("[[La mission]]", "evenements", "de"), "L'événement");
}

}  // namespace
}  // namespace planify::domain
