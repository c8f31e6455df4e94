#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "domain/ratings.hpp"
#include "jobs/worker.hpp"
#include "store/ratings_repository.hpp"

// Ratings of completed missions (issue 19, docs/booking.md "Ratings").
namespace planify::app {

struct RatedPerson {
  long long user_id = 0;
  std::string first_name;
};

// What the client's rating page shows: the organisation, the event, who was there.
struct RatingPage {
  std::string organization_name;
  std::string logo_url;
  std::string brand_color;
  std::string event_type;
  std::string starts_at;
  std::vector<RatedPerson> crew;
  bool submitted = false;
};

struct RatingsOverview {
  store::RatingSummary summary;
  std::vector<store::RatingRow> latest;
};

// One consented rating shown on the public booking page.
struct PublicReview {
  std::string first_name;
  std::string event_type;
  int overall = 0;
  std::string comment;
};

class RatingsService {
 public:
  RatingsService(store::Database& db, const Clock& clock, std::string public_url)
      : db_(db), clock_(clock), public_url_(std::move(public_url)) {}

  // Inside the caller's transaction: invites the mission's client to rate it, once per mission
  // (a link valid 30 days). Nothing when the client has no e-mail address or the mission no
  // client. Used by the "ratings.request" job a completed mission enqueues.
  void RequestWithin(store::Lease& lease, OrganizationId org, long long mission_id);

  // NOT_FOUND for an unknown token, GONE once expired.
  [[nodiscard]] Result<RatingPage> GetPublic(const std::string& token);
  // Records the answer once (CONFLICT afterwards); VALIDATION (domain::ValidateRating);
  // RATE_LIMITED beyond 20 answers per IP per 10 minutes. A bad rating (1–2) e-mails the
  // organisation's address at once.
  [[nodiscard]] Result<RatingPage> SubmitPublic(const std::string& token, domain::RatingInput input,
                                                const RequestMeta& meta);

  // The mission's rating (nullopt when none was asked); NOT_FOUND for another organisation's.
  [[nodiscard]] Result<std::optional<store::RatingRow>> ForMission(const Principal& actor,
                                                                   long long mission_id);
  [[nodiscard]] Result<RatingsOverview> Overview(const Principal& actor);

 private:
  store::Database& db_;
  const Clock& clock_;
  std::string public_url_;
};

// The consented ratings of an organisation, newest first (its booking page), on `lease`.
[[nodiscard]] std::vector<PublicReview> PublicReviews(store::Lease& lease, OrganizationId org,
                                                      int limit);

// Registers "ratings.request" ({"mission_id"}: RatingsService::RequestWithin).
void RegisterRatingJobs(jobs::JobRegistry& registry, const Clock& clock,
                        const std::string& public_url);

}  // namespace planify::app
