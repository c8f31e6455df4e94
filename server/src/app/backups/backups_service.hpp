#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "app/backups/backups.hpp"
#include "app/ports.hpp"
#include "jobs/worker.hpp"
#include "store/database.hpp"

namespace planify::app {

// Where and how often the instance backs itself up (PLANIFY_BACKUP_DIR, PLANIFY_BACKUP_DAILY).
struct BackupSettings {
  std::filesystem::path directory;  // empty: backups are off in this process
  bool daily = true;
  domain::BackupRetention retention;
};

struct BackupsOverview {
  // False when the instance hosts several organisations: a backup holds every organisation's
  // data, so only the operator, on the command line, makes and reads them.
  bool available = true;
  std::string unavailable_reason;
  std::string directory;
  bool daily = true;
  domain::BackupRetention retention;
  std::vector<BackupListing> backups;
  store::BackupJobState job;
};

// Administration → Sauvegardes (permission backups.manage): list the backups of the backup
// directory, make one now (the `backups.run` job), download one. Each action is audited.
class BackupsService {
 public:
  BackupsService(store::Database& db, const Clock& clock, BackupSettings settings)
      : db_(db), clock_(clock), settings_(std::move(settings)) {}

  [[nodiscard]] Result<BackupsOverview> Overview(const Principal& actor);
  // Queues a backup; CONFLICT when one is already waiting or running, or when the instance
  // hosts several organisations. Returns the job id.
  [[nodiscard]] Result<long long> Request(const Principal& actor, const RequestMeta& meta);
  // The file of a backup named as MakeBackup names them; NOT_FOUND for any other name.
  [[nodiscard]] Result<BackupListing> Download(const Principal& actor, const std::string& name,
                                               const RequestMeta& meta);
  [[nodiscard]] const BackupSettings& settings() const { return settings_; }

 private:
  [[nodiscard]] Result<void> RequireSingleOrganization(store::Lease& lease);

  store::Database& db_;
  const Clock& clock_;
  BackupSettings settings_;
};

// "backups.run" (payload {"reason": "daily" | "manual"}): makes a backup into the directory,
// then deletes what the retention does not keep. The daily run is skipped when
// `settings.daily` is false.
void RegisterBackupJobs(jobs::JobRegistry& registry, const Clock& clock, BackupSettings settings,
                        std::string planify_version);

}  // namespace planify::app
