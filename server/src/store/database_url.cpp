#include "store/database_url.hpp"

namespace planify::store {

std::string_view DialectName(Dialect dialect) {
  return dialect == Dialect::kSqlite ? "sqlite" : "postgresql";
}

namespace {

Unexpected Bad(std::string message) { return Fail(ErrorCode::kBadRequest, std::move(message)); }

std::string RedactPassword(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  auto authority_start = scheme_end + 3;
  auto at = url.find('@', authority_start);
  auto slash = url.find('/', authority_start);
  if (at == std::string_view::npos || (slash != std::string_view::npos && at > slash)) {
    return std::string(url);
  }
  auto colon = url.find(':', authority_start);
  if (colon == std::string_view::npos || colon > at) return std::string(url);
  return std::string(url.substr(0, colon + 1)) + "***" + std::string(url.substr(at));
}

}  // namespace

Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url) {
  if (url.empty()) return Bad("the database URL is empty");
  DatabaseUrl out;
  if (url.starts_with("sqlite:")) {
    std::string_view path = url.substr(7);
    if (path.starts_with("//")) path.remove_prefix(2);
    if (path.empty())
      return Bad("the SQLite URL has no file path (expected sqlite:data/planify.db)");
    if (path.find('?') != std::string_view::npos) {
      return Bad("SQLite URLs take no options; Planify sets WAL, foreign keys and timeouts itself");
    }
    if (path == ":memory:") {
      return Bad("an in-memory SQLite database would lose every write; give a file path");
    }
    out.dialect = Dialect::kSqlite;
    out.sqlite_path = std::string(path);
    out.redacted = std::string(url);
    return out;
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    auto rest = url.substr(url.find("://") + 3);
    auto path_start = rest.find('/');
    if (path_start == std::string_view::npos) {
      return Bad(
          "the PostgreSQL URL has no database name (expected postgresql://user:pass@host:5432/db)");
    }
    auto authority = rest.substr(0, path_start);
    auto host = authority.substr(
        authority.rfind('@') == std::string_view::npos ? 0 : authority.rfind('@') + 1);
    auto db = rest.substr(path_start + 1);
    db = db.substr(0, db.find('?'));
    bool socket_host = url.find("host=") != std::string_view::npos;
    if (host.empty() && !socket_host) return Bad("the PostgreSQL URL has no host");
    if (db.empty()) return Bad("the PostgreSQL URL has no database name");
    out.dialect = Dialect::kPostgres;
    out.postgres_url = std::string(url);
    out.redacted = RedactPassword(url);
    return out;
  }
  return Bad("unsupported database URL scheme (use sqlite:PATH or postgresql://...)");
}

}  // namespace planify::store
