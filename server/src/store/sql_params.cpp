#include "store/sql_params.hpp"

#include <memory>

#include <soci/sqlite3/soci-sqlite3.h>

namespace planify::store {

SqlParams& SqlParams::Text(const std::string& name, std::string value) {
  texts_.push_back(std::move(value));
  indicators_.push_back(soci::i_ok);
  bound_.push_back({name, true, texts_.size() - 1});
  return *this;
}

SqlParams& SqlParams::TextOrNull(const std::string& name, std::string value) {
  const bool null = value.empty();
  texts_.push_back(std::move(value));
  indicators_.push_back(null ? soci::i_null : soci::i_ok);
  bound_.push_back({name, true, texts_.size() - 1});
  return *this;
}

SqlParams& SqlParams::Int(const std::string& name, long long value) {
  ints_.push_back(value);
  indicators_.push_back(soci::i_ok);
  bound_.push_back({name, false, ints_.size() - 1});
  return *this;
}

SqlParams& SqlParams::IntOrNull(const std::string& name, std::optional<long long> value) {
  ints_.push_back(value.value_or(0));
  indicators_.push_back(value ? soci::i_ok : soci::i_null);
  bound_.push_back({name, false, ints_.size() - 1});
  return *this;
}

void SqlParams::Bind(soci::statement& st) {
  for (std::size_t i = 0; i < bound_.size(); ++i) {
    const auto& b = bound_[i];
    if (b.is_text) {
      st.exchange(soci::use(texts_[b.index], indicators_[i], b.name));
    } else {
      st.exchange(soci::use(ints_[b.index], indicators_[i], b.name));
    }
  }
}

bool SqlParams::SameShape(const SqlParams& other) const {
  if (bound_.size() != other.bound_.size()) return false;
  for (std::size_t i = 0; i < bound_.size(); ++i) {
    const auto& a = bound_[i];
    const auto& b = other.bound_[i];
    if (a.name != b.name || a.is_text != b.is_text || a.index != b.index) return false;
  }
  return true;
}

void SqlParams::CopyValues(const SqlParams& other) {
  // Same shape: element by element, so the addresses the statement is bound to stay.
  for (std::size_t i = 0; i < texts_.size(); ++i) texts_[i] = other.texts_[i];
  for (std::size_t i = 0; i < ints_.size(); ++i) ints_[i] = other.ints_[i];
  for (std::size_t i = 0; i < indicators_.size(); ++i) indicators_[i] = other.indicators_[i];
}

// A statement kept on a pooled connection with the storage it is bound to.
struct PreparedSql final : KeptStatement {
  explicit PreparedSql(soci::session& session) : st(session) {}
  soci::statement st;
  SqlParams params;
  soci::row row;
  long long returning = 0;
  bool running = false;  // a row callback runs the same SQL again: that one is not kept

  [[nodiscard]] bool Takes(const SqlParams& other) const { return params.SameShape(other); }
  void Load(const SqlParams& other) { params.CopyValues(other); }
  void BindParams() { params.Bind(st); }
};

namespace {

enum class Shape : char { kRows = 'R', kExecute = 'E', kReturning = 'I' };

// A statement for one run: the kept one for `sql` on this lease's connection, holding
// `params`' values (prepared and kept on first use), or a one-off when the kept one is running.
class Run {
 public:
  Run(Lease& lease, std::string key, const std::string& sql, const SqlParams& params, Shape shape)
      : lease_(lease), key_(std::move(key)) {
    if (auto* kept = static_cast<PreparedSql*>(lease.Kept(key_))) {
      if (kept->running) {
        one_off_ = Prepare(sql, params, shape);
        prepared_ = one_off_.get();
        return;
      }
      if (kept->Takes(params)) {
        kept->Load(params);
        Start(kept);
        return;
      }
      lease.Forget(key_);
    }
    Start(&static_cast<PreparedSql&>(lease.Keep(key_, Prepare(sql, params, shape))));
  }
  ~Run() {
    if (prepared_ != nullptr) prepared_->running = false;
  }
  Run(const Run&) = delete;
  Run& operator=(const Run&) = delete;

  PreparedSql& operator*() { return *prepared_; }
  PreparedSql* operator->() { return prepared_; }

  // After an error: the kept statement is not trusted again.
  void Forget() {
    if (one_off_) return;
    prepared_ = nullptr;
    lease_.Forget(key_);
  }

 private:
  std::unique_ptr<PreparedSql> Prepare(const std::string& sql, const SqlParams& params,
                                       Shape shape) {
    auto fresh = std::make_unique<PreparedSql>(*lease_);
    fresh->params = params;
    fresh->st.alloc();
    fresh->st.prepare(sql);
    fresh->BindParams();
    if (shape == Shape::kRows) fresh->st.exchange(soci::into(fresh->row));
    if (shape == Shape::kReturning) fresh->st.exchange(soci::into(fresh->returning));
    fresh->st.define_and_bind();
    return fresh;
  }
  void Start(PreparedSql* prepared) {
    prepared_ = prepared;
    prepared_->running = true;
  }

  Lease& lease_;
  std::string key_;
  std::unique_ptr<PreparedSql> one_off_;
  PreparedSql* prepared_ = nullptr;
};

void Reset(Lease& lease, PreparedSql& prepared) { ResetStatement(lease, prepared.st); }

std::string KeyOf(Shape shape, const std::string& sql) {
  std::string key(1, static_cast<char>(shape));
  key += sql;
  return key;
}

}  // namespace

void ResetStatement(Lease& lease, soci::statement& st) {
  if (lease.dialect() != Dialect::kSqlite) return;
  auto* backend = static_cast<soci::sqlite3_statement_backend*>(st.get_backend());
  if (backend != nullptr && backend->stmt_ != nullptr) sqlite_api::sqlite3_reset(backend->stmt_);
}

void SqlParams::Execute(Lease& lease, const std::string& sql, long long* returning) {
  const Shape shape = returning != nullptr ? Shape::kReturning : Shape::kExecute;
  Run run(lease, KeyOf(shape, sql), sql, *this, shape);
  try {
    run->st.execute(true);
  } catch (...) {
    run.Forget();
    throw;
  }
  if (returning != nullptr) *returning = run->returning;
  Reset(lease, *run);
}

void SqlParams::ForEachRow(Lease& lease, const std::string& sql,
                           const std::function<void(const soci::row&)>& fn) {
  Run run(lease, KeyOf(Shape::kRows, sql), sql, *this, Shape::kRows);
  try {
    if (run->st.execute(true)) {
      do {
        fn(run->row);
      } while (run->st.fetch());
    }
  } catch (...) {
    run.Forget();
    throw;
  }
  Reset(lease, *run);
}

}  // namespace planify::store
