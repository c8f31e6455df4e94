#include "store/sql_params.hpp"

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

void SqlParams::Execute(Lease& lease, const std::string& sql, long long* returning) {
  soci::statement st(*lease);
  st.alloc();
  st.prepare(sql);
  Bind(st);
  if (returning != nullptr) st.exchange(soci::into(*returning));
  st.define_and_bind();
  st.execute(true);
}

void SqlParams::ForEachRow(Lease& lease, const std::string& sql,
                           const std::function<void(const soci::row&)>& fn) {
  soci::row row;
  soci::statement st(*lease);
  st.alloc();
  st.prepare(sql);
  Bind(st);
  st.exchange(soci::into(row));
  st.define_and_bind();
  if (!st.execute(true)) return;
  do {
    fn(row);
  } while (st.fetch());
}

}  // namespace planify::store
