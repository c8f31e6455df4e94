#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <soci/soci.h>

#include "domain/result.hpp"
#include "store/database_url.hpp"

namespace planify::store {

class Database;

// Something kept on one pooled connection between leases: a prepared statement with the
// storage its values are bound to (store::SqlParams). Dropped with its connection.
class KeptStatement {
 public:
  KeptStatement() = default;
  KeptStatement(const KeptStatement&) = delete;
  KeptStatement& operator=(const KeptStatement&) = delete;
  virtual ~KeptStatement() = default;
};

// A session borrowed from the pool; returned when destroyed.
class Lease {
 public:
  Lease(Database* db, std::size_t slot, soci::session* session)
      : db_(db), slot_(slot), session_(session) {}
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  Lease(Lease&& other) noexcept;
  Lease& operator=(Lease&&) = delete;
  ~Lease();

  soci::session& operator*() { return *session_; }
  soci::session* operator->() { return session_; }
  [[nodiscard]] Dialect dialect() const;

  // The statements kept on this lease's connection, by key (the caller's SQL text): prepared
  // once per connection, reused by every later lease of it.
  [[nodiscard]] KeptStatement* Kept(const std::string& key);
  KeptStatement& Keep(std::string key, std::unique_ptr<KeptStatement> statement);
  void Forget(const std::string& key);

 private:
  Database* db_;
  std::size_t slot_;
  soci::session* session_;
};

// A fixed-size pool of SOCI sessions on one database, set up for Planify's guarantees:
// SQLite in WAL mode with foreign keys, FULL synchronous commits and a busy timeout;
// PostgreSQL sessions in UTC.
class Database {
 public:
  struct Options {
    std::size_t pool_size = 8;
    std::chrono::milliseconds acquire_timeout{5000};
    std::chrono::milliseconds sqlite_busy_timeout{5000};
  };

  // Opens every connection up front; UNAVAILABLE with the driver's reason when it cannot.
  [[nodiscard]] static Result<std::unique_ptr<Database>> Open(const DatabaseUrl& url,
                                                              Options options);
  [[nodiscard]] static Result<std::unique_ptr<Database>> Open(const DatabaseUrl& url) {
    return Open(url, Options{});
  }
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Blocks up to acquire_timeout; UNAVAILABLE when every session stays busy. A PostgreSQL
  // connection found broken (the server restarted, a proxy dropped it) is opened again first,
  // so the pool heals by itself; UNAVAILABLE when that fails (the reason goes to the log).
  [[nodiscard]] Result<Lease> Acquire();

  [[nodiscard]] Dialect dialect() const { return url_.dialect; }
  [[nodiscard]] const DatabaseUrl& url() const { return url_; }
  [[nodiscard]] std::size_t pool_size() const { return sessions_.size(); }
  [[nodiscard]] std::size_t in_use() const;

  // SQLite: hands the page cache of every connection left idle for `idle_for` back to the
  // allocator (sqlite3_db_release_memory), once per idle spell, so memory returns near idle
  // after a burst of reads on many connections. Returns how many connections it trimmed;
  // nothing on PostgreSQL (the cache is the server's).
  std::size_t ReleaseIdleMemory(std::chrono::milliseconds idle_for);

  // Closes every session; later Acquire calls fail. Waits for leases to come back.
  void Close();

 private:
  friend class Lease;
  Database(DatabaseUrl url, Options options) : url_(std::move(url)), options_(options) {}
  void Release(std::size_t slot);
  [[nodiscard]] Result<std::unique_ptr<soci::session>> Connect() const;
  // PostgreSQL: false when the slot's connection is known to be broken (libpq saw it fail), or
  // was idle long enough that the server or a proxy may have closed it and a ping fails.
  [[nodiscard]] bool Healthy(std::size_t slot) const;

  DatabaseUrl url_;
  Options options_;
  std::vector<std::unique_ptr<soci::session>> sessions_;
  // Per slot, used only by the slot's lease holder; emptied before its session goes.
  std::vector<std::unordered_map<std::string, std::unique_ptr<KeptStatement>>> kept_;
  std::vector<bool> busy_;
  std::vector<std::chrono::steady_clock::time_point> released_at_;
  std::vector<bool> trimmed_;  // idle since its memory was released
  mutable std::mutex mutex_;
  std::condition_variable released_;
  bool closed_ = false;
};

// A write transaction: "BEGIN IMMEDIATE" on SQLite (takes the write lock up front, so two
// writers never deadlock on lock upgrade), "BEGIN" on PostgreSQL. Rolls back unless committed.
class WriteTransaction {
 public:
  explicit WriteTransaction(Lease& lease);
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  ~WriteTransaction();
  void Commit();

 private:
  Lease& lease_;
  bool done_ = false;
};

// A PostgreSQL URL as libpq keyword/value pairs, the form SOCI's backend passes through intact.
[[nodiscard]] Result<std::string> PostgresConninfo(const std::string& url);

// What a driver error means for the caller, read from SOCI's category and the driver's text.
enum class StorageFailureKind {
  kUnknownReference,  // a foreign key points nowhere
  kDuplicate,         // a unique key is taken
  kInvalidValue,      // a CHECK or NOT NULL refused a value
  kUnavailable,       // the database is unreachable, locked or busy
  kOther,
};
[[nodiscard]] StorageFailureKind ClassifyStorageFailure(const soci::soci_error& error);

// A driver error turned into a clean refusal: VALIDATION for a reference that does not exist or
// a refused value, CONFLICT for a duplicate, UNAVAILABLE only when the database is unreachable
// or busy, INTERNAL otherwise. The message is French and never carries the driver's text (that
// goes to the log, with the request id).
[[nodiscard]] Unexpected DatabaseFailure(const soci::soci_error& error);

// Runs `fn(lease)` on a pooled session, turning a busy pool or a driver error into
// UNAVAILABLE. `fn` returns a Result; its transactions are its own business.
template <typename F>
auto WithLease(Database& db, F&& fn) -> decltype(fn(std::declval<Lease&>())) {
  auto lease = db.Acquire();
  if (!lease) return Fail(std::move(lease).error());
  try {
    return std::forward<F>(fn)(*lease);
  } catch (const soci::soci_error& e) {
    return DatabaseFailure(e);
  }
}

// True when a SOCI error is a unique/foreign-key/check constraint violation.
[[nodiscard]] bool IsConstraintViolation(const soci::soci_error& error);

// Integer column of a dynamically described row, whatever integer width the backend chose.
[[nodiscard]] long long GetInt64(const soci::row& row, std::size_t column);

// Timestamps come back from PostgreSQL as "2026-11-25 14:36:33.123+00"; this gives the
// ISO-8601 UTC form used everywhere else ("2026-11-25T14:36:33.123Z"). SQLite values,
// already stored in that form, pass through.
[[nodiscard]] std::string NormalizeTimestamp(std::string_view stored);

// Text column of a dynamically described row; "" for NULL.
[[nodiscard]] std::string RowText(const soci::row& row, std::size_t column);
// Integer column that may be NULL.
[[nodiscard]] std::optional<long long> RowOptInt(const soci::row& row, std::size_t column);
// Timestamp column read as CAST(col AS TEXT), in ISO-8601 UTC form; "" for NULL.
[[nodiscard]] std::string RowTimestamp(const soci::row& row, std::size_t column);

}  // namespace planify::store
