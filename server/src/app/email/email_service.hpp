#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/email/mailer.hpp"
#include "domain/ids.hpp"
#include "integrations/email/templates.hpp"
#include "jobs/worker.hpp"
#include "store/database.hpp"

namespace planify::app {

// Stores the message in the outbox and enqueues its "email.send" job, on the caller's lease and
// inside the caller's transaction: the e-mail goes out if and only if the business change
// commits. VALIDATION on a bad draft. Returns the e-mail id.
[[nodiscard]] Result<long long> QueueEmail(store::Lease& lease,
                                           std::optional<OrganizationId> organization,
                                           domain::EmailDraft draft, const std::string& now);

// Renders `template_name` in `locale` for the organisation's branding, then queues it like
// QueueEmail (the stored message is exactly the rendered one). NOT_FOUND for an unknown
// template, VALIDATION for missing variables or a bad recipient.
[[nodiscard]] Result<long long> QueueTemplatedEmail(
    store::Lease& lease, std::optional<OrganizationId> organization,
    const std::string& template_name, const std::string& locale,
    const integrations::EmailBranding& branding, const nlohmann::json& data,
    const std::string& to_address, const std::string& to_name, const std::string& now,
    std::vector<domain::EmailAttachment> attachments = {});

// Registers "email.send": loads the stored message, hands it to `mailer` with the key
// "planify-email-<id>", and marks it sent in the same transaction as the job's completion.
// A message already sent (a re-run after a crash) is not sent again. Times come from `clock`.
void RegisterEmailJobs(jobs::JobRegistry& registry, Mailer& mailer, std::string from_address,
                       const Clock& clock);

}  // namespace planify::app
