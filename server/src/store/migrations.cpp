#include "store/migrations.hpp"

#include <sodium.h>

#include <algorithm>
#include <map>

#include "store/sql_split.hpp"

namespace planify::store {

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(sizeof digest * 2);
  for (unsigned char b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xF]);
  }
  return out;
}

namespace {

constexpr long long kMigrationLockKey = 7243501;  // arbitrary, constant: Planify's migration lock

void EnsureLedger(Lease& lease) {
  if (lease.dialect() == Dialect::kSqlite) {
    *lease << "CREATE TABLE IF NOT EXISTS schema_migrations ("
              "version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, "
              "applied_at TEXT NOT NULL)";
  } else {
    *lease << "CREATE TABLE IF NOT EXISTS schema_migrations ("
              "version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, "
              "applied_at TIMESTAMPTZ NOT NULL)";
  }
}

bool LedgerExists(Lease& lease) {
  int n = 0;
  if (lease.dialect() == Dialect::kSqlite) {
    *lease
        << "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
        soci::into(n);
  } else {
    *lease
        << "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
           "AND table_name = 'schema_migrations'",
        soci::into(n);
  }
  return n > 0;
}

std::vector<AppliedMigration> ReadLedger(Lease& lease) {
  std::vector<AppliedMigration> out;
  soci::rowset<soci::row> rows =
      (lease->prepare
       << "SELECT version, name, checksum, CAST(applied_at AS TEXT) FROM schema_migrations "
          "ORDER BY version");
  for (const auto& row : rows) {
    AppliedMigration m;
    m.version = static_cast<int>(GetInt64(row, 0));
    m.name = row.get<std::string>(1);
    m.checksum = row.get<std::string>(2);
    m.applied_at = lease.dialect() == Dialect::kSqlite
                       ? row.get<std::string>(3)
                       : NormalizeTimestamp(row.get<std::string>(3));
    out.push_back(std::move(m));
  }
  return out;
}

SchemaStatus Compare(const std::vector<AppliedMigration>& applied,
                     std::span<const Migration> known) {
  SchemaStatus status;
  status.binary_version = known.empty() ? 0 : known.back().version;
  std::map<int, const AppliedMigration*> by_version;
  for (const auto& a : applied) {
    by_version[a.version] = &a;
    status.database_version = std::max(status.database_version, a.version);
  }
  std::map<int, const Migration*> known_by_version;
  for (const auto& m : known) known_by_version[m.version] = &m;
  for (const auto& a : applied) {
    auto it = known_by_version.find(a.version);
    if (it == known_by_version.end()) {
      status.problems.push_back("migration " + std::to_string(a.version) + " (" + a.name +
                                ") is applied but unknown to this binary: the database is newer "
                                "than this planify; upgrade planify");
    } else if (it->second->checksum != a.checksum) {
      status.problems.push_back(
          "migration " + it->second->name + " was edited after it was applied (checksum " +
          a.checksum.substr(0, 12) + "… in the database, " + it->second->checksum.substr(0, 12) +
          "… in this binary); restore the original file and add a new migration");
    }
  }
  for (const auto& m : known) {
    if (!by_version.contains(m.version)) status.pending.push_back(&m);
  }
  return status;
}

}  // namespace

Result<SchemaStatus> InspectSchema(Lease& lease, std::span<const Migration> known) {
  try {
    std::vector<AppliedMigration> applied;
    if (LedgerExists(lease)) applied = ReadLedger(lease);
    return Compare(applied, known);
  } catch (const soci::soci_error& e) {
    return DatabaseFailure(e);
  }
}

Result<SchemaStatus> Migrate(Lease& lease, std::span<const Migration> known,
                             const std::string& now_utc, const MigrationProgress& progress) {
  const bool pg = lease.dialect() == Dialect::kPostgres;
  const Migration* current = nullptr;
  try {
    if (pg) *lease << "SELECT pg_advisory_lock(" + std::to_string(kMigrationLockKey) + ")";
    struct Unlock {
      Lease& lease;
      bool pg;
      ~Unlock() {
        if (!pg) return;
        try {
          *lease << "SELECT pg_advisory_unlock(" + std::to_string(kMigrationLockKey) + ")";
        } catch (const soci::soci_error&) {
          // Connection lost: the server released the session lock with it.
        }
      }
    } unlock{lease, pg};

    {
      WriteTransaction tx(lease);
      EnsureLedger(lease);
      tx.Commit();
    }
    SchemaStatus status = Compare(ReadLedger(lease), known);
    if (!status.problems.empty()) {
      std::string message = "the database schema cannot be used by this binary:";
      for (const auto& p : status.problems) message += "\n  - " + p;
      return Fail(ErrorCode::kConflict, message);
    }
    std::size_t index = 0;
    const std::size_t total = status.pending.size();
    for (const Migration* m : status.pending) {
      current = m;
      WriteTransaction tx(lease);
      // Another instance may have applied it between our read and our lock (SQLite).
      int already = 0;
      *lease << "SELECT count(*) FROM schema_migrations WHERE version = :v", soci::use(m->version),
          soci::into(already);
      if (already == 0) {
        for (const auto& statement : SplitSqlStatements(m->sql)) *lease << statement;
        *lease << "INSERT INTO schema_migrations (version, name, checksum, applied_at) "
                  "VALUES (:v, :n, :c, :t)",
            soci::use(m->version), soci::use(m->name), soci::use(m->checksum), soci::use(now_utc);
      }
      tx.Commit();
      if (progress) progress(*m, ++index, total);
    }
    current = nullptr;
    return Compare(ReadLedger(lease), known);
  } catch (const soci::soci_error& e) {
    // Migrations run from the CLI and at start-up, never for an HTTP client: the operator needs
    // the driver's words (a pre-check such as 0015's names the rows to fix), so they are kept.
    if (current != nullptr) {
      return Fail(ErrorCode::kInternal,
                  "migration " + current->name + " failed, nothing of it was applied: " + e.what());
    }
    return DatabaseFailure(e);
  }
}

}  // namespace planify::store
