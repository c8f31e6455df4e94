#pragma once

#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "integrations/email/templates.hpp"
#include "store/emails_repository.hpp"
#include "store/jobs_repository.hpp"

namespace planify::app {

// What an organisation's admins see of the machinery: the e-mails it sent (the local outbox
// when PLANIFY_MAIL_DRIVER=outbox), its failed jobs, and template previews. Always scoped to
// the caller's organisation; another organisation's ids are NOT_FOUND.
class OperationsService {
 public:
  OperationsService(store::Database& db, const Clock& clock, std::string public_url)
      : db_(db), clock_(clock), public_url_(std::move(public_url)) {}

  [[nodiscard]] Result<std::vector<store::EmailRow>> ListEmails(const Principal& actor, int limit,
                                                                long long before_id);
  [[nodiscard]] Result<store::EmailRow> GetEmail(const Principal& actor, long long id);
  [[nodiscard]] Result<std::vector<store::JobRow>> ListDeadJobs(const Principal& actor);
  // CONFLICT when the job is not dead (queued or running); audited.
  [[nodiscard]] Result<void> RetryJob(const Principal& actor, long long id,
                                      const RequestMeta& meta);
  // Renders a template with sample data and the organisation's branding.
  [[nodiscard]] Result<integrations::RenderedEmail> PreviewTemplate(const Principal& actor,
                                                                    const std::string& name,
                                                                    const std::string& locale);

 private:
  store::Database& db_;
  const Clock& clock_;
  std::string public_url_;
};

}  // namespace planify::app
