#pragma once

#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace planify::store {

enum class Dialect { kSqlite, kPostgres };

[[nodiscard]] std::string_view DialectName(Dialect dialect);

// A parsed PLANIFY_DATABASE_URL.
struct DatabaseUrl {
  Dialect dialect = Dialect::kSqlite;
  // SQLite: the file path ("data/planify.db", "/var/lib/planify/planify.db").
  std::string sqlite_path;
  // PostgreSQL: the URL as given, handed to libpq unchanged (it understands URIs, sslmode, ...).
  std::string postgres_url;
  // For logs: the URL with any password replaced by "***".
  std::string redacted;
};

// Accepts "sqlite:PATH", "sqlite://PATH" (absolute when PATH starts with '/'), and
// "postgresql://" / "postgres://" URLs with a host and a database name.
// BAD_REQUEST with a message naming the problem otherwise.
[[nodiscard]] Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url);

}  // namespace planify::store
