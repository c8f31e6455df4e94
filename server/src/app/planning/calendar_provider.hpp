#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "domain/time.hpp"

namespace planify::app {

// A calendar service the members' missions are pushed to (Google Calendar today:
// integrations/google/google_calendar.hpp). Failures as callers act on them: UNAUTHENTICATED
// when the provider refuses the credentials (the connection is broken until the member
// reconnects), UNAVAILABLE when it cannot be reached or is overloaded (retry later), CONFLICT
// when an event id can no longer be used (make the event again under a new id), VALIDATION for
// anything else it refuses.

struct ProviderTokens {
  std::string access_token;
  std::string refresh_token;  // only from a code exchange (and then not always)
  std::chrono::seconds expires_in{0};
  std::string scope;          // space-separated scopes granted
  std::string account_email;  // from the id_token of a code exchange, when one came
};

// A mission as an event of the member's calendar.
struct ProviderEvent {
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

// The scopes Planify asks for: its own events, and free/busy only when busy time is imported.
inline constexpr const char* kScopeEvents = "https://www.googleapis.com/auth/calendar.events";
inline constexpr const char* kScopeFreeBusy = "https://www.googleapis.com/auth/calendar.freebusy";

class CalendarProvider {
 public:
  virtual ~CalendarProvider() = default;
  // Where the member's browser goes to consent (authorization code with PKCE, offline access so
  // a refresh token comes back, the consent screen shown again so it always does).
  [[nodiscard]] virtual std::string AuthorizationUrl(const std::string& state,
                                                     const std::string& code_challenge,
                                                     const std::string& redirect_uri,
                                                     const std::vector<std::string>& scopes,
                                                     const std::string& login_hint) = 0;
  [[nodiscard]] virtual Result<ProviderTokens> ExchangeCode(const std::string& code,
                                                            const std::string& code_verifier,
                                                            const std::string& redirect_uri) = 0;
  [[nodiscard]] virtual Result<ProviderTokens> Refresh(const std::string& refresh_token) = 0;
  // Revokes the grant (disconnect); a token the provider no longer knows is fine.
  [[nodiscard]] virtual Result<void> Revoke(const std::string& token) = 0;
  // Creates the event under its id or replaces it: the same call twice leaves one event. Gives
  // the event's etag.
  [[nodiscard]] virtual Result<std::string> Upsert(const std::string& access_token,
                                                   const std::string& calendar_id,
                                                   const ProviderEvent& event) = 0;
  // Whether the calendar exists and these credentials may write events to it.
  [[nodiscard]] virtual Result<void> CheckCalendar(const std::string& access_token,
                                                   const std::string& calendar_id) = 0;
  // Deletes the event; one already gone is fine.
  [[nodiscard]] virtual Result<void> Delete(const std::string& access_token,
                                            const std::string& calendar_id,
                                            const std::string& event_id) = 0;
  // The calendar's busy periods overlapping [from, to).
  [[nodiscard]] virtual Result<std::vector<BusyPeriod>> FreeBusy(const std::string& access_token,
                                                                 const std::string& calendar_id,
                                                                 domain::Timestamp from,
                                                                 domain::Timestamp to) = 0;
};

}  // namespace planify::app
