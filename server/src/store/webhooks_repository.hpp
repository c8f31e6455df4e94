#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/ids.hpp"
#include "store/database.hpp"

namespace planify::store {

struct WebhookEndpoint {
  long long id = 0;
  long long organization = 0;
  std::string url;
  std::string description;
  std::vector<std::string> events;
  std::string secret_sealed;
  std::string status;  // active, disabled
  int consecutive_failures = 0;
  std::string disabled_reason;
  std::string disabled_at;
  std::string created_at;
  std::string updated_at;
};

struct WebhookDelivery {
  long long id = 0;
  long long organization = 0;
  long long endpoint = 0;
  std::string event_name;
  std::string payload;
  std::string status;  // pending, succeeded, failed, refused
  int attempts = 0;
  std::optional<long long> response_status;
  std::optional<long long> response_ms;
  std::string error;
  std::optional<long long> replay_of;
  std::string created_at;
  std::string last_attempt_at;
  std::string delivered_at;
};

// Endpoints and their delivery log (docs/webhooks.md); every call is scoped to an organisation.
class WebhooksRepository {
 public:
  explicit WebhooksRepository(Lease& lease) : lease_(lease) {}

  [[nodiscard]] long long Insert(OrganizationId org, const WebhookEndpoint& e,
                                 std::optional<long long> created_by, const std::string& now);
  [[nodiscard]] std::vector<WebhookEndpoint> List(OrganizationId org);
  [[nodiscard]] std::optional<WebhookEndpoint> Find(OrganizationId org, long long id);
  void Update(OrganizationId org, const WebhookEndpoint& e, const std::string& now);
  [[nodiscard]] bool Delete(OrganizationId org, long long id);

  // Active endpoints of the organisation that want `event`.
  [[nodiscard]] std::vector<WebhookEndpoint> Subscribed(OrganizationId org,
                                                        const std::string& event);
  [[nodiscard]] long long InsertDelivery(OrganizationId org, long long endpoint,
                                         const std::string& event, const std::string& payload,
                                         std::optional<long long> replay_of,
                                         const std::string& now);
  [[nodiscard]] std::optional<WebhookDelivery> FindDelivery(OrganizationId org, long long id);
  [[nodiscard]] std::vector<WebhookDelivery> Deliveries(OrganizationId org, long long endpoint,
                                                        int limit);
  void RecordAttempt(const WebhookDelivery& d, const std::string& now);

 private:
  Lease& lease_;
};

// Queues a delivery of the business event to every active endpoint that wants it, on the
// caller's lease (the event's transaction). `payload` is the event's JSON body.
void QueueWebhookDeliveries(Lease& lease, OrganizationId org, const std::string& event,
                            const std::string& payload, const std::string& now);

}  // namespace planify::store
