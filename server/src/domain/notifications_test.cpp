#include "domain/notifications.hpp"

#include <gtest/gtest.h>

namespace planify::domain {
namespace {

TEST(Notifications, KindsRoundTripAndEachHasItsAudience) {
  for (const auto& info : AllNotificationKinds()) {
    EXPECT_EQ(ParseNotificationKind(info.name), info.kind);
    EXPECT_EQ(&InfoOf(info.kind), &info) << info.name;
  }
  EXPECT_FALSE(ParseNotificationKind("weather"));
  EXPECT_EQ(ParseEmailDelivery("digest"), EmailDelivery::kDigest);
  EXPECT_FALSE(ParseEmailDelivery("sometimes"));
  // The crew hears of its missions; only the office of money and requests.
  EXPECT_TRUE(MayReceive(Role::kDj, NotificationKind::kMissionAssigned));
  EXPECT_FALSE(MayReceive(Role::kDj, NotificationKind::kInvoicePaid));
  EXPECT_FALSE(MayReceive(Role::kTechnician, NotificationKind::kQuoteSigned));
  EXPECT_FALSE(MayReceive(Role::kManager, NotificationKind::kJobFailed));
  EXPECT_TRUE(MayReceive(Role::kAdmin, NotificationKind::kJobFailed));
  EXPECT_TRUE(MayReceive(Role::kManager, NotificationKind::kBookingRequest));
}

TEST(Notifications, TextsSayTheOrganisationsWordsWithItsGrammar) {
  const std::map<std::string, std::string> facts = {{"title", "Mariage [[mission]] Durand"},
                                                    {"when", "sam. 12 juin 2027 18:00"},
                                                    {"reason", "Salle fermée"}};
  auto assigned = RenderNotification(NotificationKind::kMissionAssigned, facts,
                                     Terms{.mission = "missions"}, "fr");
  EXPECT_EQ(assigned.title, "Nouvelle mission : Mariage [[mission]] Durand")
      << "a fact is shown as typed, never rewritten";
  EXPECT_EQ(assigned.body,
            "Vous êtes affecté(e) à la mission « Mariage [[mission]] Durand » le "
            "sam. 12 juin 2027 18:00.");
  auto event = RenderNotification(NotificationKind::kMissionAssigned, facts,
                                  Terms{.mission = "evenements"}, "fr");
  EXPECT_EQ(event.title, "Nouvel événement : Mariage [[mission]] Durand");
  EXPECT_NE(event.body.find("à l'événement"), std::string::npos) << event.body;
  auto canceled = RenderNotification(NotificationKind::kMissionCanceled, facts,
                                     Terms{.mission = "evenements"}, "fr");
  EXPECT_EQ(canceled.title, "Événement annulé : Mariage [[mission]] Durand");
  EXPECT_NE(canceled.body.find("est annulé. Motif : Salle fermée"), std::string::npos)
      << canceled.body;
  auto prestation = RenderNotification(NotificationKind::kMissionMoved, facts,
                                       Terms{.mission = "prestations"}, "fr");
  EXPECT_EQ(prestation.title, "Prestation déplacée : Mariage [[mission]] Durand");
  auto english = RenderNotification(NotificationKind::kMissionMoved, facts,
                                    Terms{.mission = "missions"}, "en");
  EXPECT_EQ(english.title, "Job moved: Mariage [[mission]] Durand");
  auto quote = RenderNotification(
      NotificationKind::kQuoteSigned,
      {{"number", "DEV-2027-0004"}, {"client", "Claire Durand"}, {"amount", "1 200,00 €"}}, Terms{},
      "fr");
  EXPECT_EQ(quote.title, "Devis DEV-2027-0004 signé");
  EXPECT_EQ(quote.body, "Claire Durand a signé le devis DEV-2027-0004 (1 200,00 €).");
}

TEST(Notifications, EachSubjectOpensItsPage) {
  EXPECT_EQ(NotificationPath("mission", "12"), "/missions/12");
  EXPECT_EQ(NotificationPath("quote", "3"), "/devis/3");
  EXPECT_EQ(NotificationPath("invoice", "4"), "/factures/4");
  EXPECT_EQ(NotificationPath("booking_request", "5"), "/demandes/5");
  EXPECT_EQ(NotificationPath("equipment", "6"), "/materiel/6");
  EXPECT_EQ(NotificationPath("job", "7"), "/administration");
  EXPECT_EQ(NotificationPath("other", "8"), "/notifications");
}

}  // namespace
}  // namespace planify::domain
