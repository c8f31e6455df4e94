#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "domain/backups.hpp"
#include "domain/result.hpp"
#include "domain/time.hpp"
#include "store/backup_store.hpp"
#include "store/database_url.hpp"

namespace planify::app {

// One file inside a backup archive, as the manifest describes it.
struct BackupPart {
  std::string name;  // "database.sqlite" or "database.pgdump"
  std::uint64_t size = 0;
  std::string sha256;
};

// manifest.json, the archive's first entry: what the backup holds and how to check it.
struct BackupManifest {
  int format = domain::kBackupFormat;
  std::string planify_version;
  std::string created_at;  // ISO-8601 UTC
  std::string dialect;     // "sqlite" | "postgresql"
  store::BackupFigures figures;
  std::vector<BackupPart> parts;
};

[[nodiscard]] std::string ManifestJson(const BackupManifest& manifest);
// VALIDATION naming what is missing or malformed.
[[nodiscard]] Result<BackupManifest> ParseManifest(const std::string& text);

// Progress of a long step: a label ("copying the database"), and done/total in its unit.
using BackupProgress =
    std::function<void(const std::string& step, std::uint64_t done, std::uint64_t total)>;

struct BackupRequest {
  store::DatabaseUrl database;
  std::filesystem::path directory;  // created if missing
  std::string planify_version;
  domain::Timestamp now;
  BackupProgress progress;
};

struct BackupMade {
  std::filesystem::path file;
  std::uint64_t size = 0;
  BackupManifest manifest;
};

// A consistent backup of the running database into `directory`/planify-backup-<UTC>.tar.gz:
// manifest.json, then the database (SQLite online backup / pg_dump custom format). Written
// under a ".partial" name and renamed when complete, so a listing never shows half a backup.
// The secret key is never included. CONFLICT when a backup of that second exists already.
[[nodiscard]] Result<BackupMade> MakeBackup(const BackupRequest& request);

struct RestoreRequest {
  store::DatabaseUrl target;
  std::filesystem::path file;
  std::string now_utc;
  BackupProgress progress;
};

struct RestoreDone {
  BackupManifest manifest;
  int migrated_to = 0;            // schema version after migrating an older backup
  store::BackupFigures restored;  // counted in the restored database, before migrating
};

// Restores a backup into an empty database (SQLite: an absent or empty file; PostgreSQL: a
// schema without tables). Before touching the target, it reads the whole archive and checks
// the format, the dialect, the schema version (a newer one is refused), every part's size and
// SHA-256, gzip's checksum, and for SQLite `PRAGMA integrity_check` and the manifest's figures.
// Then it restores, migrates an older schema and counts again. VALIDATION for a damaged or
// foreign file, CONFLICT when the target holds data or the backup is newer than this binary.
[[nodiscard]] Result<RestoreDone> RestoreBackup(const RestoreRequest& request);

// Reads only the manifest (the archive's first entry).
[[nodiscard]] Result<BackupManifest> ReadBackupManifest(const std::filesystem::path& file);

struct BackupListing {
  std::string name;
  domain::Timestamp made_at;
  std::uint64_t size = 0;
};

// The backups in `directory`, newest first (files named as MakeBackup names them).
[[nodiscard]] std::vector<BackupListing> ListBackups(const std::filesystem::path& directory);

// Deletes the backups `retention` does not keep; returns the names deleted.
[[nodiscard]] Result<std::vector<std::string>> PruneBackups(
    const std::filesystem::path& directory, const domain::BackupRetention& retention);

}  // namespace planify::app
