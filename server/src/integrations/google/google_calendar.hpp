#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "domain/time.hpp"

namespace planify::integrations {

// Google's OAuth token endpoint and Calendar API v3 (docs/calendar-sync.md, "Google Calendar").
struct GoogleCalendarOptions {
  std::string client_id;
  std::string client_secret;
  std::string token_url = "https://oauth2.googleapis.com/token";
  std::string revoke_url = "https://oauth2.googleapis.com/revoke";
  std::string api_base = "https://www.googleapis.com";
};

struct GoogleTokens {
  std::string access_token;
  std::string refresh_token;  // only from a code exchange (and then not always)
  std::chrono::seconds expires_in{0};
  std::string scope;
};

// A mission as an event of the member's calendar.
struct GoogleEvent {
  std::string id;  // ours, chosen so a retried create cannot make a second event
  std::string summary;
  std::string description;
  std::string location;
  domain::Timestamp starts_at{};
  domain::Timestamp ends_at{};
  std::string time_zone = "Europe/Paris";
  bool tentative = false;
  std::string source_url;  // a link back to the mission
};

struct BusyPeriod {
  domain::Timestamp starts_at{};
  domain::Timestamp ends_at{};
};

// Failures as the callers act on them: UNAUTHENTICATED when Google refuses the credentials
// (revoked or expired grant, 401: the connection is broken until the member reconnects),
// UNAVAILABLE when Google cannot be reached, answers 429 or 5xx (retry later), VALIDATION for
// anything else it refuses.
class GoogleCalendarClient {
 public:
  explicit GoogleCalendarClient(GoogleCalendarOptions options) : options_(std::move(options)) {}

  [[nodiscard]] Result<GoogleTokens> ExchangeCode(const std::string& code,
                                                  const std::string& code_verifier,
                                                  const std::string& redirect_uri);
  [[nodiscard]] Result<GoogleTokens> Refresh(const std::string& refresh_token);
  // Revokes the grant at Google (disconnect); a token Google no longer knows is fine.
  [[nodiscard]] Result<void> Revoke(const std::string& token);

  // Creates the event under its id or replaces it: the same call twice leaves one event. Gives
  // the event's etag. CONFLICT when the id belongs to an event deleted at Google (ids are not
  // reused there): the caller makes the event again under a new id (GoogleEventId's
  // generation).
  [[nodiscard]] Result<std::string> Upsert(const std::string& access_token,
                                           const std::string& calendar_id,
                                           const GoogleEvent& event);
  // Deletes the event; one already gone (404, 410) is fine.
  [[nodiscard]] Result<void> Delete(const std::string& access_token, const std::string& calendar_id,
                                    const std::string& event_id);
  // The calendar's busy periods overlapping [from, to).
  [[nodiscard]] Result<std::vector<BusyPeriod>> FreeBusy(const std::string& access_token,
                                                         const std::string& calendar_id,
                                                         domain::Timestamp from,
                                                         domain::Timestamp to);

 private:
  GoogleCalendarOptions options_;
};

// A Google event id for a mission on a connection: lowercase hex (Google accepts base32hex
// characters, 5 to 1024 of them), the same for the same connection, mission and generation.
[[nodiscard]] std::string GoogleEventId(long long connection, long long mission, int generation);

}  // namespace planify::integrations
