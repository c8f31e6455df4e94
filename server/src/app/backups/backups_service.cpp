#include "app/backups/backups_service.hpp"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "store/auth_repository.hpp"
#include "store/backup_store.hpp"
#include "store/jobs_repository.hpp"

namespace planify::app {

namespace {

constexpr const char* kSeveralOrganizations =
    "Cette instance héberge plusieurs organisations : une sauvegarde contient toutes leurs "
    "données, elle se fait en ligne de commande par l'exploitant (planify backup).";

}  // namespace

Result<void> BackupsService::RequireSingleOrganization(store::Lease& lease) {
  if (store::CountOrganizations(lease) > 1)
    return Fail(ErrorCode::kConflict, kSeveralOrganizations);
  if (settings_.directory.empty()) {
    return Fail(ErrorCode::kConflict, "Les sauvegardes ne sont pas configurées sur ce serveur.");
  }
  return {};
}

Result<BackupsOverview> BackupsService::Overview(const Principal& /*actor*/) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<BackupsOverview> {
    BackupsOverview overview;
    overview.daily = settings_.daily;
    overview.retention = settings_.retention;
    if (auto single = RequireSingleOrganization(lease); !single) {
      overview.available = false;
      overview.unavailable_reason = single.error().message;
      return overview;
    }
    overview.directory = std::filesystem::absolute(settings_.directory).string();
    overview.backups = ListBackups(settings_.directory);
    overview.job = store::ReadBackupJobState(lease);
    return overview;
  });
}

Result<long long> BackupsService::Request(const Principal& actor, const RequestMeta& meta) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<long long> {
    if (auto single = RequireSingleOrganization(lease); !single) return Fail(single.error());
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    if (store::ReadBackupJobState(lease).pending) {
      return Fail(ErrorCode::kConflict, "Une sauvegarde est déjà en cours.");
    }
    store::NewJob job;
    job.type = "backups.run";
    job.payload = nlohmann::json{{"reason", "manual"}, {"requested_by", actor.user.value}}.dump();
    job.max_attempts = 2;
    job.run_at = now;
    auto queued = store::JobsRepository(lease).Enqueue(job, now);
    if (!queued) return Fail(queued.error());
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "backups.requested", "backup", std::to_string(*queued), "{}", now);
    tx.Commit();
    return *queued;
  });
}

Result<BackupListing> BackupsService::Download(const Principal& actor, const std::string& name,
                                               const RequestMeta& meta) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<BackupListing> {
    if (auto single = RequireSingleOrganization(lease); !single) return Fail(single.error());
    // Only names the backups carry: nothing in a URL can reach outside the directory.
    if (!domain::ParseBackupFileName(name))
      return Fail(ErrorCode::kNotFound, "Sauvegarde introuvable.");
    for (const auto& backup : ListBackups(settings_.directory)) {
      if (backup.name != name) continue;
      const std::string now = domain::FormatIsoUtc(clock_.Now());
      store::WriteTransaction tx(lease);
      store::AuthRepository audit(lease);
      Audit(audit, actor, meta, "backups.downloaded", "backup", name,
            nlohmann::json{{"size", backup.size}}.dump(), now);
      tx.Commit();
      return backup;
    }
    return Fail(ErrorCode::kNotFound, "Sauvegarde introuvable.");
  });
}

void RegisterBackupJobs(jobs::JobRegistry& registry, const Clock& clock, BackupSettings settings,
                        std::string planify_version) {
  registry.Register(
      "backups.run",
      [&clock, settings = std::move(settings), version = std::move(planify_version)](
          const store::JobRow& job, jobs::JobContext& context) -> Result<void> {
        auto payload = nlohmann::json::parse(job.payload, nullptr, false);
        const std::string reason =
            payload.is_object() ? payload.value("reason", "daily") : std::string("daily");
        if (settings.directory.empty() || (reason == "daily" && !settings.daily)) {
          spdlog::info("backups: the daily backup is off (PLANIFY_BACKUP_DAILY=false)");
          return {};
        }
        BackupRequest request;
        request.database = context.db().url();
        request.directory = settings.directory;
        request.planify_version = version;
        request.now = clock.Now();
        auto made = MakeBackup(request);
        if (!made) return Fail(made.error());
        spdlog::info("backups: {} ({} bytes, {} tables)", made->file.string(), made->size,
                     made->manifest.figures.tables.size());
        auto pruned = PruneBackups(settings.directory, settings.retention);
        if (!pruned) return Fail(pruned.error());
        for (const auto& name : *pruned) spdlog::info("backups: {} deleted (retention)", name);
        return {};
      });
}

}  // namespace planify::app
