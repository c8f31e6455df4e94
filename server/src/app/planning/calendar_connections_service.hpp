#pragma once

#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "app/planning/calendar_provider.hpp"
#include "app/ports.hpp"
#include "store/calendar_connections_repository.hpp"

namespace planify::app {

// What the member asks for when connecting (docs/calendar-sync.md, "Connecting").
struct CalendarConnectRequest {
  std::string scope = "personal";       // personal: my missions; organization: all (planners)
  std::string calendar_id = "primary";  // the Google calendar the events go to
  bool import_busy = false;             // read my free/busy into unavailability (personal only)
};

// The consent URL, and the flow sealed for the callback (state, PKCE verifier, who asked what).
struct CalendarConnectStart {
  std::string url;
  std::string sealed_flow;
};

struct CalendarConnectionView {
  store::CalendarConnectionRow row;
  int events = 0;  // events of ours in the calendar now
};

// A member's Google Calendar connections: connect (OAuth code flow with PKCE, the refresh
// token sealed), list, sync now, disconnect (the sync job deletes our events and revokes the
// grant). Session only: an API token cannot connect a calendar. A member only ever sees and
// acts on their own connections; another member's id is NOT_FOUND.
class CalendarConnectionsService {
 public:
  static constexpr const char* kCallbackPath = "/api/v1/google-calendar/callback";

  CalendarConnectionsService(store::Database& db, const Clock& clock, const Cipher& token_cipher,
                             const Cipher& state_cipher, CalendarProvider* provider,
                             std::string public_url)
      : db_(db),
        clock_(clock),
        token_cipher_(token_cipher),
        state_cipher_(state_cipher),
        provider_(provider),
        public_url_(std::move(public_url)) {}

  [[nodiscard]] bool available() const { return provider_ != nullptr; }

  [[nodiscard]] Result<std::vector<CalendarConnectionView>> List(const Principal& actor);
  [[nodiscard]] Result<CalendarConnectStart> Start(const Principal& actor,
                                                   const CalendarConnectRequest& request);
  // The consent screen's answer. VALIDATION when Google refused or did not grant enough,
  // UNAUTHENTICATED when the flow is not this member's or has expired.
  [[nodiscard]] Result<CalendarConnectionView> Complete(const Principal& actor,
                                                        const RequestMeta& meta,
                                                        const std::string& sealed_flow,
                                                        const std::string& state,
                                                        const std::string& code);
  [[nodiscard]] Result<void> SyncNow(const Principal& actor, long long id);
  [[nodiscard]] Result<void> Disconnect(const Principal& actor, const RequestMeta& meta,
                                        long long id);
  // Per person, whether the mission is in their calendar (the caller sees the mission already;
  // crew see only their own connections).
  [[nodiscard]] Result<std::vector<store::MissionSyncRow>> ForMission(const Principal& actor,
                                                                      long long mission,
                                                                      int sequence);

 private:
  [[nodiscard]] Result<store::CalendarConnectionRow> Own(const Principal& actor, long long id);

  store::Database& db_;
  const Clock& clock_;
  const Cipher& token_cipher_;
  const Cipher& state_cipher_;
  CalendarProvider* provider_;
  std::string public_url_;
};

// Queues what keeps a connection current: its sync, and its busy-time import when it has one.
[[nodiscard]] Result<void> QueueConnectionRefresh(store::Lease& lease, OrganizationId organization,
                                                  long long connection, bool import_busy,
                                                  const std::string& now);

}  // namespace planify::app
