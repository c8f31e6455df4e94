#pragma once

#include <deque>
#include <functional>
#include <optional>
#include <string>

#include "store/database.hpp"

namespace planify::store {

// Named parameters for statements too wide for a chain of soci::use (a document row has forty
// columns). Values are copied and kept at stable addresses until the statement ran; "" and
// nullopt bind as NULL where asked. A statement is prepared once per pooled connection and
// kept there (Lease::Keep) with its own copy of the parameters' storage: later runs of the same
// SQL copy their values in and execute again (no parse, no plan; on PostgreSQL no PREPARE and
// DEALLOCATE round trips). A kept statement is reset after each run, so it never holds a read
// snapshot or a lock between runs, and forgotten after any error.
class SqlParams {
 public:
  SqlParams& Text(const std::string& name, std::string value);
  SqlParams& TextOrNull(const std::string& name, std::string value);  // "" → NULL
  SqlParams& Int(const std::string& name, long long value);
  SqlParams& IntOrNull(const std::string& name, std::optional<long long> value);

  // Runs `sql`; when `returning` is given, the statement's single integer result lands there.
  void Execute(Lease& lease, const std::string& sql, long long* returning = nullptr);
  // Runs a query and hands each result row to `fn`.
  void ForEachRow(Lease& lease, const std::string& sql,
                  const std::function<void(const soci::row&)>& fn);

 private:
  friend struct PreparedSql;
  [[nodiscard]] bool SameShape(const SqlParams& other) const;
  void CopyValues(const SqlParams& other);

  struct Bound {
    std::string name;
    bool is_text = false;
    std::size_t index = 0;
  };
  std::deque<std::string> texts_;
  std::deque<long long> ints_;
  std::deque<soci::indicator> indicators_;
  std::deque<Bound> bound_;

  void Bind(soci::statement& st);
};

// Back to the start for a statement kept on `lease`'s connection: SQLite keeps a statement that
// has not been reset active, with its read snapshot (and, for INSERT … RETURNING, the write
// lock). PostgreSQL holds nothing.
void ResetStatement(Lease& lease, soci::statement& st);

}  // namespace planify::store
