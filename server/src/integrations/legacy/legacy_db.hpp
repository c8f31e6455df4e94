#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"

struct sqlite3;

namespace planify::integrations {

// One value of a legacy row as SQLite stored it (its typeof(): legacy columns declared
// INTEGER hold REAL values, booleans may be NULL).
struct LegacyValue {
  enum class Type { kNull, kInteger, kReal, kText, kBlob };
  Type type = Type::kNull;
  long long integer = 0;
  double real = 0;
  std::string text;  // text and blob bytes; the integer or real as SQLite prints it otherwise
};

// A legacy row, its columns by name (never by position: column order differs between
// databases, quirk q19). A column the database does not have reads as absent.
class LegacyRow {
 public:
  [[nodiscard]] bool Has(const std::string& column) const { return values_.count(column) != 0; }
  [[nodiscard]] bool IsNull(const std::string& column) const;
  // Trimmed text; nullopt when absent, NULL or empty after trimming. Numbers give their text.
  [[nodiscard]] std::optional<std::string> Text(const std::string& column) const;
  // An integer whatever its storage (2.0 → 2; "12" → 12); nullopt when absent, NULL, not a
  // whole number or not a number.
  [[nodiscard]] std::optional<long long> Int(const std::string& column) const;
  // A number whatever its storage ("30.5" → 30.5); nullopt when absent, NULL or not a number.
  [[nodiscard]] std::optional<double> Real(const std::string& column) const;
  // A legacy BOOLEAN: 1/0, "1"/"0", "true"/"false"; `fallback` when absent or NULL.
  [[nodiscard]] bool Bool(const std::string& column, bool fallback) const;
  // The value as the report quotes it ("NULL" for NULL, "" when absent).
  [[nodiscard]] std::string Raw(const std::string& column) const;

  std::map<std::string, LegacyValue> values_;
};

// A legacy Planify database, opened read-only and immutable: SQLite neither writes nor creates
// anything next to it (no -wal, no -shm, no journal), so the file is byte for byte the same
// afterwards. Not thread-safe; one reader per import.
class LegacyDb {
 public:
  // VALIDATION with a French message when the file is missing, is not a SQLite database, is
  // damaged or truncated (quick_check), or lacks the tables every legacy database has (users,
  // clients, prestations, materiels): a SQLite file of another application.
  [[nodiscard]] static Result<LegacyDb> Open(const std::filesystem::path& path);

  LegacyDb(LegacyDb&&) noexcept;
  LegacyDb& operator=(LegacyDb&&) noexcept;
  LegacyDb(const LegacyDb&) = delete;
  LegacyDb& operator=(const LegacyDb&) = delete;
  ~LegacyDb();

  [[nodiscard]] const std::vector<std::string>& Tables() const { return tables_; }
  [[nodiscard]] bool HasTable(const std::string& table) const;
  // Column names of a table in their order; empty for a table the database lacks.
  [[nodiscard]] std::vector<std::string> Columns(const std::string& table) const;
  [[nodiscard]] long long Count(const std::string& table) const;
  // Every row of `table` in `id` order (rowid order when it has no id column); stops at the
  // first error `fn` returns. Nothing when the table does not exist. VALIDATION when the file
  // turns out unreadable half-way.
  [[nodiscard]] Result<void> ForEach(const std::string& table,
                                     const std::function<Result<void>(const LegacyRow&)>& fn) const;

 private:
  explicit LegacyDb(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
  std::vector<std::string> tables_;
};

}  // namespace planify::integrations
