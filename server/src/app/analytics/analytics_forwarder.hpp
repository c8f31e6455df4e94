#pragma once

#include <string>

#include "app/ports.hpp"
#include "jobs/worker.hpp"

namespace planify::app {

// Where business events go (docs/analytics.md): PostHog's batch capture API at `posthog_host`
// with the project key `posthog_key`. Nothing is sent without a key.
struct AnalyticsSettings {
  std::string posthog_host;
  std::string posthog_key;
  [[nodiscard]] bool Enabled() const { return !posthog_key.empty(); }
};

// "analytics.forward": sends the events not forwarded yet, oldest first, 100 per request. Each
// event keeps one UUID from its first attempt, so a retry after a lost answer sends the same
// event again and PostHog keeps one. A provider down or refusing fails the job, which the queue
// retries with backoff; the requests that made the events never wait for it.
void RegisterAnalyticsJobs(jobs::JobRegistry& registry, const Clock& clock,
                           AnalyticsSettings settings);

}  // namespace planify::app
