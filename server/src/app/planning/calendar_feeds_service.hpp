#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "app/ports.hpp"
#include "domain/terminology.hpp"
#include "store/calendar_feeds_repository.hpp"

namespace planify::app {

// A feed as its owner sees it, with the URL to subscribe to.
struct CalendarFeedView {
  store::CalendarFeedRow row;
  std::string url;  // https://…/api/v1/public/calendar/cal_….ics
};

struct CalendarFeedRequest {
  std::string scope = "personal";     // personal, organization
  std::vector<std::string> statuses;  // organization feeds; empty = all but drafts
  long long crew_user = 0;            // organization feeds: one person's missions
};

// The text/calendar answer of a feed, or "not modified".
struct RenderedCalendar {
  bool not_modified = false;
  std::string etag;           // weak tag of what the feed depends on
  std::string last_modified;  // HTTP date of the newest change it shows ("" when none)
  std::string body;
};

// Where a mission happens, as one line: the venue (name, street, town) or the free address.
[[nodiscard]] std::string MissionLocation(const store::FeedMission& m);
// What a calendar event says of a mission for its crew: client, type, crew with positions,
// the crew's description, the link back, in the organisation's words. No internal notes, no
// prices.
[[nodiscard]] std::string MissionDescription(const store::FeedMission& m, const std::string& link,
                                             const domain::Terms& terms);

// iCalendar subscription feeds (docs/calendar-sync.md): a secret, revocable URL per feed.
class CalendarFeedsService {
 public:
  CalendarFeedsService(store::Database& db, const Clock& clock, const Cipher& cipher,
                       std::string public_url)
      : db_(db), clock_(clock), cipher_(cipher), public_url_(std::move(public_url)) {}

  // The caller's live feeds in their current organisation.
  [[nodiscard]] Result<std::vector<CalendarFeedView>> List(const Principal& actor);
  // One of the caller's live feeds; NOT_FOUND otherwise.
  [[nodiscard]] Result<CalendarFeedView> Get(const Principal& actor, long long id);
  // VALIDATION for a bad scope, status or person; FORBIDDEN for an organisation feed without
  // kMissionsReadAll; CONFLICT when the caller already has a personal feed (rotate it).
  [[nodiscard]] Result<CalendarFeedView> Create(const Principal& actor,
                                                const CalendarFeedRequest& request,
                                                const RequestMeta& meta);
  // A new URL for the same feed; the old one answers 404 from now on.
  [[nodiscard]] Result<CalendarFeedView> Rotate(const Principal& actor, long long id,
                                                const RequestMeta& meta);
  [[nodiscard]] Result<void> Revoke(const Principal& actor, long long id, const RequestMeta& meta);
  // NOT_FOUND when the token is malformed, unknown or revoked, or its owner is no longer an
  // active member allowed to read what the feed shows. `unchanged(etag)`: whether the client
  // already holds that version (its If-None-Match); then nothing is built.
  [[nodiscard]] Result<RenderedCalendar> Render(
      const std::string& token, const std::function<bool(const std::string&)>& unchanged);

 private:
  CalendarFeedView View(const store::CalendarFeedRow& row) const;

  store::Database& db_;
  const Clock& clock_;
  const Cipher& cipher_;
  std::string public_url_;
};

}  // namespace planify::app
