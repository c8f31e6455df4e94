#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "app/ports.hpp"
#include "jobs/worker.hpp"
#include "store/database.hpp"
#include "store/legacy_uploads_repository.hpp"

namespace planify::app {

// A legacy database sent from Administration → Importer.
struct LegacyUploadInput {
  std::string filename;
  std::string bytes;
  // Optionally the legacy static/ folder as a .zip archive: the logo, photos and proofs.
  std::string files_filename;
  std::string files_bytes;
  std::string encryption_key;  // the legacy APP_ENCRYPTION_KEY; "" when not given
  bool skip_test_data = false;
};

// Where an import stands, read from its journal (legacy_import_steps): the web page's progress.
struct LegacyUploadProgress {
  long long steps_done = 0;
  long long steps_total = 0;
  std::string table;  // the first step not done yet
};

// Administration → Importer (issue 23, docs/legacy-import.md): the file is kept in the database
// (every instance's worker reads it), checked by a dry run in a worker job, then imported into
// the caller's organisation by another job when an administrator asks. The import itself is
// ImportLegacy (resumable: a job retried after a crash goes on from its journal).
class LegacyUploadsService {
 public:
  LegacyUploadsService(store::Database& db, const Clock& clock, const Cipher& cipher)
      : db_(db), clock_(clock), cipher_(cipher) {}

  static constexpr std::size_t kChunkBytes = std::size_t{768} * 1024;

  // VALIDATION when the file is empty, not SQLite, the archive not a zip ZipReader reads, or
  // the key is not a Fernet key; CONFLICT
  // while another upload of the organisation is being checked or imported. Queues the check.
  [[nodiscard]] Result<store::LegacyUploadRow> Upload(const Principal& actor,
                                                      const RequestMeta& meta,
                                                      LegacyUploadInput input);
  [[nodiscard]] Result<std::vector<store::LegacyUploadRow>> List(const Principal& actor);
  [[nodiscard]] Result<store::LegacyUploadRow> Get(const Principal& actor, long long id);
  [[nodiscard]] Result<LegacyUploadProgress> Progress(const Principal& actor,
                                                      const store::LegacyUploadRow& upload);
  // CONFLICT unless the upload was checked (and not imported yet). Queues the import.
  [[nodiscard]] Result<store::LegacyUploadRow> StartImport(const Principal& actor,
                                                           const RequestMeta& meta, long long id);
  // The whole report of the check (`dry_run`) or of the import; NOT_FOUND before it exists.
  [[nodiscard]] Result<std::string> FullReport(const Principal& actor, long long id, bool dry_run);
  // The uploaded file and its reports go; what was imported stays. CONFLICT while a job runs.
  [[nodiscard]] Result<void> Delete(const Principal& actor, const RequestMeta& meta, long long id);

  // The worker's part: the check (dry run) or the import; nothing unless the upload is still
  // in that phase (checking, importing).
  [[nodiscard]] Result<void> Run(OrganizationId org, long long id, bool import);
  // The phase ended without a report: failed, with the message the page shows.
  Result<void> MarkFailed(OrganizationId org, long long id, bool import,
                          const std::string& message);

 private:
  store::Database& db_;
  const Clock& clock_;
  const Cipher& cipher_;
};

// A report as the page shows it: its tables and totals, the notes counted by severity
// (`notes_by_severity`, `notes_total`) and the first 200 notes. A summary is its own summary.
// Null when `stored` is empty or not a report.
[[nodiscard]] nlohmann::json LegacyReportSummary(const std::string& stored);

void RegisterLegacyImportJobs(jobs::JobRegistry& registry, const Clock& clock,
                              const Cipher& cipher);

}  // namespace planify::app
