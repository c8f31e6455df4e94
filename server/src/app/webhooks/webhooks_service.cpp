#include "app/webhooks/webhooks_service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>

#include "app/email/email_service.hpp"
#include "domain/analytics.hpp"
#include "domain/einvoice.hpp"
#include "domain/validation.hpp"
#include "integrations/crypto/sodium.hpp"
#include "integrations/http/http_client.hpp"
#include "store/auth_repository.hpp"
#include "store/sql_params.hpp"

namespace planify::app {

namespace {

Result<void> NoEndpoint() { return Fail(ErrorCode::kNotFound, "Webhook introuvable."); }

std::string NewSecret() { return "whsec_" + integrations::RandomHex(24); }

// Validates what is given; on creation every field is required.
Result<void> Check(WebhookInput& input, bool creating, const domain::WebhookPolicy& policy) {
  domain::FieldErrors errors;
  if (creating && !input.url) errors.Add("url", "Adresse requise.");
  if (input.url) {
    auto url = domain::ParseWebhookUrl(*input.url, policy);
    if (!url) {
      errors.Add("url", url.error().message);
    } else if (auto addresses = PublicAddressesOf(*url, policy); !addresses) {
      errors.Add("url", addresses.error().message);
    }
  }
  if (input.description) {
    domain::CleanText(errors, "description", *input.description, 200);
  } else if (creating) {
    input.description = "";
  }
  if (creating && !input.events) errors.Add("events", "Choisissez au moins un événement.");
  if (input.events) {
    const auto known = domain::BusinessEventNames();
    std::set<std::string> unique;
    for (const auto& e : *input.events) {
      if (std::find(known.begin(), known.end(), e) == known.end()) {
        errors.Add("events", "Événement inconnu : « " + e.substr(0, 64) + " ».");
        break;
      }
      unique.insert(e);
    }
    if (unique.empty()) errors.Add("events", "Choisissez au moins un événement.");
    input.events = std::vector<std::string>(unique.begin(), unique.end());
  }
  if (!errors.empty()) return Fail(errors.ToError());
  return {};
}

nlohmann::json EndpointAudit(const store::WebhookEndpoint& e) {
  return {{"url", e.url}, {"events", e.events}, {"status", e.status}};
}

}  // namespace

Result<std::vector<std::string>> PublicAddressesOf(const domain::WebhookUrl& url,
                                                   const domain::WebhookPolicy& policy) {
  std::vector<std::string> addresses;
  if (auto literal = domain::AddressLiteral(url.host)) {
    addresses.push_back(*literal);
  } else {
    auto resolved = integrations::ResolveHost(url.host);
    if (!resolved) {
      return Fail(ErrorCode::kValidation, "Ce serveur est introuvable (DNS) : " + url.host + ".");
    }
    addresses = std::move(*resolved);
  }
  if (!policy.allow_private) {
    for (const auto& a : addresses) {
      if (!domain::IsPublicAddress(a)) {
        return Fail(ErrorCode::kValidation,
                    "Ce serveur a une adresse privée ou locale (" + a + ") : il est refusé.");
      }
    }
  }
  return addresses;
}

Result<std::vector<store::WebhookEndpoint>> WebhooksService::List(const Principal& actor) {
  return store::WithLease(db_,
                          [&](store::Lease& lease) -> Result<std::vector<store::WebhookEndpoint>> {
                            return store::WebhooksRepository(lease).List(*actor.organization);
                          });
}

Result<WebhookWithSecret> WebhooksService::Create(const Principal& actor, const RequestMeta& meta,
                                                  const WebhookInput& given) {
  WebhookInput input = given;
  if (auto ok = Check(input, true, policy_); !ok) return Fail(ok.error());
  const auto org = *actor.organization;
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<WebhookWithSecret> {
    store::WriteTransaction tx(lease);
    store::WebhooksRepository repo(lease);
    if (repo.List(org).size() >= 20) {
      return Fail(MakeError(ErrorCode::kValidation, "La requête contient des champs invalides.",
                            {{"url", "Vingt webhooks au plus par organisation."}}));
    }
    const std::string stamp = domain::FormatIsoUtc(clock_.Now());
    WebhookWithSecret out;
    out.secret = NewSecret();
    out.endpoint.url = *input.url;
    out.endpoint.description = *input.description;
    out.endpoint.events = *input.events;
    out.endpoint.secret_sealed = cipher_.Seal(out.secret);
    const long long id = repo.Insert(org, out.endpoint, actor.user.value, stamp);
    out.endpoint = *repo.Find(org, id);
    store::AuthRepository auth(lease);
    Audit(auth, actor, meta, "webhooks.created", "webhook", std::to_string(id),
          EndpointAudit(out.endpoint).dump(), stamp);
    tx.Commit();
    return out;
  });
}

Result<store::WebhookEndpoint> WebhooksService::Update(const Principal& actor,
                                                       const RequestMeta& meta, long long id,
                                                       const WebhookInput& given) {
  WebhookInput input = given;
  const auto org = *actor.organization;
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::WebhookEndpoint> {
    store::WriteTransaction tx(lease);
    store::WebhooksRepository repo(lease);
    auto e = repo.Find(org, id);
    if (!e) return Fail(NoEndpoint().error());
    if (auto ok = Check(input, false, policy_); !ok) return Fail(ok.error());
    if (input.url) e->url = *input.url;
    if (input.description) e->description = *input.description;
    if (input.events) e->events = *input.events;
    const std::string stamp = domain::FormatIsoUtc(clock_.Now());
    if (input.active) {
      if (*input.active && e->status != "active") {
        e->status = "active";
        e->consecutive_failures = 0;
        e->disabled_reason.clear();
        e->disabled_at.clear();
      } else if (!*input.active && e->status != "disabled") {
        e->status = "disabled";
        e->disabled_reason = "Désactivé à la main.";
        e->disabled_at = stamp;
      }
    }
    repo.Update(org, *e, stamp);
    store::AuthRepository auth(lease);
    Audit(auth, actor, meta, "webhooks.updated", "webhook", std::to_string(id),
          EndpointAudit(*e).dump(), stamp);
    tx.Commit();
    return *repo.Find(org, id);
  });
}

Result<void> WebhooksService::Delete(const Principal& actor, const RequestMeta& meta,
                                     long long id) {
  const auto org = *actor.organization;
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::WriteTransaction tx(lease);
    store::WebhooksRepository repo(lease);
    auto e = repo.Find(org, id);
    if (!e || !repo.Delete(org, id)) return NoEndpoint();
    const std::string stamp = domain::FormatIsoUtc(clock_.Now());
    store::AuthRepository auth(lease);
    Audit(auth, actor, meta, "webhooks.deleted", "webhook", std::to_string(id),
          EndpointAudit(*e).dump(), stamp);
    tx.Commit();
    return {};
  });
}

Result<WebhookWithSecret> WebhooksService::RotateSecret(const Principal& actor,
                                                        const RequestMeta& meta, long long id) {
  const auto org = *actor.organization;
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<WebhookWithSecret> {
    store::WriteTransaction tx(lease);
    store::WebhooksRepository repo(lease);
    auto e = repo.Find(org, id);
    if (!e) return Fail(NoEndpoint().error());
    const std::string stamp = domain::FormatIsoUtc(clock_.Now());
    WebhookWithSecret out;
    out.secret = NewSecret();
    e->secret_sealed = cipher_.Seal(out.secret);
    repo.Update(org, *e, stamp);
    out.endpoint = *e;
    store::AuthRepository auth(lease);
    Audit(auth, actor, meta, "webhooks.secret_rotated", "webhook", std::to_string(id), "{}", stamp);
    tx.Commit();
    return out;
  });
}

Result<std::vector<store::WebhookDelivery>> WebhooksService::Deliveries(const Principal& actor,
                                                                        long long id) {
  const auto org = *actor.organization;
  return store::WithLease(db_,
                          [&](store::Lease& lease) -> Result<std::vector<store::WebhookDelivery>> {
                            store::WebhooksRepository repo(lease);
                            if (!repo.Find(org, id)) return Fail(NoEndpoint().error());
                            return repo.Deliveries(org, id, 100);
                          });
}

Result<store::WebhookDelivery> WebhooksService::Replay(const Principal& actor,
                                                       const RequestMeta& meta, long long id,
                                                       long long delivery) {
  const auto org = *actor.organization;
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::WebhookDelivery> {
    store::WriteTransaction tx(lease);
    store::WebhooksRepository repo(lease);
    auto e = repo.Find(org, id);
    auto d = repo.FindDelivery(org, delivery);
    if (!e || !d || d->endpoint != id) {
      return Fail(ErrorCode::kNotFound, "Envoi introuvable.");
    }
    const std::string stamp = domain::FormatIsoUtc(clock_.Now());
    const long long fresh = repo.InsertDelivery(org, id, d->event_name, d->payload, d->id, stamp);
    store::AuthRepository auth(lease);
    Audit(auth, actor, meta, "webhooks.replayed", "webhook", std::to_string(id),
          nlohmann::json{{"delivery", delivery}, {"replay", fresh}}.dump(), stamp);
    tx.Commit();
    return *repo.FindDelivery(org, fresh);
  });
}

Result<store::WebhookDelivery> WebhooksService::Ping(const Principal& actor,
                                                     const RequestMeta& meta, long long id) {
  const auto org = *actor.organization;
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::WebhookDelivery> {
    store::WriteTransaction tx(lease);
    store::WebhooksRepository repo(lease);
    if (!repo.Find(org, id)) return Fail(NoEndpoint().error());
    const std::string stamp = domain::FormatIsoUtc(clock_.Now());
    const std::string payload = nlohmann::json{
        {"id", "evt_ping_" + integrations::RandomHex(8)},
        {"type", "ping"},
        {"created_at", stamp},
        {"organization_id", org.value},
        {"data",
         nlohmann::json::object()}}.dump();
    const long long fresh = repo.InsertDelivery(org, id, "ping", payload, std::nullopt, stamp);
    store::AuthRepository auth(lease);
    Audit(auth, actor, meta, "webhooks.pinged", "webhook", std::to_string(id), "{}", stamp);
    tx.Commit();
    return *repo.FindDelivery(org, fresh);
  });
}

namespace {

// The owners' and administrators' addresses of an organisation.
std::vector<std::pair<std::string, std::string>> Admins(store::Lease& lease, OrganizationId org) {
  std::vector<std::pair<std::string, std::string>> out;
  store::SqlParams p;
  p.Int("org", org.value);
  p.ForEachRow(lease,
               "SELECT u.email, u.display_name FROM memberships m JOIN users u ON u.id = "
               "m.user_id WHERE m.organization_id = :org AND m.role IN ('owner', 'admin') AND "
               "u.disabled_at IS NULL ORDER BY u.id",
               [&](const soci::row& row) {
                 out.emplace_back(store::RowText(row, 0), store::RowText(row, 1));
               });
  return out;
}

// The delivery failed for good: counts it, disables the endpoint after too many in a row and
// tells the admins.
void FailedForGood(store::Lease& lease, store::WebhookEndpoint& e, const std::string& why,
                   const std::string& now) {
  store::WebhooksRepository repo(lease);
  const OrganizationId org{e.organization};
  e.consecutive_failures += 1;
  if (e.status == "active" && e.consecutive_failures >= kWebhookFailuresBeforeDisable) {
    e.status = "disabled";
    e.disabled_at = now;
    e.disabled_reason = std::to_string(e.consecutive_failures) +
                        " envois de suite ont échoué (dernier : " + why + ").";
    for (const auto& [email, name] : Admins(lease, org)) {
      domain::EmailDraft draft;
      draft.to_address = email;
      draft.to_name = name;
      draft.from_name = "Planify";
      draft.subject = "Webhook désactivé : " + e.url.substr(0, 120);
      draft.text = "Bonjour,\n\nLe webhook " + e.url + " a été désactivé : " + e.disabled_reason +
                   "\n\nVérifiez le service qui le reçoit, puis réactivez-le dans Paramètres → "
                   "Webhooks ; les envois manqués peuvent y être rejoués.\n";
      draft.html = "<p>Bonjour,</p><p>Le webhook <strong>" + domain::EscapeXml(e.url) +
                   "</strong> a été désactivé : " + domain::EscapeXml(e.disabled_reason) +
                   "</p><p>Vérifiez le service qui le reçoit, puis réactivez-le dans Paramètres "
                   "→ Webhooks ; les envois manqués peuvent y être rejoués.</p>";
      if (auto queued = QueueEmail(lease, org, draft, now); !queued) {
        spdlog::warn("webhook {}: e-mail to an admin not queued: {}", e.id, queued.error().message);
      }
    }
    store::AuditEntry entry;
    entry.organization = org;
    entry.actor_label = "Planify";
    entry.action = "webhooks.disabled";
    entry.entity_type = "webhook";
    entry.entity_id = std::to_string(e.id);
    entry.details_json = nlohmann::json{{"reason", e.disabled_reason}}.dump();
    store::AuthRepository(lease).Audit(entry, now);
  }
  repo.Update(org, e, now);
}

}  // namespace

void RegisterWebhookJobs(jobs::JobRegistry& registry, const Clock& clock, const Cipher& cipher,
                         domain::WebhookPolicy policy) {
  registry.Register(
      "webhooks.deliver",
      [&clock, &cipher, policy](const store::JobRow& job,
                                jobs::JobContext& context) -> Result<void> {
        auto body = nlohmann::json::parse(job.payload, nullptr, false);
        if (!body.is_object() || !body["delivery_id"].is_number_integer() || !job.organization) {
          return Fail(ErrorCode::kBadRequest, "webhooks.deliver: bad payload");
        }
        const OrganizationId org = *job.organization;
        const long long id = body["delivery_id"].get<long long>();
        std::optional<store::WebhookDelivery> delivery;
        std::optional<store::WebhookEndpoint> endpoint;
        auto loaded = store::WithLease(context.db(), [&](store::Lease& lease) -> Result<void> {
          store::WebhooksRepository repo(lease);
          delivery = repo.FindDelivery(org, id);
          if (delivery) endpoint = repo.Find(org, delivery->endpoint);
          return {};
        });
        if (!loaded) return loaded;
        if (!delivery || !endpoint || delivery->status != "pending") return {};
        // The claim counted this attempt already.
        const bool last = job.attempts >= job.max_attempts;
        auto finish = [&](const std::string& status, const std::string& error,
                          bool for_good) -> Result<void> {
          const std::string now = domain::FormatIsoUtc(clock.Now());
          return store::WithLease(context.db(), [&](store::Lease& lease) -> Result<void> {
            store::WriteTransaction tx(lease);
            store::WebhooksRepository repo(lease);
            delivery->status = status;
            delivery->error = error;
            if (status == "succeeded") {
              delivery->delivered_at = now;
              if (endpoint->consecutive_failures != 0) {
                endpoint->consecutive_failures = 0;
                repo.Update(org, *endpoint, now);
              }
            }
            repo.RecordAttempt(*delivery, now);
            if (for_good) FailedForGood(lease, *endpoint, error, now);
            tx.Commit();
            return {};
          });
        };
        if (endpoint->status != "active") {
          return finish("failed", "Webhook désactivé : rien n'a été envoyé.", false);
        }
        delivery->attempts += 1;
        // The address is checked now, at each attempt: a name may point elsewhere since.
        auto url = domain::ParseWebhookUrl(endpoint->url, policy);
        Result<std::vector<std::string>> addresses =
            url ? PublicAddressesOf(*url, policy)
                : Result<std::vector<std::string>>(Fail(url.error()));
        if (!addresses) return finish("refused", addresses.error().message, true);
        auto secret = cipher.Open(endpoint->secret_sealed);
        if (!secret) return finish("failed", "Secret illisible (clé du serveur changée ?).", true);
        const auto now = clock.Now();
        const std::string stamp = std::to_string(
            std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
        const std::string signature =
            "t=" + stamp +
            ",v1=" + integrations::HmacSha256Hex(*secret, stamp + "." + delivery->payload);
        const auto started = std::chrono::steady_clock::now();
        auto sent =
            integrations::HttpPostPinned(endpoint->url, url->host, url->port, addresses->front(),
                                         {{"Content-Type", "application/json"},
                                          {"Planify-Signature", signature},
                                          {"Planify-Event", delivery->event_name},
                                          {"Planify-Delivery", std::to_string(delivery->id)}},
                                         delivery->payload, std::chrono::seconds(10), 4096);
        delivery->response_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                    std::chrono::steady_clock::now() - started)
                                    .count();
        if (!sent) {
          delivery->response_status.reset();
          auto done = finish(last ? "failed" : "pending", sent.error().message, last);
          if (!done) return done;
          return last ? Result<void>{} : Fail(sent.error());
        }
        delivery->response_status = sent->status;
        if (sent->status >= 200 && sent->status < 300) return finish("succeeded", "", false);
        const std::string error = sent->status >= 300 && sent->status < 400
                                      ? "Redirection " + std::to_string(sent->status) +
                                            " non suivie : donnez l'adresse finale."
                                      : "Réponse " + std::to_string(sent->status);
        auto done = finish(last ? "failed" : "pending", error, last);
        if (!done) return done;
        if (last) return {};
        return Fail(ErrorCode::kUnavailable,
                    "webhook " + std::to_string(endpoint->id) + ": " + error);
      });
}

}  // namespace planify::app
