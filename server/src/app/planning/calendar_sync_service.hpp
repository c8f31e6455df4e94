#pragma once

#include <string>

#include "app/auth/auth_service.hpp"
#include "app/planning/calendar_provider.hpp"
#include "app/ports.hpp"
#include "jobs/worker.hpp"

namespace planify::app {

struct CalendarSyncReport {
  int pushed = 0;       // events created or replaced
  int deleted = 0;      // events removed (mission canceled, back to draft, crew changed, deleted)
  bool broken = false;  // the provider refused the connection: nothing done until reconnected
};

// Pushes a connection's missions to the member's calendar (docs/calendar-sync.md, "Google
// Calendar"): each mission of its scope that ends after a month ago is made or replaced when
// its ical_sequence moved since the last push; an event whose mission left the scope is deleted.
// Idempotent: event ids are ours, and progress is saved event by event, so a run cut short (or
// run twice) leaves one event per mission. No database lease is held during provider calls.
class CalendarSyncService {
 public:
  CalendarSyncService(store::Database& db, const Clock& clock, const Cipher& cipher,
                      CalendarProvider& provider, std::string public_url)
      : db_(db),
        clock_(clock),
        cipher_(cipher),
        provider_(provider),
        public_url_(std::move(public_url)) {}

  // NOT_FOUND for an unknown connection; UNAVAILABLE (and the other provider failures but
  // UNAUTHENTICATED) to be retried; a refused grant marks the connection broken and is not an
  // error.
  [[nodiscard]] Result<CalendarSyncReport> Sync(long long connection_id);

  // Reads the member's free/busy for the coming six months into crew_unavailability (source
  // google, reason "Occupé (agenda Google)": no title or detail is asked for), replacing the
  // previous import's periods. Gives the number of periods kept; 0 when the connection does not
  // import busy time.
  [[nodiscard]] Result<int> ImportBusy(long long connection_id);

 private:
  Result<void> Break(long long connection_id, const std::string& message);

  store::Database& db_;
  const Clock& clock_;
  const Cipher& cipher_;
  CalendarProvider& provider_;
  std::string public_url_;
};

// Queues a "calendar.sync" of every working connection of the organisation, in the caller's
// transaction: called by every mission write (a personal connection of a member just taken
// off a mission has its event to delete too). A run with nothing to change costs one token
// refresh.
[[nodiscard]] Result<void> QueueCalendarSyncs(store::Lease& lease, OrganizationId organization,
                                              const std::string& now);

// Registers "calendar.sync" ({"connection_id"}): one connection pushed to its calendar (or
// cleaned up after a disconnect); "calendar.busy" ({"connection_id"}): its busy time read;
// "calendar.sweep" (scheduled): both queued for every working connection. Retried with the
// queue's backoff while the provider is unreachable. A null provider (Google not configured)
// leaves them with nothing to do. The references must outlive the registry.
void RegisterCalendarJobs(jobs::JobRegistry& registry, const Clock& clock, const Cipher& cipher,
                          CalendarProvider* provider, const std::string& public_url);

}  // namespace planify::app
