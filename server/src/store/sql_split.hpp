#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace planify::store {

// Splits a migration script into statements on ';' outside quotes, comments and PostgreSQL
// dollar-quoted bodies, and keeps SQLite "CREATE TRIGGER ... BEGIN ... END;" whole.
// Empty statements and comment-only chunks are dropped. Needed because both SOCI backends
// prepare one statement at a time.
[[nodiscard]] std::vector<std::string> SplitSqlStatements(std::string_view script);

}  // namespace planify::store
