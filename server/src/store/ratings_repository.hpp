#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/ids.hpp"
#include "domain/ratings.hpp"
#include "store/database.hpp"

namespace planify::store {

struct RatingRow {
  long long id = 0;
  long long organization = 0;
  long long mission_id = 0;
  std::optional<long long> client_id;
  std::string email;
  std::string first_name;
  std::string event_type;
  std::string requested_at;
  std::string expires_at;
  std::string submitted_at;  // "" = not answered yet
  std::optional<int> overall;
  std::string comment;
  bool public_consent = false;
  std::vector<domain::CrewStars> crew;
  std::string mission_title;
  std::string mission_starts_at;
};

struct PersonAverage {
  long long user_id = 0;
  std::string name;
  long long count = 0;
  long long sum = 0;
};

struct RatingSummary {
  long long count = 0;
  long long sum = 0;
  std::vector<PersonAverage> people;
};

// Ratings of one organisation's missions, on the caller's lease.
class RatingsRepository {
 public:
  explicit RatingsRepository(Lease& lease) : lease_(lease) {}

  [[nodiscard]] std::optional<RatingRow> ForMission(OrganizationId org, long long mission);
  // The rating a link's token (hashed) opens, in any organisation.
  [[nodiscard]] std::optional<RatingRow> ByTokenHash(const std::string& token_hash);
  long long Insert(OrganizationId org, const RatingRow& row, const std::string& token_hash);
  // Records the answer; false when it was answered already (the row is untouched).
  [[nodiscard]] bool Submit(OrganizationId org, long long id, const domain::RatingInput& input,
                            const std::string& ip, const std::string& user_agent,
                            const std::string& now);
  // Answered ratings, newest first.
  [[nodiscard]] std::vector<RatingRow> Answered(OrganizationId org, int limit);
  // Consented ones, for the public booking page.
  [[nodiscard]] std::vector<RatingRow> Public(OrganizationId org, int limit);
  [[nodiscard]] RatingSummary Summary(OrganizationId org);
  // The addresses and names of the members who run the organisation (owner, admin, manager).
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> ManagerAddresses(
      OrganizationId org);

 private:
  void LoadCrew(RatingRow& row);
  Lease& lease_;
};

}  // namespace planify::store
