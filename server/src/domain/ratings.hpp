#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

// Ratings of completed missions (issue 19, docs/booking.md "Ratings").
namespace planify::domain {

inline constexpr std::chrono::days kRatingLinkLifetime{30};
inline constexpr std::size_t kRatingCommentMax = 2000;

struct CrewStars {
  long long user = 0;
  int stars = 0;
};

struct RatingInput {
  std::optional<int> overall;
  std::vector<CrewStars> crew;
  std::string comment;
  bool public_consent = false;
};

// Overall 1–5 required; each crew rating 1–5, for a member of `crew` (the mission's), at most
// once; a comment of 2,000 characters. Field errors: overall, crew[i].stars, crew[i].user_id,
// comment.
[[nodiscard]] Result<RatingInput> ValidateRating(RatingInput input,
                                                 const std::vector<long long>& crew);

// The first name shown with a consented rating: the first word of the name ("Camille Durand"
// → "Camille"); "" for a company-looking or empty name.
[[nodiscard]] std::string FirstNameOf(std::string_view full_name);

// A rating the managers hear about at once.
[[nodiscard]] inline bool IsBadRating(int overall) { return overall <= 2; }

// Average of 1–5 ratings in hundredths (4.67 → 467), 0 when there are none; half up.
[[nodiscard]] int AverageHundredths(long long sum, long long count);

}  // namespace planify::domain
