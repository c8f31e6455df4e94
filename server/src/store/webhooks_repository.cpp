#include "store/webhooks_repository.hpp"

#include <sstream>

#include "store/jobs_repository.hpp"
#include "store/sql_params.hpp"

namespace planify::store {

namespace {

constexpr const char* kEndpointColumns =
    "id, organization_id, url, description, events, secret_sealed, status, "
    "consecutive_failures, disabled_reason, CAST(disabled_at AS TEXT), CAST(created_at AS TEXT), "
    "CAST(updated_at AS TEXT)";

constexpr const char* kDeliveryColumns =
    "id, organization_id, endpoint_id, event_name, payload, status, attempts, response_status, "
    "response_ms, error, replay_of_id, CAST(created_at AS TEXT), CAST(last_attempt_at AS TEXT), "
    "CAST(delivered_at AS TEXT)";

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

WebhookEndpoint ReadEndpoint(const soci::row& row) {
  WebhookEndpoint e;
  e.id = GetInt64(row, 0);
  e.organization = GetInt64(row, 1);
  e.url = RowText(row, 2);
  e.description = RowText(row, 3);
  e.events = Split(RowText(row, 4));
  e.secret_sealed = RowText(row, 5);
  e.status = RowText(row, 6);
  e.consecutive_failures = static_cast<int>(GetInt64(row, 7));
  e.disabled_reason = RowText(row, 8);
  e.disabled_at = RowTimestamp(row, 9);
  e.created_at = RowTimestamp(row, 10);
  e.updated_at = RowTimestamp(row, 11);
  return e;
}

std::optional<long long> OptionalInt(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return std::nullopt;
  return GetInt64(row, i);
}

WebhookDelivery ReadDelivery(const soci::row& row) {
  WebhookDelivery d;
  d.id = GetInt64(row, 0);
  d.organization = GetInt64(row, 1);
  d.endpoint = GetInt64(row, 2);
  d.event_name = RowText(row, 3);
  d.payload = RowText(row, 4);
  d.status = RowText(row, 5);
  d.attempts = static_cast<int>(GetInt64(row, 6));
  d.response_status = OptionalInt(row, 7);
  d.response_ms = OptionalInt(row, 8);
  d.error = RowText(row, 9);
  d.replay_of = OptionalInt(row, 10);
  d.created_at = RowTimestamp(row, 11);
  d.last_attempt_at = RowTimestamp(row, 12);
  d.delivered_at = RowTimestamp(row, 13);
  return d;
}

}  // namespace

long long WebhooksRepository::Insert(OrganizationId org, const WebhookEndpoint& e,
                                     std::optional<long long> created_by, const std::string& now) {
  SqlParams p;
  p.Int("org", org.value);
  p.Text("url", e.url);
  p.Text("description", e.description);
  p.Text("events", Join(e.events));
  p.Text("secret", e.secret_sealed);
  p.IntOrNull("by", created_by);
  p.Text("now", now);
  long long id = 0;
  p.Execute(lease_,
            "INSERT INTO webhook_endpoints (organization_id, url, description, events, "
            "secret_sealed, status, created_by_user_id, created_at, updated_at) VALUES (:org, "
            ":url, :description, :events, :secret, 'active', :by, :now, :now) RETURNING id",
            &id);
  return id;
}

std::vector<WebhookEndpoint> WebhooksRepository::List(OrganizationId org) {
  std::vector<WebhookEndpoint> out;
  SqlParams p;
  p.Int("org", org.value);
  p.ForEachRow(lease_,
               std::string("SELECT ") + kEndpointColumns +
                   " FROM webhook_endpoints WHERE organization_id = :org ORDER BY id",
               [&](const soci::row& row) { out.push_back(ReadEndpoint(row)); });
  return out;
}

std::optional<WebhookEndpoint> WebhooksRepository::Find(OrganizationId org, long long id) {
  std::optional<WebhookEndpoint> out;
  SqlParams p;
  p.Int("org", org.value);
  p.Int("id", id);
  p.ForEachRow(lease_,
               std::string("SELECT ") + kEndpointColumns +
                   " FROM webhook_endpoints WHERE organization_id = :org AND id = :id",
               [&](const soci::row& row) { out = ReadEndpoint(row); });
  return out;
}

void WebhooksRepository::Update(OrganizationId org, const WebhookEndpoint& e,
                                const std::string& now) {
  SqlParams p;
  p.Int("org", org.value);
  p.Int("id", e.id);
  p.Text("url", e.url);
  p.Text("description", e.description);
  p.Text("events", Join(e.events));
  p.Text("secret", e.secret_sealed);
  p.Text("status", e.status);
  p.Int("failures", e.consecutive_failures);
  p.Text("reason", e.disabled_reason);
  p.TextOrNull("disabled_at", e.disabled_at);
  p.Text("now", now);
  p.Execute(lease_,
            "UPDATE webhook_endpoints SET url = :url, description = :description, events = "
            ":events, secret_sealed = :secret, status = :status, consecutive_failures = "
            ":failures, disabled_reason = :reason, disabled_at = :disabled_at, updated_at = :now "
            "WHERE organization_id = :org AND id = :id");
}

bool WebhooksRepository::Delete(OrganizationId org, long long id) {
  if (!Find(org, id)) return false;
  SqlParams p;
  p.Int("org", org.value);
  p.Int("id", id);
  p.Execute(lease_, "DELETE FROM webhook_endpoints WHERE organization_id = :org AND id = :id");
  return true;
}

std::vector<WebhookEndpoint> WebhooksRepository::Subscribed(OrganizationId org,
                                                            const std::string& event) {
  std::vector<WebhookEndpoint> out;
  SqlParams p;
  p.Int("org", org.value);
  p.ForEachRow(lease_,
               std::string("SELECT ") + kEndpointColumns +
                   " FROM webhook_endpoints WHERE organization_id = :org AND status = 'active' "
                   "ORDER BY id",
               [&](const soci::row& row) {
                 auto e = ReadEndpoint(row);
                 for (const auto& name : e.events) {
                   if (name == event) {
                     out.push_back(std::move(e));
                     break;
                   }
                 }
               });
  return out;
}

long long WebhooksRepository::InsertDelivery(OrganizationId org, long long endpoint,
                                             const std::string& event, const std::string& payload,
                                             std::optional<long long> replay_of,
                                             const std::string& now) {
  SqlParams p;
  p.Int("org", org.value);
  p.Int("endpoint", endpoint);
  p.Text("event", event);
  p.Text("payload", payload);
  p.IntOrNull("replay", replay_of);
  p.Text("now", now);
  long long id = 0;
  p.Execute(lease_,
            "INSERT INTO webhook_deliveries (organization_id, endpoint_id, event_name, payload, "
            "status, replay_of_id, created_at) VALUES (:org, :endpoint, :event, :payload, "
            "'pending', :replay, :now) RETURNING id",
            &id);
  NewJob job;
  job.organization = org;
  job.type = "webhooks.deliver";
  job.payload = "{\"delivery_id\":" + std::to_string(id) + "}";
  job.max_attempts = 6;
  job.run_at = now;
  job.dedupe_key = "webhook-delivery:" + std::to_string(id);
  (void)JobsRepository(lease_).Enqueue(job, now);
  return id;
}

std::optional<WebhookDelivery> WebhooksRepository::FindDelivery(OrganizationId org, long long id) {
  std::optional<WebhookDelivery> out;
  SqlParams p;
  p.Int("org", org.value);
  p.Int("id", id);
  p.ForEachRow(lease_,
               std::string("SELECT ") + kDeliveryColumns +
                   " FROM webhook_deliveries WHERE organization_id = :org AND id = :id",
               [&](const soci::row& row) { out = ReadDelivery(row); });
  return out;
}

std::vector<WebhookDelivery> WebhooksRepository::Deliveries(OrganizationId org, long long endpoint,
                                                            int limit) {
  std::vector<WebhookDelivery> out;
  SqlParams p;
  p.Int("org", org.value);
  p.Int("endpoint", endpoint);
  p.Int("limit", limit);
  p.ForEachRow(lease_,
               std::string("SELECT ") + kDeliveryColumns +
                   " FROM webhook_deliveries WHERE organization_id = :org AND endpoint_id = "
                   ":endpoint ORDER BY id DESC LIMIT :limit",
               [&](const soci::row& row) { out.push_back(ReadDelivery(row)); });
  return out;
}

void WebhooksRepository::RecordAttempt(const WebhookDelivery& d, const std::string& now) {
  SqlParams p;
  p.Int("org", d.organization);
  p.Int("id", d.id);
  p.Text("status", d.status);
  p.Int("attempts", d.attempts);
  p.IntOrNull("code", d.response_status);
  p.IntOrNull("ms", d.response_ms);
  p.Text("error", d.error);
  p.Text("now", now);
  p.TextOrNull("delivered", d.delivered_at);
  p.Execute(lease_,
            "UPDATE webhook_deliveries SET status = :status, attempts = :attempts, "
            "response_status = :code, response_ms = :ms, error = :error, last_attempt_at = :now, "
            "delivered_at = :delivered WHERE organization_id = :org AND id = :id");
}

void QueueWebhookDeliveries(Lease& lease, OrganizationId org, const std::string& event,
                            const std::string& payload, const std::string& now) {
  WebhooksRepository repo(lease);
  for (const auto& e : repo.Subscribed(org, event)) {
    (void)repo.InsertDelivery(org, e.id, event, payload, std::nullopt, now);
  }
}

}  // namespace planify::store
