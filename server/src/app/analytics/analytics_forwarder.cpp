#include "app/analytics/analytics_forwarder.hpp"

#include <nlohmann/json.hpp>

#include "domain/time.hpp"
#include "integrations/crypto/sodium.hpp"
#include "integrations/http/http_client.hpp"
#include "store/business_events_repository.hpp"

namespace planify::app {

namespace {

constexpr int kBatch = 100;
constexpr int kBatchesPerRun = 10;

// A random (version 4) UUID.
std::string NewUuid() {
  std::string hex = integrations::RandomHex(16);
  hex[12] = '4';
  static constexpr const char* kVariant = "89ab";
  hex[16] = kVariant[(hex[16] >= 'a' ? hex[16] - 'a' + 10 : hex[16] - '0') % 4];
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

nlohmann::json Capture(const store::BusinessEvent& e) {
  auto properties = nlohmann::json::parse(e.properties_json, nullptr, false);
  if (!properties.is_object()) properties = nlohmann::json::object();
  const std::string org = std::to_string(e.organization);
  properties["organization_id"] = e.organization;
  properties["subject_type"] = e.subject_type;
  properties["subject_id"] = e.subject_id;
  if (e.actor) properties["actor_user_id"] = *e.actor;
  properties["$groups"] = {{"organization", org}};
  // Events of an organisation, not of a person: no person profile is made.
  properties["$process_person_profile"] = false;
  return {{"event", e.name},
          {"distinct_id", "organization-" + org},
          {"timestamp", e.occurred_at},
          {"uuid", e.forward_uuid},
          {"properties", properties}};
}

}  // namespace

void RegisterAnalyticsJobs(jobs::JobRegistry& registry, const Clock& clock,
                           AnalyticsSettings settings) {
  registry.Register(
      "analytics.forward",
      [&clock, settings](const store::JobRow&, jobs::JobContext& context) -> Result<void> {
        if (!settings.Enabled()) return {};
        for (int run = 0; run < kBatchesPerRun; ++run) {
          // Each event gets its UUID, kept, before anything leaves.
          auto pending = store::WithLease(
              context.db(), [&](store::Lease& lease) -> Result<std::vector<store::BusinessEvent>> {
                store::WriteTransaction tx(lease);
                store::BusinessEventsRepository repo(lease);
                auto events = repo.Pending(kBatch);
                for (auto& e : events) {
                  if (e.forward_uuid.empty()) e.forward_uuid = repo.EnsureUuid(e.id, NewUuid());
                }
                tx.Commit();
                return events;
              });
          if (!pending) return Fail(pending.error());
          if (pending->empty()) return {};
          nlohmann::json batch = nlohmann::json::array();
          for (const auto& e : *pending) batch.push_back(Capture(e));
          const nlohmann::json body{{"api_key", settings.posthog_key}, {"batch", batch}};
          auto sent = integrations::HttpSend("POST", settings.posthog_host + "/batch/",
                                             {{"Content-Type", "application/json"}}, body.dump());
          if (!sent) return Fail(sent.error());
          if (sent->status < 200 || sent->status >= 300) {
            return Fail(ErrorCode::kUnavailable,
                        "PostHog answered " + std::to_string(sent->status));
          }
          const std::string now = domain::FormatIsoUtc(clock.Now());
          auto marked = store::WithLease(context.db(), [&](store::Lease& lease) -> Result<void> {
            store::WriteTransaction tx(lease);
            store::BusinessEventsRepository repo(lease);
            for (const auto& e : *pending) repo.MarkForwarded(e.id, now);
            tx.Commit();
            return {};
          });
          if (!marked) return marked;
          if (static_cast<int>(pending->size()) < kBatch) return {};
        }
        return {};
      });
}

}  // namespace planify::app
