#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "app/ports.hpp"
#include "domain/webhooks.hpp"
#include "jobs/worker.hpp"
#include "store/webhooks_repository.hpp"

namespace planify::app {

struct WebhookInput {
  std::optional<std::string> url;
  std::optional<std::string> description;
  std::optional<std::vector<std::string>> events;
  std::optional<bool> active;  // updates only: false disables, true enables again
};

// An endpoint with its secret in clear: only in the answer that makes or rotates it.
struct WebhookWithSecret {
  store::WebhookEndpoint endpoint;
  std::string secret;
};

// Outgoing webhooks (docs/webhooks.md): an organisation's endpoints, their delivery log,
// replays. Owners and administrators (organization.manage); another organisation's endpoint
// is NOT_FOUND.
class WebhooksService {
 public:
  WebhooksService(store::Database& db, const Clock& clock, const Cipher& cipher,
                  domain::WebhookPolicy policy)
      : db_(db), clock_(clock), cipher_(cipher), policy_(policy) {}

  [[nodiscard]] Result<std::vector<store::WebhookEndpoint>> List(const Principal& actor);
  [[nodiscard]] Result<WebhookWithSecret> Create(const Principal& actor, const RequestMeta& meta,
                                                 const WebhookInput& input);
  [[nodiscard]] Result<store::WebhookEndpoint> Update(const Principal& actor,
                                                      const RequestMeta& meta, long long id,
                                                      const WebhookInput& input);
  [[nodiscard]] Result<void> Delete(const Principal& actor, const RequestMeta& meta, long long id);
  [[nodiscard]] Result<WebhookWithSecret> RotateSecret(const Principal& actor,
                                                       const RequestMeta& meta, long long id);
  [[nodiscard]] Result<std::vector<store::WebhookDelivery>> Deliveries(const Principal& actor,
                                                                       long long id);
  // A new delivery of the same body (signed anew when sent), naming the one it repeats.
  [[nodiscard]] Result<store::WebhookDelivery> Replay(const Principal& actor,
                                                      const RequestMeta& meta, long long id,
                                                      long long delivery);
  // A "ping" delivery, to try an endpoint.
  [[nodiscard]] Result<store::WebhookDelivery> Ping(const Principal& actor, const RequestMeta& meta,
                                                    long long id);

 private:
  store::Database& db_;
  const Clock& clock_;
  const Cipher& cipher_;
  domain::WebhookPolicy policy_;
};

// Checks that an endpoint's host resolves only to public addresses (unless the policy allows
// private ones): its addresses, or VALIDATION saying why not.
[[nodiscard]] Result<std::vector<std::string>> PublicAddressesOf(const domain::WebhookUrl& url,
                                                                 const domain::WebhookPolicy& p);

// "webhooks.deliver" (payload {"delivery_id": N}): signs and POSTs one delivery, no redirect
// followed, to an address checked at that moment; records the answer; a failure is retried by
// the queue (6 attempts with backoff); after 5 deliveries in a row that failed for good the
// endpoint is disabled and the organisation's owners and administrators are e-mailed.
void RegisterWebhookJobs(jobs::JobRegistry& registry, const Clock& clock, const Cipher& cipher,
                         domain::WebhookPolicy policy);

inline constexpr int kWebhookFailuresBeforeDisable = 5;

}  // namespace planify::app
