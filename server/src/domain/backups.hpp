#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/time.hpp"

namespace planify::domain {

// The version of the backup archive layout (manifest.json + parts); a restore refuses others.
inline constexpr int kBackupFormat = 1;

// "planify-backup-20261203T214700Z.tar.gz" for a backup made at `at` (UTC, to the second).
[[nodiscard]] std::string BackupFileName(Timestamp at);
// The instant in a name BackupFileName made; nullopt for anything else (so a listing of the
// backup directory ignores other files, and a name from a URL can never leave the directory).
[[nodiscard]] std::optional<Timestamp> ParseBackupFileName(std::string_view name);

// How many backups the scheduled job keeps: the newest of each of the last `daily` days,
// `weekly` ISO weeks and `monthly` months that have one (Europe/Paris calendar).
struct BackupRetention {
  int daily = 7;
  int weekly = 4;
  int monthly = 12;
};

// Of the backups made at `made` (any order), those the retention does not keep, oldest first.
// A backup kept by any of the three rules stays.
[[nodiscard]] std::vector<Timestamp> BackupsToPrune(std::vector<Timestamp> made,
                                                    const BackupRetention& retention);

}  // namespace planify::domain
