#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/ports.hpp"
#include "domain/ids.hpp"
#include "domain/result.hpp"
#include "domain/time.hpp"
#include "store/database.hpp"
#include "store/legacy_import_repository.hpp"

namespace planify::app {

// `planify import-legacy` and Administration → Importer (issue 23, docs/legacy-import.md).
struct LegacyImportRequest {
  std::filesystem::path source;        // the legacy .db, opened read-only
  std::string source_name;             // as the report names it; "" = the file's name
  std::string organization_name;       // the new organisation's; "" = the legacy company name
  std::optional<OrganizationId> into;  // import into this organisation instead of a new one
  std::optional<std::string> encryption_key;       // the legacy APP_ENCRYPTION_KEY (Fernet)
  std::optional<std::filesystem::path> files_dir;  // the legacy static/ directory
  // Or that directory as a .zip archive (its bytes): from the web page, or `--files x.zip`.
  // Read through ZipReader: only safe names, no links, each entry bounded by its place's size.
  std::shared_ptr<const std::string> files_zip;
  const Cipher* cipher = nullptr;  // seals the bank details; none: they are reported, not kept
  bool dry_run = false;            // everything read, checked and reported; nothing kept
  bool skip_test_data = false;     // AUDIT-* and TEST-* rows skipped (listed) instead of imported
  // The server's operator (the command) may create the legacy accounts with their passwords
  // and attach existing accounts by address. From the browser (an organisation's
  // administrator, whose file is not trusted with other people's accounts) false: a legacy
  // user who is already a member of the organisation is that member; every other one becomes
  // a crew profile with their name and address, to invite from Équipe.
  bool create_accounts = true;
  std::optional<long long> started_by;  // the member who asked (web); none from the CLI
  domain::Timestamp now{};
  long long batch_rows = 500;  // rows per committed batch (each with its journal entry)
  // Called as rows go: table, rows done, rows in the table.
  std::function<void(const std::string&, long long, long long)> progress;
};

// What became of one legacy table's rows; read = imported + merged + skipped + dropped + later.
struct LegacyTableReport {
  std::string table;
  long long read = 0;
  long long imported = 0;     // written as new rows
  long long merged = 0;       // folded into a row that exists (same person, same client)
  long long skipped = 0;      // not imported; each with an error or warning note saying why
  long long dropped = 0;      // tables with no place in Planify (sync journals), by design
  long long later = 0;        // tables this version does not import yet (said in the notes)
  long long done_before = 0;  // of these, handled by an earlier run of the same import
};

// Sums of money, legacy vs imported, to the cent.
// legacy = imported + skipped + Σ of the differences of the `differing` imported rows, each
// of which has a note saying why (a quote shown without VAT, the amount Stripe charged…).
struct LegacyTotal {
  std::string name;              // "Factures TTC"
  std::string table;             // the legacy table
  long long legacy_cents = 0;    // Σ over every legacy row
  long long imported_cents = 0;  // Σ over the imported documents
  long long skipped_cents = 0;   // Σ over the legacy rows not imported (each has a note)
  long long differing = 0;       // imported rows whose amount is not the legacy one
};

struct LegacyImportReport {
  long long import_id = 0;
  OrganizationId organization{};
  std::string organization_name;
  std::string source_name;
  std::string source_sha256;
  bool dry_run = false;
  bool resumed = false;           // an interrupted run of this file was continued
  bool already_imported = false;  // an earlier run imported all of it: nothing new
  std::vector<LegacyTableReport> tables;
  std::vector<LegacyTotal> totals;
  std::vector<store::LegacyNoteRow> notes;
};

// Imports a legacy database into one organisation: a new one, or `into`. Resumable: rows are
// committed in batches with the journal, so a run stopped half-way (even by kill -9) leaves
// whole batches and the next run of the same file goes on from there; a run after a complete
// one writes nothing and says so. VALIDATION when the file is not a readable legacy database
// (nothing written), NOT_FOUND when `into` is not an organisation, CONFLICT when the file was
// imported into another organisation than `into`. VALIDATION too when `files_zip` is not a zip
// archive ZipReader reads.
[[nodiscard]] Result<LegacyImportReport> ImportLegacy(store::Database& db,
                                                      const LegacyImportRequest& request);

// How many journal steps a complete import records: every legacy table and the final passes
// (orphans, settling, numbering). The web page's progress is the done steps out of these.
[[nodiscard]] std::size_t LegacyImportStepCount();

// The report as JSON (what --report writes and the web page shows).
[[nodiscard]] nlohmann::json LegacyReportJson(const LegacyImportReport& report);

}  // namespace planify::app
