#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

#include "app/accounts/create_user.hpp"
#include "app/ports.hpp"
#include "domain/time.hpp"
#include "main/config.hpp"
#include "store/database.hpp"

namespace planify {

inline constexpr const char* kVersion = "0.1.0";

// Exit codes: 0 ok, 1 runtime failure (database down, migration refused), 2 bad configuration
// or arguments.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitConfig = 2;

// `planify serve`: migrate (unless disabled), serve until SIGTERM/SIGINT, drain, exit 0.
int RunServe(const Config& config);
// `planify migrate`: apply pending migrations with progress; `status_only` just reports.
int RunMigrate(const Config& config, bool status_only, std::ostream& out);
// `planify user create`: see app::CreateUserFromCli.
int RunUserCreate(const Config& config, const app::CreateUserRequest& request, std::ostream& out);
// `planify worker`: runs jobs until SIGTERM/SIGINT; with `exit_when_idle`, until none is due.
int RunWorker(const Config& config, bool exit_when_idle, std::ostream& out);
// `planify jobs list|retry|enqueue`.
int RunJobsList(const Config& config, const std::string& status, int limit, std::ostream& out);
int RunJobsRetry(const Config& config, long long id, std::ostream& out);
int RunJobsEnqueue(const Config& config, const std::string& type, const std::string& payload,
                   int count, int max_attempts, std::ostream& out);
// `planify email test --to ADDRESS` / `planify email list`.
int RunEmailTest(const Config& config, const std::string& to, std::ostream& out);
int RunEmailList(const Config& config, int limit, std::ostream& out);
// `planify email preview TEMPLATE`: renders a template with sample data (html, text or subject).
int RunEmailPreview(const std::string& name, const std::string& locale, const std::string& part,
                    std::ostream& out);
// `planify backup [--to DIR]`: a consistent backup of the configured database (docs/backups.md).
int RunBackup(const Config& config, const std::string& to, std::ostream& out);
// `planify restore FILE`: into an empty database; exit 2 when the file is refused.
int RunRestore(const Config& config, const std::string& file, std::ostream& out);
// `planify import-legacy PATH.db …` (docs/legacy-import.md): exit 1 when the file is refused.
struct ImportLegacyOptions {
  std::filesystem::path source;
  std::string organization_name;
  std::optional<long long> into_organization;
  std::filesystem::path files_dir;
  std::filesystem::path encryption_key_file;
  std::filesystem::path report_file;
  bool dry_run = false;
  bool skip_test_data = false;
};
int RunImportLegacy(const Config& config, const ImportLegacyOptions& options, std::ostream& out);
int RunImportLegacy(store::Database& db, const ImportLegacyOptions& options, domain::Timestamp now,
                    const app::Cipher* cipher, std::ostream& out);
// `planify doctor`: checks configuration, database, schema, data dir, fonts; says how to fix.
int RunDoctor(const Getenv& getenv, std::ostream& out);

}  // namespace planify
