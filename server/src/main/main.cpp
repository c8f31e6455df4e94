#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <iostream>

#include "app/accounts/create_user.hpp"
#include "main/commands.hpp"
#include "main/logging.hpp"
#include "store/migrations.hpp"

namespace {

void PrintConfigErrors(const planify::Error& error) {
  std::cerr << "planify: invalid configuration\n";
  for (const auto& f : error.fields) std::cerr << "  " << f.field << ": " << f.message << "\n";
}

// Before any connection opens: a pooled SQLite connection is only ever used by one thread at a
// time (a store::Lease), so SQLite's per-connection mutexes (serialized mode) and the global
// mutex of its allocation statistics are overhead; a profile of the calendar put mutex locking
// at a tenth of its CPU time (docs/performance.md).
void ConfigureSqliteForPool() {
  sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

}  // namespace

int main(int argc, char** argv) {
  ConfigureSqliteForPool();
  CLI::App cli{"Planify — gestion d'activité pour prestataires événementiels et techniques"};
  cli.require_subcommand(1);
  auto* serve = cli.add_subcommand(
      "serve", "Run the HTTP server (migrates first unless PLANIFY_AUTO_MIGRATE=false)");
  auto* migrate = cli.add_subcommand("migrate", "Apply pending database migrations");
  bool status_only = false;
  migrate->add_flag("--status", status_only, "Only report the schema state");
  auto* version = cli.add_subcommand("version", "Print the version and schema versions");
  auto* doctor =
      cli.add_subcommand("doctor", "Check configuration, database, data directory and fonts");
  auto* worker =
      cli.add_subcommand("worker", "Run background jobs (alongside or instead of those in serve)");
  bool exit_when_idle = false;
  worker->add_flag("--exit-when-idle", exit_when_idle,
                   "Stop once no job is due (drain and report)");
  auto* jobs = cli.add_subcommand("jobs", "Inspect and manage background jobs");
  jobs->require_subcommand(1);
  auto* jobs_list = jobs->add_subcommand("list", "List recent jobs and counts by status");
  std::string list_status;
  int list_limit = 50;
  jobs_list->add_option("--status", list_status, "queued, running, succeeded or dead");
  jobs_list->add_option("--limit", list_limit, "How many (newest first)")
      ->check(CLI::Range(1, 10000));
  auto* jobs_retry = jobs->add_subcommand("retry", "Queue a dead job again with fresh attempts");
  long long retry_id = 0;
  jobs_retry->add_option("id", retry_id, "Job id")->required();
  auto* email = cli.add_subcommand("email", "Outgoing e-mail");
  email->require_subcommand(1);
  auto* email_test = email->add_subcommand("test", "Queue a test e-mail (checks the mail set-up)");
  std::string email_to;
  email_test->add_option("--to", email_to, "Recipient address")->required();
  auto* email_preview = email->add_subcommand("preview", "Render a template with sample data");
  std::string preview_name;
  std::string preview_locale = "fr";
  std::string preview_part = "html";
  email_preview->add_option("template", preview_name, "e.g. quote.sent")->required();
  email_preview->add_option("--locale", preview_locale, "fr or en")
      ->check(CLI::IsMember({"fr", "en"}));
  email_preview->add_option("--part", preview_part, "html, text or subject")
      ->check(CLI::IsMember({"html", "text", "subject"}));
  auto* email_list = email->add_subcommand("list", "Recent e-mails and their delivery status");
  int email_limit = 50;
  email_list->add_option("--limit", email_limit, "How many (newest first)")
      ->check(CLI::Range(1, 10000));
  auto* jobs_enqueue = jobs->add_subcommand("enqueue", "Queue jobs of a known type");
  std::string enqueue_type;
  std::string enqueue_payload = "{}";
  int enqueue_count = 1;
  int enqueue_max_attempts = 8;
  jobs_enqueue->add_option("type", enqueue_type, "Job type, e.g. system.noop")->required();
  jobs_enqueue->add_option("--payload", enqueue_payload, "JSON object");
  jobs_enqueue->add_option("--count", enqueue_count, "How many")->check(CLI::Range(1, 1000000));
  jobs_enqueue->add_option("--max-attempts", enqueue_max_attempts, "Attempts before dead")
      ->check(CLI::Range(1, 100));
  auto* backup = cli.add_subcommand(
      "backup", "Back up the database while the server runs (to PLANIFY_BACKUP_DIR or --to)");
  std::string backup_to;
  backup->add_option("--to", backup_to, "Directory to write the backup into");
  auto* restore = cli.add_subcommand(
      "restore", "Restore a backup into an empty database (checks it fully first)");
  std::string restore_file;
  restore->add_option("file", restore_file, "planify-backup-….tar.gz")->required();
  auto* user = cli.add_subcommand("user", "Manage user accounts");
  user->require_subcommand(1);
  auto* user_create = user->add_subcommand(
      "create",
      "Create a user (and, on an empty instance, the first organisation it owns); without "
      "--password-stdin, prints a one-hour link to choose the password");
  planify::app::CreateUserRequest new_user;
  bool admin_flag = false;
  bool password_stdin = false;
  user_create->add_option("--email", new_user.email, "E-mail address")->required();
  user_create->add_option("--name", new_user.display_name, "Display name")->required();
  user_create->add_option("--role", new_user.role, "owner, admin, manager, dj or technician")
      ->check(CLI::IsMember({"owner", "admin", "manager", "dj", "technician"}));
  user_create->add_flag("--admin", admin_flag, "Same as --role admin");
  user_create->add_option("--organization", new_user.organization,
                          "Organisation name or slug (required on an empty instance)");
  user_create->add_flag("--password-stdin", password_stdin,
                        "Read the password from the first line of standard input");
  auto* import_legacy = cli.add_subcommand(
      "import-legacy",
      "Import a legacy Planify (Flask) database into an organisation; re-runnable, resumable");
  planify::ImportLegacyOptions legacy;
  long long into_organization = 0;
  import_legacy->add_option("source", legacy.source, "The legacy .db file (opened read-only)")
      ->required();
  auto* organization_option = import_legacy->add_option(
      "--organization", legacy.organization_name,
      "Name of the organisation to create (default: the legacy company name)");
  import_legacy
      ->add_option("--into-organization", into_organization,
                   "Import into this existing organisation (id) instead of a new one")
      ->excludes(organization_option);
  import_legacy->add_option("--files", legacy.files_dir,
                            "The legacy static/ directory, or a .zip of it");
  import_legacy->add_option("--encryption-key-file", legacy.encryption_key_file,
                            "File holding the legacy APP_ENCRYPTION_KEY (for enc: values)");
  import_legacy->add_option("--report", legacy.report_file, "Write the JSON report here");
  import_legacy->add_flag("--dry-run", legacy.dry_run,
                          "Read, check and report everything; write nothing");
  import_legacy->add_flag("--skip-test-data", legacy.skip_test_data,
                          "Leave out the AUDIT-*/TEST-* rows of the legacy test suite (listed)");
  CLI11_PARSE(cli, argc, argv);

  if (*version) {
    std::cout
        << "planify " << planify::kVersion << " (schema: sqlite "
        << planify::store::EmbeddedMigrations(planify::store::Dialect::kSqlite).back().version
        << ", postgresql "
        << planify::store::EmbeddedMigrations(planify::store::Dialect::kPostgres).back().version
        << ")\n";
    return planify::kExitOk;
  }
  if (*doctor) return planify::RunDoctor(planify::ProcessEnvironment(), std::cout);
  if (*email_preview) {
    return planify::RunEmailPreview(preview_name, preview_locale, preview_part, std::cout);
  }

  auto config = planify::LoadConfig(planify::ProcessEnvironment());
  if (!config) {
    PrintConfigErrors(config.error());
    return planify::kExitConfig;
  }
  planify::SetupLogging(config->log_format, config->log_level);
  if (*serve) return planify::RunServe(*config);
  if (*user_create) {
    if (admin_flag) new_user.role = "admin";
    if (password_stdin) {
      std::string line;
      std::getline(std::cin, line);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      new_user.password = line;
    }
    return planify::RunUserCreate(*config, new_user, std::cout);
  }
  if (*migrate) return planify::RunMigrate(*config, status_only, std::cout);
  if (*import_legacy) {
    if (into_organization > 0) legacy.into_organization = into_organization;
    return planify::RunImportLegacy(*config, legacy, std::cout);
  }
  if (*backup) return planify::RunBackup(*config, backup_to, std::cout);
  if (*restore) return planify::RunRestore(*config, restore_file, std::cout);
  if (*worker) return planify::RunWorker(*config, exit_when_idle, std::cout);
  if (*jobs_list) return planify::RunJobsList(*config, list_status, list_limit, std::cout);
  if (*jobs_retry) return planify::RunJobsRetry(*config, retry_id, std::cout);
  if (*email_test) return planify::RunEmailTest(*config, email_to, std::cout);
  if (*email_list) return planify::RunEmailList(*config, email_limit, std::cout);
  if (*jobs_enqueue) {
    return planify::RunJobsEnqueue(*config, enqueue_type, enqueue_payload, enqueue_count,
                                   enqueue_max_attempts, std::cout);
  }
  return planify::kExitOk;
}
