#include "app/email/webhooks.hpp"

#include "common/bounded_json.hpp"

#include <nlohmann/json.hpp>

#include "domain/email.hpp"
#include "integrations/email/svix.hpp"
#include "store/emails_repository.hpp"

namespace planify::app {

Result<WebhookOutcome> HandleResendWebhook(store::Database& db, const Clock& clock,
                                           const std::string& secret, const SvixHeaders& headers,
                                           const std::string& body) {
  const auto now = clock.Now();
  auto verified = integrations::VerifySvixSignature(secret, headers.id, headers.timestamp,
                                                    headers.signature, body, now);
  if (!verified) return Fail(std::move(verified).error());

  auto event = ParseUntrustedJsonOrDiscarded(body);
  if (!event.is_object() || !event.contains("type") || !event["type"].is_string() ||
      !event.contains("data") || !event["data"].is_object()) {
    return Fail(ErrorCode::kBadRequest, "not a Resend event: type and data are required");
  }
  const std::string type = event["type"].get<std::string>();
  const auto& data = event["data"];
  const std::string message_id = data.contains("email_id") && data["email_id"].is_string()
                                     ? data["email_id"].get<std::string>()
                                     : "";
  const std::string occurred = event.contains("created_at") && event["created_at"].is_string()
                                   ? event["created_at"].get<std::string>()
                                   : "";
  const std::string stamp = domain::FormatIsoUtc(now);

  auto lease = db.Acquire();
  if (!lease) return Fail(std::move(lease).error());
  try {
    store::WriteTransaction tx(*lease);
    store::EmailsRepository emails(*lease);
    std::optional<store::EmailRow> email;
    if (!message_id.empty()) email = emails.FindByProviderMessage("resend", message_id);
    // Resend's created_at is not always our exact ISO form; store it only when it is.
    std::string occurred_at = domain::ParseIsoUtc(occurred) ? occurred : "";
    WebhookOutcome outcome;
    if (!emails.RecordEvent(email ? std::optional<long long>(email->id) : std::nullopt, "resend",
                            headers.id, type, body, occurred_at, stamp)) {
      outcome.duplicate = true;
      outcome.email_status = email ? email->status : "";
      return outcome;
    }
    if (email) {
      outcome.email_status = email->status;
      if (auto next = domain::EmailStatusAfterEvent(email->status, type)) {
        emails.SetStatus(email->id, *next, stamp);
        outcome.email_status = *next;
      }
    }
    tx.Commit();
    return outcome;
  } catch (const soci::soci_error& e) {
    if (store::IsConstraintViolation(e)) return WebhookOutcome{true, ""};  // concurrent replay
    return store::DatabaseFailure(e);
  }
}

}  // namespace planify::app
