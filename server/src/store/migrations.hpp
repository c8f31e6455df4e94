#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"
#include "store/database.hpp"

namespace planify::store {

// One versioned SQL file, embedded in the binary at build time.
struct Migration {
  int version = 0;
  std::string name;      // "0001_foundation"
  std::string_view sql;  // the file's text
  std::string checksum;  // sha-256 of the text, lower-case hex
};

// The migrations compiled into this binary for a dialect, ordered by version.
[[nodiscard]] std::span<const Migration> EmbeddedMigrations(Dialect dialect);

// Lower-case hex SHA-256 (libsodium).
[[nodiscard]] std::string Sha256Hex(std::string_view data);

struct AppliedMigration {
  int version = 0;
  std::string name;
  std::string checksum;
  std::string applied_at;
};

struct SchemaStatus {
  int binary_version = 0;    // highest migration this binary knows
  int database_version = 0;  // highest migration recorded in the database (0: none)
  std::vector<const Migration*> pending;
  // Non-empty when the database cannot be used by this binary: an applied migration whose
  // text changed, or one this binary does not know (the database is newer).
  std::vector<std::string> problems;
  [[nodiscard]] bool ready() const { return problems.empty() && pending.empty(); }
};

// Reads the ledger (absent ledger = empty database) and compares it with `known`.
[[nodiscard]] Result<SchemaStatus> InspectSchema(Lease& lease, std::span<const Migration> known);

using MigrationProgress =
    std::function<void(const Migration&, std::size_t index, std::size_t total)>;

// Applies every pending migration, each in its own transaction with its ledger row, under a
// lock so that several instances starting together apply each migration once. CONFLICT with
// the reasons when the ledger shows an edited or unknown migration; nothing is applied then.
[[nodiscard]] Result<SchemaStatus> Migrate(Lease& lease, std::span<const Migration> known,
                                           const std::string& now_utc,
                                           const MigrationProgress& progress = {});

}  // namespace planify::store
