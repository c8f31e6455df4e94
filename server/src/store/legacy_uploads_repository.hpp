#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/ids.hpp"
#include "store/database.hpp"

namespace planify::store {

// A legacy database uploaded from Administration → Importer (migrations 0046, 0047), with
// its static/ folder as a .zip archive when one was sent.
struct LegacyUploadRow {
  long long id = 0;
  std::optional<long long> uploaded_by;
  std::string uploaded_by_name;
  std::string filename;
  long long size_bytes = 0;
  std::string sha256;
  std::string files_filename;  // the archive's; "" when none was sent
  long long files_size_bytes = 0;
  std::string files_sha256;
  std::string key_sealed;  // the legacy key sealed with Planify's; "" when none was given
  bool skip_test_data = false;
  std::string status;         // checking, checked, importing, imported, failed
  std::string progress_json;  // {"table", "done", "total"} while a job runs
  // Find: the reports' summaries (the tables, totals and first 200 notes); a report stored
  // before its summary was (migration 0047) is given whole. The whole report: FullReport.
  std::string dry_report_json;
  std::string report_json;
  std::string error;
  std::string created_at;
  std::string updated_at;
};

// Runs on the caller's lease and transaction, within one organisation.
class LegacyUploadsRepository {
 public:
  explicit LegacyUploadsRepository(Lease& lease) : lease_(lease) {}

  [[nodiscard]] long long Insert(OrganizationId org, const LegacyUploadRow& row);
  // `files`: a chunk of the static/ archive rather than of the database.
  void AddChunk(OrganizationId org, long long id, int seq, const std::string& bytes,
                bool files = false);
  // The chunks in order; nullopt when one is missing or unreadable.
  [[nodiscard]] std::optional<std::string> Chunk(OrganizationId org, long long id, int seq,
                                                 bool files = false);
  [[nodiscard]] std::optional<LegacyUploadRow> Find(OrganizationId org, long long id);
  // Newest first, without the reports (the list's columns).
  [[nodiscard]] std::vector<LegacyUploadRow> List(OrganizationId org, long long limit);
  // Moves the upload from `from` to `to` (with `error` when failing); false when it was not in
  // `from` any more (another run, a retry or a second click got there first).
  bool Transition(OrganizationId org, long long id, const std::string& from, const std::string& to,
                  const std::string& error, const std::string& now);
  // The dry run's report (checking → checked) or the import's (importing → imported: the file
  // and the sealed key are then dropped). False when the upload was not in that state.
  bool SetReport(OrganizationId org, long long id, bool dry_run, const std::string& report_json,
                 const std::string& summary_json, const std::string& now);
  // The whole report (the download); nullopt before it exists.
  [[nodiscard]] std::optional<std::string> FullReport(OrganizationId org, long long id,
                                                      bool dry_run);
  bool Delete(OrganizationId org, long long id);

 private:
  Lease& lease_;
};

}  // namespace planify::store
