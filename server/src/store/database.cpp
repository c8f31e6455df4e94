#include "store/database.hpp"

#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <thread>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace planify::store {

Lease::Lease(Lease&& other) noexcept
    : db_(other.db_), slot_(other.slot_), session_(other.session_) {
  other.db_ = nullptr;
  other.session_ = nullptr;
}

Lease::~Lease() {
  if (db_ != nullptr) db_->Release(slot_);
}

Dialect Lease::dialect() const { return db_->dialect(); }

KeptStatement* Lease::Kept(const std::string& key) {
  auto& kept = db_->kept_[slot_];
  auto found = kept.find(key);
  return found == kept.end() ? nullptr : found->second.get();
}

KeptStatement& Lease::Keep(std::string key, std::unique_ptr<KeptStatement> statement) {
  auto& slot = db_->kept_[slot_][std::move(key)];
  slot = std::move(statement);
  return *slot;
}

void Lease::Forget(const std::string& key) { db_->kept_[slot_].erase(key); }

// SOCI 4.0's PostgreSQL backend re-parses its connect string as "key=value" pairs and mangles
// URIs, so the URL is turned into libpq keyword/value form here, with libpq's own parser.
Result<std::string> PostgresConninfo(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    std::string message = error != nullptr ? error : "unparsable PostgreSQL URL";
    PQfreemem(error);
    return Fail(ErrorCode::kBadRequest, "PLANIFY_DATABASE_URL: " + message);
  }
  std::string conninfo;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val == nullptr || *o->val == '\0') continue;
    std::string value;
    for (const char* c = o->val; *c != '\0'; ++c) {
      if (*c == '\\' || *c == '\'') value.push_back('\\');
      value.push_back(*c);
    }
    conninfo += std::string(conninfo.empty() ? "" : " ") + o->keyword + "='" + value + "'";
  }
  PQconninfoFree(options);
  return conninfo;
}

Result<std::unique_ptr<soci::session>> Database::Connect() const {
  try {
    if (url_.dialect == Dialect::kSqlite) {
      auto timeout_s = std::max<long long>(1, options_.sqlite_busy_timeout.count() / 1000);
      auto session = std::make_unique<soci::session>(
          soci::sqlite3, "db=" + url_.sqlite_path + " timeout=" + std::to_string(timeout_s));
      *session << "PRAGMA busy_timeout=" + std::to_string(options_.sqlite_busy_timeout.count());
      // Switching a fresh file to WAL needs a moment alone with it, and SQLite reports "locked"
      // at once (no busy handler) when another process opens it at the same instant: retry.
      auto deadline = std::chrono::steady_clock::now() + options_.sqlite_busy_timeout;
      for (;;) {
        try {
          *session << "PRAGMA journal_mode=WAL";
          break;
        } catch (const soci::soci_error& e) {
          if (std::chrono::steady_clock::now() > deadline ||
              e.get_error_message().find("locked") == std::string::npos) {
            throw;
          }
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
      }
      *session << "PRAGMA foreign_keys=ON";
      *session << "PRAGMA synchronous=FULL";
      return session;
    }
    auto conninfo = PostgresConninfo(url_.postgres_url);
    if (!conninfo) return Fail(std::move(conninfo).error());
    auto session = std::make_unique<soci::session>(soci::postgresql, *conninfo);
    *session << "SET TIME ZONE 'UTC'";
    *session << "SET client_min_messages TO WARNING";
    // An organisation's data fits in memory or sits on SSDs: a random read costs about a
    // sequential one, not four times as much (PostgreSQL's default, for spinning disks). With
    // the default the planner hashed 100,000 crew lines for a six-week calendar instead of
    // walking 1,169 missions' keys (17 ms against 3 ms, docs/performance.md).
    *session << "SET random_page_cost = 1.1";
    return session;
  } catch (const soci::soci_error& e) {
    return Fail(ErrorCode::kUnavailable,
                std::string("cannot connect to ") + url_.redacted + ": " + e.get_error_message());
  }
}

Result<std::unique_ptr<Database>> Database::Open(const DatabaseUrl& url, Options options) {
  if (options.pool_size == 0) options.pool_size = 1;
  if (url.dialect == Dialect::kSqlite) {
    auto parent = std::filesystem::path(url.sqlite_path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) {
      return Fail(ErrorCode::kUnavailable,
                  "cannot create the database directory " + parent.string() + ": " + ec.message());
    }
  }
  std::unique_ptr<Database> db(new Database(url, options));
  for (std::size_t i = 0; i < options.pool_size; ++i) {
    auto session = db->Connect();
    if (!session) return Fail(std::move(session).error());
    db->sessions_.push_back(std::move(*session));
    db->busy_.push_back(false);
    db->released_at_.push_back(std::chrono::steady_clock::now());
    db->trimmed_.push_back(false);
    db->kept_.emplace_back();
  }
  return db;
}

Database::~Database() { Close(); }

Result<Lease> Database::Acquire() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (closed_) {
      return Fail(ErrorCode::kUnavailable, "La base de données est fermée (arrêt en cours).");
    }
    for (std::size_t i = 0; i < busy_.size(); ++i) {
      if (busy_[i]) continue;
      busy_[i] = true;
      if (url_.dialect == Dialect::kSqlite) return Lease(this, i, sessions_[i].get());
      // The slot is ours alone from here: check (and replace) its connection unlocked.
      lock.unlock();
      if (!Healthy(i)) {
        auto fresh = Connect();
        if (!fresh) {
          spdlog::error("database connection {} lost and not re-opened: {}", i,
                        fresh.error().message);
          Release(i);
          return Fail(ErrorCode::kUnavailable,
                      "La base de données est momentanément indisponible. Réessayez dans un "
                      "instant.");
        }
        kept_[i].clear();  // their statements belong to the connection being replaced
        sessions_[i] = std::move(*fresh);
        spdlog::warn("database connection {} was lost; re-opened", i);
      }
      return Lease(this, i, sessions_[i].get());
    }
    if (released_.wait_for(lock, options_.acquire_timeout) == std::cv_status::timeout) {
      spdlog::warn("every database connection stayed busy for {} ms",
                   options_.acquire_timeout.count());
      return Fail(ErrorCode::kUnavailable,
                  "Le serveur est très sollicité : réessayez dans un instant.");
    }
  }
}

bool Database::Healthy(std::size_t slot) const {
  // Only called for PostgreSQL pools (the backend's type information is not exported by
  // libsoci_postgresql, so no dynamic_cast).
  auto* backend = static_cast<soci::postgresql_session_backend*>(sessions_[slot]->get_backend());
  if (backend == nullptr || PQstatus(backend->conn_) != CONNECTION_OK) return false;
  // Hosted PostgreSQL (and poolers) close idle connections; libpq only notices on next use.
  if (std::chrono::steady_clock::now() - released_at_[slot] > std::chrono::seconds(60)) {
    return sessions_[slot]->is_connected();  // one round trip
  }
  return true;
}

void Database::Release(std::size_t slot) {
  {
    std::lock_guard lock(mutex_);
    busy_[slot] = false;
    released_at_[slot] = std::chrono::steady_clock::now();
    trimmed_[slot] = false;
  }
  released_.notify_all();
}

std::size_t Database::ReleaseIdleMemory(std::chrono::milliseconds idle_for) {
  if (url_.dialect != Dialect::kSqlite) return 0;
  std::size_t trimmed = 0;
  for (std::size_t slot = 0; slot < sessions_.size(); ++slot) {
    {
      std::lock_guard lock(mutex_);
      if (closed_ || busy_[slot] || trimmed_[slot] ||
          std::chrono::steady_clock::now() - released_at_[slot] < idle_for) {
        continue;
      }
      busy_[slot] = true;  // the connection is ours while its cache is released
    }
    auto* backend = static_cast<soci::sqlite3_session_backend*>(sessions_[slot]->get_backend());
    if (backend != nullptr) sqlite_api::sqlite3_db_release_memory(backend->conn_);
    {
      std::lock_guard lock(mutex_);
      busy_[slot] = false;
      trimmed_[slot] = true;
    }
    released_.notify_all();
    ++trimmed;
  }
  return trimmed;
}

std::size_t Database::in_use() const {
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (bool b : busy_) n += b ? 1 : 0;
  return n;
}

void Database::Close() {
  std::unique_lock lock(mutex_);
  if (closed_) return;
  closed_ = true;
  released_.wait_for(lock, std::chrono::seconds(10), [this] {
    for (bool b : busy_) {
      if (b) return false;
    }
    return true;
  });
  for (auto& kept : kept_) kept.clear();
  for (auto& s : sessions_) {
    try {
      if (s) s->close();
    } catch (const soci::soci_error&) {
      // Closing a broken connection: nothing left to do with it.
    }
  }
}

WriteTransaction::WriteTransaction(Lease& lease) : lease_(lease) {
  *lease_ << (lease_.dialect() == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
}

WriteTransaction::~WriteTransaction() {
  if (done_) return;
  try {
    *lease_ << "ROLLBACK";
  } catch (const soci::soci_error&) {
    // The connection is gone; the server rolled the transaction back with it.
  }
}

void WriteTransaction::Commit() {
  *lease_ << "COMMIT";
  done_ = true;
}

bool IsConstraintViolation(const soci::soci_error& error) {
  if (error.get_error_category() == soci::soci_error::constraint_violation) return true;
  // SOCI 4.0's SQLite backend reports constraint failures as "unknown"; its message is stable.
  return error.get_error_message().find("constraint failed") != std::string::npos;
}

long long GetInt64(const soci::row& row, std::size_t column) {
  switch (row.get_properties(column).get_data_type()) {
    case soci::dt_integer:
      return row.get<int>(column);
    case soci::dt_long_long:
      return row.get<long long>(column);
    case soci::dt_unsigned_long_long:
      return static_cast<long long>(row.get<unsigned long long>(column));
    case soci::dt_string:
      return std::stoll(row.get<std::string>(column));
    default:
      return static_cast<long long>(row.get<double>(column));
  }
}

std::string NormalizeTimestamp(std::string_view stored) {
  std::string s(stored);
  if (s.size() < 19 || s[10] != ' ') return s;
  s[10] = 'T';
  // Strip the zone suffix (+00 / +00:00), the session runs in UTC.
  auto plus = s.find_first_of("+-", 19);
  if (plus != std::string::npos) s.resize(plus);
  auto dot = s.find('.', 19);
  if (dot == std::string::npos) {
    s += ".000";
  } else {
    // Millisecond precision, like the values Planify writes.
    auto frac = s.substr(dot + 1);
    frac.resize(3, '0');
    s = s.substr(0, dot + 1) + frac;
  }
  return s + "Z";
}

namespace {

bool Contains(const std::string& text, std::string_view needle) {
  return text.find(needle) != std::string::npos;
}

}  // namespace

StorageFailureKind ClassifyStorageFailure(const soci::soci_error& error) {
  // The drivers' texts, lowercased: SQLite says "FOREIGN KEY constraint failed", PostgreSQL
  // "violates foreign key constraint"; SOCI 4.0's SQLite backend leaves most categories unknown.
  std::string text = error.get_error_message();
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (IsConstraintViolation(error) || Contains(text, "violates")) {
    if (Contains(text, "foreign key")) return StorageFailureKind::kUnknownReference;
    if (Contains(text, "unique") || Contains(text, "duplicate key") ||
        Contains(text, "primary key")) {
      return StorageFailureKind::kDuplicate;
    }
    return StorageFailureKind::kInvalidValue;
  }
  if (error.get_error_category() == soci::soci_error::connection_error ||
      Contains(text, "database is locked") || Contains(text, "busy") ||
      Contains(text, "could not connect") || Contains(text, "connection") ||
      Contains(text, "terminating") || Contains(text, "no connection")) {
    return StorageFailureKind::kUnavailable;
  }
  return StorageFailureKind::kOther;
}

Unexpected DatabaseFailure(const soci::soci_error& error) {
  // The driver's words go to the log, with the request id; the client gets a French sentence.
  auto kind = ClassifyStorageFailure(error);
  spdlog::error("database error ({}): {}", static_cast<int>(kind), error.get_error_message());
  switch (kind) {
    case StorageFailureKind::kUnknownReference:
      return Fail(ErrorCode::kValidation,
                  "Enregistrement refusé : il fait référence à un élément qui n'existe pas.");
    case StorageFailureKind::kDuplicate:
      return Fail(ErrorCode::kConflict, "Enregistrement refusé : cet élément existe déjà.");
    case StorageFailureKind::kInvalidValue:
      return Fail(ErrorCode::kValidation,
                  "Enregistrement refusé : une valeur ne respecte pas les règles des données.");
    case StorageFailureKind::kUnavailable:
      return Fail(ErrorCode::kUnavailable,
                  "La base de données est momentanément indisponible. Réessayez dans un instant.");
    case StorageFailureKind::kOther:
      break;
  }
  return Fail(ErrorCode::kInternal, "Erreur interne lors de l'accès aux données.");
}

std::string RowText(const soci::row& row, std::size_t column) {
  return row.get_indicator(column) == soci::i_null ? std::string() : row.get<std::string>(column);
}

std::optional<long long> RowOptInt(const soci::row& row, std::size_t column) {
  if (row.get_indicator(column) == soci::i_null) return std::nullopt;
  return GetInt64(row, column);
}

std::string RowTimestamp(const soci::row& row, std::size_t column) {
  std::string text = RowText(row, column);
  return text.empty() ? text : NormalizeTimestamp(text);
}

}  // namespace planify::store
