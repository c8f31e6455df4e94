#include "store/backup_store.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <tuple>

#include "integrations/process/child_process.hpp"
#include "store/database.hpp"

namespace planify::store {

namespace {

namespace sq = sqlite_api;

bool PlainName(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

long long Scalar(soci::session& session, const std::string& sql) {
  long long value = 0;
  session << sql, soci::into(value);
  return value;
}

BackupFigures CountFigures(soci::session& session, Dialect dialect) {
  std::vector<std::string> names;
  soci::rowset<std::string> rows =
      session.prepare << (dialect == Dialect::kSqlite
                              ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                                "LIKE 'sqlite_%'"
                              : "SELECT CAST(tablename AS TEXT) FROM pg_tables WHERE schemaname = "
                                "current_schema()");
  for (const auto& name : rows) names.push_back(name);
  std::sort(names.begin(), names.end());
  BackupFigures figures;
  auto has = [&](const std::string& table) {
    return std::find(names.begin(), names.end(), table) != names.end();
  };
  for (const auto& name : names) {
    // Table names come from the catalogue; still, only plain ones are spliced into SQL.
    if (!PlainName(name)) continue;
    figures.tables.push_back({name, Scalar(session, "SELECT COUNT(*) FROM " + name)});
  }
  auto sum = [&](const std::string& table, const std::string& column) {
    return has(table) ? Scalar(session, "SELECT CAST(COALESCE(SUM(" + column +
                                            "), 0) AS BIGINT) "
                                            "FROM " +
                                            table)
                      : 0;
  };
  figures.invoices_gross_cents = sum("invoices", "total_gross_cents");
  figures.credit_notes_gross_cents = sum("credit_notes", "total_gross_cents");
  figures.payments_cents = sum("payments", "amount_cents");
  if (has("schema_migrations")) {
    figures.schema_version = static_cast<int>(
        Scalar(session, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  }
  return figures;
}

struct SqliteCloser {
  void operator()(sq::sqlite3* db) const { sq::sqlite3_close_v2(db); }
};
using SqliteHandle = std::unique_ptr<sq::sqlite3, SqliteCloser>;

Result<SqliteHandle> OpenSqlite(const std::string& path, int flags) {
  sq::sqlite3* raw = nullptr;
  int rc = sq::sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  SqliteHandle handle(raw);
  if (rc != SQLITE_OK) {
    return Fail(ErrorCode::kUnavailable,
                "cannot open " + path + ": " +
                    (raw != nullptr ? sq::sqlite3_errmsg(raw) : sq::sqlite3_errstr(rc)));
  }
  sq::sqlite3_busy_timeout(raw, 5000);
  return handle;
}

Result<void> Exec(sq::sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  if (sq::sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message != nullptr ? message : sq::sqlite3_errmsg(db);
    sq::sqlite3_free(message);
    return Fail(ErrorCode::kUnavailable, sql + ": " + text);
  }
  return {};
}

Result<BackupFigures> SqliteFigures(const std::filesystem::path& file) {
  try {
    soci::session session(soci::sqlite3, "db=" + file.string() + " timeout=5");
    return CountFigures(session, Dialect::kSqlite);
  } catch (const soci::soci_error& e) {
    return Fail(ErrorCode::kValidation,
                file.string() + " is not a readable database: " + e.get_error_message());
  }
}

Result<std::string> Conninfo(const std::string& url) { return PostgresConninfo(url); }

// A PL/pgSQL block that raises "planify-verify: …" unless the schema holds exactly the tables,
// rows and sums of `expected`.
std::string VerificationSql(const BackupFigures& expected) {
  std::string sql =
      "RESET search_path;\nDO $verify$\nDECLARE n bigint;\nBEGIN\n"
      "  SELECT count(*) INTO n FROM pg_tables WHERE schemaname = current_schema();\n"
      "  IF n <> " +
      std::to_string(expected.tables.size()) +
      " THEN RAISE EXCEPTION 'planify-verify: % tables, the manifest lists " +
      std::to_string(expected.tables.size()) + "', n; END IF;\n";
  auto check = [&sql](const std::string& what, const std::string& query, long long want) {
    sql += "  " + query + ";\n  IF n IS DISTINCT FROM " + std::to_string(want) +
           " THEN RAISE EXCEPTION 'planify-verify: " + what + ": %, manifest says " +
           std::to_string(want) + "', n; END IF;\n";
  };
  for (const auto& t : expected.tables) {
    if (!PlainName(t.table)) continue;
    check("table " + t.table, "SELECT count(*) INTO n FROM " + t.table, t.rows);
  }
  for (const auto& [table, column, want] :
       {std::tuple{"invoices", "total_gross_cents", expected.invoices_gross_cents},
        std::tuple{"credit_notes", "total_gross_cents", expected.credit_notes_gross_cents},
        std::tuple{"payments", "amount_cents", expected.payments_cents}}) {
    bool present = false;
    for (const auto& t : expected.tables) present = present || t.table == table;
    if (!present) continue;
    check(std::string(table) + " total",
          std::string("SELECT COALESCE(SUM(") + column + "), 0) INTO n FROM " + table, want);
  }
  if (expected.schema_version > 0) {
    check("schema version", "SELECT COALESCE(MAX(version), 0) INTO n FROM schema_migrations",
          expected.schema_version);
  }
  sql += "END\n$verify$;\n";
  return sql;
}

}  // namespace

Result<BackupFigures> SqliteBackup(const std::string& source, const std::filesystem::path& target,
                                   const StepProgress& pages) {
  auto from = OpenSqlite(source, SQLITE_OPEN_READWRITE);
  if (!from) return Fail(from.error());
  {
    auto to = OpenSqlite(target.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!to) return Fail(to.error());
    // One read transaction held across every step: the copy is this snapshot, and writes by
    // other connections (the server's) land in the WAL without restarting the backup.
    if (auto begun = Exec(from->get(), "BEGIN"); !begun) return Fail(begun.error());
    if (auto read = Exec(from->get(), "SELECT COUNT(*) FROM sqlite_master"); !read) {
      return Fail(read.error());
    }
    sq::sqlite3_backup* backup = sq::sqlite3_backup_init(to->get(), "main", from->get(), "main");
    if (backup == nullptr) {
      return Fail(ErrorCode::kUnavailable,
                  std::string("sqlite backup: ") + sq::sqlite3_errmsg(to->get()));
    }
    int rc = SQLITE_OK;
    do {
      rc = sq::sqlite3_backup_step(backup, 1024);
      if (pages) {
        auto total = static_cast<std::uint64_t>(sq::sqlite3_backup_pagecount(backup));
        pages(total - static_cast<std::uint64_t>(sq::sqlite3_backup_remaining(backup)), total);
      }
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sq::sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    int finished = sq::sqlite3_backup_finish(backup);
    (void)Exec(from->get(), "COMMIT");
    if (rc != SQLITE_DONE || finished != SQLITE_OK) {
      return Fail(
          ErrorCode::kUnavailable,
          std::string("sqlite backup: ") + sq::sqlite3_errstr(rc != SQLITE_DONE ? rc : finished));
    }
    if (auto journal = Exec(to->get(), "PRAGMA journal_mode=DELETE"); !journal) {
      return Fail(journal.error());
    }
  }
  return SqliteFigures(target);
}

Result<BackupFigures> SqliteCheckedFigures(const std::filesystem::path& file) {
  try {
    soci::session session(soci::sqlite3, "db=" + file.string() + " timeout=5");
    std::vector<std::string> problems(10);
    session << "PRAGMA integrity_check(10)", soci::into(problems);
    if (problems.empty() || problems.front() != "ok") {
      return Fail(ErrorCode::kValidation,
                  "the database in the backup fails PRAGMA integrity_check: " +
                      (problems.empty() ? std::string("no answer") : problems.front()));
    }
    return CountFigures(session, Dialect::kSqlite);
  } catch (const soci::soci_error& e) {
    return Fail(ErrorCode::kValidation,
                "the database in the backup is not readable: " + e.get_error_message());
  }
}

Result<bool> SqliteIsEmpty(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return true;
  if (std::filesystem::file_size(path, ec) == 0 && !ec) return true;
  auto db = OpenSqlite(path.string(), SQLITE_OPEN_READONLY);
  if (!db) return Fail(db.error());
  sq::sqlite3_stmt* statement = nullptr;
  int rc =
      sq::sqlite3_prepare_v2(db->get(), "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'",
                             -1, &statement, nullptr);
  if (rc != SQLITE_OK) {
    return Fail(ErrorCode::kValidation,
                path.string() + " is not a database: " + sq::sqlite3_errmsg(db->get()));
  }
  long long tables = -1;
  if (sq::sqlite3_step(statement) == SQLITE_ROW) tables = sq::sqlite3_column_int64(statement, 0);
  sq::sqlite3_finalize(statement);
  return tables == 0;
}

PostgresCredentials SplitPostgresPassword(const std::string& url) {
  PostgresCredentials out{url, ""};
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return out;
  auto authority_start = scheme + 3;
  auto authority_end = url.find_first_of("/?", authority_start);
  auto at = url.rfind('@', authority_end == std::string::npos ? url.size() : authority_end);
  if (at == std::string::npos || at < authority_start) return out;
  auto colon = url.find(':', authority_start);
  if (colon == std::string::npos || colon > at) return out;
  std::string encoded = url.substr(colon + 1, at - colon - 1);
  std::string password;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    if (encoded[i] == '%' && i + 2 < encoded.size()) {
      password += static_cast<char>(std::stoi(encoded.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      password += encoded[i];
    }
  }
  out.password = password;
  out.url = url.substr(0, colon) + url.substr(at);
  return out;
}

Result<BackupFigures> PostgresBackup(const std::string& url, const std::filesystem::path& target,
                                     const LineProgress& lines) {
  auto conninfo = Conninfo(url);
  if (!conninfo) return Fail(conninfo.error());
  try {
    soci::session session(soci::postgresql, *conninfo);
    session << "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    std::string snapshot;
    session << "SELECT pg_export_snapshot()", soci::into(snapshot);
    BackupFigures figures = CountFigures(session, Dialect::kPostgres);
    std::string schema;
    session << "SELECT current_schema()", soci::into(schema);
    auto credentials = SplitPostgresPassword(url);
    std::vector<std::string> env;
    if (!credentials.password.empty()) env.push_back("PGPASSWORD=" + credentials.password);
    auto ran =
        integrations::RunChild({"pg_dump", "--format=custom", "--verbose", "--no-owner",
                                "--no-privileges", "--snapshot=" + snapshot, "--schema=" + schema,
                                "--file=" + target.string(), "--dbname=" + credentials.url},
                               env, lines);
    session << "COMMIT";
    if (!ran) return Fail(ran.error());
    if (ran->exit_code != 0) {
      return Fail(
          ErrorCode::kUnavailable,
          "pg_dump failed (exit " + std::to_string(ran->exit_code) + "): " + ran->stderr_tail);
    }
    return figures;
  } catch (const soci::soci_error& e) {
    return Fail(ErrorCode::kUnavailable, std::string("backup: ") + e.get_error_message());
  }
}

Result<bool> PostgresIsEmpty(const std::string& url) {
  auto conninfo = Conninfo(url);
  if (!conninfo) return Fail(conninfo.error());
  try {
    soci::session session(soci::postgresql, *conninfo);
    return Scalar(session, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()") ==
           0;
  } catch (const soci::soci_error& e) {
    return Fail(ErrorCode::kUnavailable, std::string("restore: ") + e.get_error_message());
  }
}

Result<void> PostgresRestore(const std::string& url, const std::filesystem::path& dump,
                             const BackupFigures& expected, const LineProgress& lines) {
  auto credentials = SplitPostgresPassword(url);
  std::vector<std::string> env;
  if (!credentials.password.empty()) env.push_back("PGPASSWORD=" + credentials.password);
  // The dump names its schema (pg_dump --schema) and would create it; the target database has
  // it already (public), so the restore runs the archive's table of contents without it.
  const std::string contents = dump.string() + ".contents";
  auto listed = integrations::RunChild({"pg_restore", "--list", dump.string()}, {}, {}, contents);
  if (!listed) return Fail(listed.error());
  if (listed->exit_code != 0) {
    return Fail(ErrorCode::kValidation, "pg_restore cannot read the dump: " + listed->stderr_tail);
  }
  {
    std::ifstream in(contents);
    std::string kept;
    for (std::string line; std::getline(in, line);) {
      bool schema = line.find(" SCHEMA - ") != std::string::npos ||
                    line.find(" COMMENT - SCHEMA ") != std::string::npos;
      kept += (schema ? ";" : "") + line + "\n";
    }
    in.close();
    std::ofstream(contents, std::ios::trunc) << kept;
  }
  // The dump as SQL, run by psql in one transaction together with a check of every count
  // against the manifest: a mismatch rolls the whole restore back.
  const std::string script = dump.string() + ".sql";
  const std::string verify = dump.string() + ".verify.sql";
  auto cleanup = [&] {
    std::error_code ec;
    for (const auto& f : {contents, script, verify}) std::filesystem::remove(f, ec);
  };
  auto converted =
      integrations::RunChild({"pg_restore", "--no-owner", "--no-privileges",
                              "--use-list=" + contents, "--file=" + script, dump.string()},
                             {}, {});
  if (!converted || converted->exit_code != 0) {
    cleanup();
    if (!converted) return Fail(converted.error());
    return Fail(ErrorCode::kValidation,
                "pg_restore cannot read the dump: " + converted->stderr_tail);
  }
  std::ofstream(verify, std::ios::trunc) << VerificationSql(expected);
  auto ran = integrations::RunChild(
      {"psql", "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction",
       "--file=" + script, "--file=" + verify, "--dbname=" + credentials.url},
      env, lines);
  cleanup();
  if (!ran) return Fail(ran.error());
  if (ran->exit_code != 0) {
    auto mark = ran->stderr_tail.find("planify-verify: ");
    if (mark != std::string::npos) {
      auto end = ran->stderr_tail.find('\n', mark);
      return Fail(
          ErrorCode::kValidation,
          "the restored database does not match the manifest (rolled back): " +
              ran->stderr_tail.substr(mark + 16, end == std::string::npos ? end : end - mark - 16));
    }
    return Fail(ErrorCode::kUnavailable, "the restore failed and was rolled back (psql exit " +
                                             std::to_string(ran->exit_code) +
                                             "): " + ran->stderr_tail);
  }
  return {};
}

Result<BackupFigures> PostgresFigures(const std::string& url) {
  auto conninfo = Conninfo(url);
  if (!conninfo) return Fail(conninfo.error());
  try {
    soci::session session(soci::postgresql, *conninfo);
    return CountFigures(session, Dialect::kPostgres);
  } catch (const soci::soci_error& e) {
    return Fail(ErrorCode::kUnavailable, std::string("restore: ") + e.get_error_message());
  }
}

BackupJobState ReadBackupJobState(Lease& lease) {
  BackupJobState state;
  long long pending = 0;
  *lease << "SELECT COUNT(*) FROM jobs WHERE type = 'backups.run' AND status IN ('queued', "
            "'running')",
      soci::into(pending);
  state.pending = pending > 0;
  std::string status;
  std::string error;
  std::string finished;
  soci::indicator error_ind = soci::i_null;
  soci::indicator finished_ind = soci::i_null;
  *lease << "SELECT status, last_error, CAST(finished_at AS TEXT) FROM jobs WHERE type = "
            "'backups.run' AND status IN ('succeeded', 'dead') ORDER BY id DESC LIMIT 1",
      soci::into(status), soci::into(error, error_ind), soci::into(finished, finished_ind);
  if (lease->got_data() && status == "dead") {
    state.last_error = error_ind == soci::i_ok ? error : "échec";
    if (finished_ind == soci::i_ok) {
      state.last_failed_at =
          lease.dialect() == Dialect::kSqlite ? finished : NormalizeTimestamp(finished);
    }
  }
  return state;
}

long long CountOrganizations(Lease& lease) {
  long long n = 0;
  *lease << "SELECT COUNT(*) FROM organizations", soci::into(n);
  return n;
}

}  // namespace planify::store
