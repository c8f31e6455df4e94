#include "domain/ratings.hpp"

#include <gtest/gtest.h>

namespace planify::domain {
namespace {

bool Names(const Error& e, std::string_view field) {
  for (const auto& f : e.fields) {
    if (f.field == field) return true;
  }
  return false;
}

TEST(Ratings, OverallIsRequiredAndCrewMustHaveBeenThere) {
  RatingInput good;
  good.overall = 5;
  good.crew = {{7, 4}};
  good.comment = "  Super soirée !  ";
  auto ok = ValidateRating(good, {7, 8});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->comment, "Super soirée !");

  RatingInput bad;
  bad.overall = 6;
  bad.crew = {{9, 3}, {7, 0}, {7, 5}};
  bad.comment = std::string(2001, 'x');
  auto refused = ValidateRating(bad, {7, 8});
  ASSERT_FALSE(refused);
  for (const char* field :
       {"overall", "crew[0].user_id", "crew[1].stars", "crew[2].user_id", "comment"}) {
    EXPECT_TRUE(Names(refused.error(), field)) << field;
  }
  EXPECT_FALSE(ValidateRating(RatingInput{}, {}));
}

TEST(Ratings, FirstNamesAndAverages) {
  EXPECT_EQ(FirstNameOf("Camille Durand"), "Camille");
  EXPECT_EQ(FirstNameOf("  Zoé "), "Zoé");
  EXPECT_EQ(FirstNameOf("SARL Dupont Événements"), "");
  EXPECT_EQ(FirstNameOf(""), "");
  EXPECT_EQ(AverageHundredths(14, 3), 467);  // 4.666…
  EXPECT_EQ(AverageHundredths(9, 2), 450);
  EXPECT_EQ(AverageHundredths(0, 0), 0);
  EXPECT_TRUE(IsBadRating(2));
  EXPECT_FALSE(IsBadRating(3));
}

}  // namespace
}  // namespace planify::domain
