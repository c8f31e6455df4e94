#include "app/admin/operations.hpp"

#include <nlohmann/json.hpp>

#include "app/organization/organization_service.hpp"

namespace planify::app {

Result<std::vector<store::EmailRow>> OperationsService::ListEmails(const Principal& actor,
                                                                   int limit, long long before_id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::vector<store::EmailRow>> {
    return store::EmailsRepository(lease).ListForOrganization(*actor.organization, limit,
                                                              before_id);
  });
}

Result<store::EmailRow> OperationsService::GetEmail(const Principal& actor, long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::EmailRow> {
    auto email = store::EmailsRepository(lease).Find(id);
    if (!email || email->organization != actor.organization) {
      return Fail(ErrorCode::kNotFound, "E-mail introuvable.");
    }
    return *email;
  });
}

Result<std::vector<store::JobRow>> OperationsService::ListDeadJobs(const Principal& actor) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::vector<store::JobRow>> {
    return store::JobsRepository(lease).ListForOrganization(*actor.organization,
                                                            store::JobStatus::kDead, 200);
  });
}

Result<void> OperationsService::RetryJob(const Principal& actor, long long id,
                                         const RequestMeta& meta) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::JobsRepository jobs(lease);
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    auto job = jobs.Find(id);
    if (!job || job->organization != actor.organization) {
      return Fail(ErrorCode::kNotFound, "Tâche introuvable.");
    }
    if (job->status != store::JobStatus::kDead) {
      return Fail(ErrorCode::kConflict, "Seule une tâche en échec peut être relancée.");
    }
    auto requeued = jobs.Requeue(id, now);
    if (!requeued) return requeued;
    store::AuthRepository repo(lease);
    Audit(repo, actor, meta, "jobs.retried", "job", std::to_string(id),
          nlohmann::json{{"type", job->type}, {"last_error", job->last_error}}.dump(), now);
    tx.Commit();
    return {};
  });
}

Result<integrations::RenderedEmail> OperationsService::PreviewTemplate(const Principal& actor,
                                                                       const std::string& name,
                                                                       const std::string& locale) {
  if (locale != "fr" && locale != "en") {
    return Fail(ErrorCode::kValidation, "Langue inconnue.", {{"locale", "fr ou en."}});
  }
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<integrations::RenderedEmail> {
    return integrations::RenderEmailTemplate(
        name, locale, OrganizationBranding(lease, *actor.organization, public_url_),
        integrations::EmailTemplateSample());
  });
}

}  // namespace planify::app
