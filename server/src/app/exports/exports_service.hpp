#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "app/ports.hpp"
#include "jobs/worker.hpp"
#include "store/database.hpp"
#include "store/exports_repository.hpp"

namespace planify::app {

// What the Exports page asks for: an entity (a sheet's key, or "all" for a workbook with one
// sheet per entity), a format and the list filters.
struct ExportRequest {
  std::string entity;
  std::string format;  // csv (French Excel), csv_rfc (RFC 4180), xlsx
  std::string from;    // "YYYY-MM-DD", inclusive; "" = open
  std::string to;
  std::vector<std::string> statuses;
  std::optional<long long> client_id;
};

// Exports of the organisation's data as CSV or .xlsx (docs/exports.md). A small one is made at
// once; a big one (or a full workbook) by the `exports.run` job, whose progress the record
// shows. Files are kept 7 days.
class ExportsService {
 public:
  static constexpr long long kInlineRows = 2000;  // above this, the worker makes the file
  static constexpr std::size_t kChunkBytes = 1 << 20;

  ExportsService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // VALIDATION with field errors for an unknown entity or format, a bad period or status, a
  // client of another organisation; the export's record otherwise (ready, or queued).
  [[nodiscard]] Result<store::ExportRecord> Request(const Principal& actor, const RequestMeta& meta,
                                                    const ExportRequest& request);
  [[nodiscard]] Result<std::vector<store::ExportRecord>> List(const Principal& actor);
  [[nodiscard]] Result<store::ExportRecord> Get(const Principal& actor, long long id);
  // Piece `seq` of a ready export's file (raw bytes, kChunkBytes each but the last); nullopt
  // past the end.
  [[nodiscard]] Result<std::optional<std::string>> Chunk(OrganizationId org, long long id, int seq);
  // Makes the file of a queued export (the job). Tolerates a re-run: a ready export is left as
  // it is, a half-made one starts again.
  [[nodiscard]] Result<void> Run(OrganizationId org, long long id);
  // Deletes the exports past their 7 days; how many.
  [[nodiscard]] Result<long long> PurgeExpired();

 private:
  store::Database& db_;
  const Clock& clock_;
};

// "exports.run" (payload {"export_id": N}) and the daily "exports.purge".
void RegisterExportJobs(jobs::JobRegistry& registry, const Clock& clock);

}  // namespace planify::app
