#include "app/email/email_service.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "store/billing_repository.hpp"
#include "store/emails_repository.hpp"
#include "store/jobs_repository.hpp"

namespace planify::app {

Result<long long> QueueEmail(store::Lease& lease, std::optional<OrganizationId> organization,
                             domain::EmailDraft draft, const std::string& now) {
  auto valid = domain::ValidateEmailDraft(std::move(draft));
  if (!valid) return Fail(std::move(valid).error());
  long long id = store::EmailsRepository(lease).Insert(organization, *valid, now);
  store::NewJob job;
  job.organization = organization;
  job.type = "email.send";
  job.payload = nlohmann::json{{"email_id", id}}.dump();
  job.max_attempts = 10;
  job.run_at = now;
  job.dedupe_key = "email:" + std::to_string(id);
  auto enqueued = store::JobsRepository(lease).Enqueue(job, now);
  if (!enqueued) return Fail(std::move(enqueued).error());
  return id;
}

Result<long long> QueueTemplatedEmail(store::Lease& lease,
                                      std::optional<OrganizationId> organization,
                                      const std::string& template_name, const std::string& locale,
                                      const integrations::EmailBranding& branding,
                                      const nlohmann::json& data, const std::string& to_address,
                                      const std::string& to_name, const std::string& now,
                                      std::vector<domain::EmailAttachment> attachments) {
  auto rendered = integrations::RenderEmailTemplate(template_name, locale, branding, data);
  if (!rendered) return Fail(std::move(rendered).error());
  domain::EmailDraft draft;
  draft.to_address = to_address;
  draft.to_name = to_name;
  draft.from_name = branding.organization_name.empty() ? "Planify" : branding.organization_name;
  draft.subject = rendered->subject;
  draft.html = rendered->html;
  draft.text = rendered->text;
  draft.template_name = template_name;
  draft.attachments = std::move(attachments);
  return QueueEmail(lease, organization, std::move(draft), now);
}

void RegisterEmailJobs(jobs::JobRegistry& registry, Mailer& mailer, std::string from_address,
                       const Clock& clock) {
  registry.Register(
      "email.send",
      [&mailer, &clock, from = std::move(from_address)](const store::JobRow& job,
                                                        jobs::JobContext& context) -> Result<void> {
        auto payload = nlohmann::json::parse(job.payload, nullptr, false);
        if (!payload.is_object() || !payload.contains("email_id") ||
            !payload["email_id"].is_number_integer()) {
          return Fail(ErrorCode::kBadRequest, "email.send payload needs an integer email_id");
        }
        const long long id = payload["email_id"].get<long long>();
        std::optional<store::EmailRow> email;
        {
          auto lease = context.db().Acquire();
          if (!lease) return Fail(std::move(lease).error());
          email = store::EmailsRepository(*lease).Find(id);
        }
        if (!email) return Fail(ErrorCode::kBadRequest, "no e-mail " + std::to_string(id));
        if (email->status != "queued") return context.CompleteWith({});  // already handed over

        auto receipt =
            mailer.Send(OutgoingEmail{from, email->draft}, "planify-email-" + std::to_string(id));
        const std::string now = domain::FormatIsoUtc(clock.Now());
        if (!receipt) {
          const bool permanent = receipt.error().code == ErrorCode::kBadRequest ||
                                 receipt.error().code == ErrorCode::kValidation;
          const bool final = permanent || job.attempts >= job.max_attempts;
          auto lease = context.db().Acquire();
          if (lease) {
            try {
              store::EmailsRepository(*lease).RecordFailure(id, receipt.error().message, final,
                                                            now);
            } catch (const soci::soci_error& e) {
              spdlog::warn("e-mail {}: cannot record the failure: {}", id, e.get_error_message());
            }
          }
          return Fail(receipt.error());
        }
        auto done = context.CompleteWith([&](store::Lease& lease) {
          store::EmailsRepository(lease).MarkSent(id, receipt->provider, receipt->message_id, now);
          store::BillingRepository(lease).OnEmailSent(id, now);
        });
        if (done)
          spdlog::info("e-mail {} sent via {} ({})", id, receipt->provider, receipt->message_id);
        return done;
      });
}

}  // namespace planify::app
