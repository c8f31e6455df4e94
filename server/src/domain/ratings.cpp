#include "domain/ratings.hpp"

#include <algorithm>
#include <set>

#include "domain/validation.hpp"

namespace planify::domain {

Result<RatingInput> ValidateRating(RatingInput input, const std::vector<long long>& crew) {
  FieldErrors errors;
  if (!input.overall || *input.overall < 1 || *input.overall > 5) {
    errors.Add("overall", "Choisissez une note de 1 à 5 étoiles.");
  }
  std::set<long long> seen;
  for (std::size_t i = 0; i < input.crew.size(); ++i) {
    const auto& c = input.crew[i];
    const std::string at = "crew[" + std::to_string(i) + "]";
    if (std::find(crew.begin(), crew.end(), c.user) == crew.end() || !seen.insert(c.user).second) {
      errors.Add(at + ".user_id", "Cette personne n'était pas sur l'événement.");
    }
    if (c.stars < 1 || c.stars > 5) errors.Add(at + ".stars", "De 1 à 5 étoiles.");
  }
  CleanText(errors, "comment", input.comment, kRatingCommentMax);
  if (!errors.empty()) return Fail(errors.ToError());
  return input;
}

std::string FirstNameOf(std::string_view full_name) {
  std::string name = Trim(full_name);
  const auto space = name.find(' ');
  std::string first = space == std::string::npos ? name : name.substr(0, space);
  // "SARL Dupont", "Mairie de Tours": no first name to show.
  for (std::string_view word : {"SARL", "SAS", "SA", "EURL", "Mairie", "Association", "Société"}) {
    if (first == word) return "";
  }
  return first;
}

int AverageHundredths(long long sum, long long count) {
  if (count <= 0) return 0;
  return static_cast<int>((sum * 200 + count) / (2 * count));
}

}  // namespace planify::domain
