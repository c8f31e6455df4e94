#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"
#include "store/database_url.hpp"

namespace planify::store {

struct TableCount {
  std::string table;
  long long rows = 0;
  friend bool operator==(const TableCount&, const TableCount&) = default;
};

// What a backup says it holds, counted in the very snapshot it copies: rows per table and the
// money a restore must find again.
struct BackupFigures {
  int schema_version = 0;          // highest applied migration
  std::vector<TableCount> tables;  // by name
  long long invoices_gross_cents = 0;
  long long credit_notes_gross_cents = 0;
  long long payments_cents = 0;
  friend bool operator==(const BackupFigures&, const BackupFigures&) = default;
};

using StepProgress = std::function<void(std::uint64_t done, std::uint64_t total)>;
using LineProgress = std::function<void(std::string_view line)>;

// SQLite: copies the live database `source` into the new file `target` with SQLite's online
// backup API, page by page from one read snapshot it holds open (in WAL mode the server's
// writers go on meanwhile and never restart the copy); the copy is set to a rollback journal so
// it is one self-contained file. Returns the copy's figures. UNAVAILABLE on failure.
[[nodiscard]] Result<BackupFigures> SqliteBackup(const std::string& source,
                                                 const std::filesystem::path& target,
                                                 const StepProgress& pages = {});
// The figures of a SQLite file after `PRAGMA integrity_check`; VALIDATION naming the first
// problem when the file is not a sound database.
[[nodiscard]] Result<BackupFigures> SqliteCheckedFigures(const std::filesystem::path& file);
// Whether the SQLite database at `path` is absent, empty or has no table.
[[nodiscard]] Result<bool> SqliteIsEmpty(const std::filesystem::path& path);

// PostgreSQL: `pg_dump --format=custom` of the database at `url` into `target`, from a snapshot
// exported by a repeatable-read transaction in which the figures are counted, so both describe
// the same instant while writers go on. pg_dump's --verbose lines go to `lines`.
[[nodiscard]] Result<BackupFigures> PostgresBackup(const std::string& url,
                                                   const std::filesystem::path& target,
                                                   const LineProgress& lines = {});
// Whether the database at `url` has no table in its schema.
[[nodiscard]] Result<bool> PostgresIsEmpty(const std::string& url);
// `dump` (pg_dump custom format) into the (empty) database at `url`, in one transaction that
// also checks every table's rows and the sums against `expected`: all or nothing. VALIDATION
// naming the first difference (nothing is left behind), UNAVAILABLE when psql fails.
[[nodiscard]] Result<void> PostgresRestore(const std::string& url,
                                           const std::filesystem::path& dump,
                                           const BackupFigures& expected,
                                           const LineProgress& lines = {});
[[nodiscard]] Result<BackupFigures> PostgresFigures(const std::string& url);

// The URL without its password, and the password (for PGPASSWORD: never on a command line,
// where `ps` shows it).
struct PostgresCredentials {
  std::string url;
  std::string password;
};
[[nodiscard]] PostgresCredentials SplitPostgresPassword(const std::string& url);

class Lease;

// The backup jobs' state, for the Administration page: one waiting or running, and the error
// of the last one when it failed.
struct BackupJobState {
  bool pending = false;
  std::string last_error;      // "" when the last finished backup job succeeded
  std::string last_failed_at;  // ISO-8601 UTC
};
[[nodiscard]] BackupJobState ReadBackupJobState(Lease& lease);
// How many organisations the instance hosts (a backup holds them all).
[[nodiscard]] long long CountOrganizations(Lease& lease);

}  // namespace planify::store
