#pragma once

#include <atomic>

#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace planify::http {

// /healthz, /readyz, /metrics.
void AddSystemRoutes(Router& router, const Services& services, const Metrics& metrics,
                     const std::atomic<bool>& shutting_down);
// /api/v1/setup: first-run creation of the organisation and its owner.
void AddSetupRoutes(Router& router, const Services& services);
// /api/v1/webhooks/*: provider callbacks, authenticated by their signatures.
void AddWebhookRoutes(Router& router, const Services& services);

}  // namespace planify::http
