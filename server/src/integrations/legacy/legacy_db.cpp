#include "integrations/legacy/legacy_db.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>

#include "domain/validation.hpp"

namespace planify::integrations {

namespace {

Unexpected Refuse(std::string message) { return Fail(ErrorCode::kValidation, std::move(message)); }

// Text as Planify can store it: NUL bytes dropped (SQLite's length() and PostgreSQL stop or
// fail there), bytes that are not UTF-8 each replaced by U+FFFD.
std::string CleanText(const std::string& raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size();) {
    const auto c = static_cast<unsigned char>(raw[i]);
    if (c == 0) {
      ++i;
      continue;
    }
    std::size_t length = c < 0x80           ? 1
                         : (c >> 5) == 0x6  ? 2
                         : (c >> 4) == 0xE  ? 3
                         : (c >> 3) == 0x1E ? 4
                                            : 0;
    bool valid = length != 0 && i + length <= raw.size();
    for (std::size_t k = 1; valid && k < length; ++k) {
      valid = (static_cast<unsigned char>(raw[i + k]) & 0xC0) == 0x80;
    }
    if (valid && length > 1) {
      // No overlong forms, no surrogates, nothing above U+10FFFF.
      const auto c1 = static_cast<unsigned char>(raw[i + 1]);
      if ((length == 2 && c < 0xC2) || (length == 3 && c == 0xE0 && c1 < 0xA0) ||
          (length == 3 && c == 0xED && c1 >= 0xA0) || (length == 4 && c == 0xF0 && c1 < 0x90) ||
          (length == 4 && (c > 0xF4 || (c == 0xF4 && c1 >= 0x90)))) {
        valid = false;
      }
    }
    if (valid) {
      out.append(raw, i, length);
      i += length;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

std::string Quoted(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string Literal(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// A file: URI SQLite reads the path of back verbatim: everything but unreserved characters and
// '/' percent-encoded ('?', '#', '%' and spaces would otherwise end or garble the path).
std::string ReadOnlyUri(const std::filesystem::path& path) {
  std::string uri = "file:";
  for (unsigned char c : std::filesystem::absolute(path).string()) {
    if (std::isalnum(c) != 0 || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      uri += static_cast<char>(c);
    } else {
      constexpr std::string_view kHex = "0123456789ABCDEF";
      uri += '%';
      uri += kHex[c >> 4];
      uri += kHex[c & 15];
    }
  }
  return uri + "?mode=ro&immutable=1";
}

class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) stmt_ = nullptr;
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }
  [[nodiscard]] sqlite3_stmt* get() const { return stmt_; }
  explicit operator bool() const { return stmt_ != nullptr; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

LegacyValue ValueAt(sqlite3_stmt* stmt, int column) {
  LegacyValue value;
  switch (sqlite3_column_type(stmt, column)) {
    case SQLITE_INTEGER:
      value.type = LegacyValue::Type::kInteger;
      value.integer = sqlite3_column_int64(stmt, column);
      break;
    case SQLITE_FLOAT:
      value.type = LegacyValue::Type::kReal;
      value.real = sqlite3_column_double(stmt, column);
      break;
    case SQLITE_TEXT:
      value.type = LegacyValue::Type::kText;
      break;
    case SQLITE_BLOB:
      value.type = LegacyValue::Type::kBlob;
      break;
    default:
      return value;
  }
  // SQLite's own rendering of numbers (15 significant digits for REAL, as CAST(x AS TEXT)).
  const auto* bytes = sqlite3_column_blob(stmt, column);
  const int size = sqlite3_column_bytes(stmt, column);
  if (value.type == LegacyValue::Type::kInteger || value.type == LegacyValue::Type::kReal) {
    const auto* text = sqlite3_column_text(stmt, column);
    value.text.assign(reinterpret_cast<const char*>(text),
                      static_cast<std::size_t>(sqlite3_column_bytes(stmt, column)));
  } else if (bytes != nullptr && size > 0) {
    value.text.assign(static_cast<const char*>(bytes), static_cast<std::size_t>(size));
  }
  return value;
}

std::optional<double> NumberOf(const std::string& text) {
  const std::string trimmed = domain::Trim(text);
  if (trimmed.empty()) return std::nullopt;
  double out = 0;
  const auto* end = trimmed.data() + trimmed.size();
  auto [ptr, ec] = std::from_chars(trimmed.data(), end, out);
  if (ec != std::errc() || ptr != end || !std::isfinite(out)) return std::nullopt;
  return out;
}

}  // namespace

bool LegacyRow::IsNull(const std::string& column) const {
  auto it = values_.find(column);
  return it == values_.end() || it->second.type == LegacyValue::Type::kNull;
}

std::optional<std::string> LegacyRow::Text(const std::string& column) const {
  if (IsNull(column)) return std::nullopt;
  std::string text = domain::Trim(CleanText(values_.at(column).text));
  if (text.empty()) return std::nullopt;
  return text;
}

std::optional<double> LegacyRow::Real(const std::string& column) const {
  if (IsNull(column)) return std::nullopt;
  const auto& v = values_.at(column);
  if (v.type == LegacyValue::Type::kInteger) return static_cast<double>(v.integer);
  if (v.type == LegacyValue::Type::kReal) return v.real;
  return NumberOf(v.text);
}

std::optional<long long> LegacyRow::Int(const std::string& column) const {
  if (IsNull(column)) return std::nullopt;
  const auto& v = values_.at(column);
  if (v.type == LegacyValue::Type::kInteger) return v.integer;
  auto number = Real(column);
  if (!number || std::trunc(*number) != *number || std::fabs(*number) > 9.0e15) {
    return std::nullopt;
  }
  return static_cast<long long>(*number);
}

bool LegacyRow::Bool(const std::string& column, bool fallback) const {
  if (IsNull(column)) return fallback;
  if (auto n = Int(column)) return *n != 0;
  std::string text = Text(column).value_or("");
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (text == "true" || text == "t" || text == "yes" || text == "oui") return true;
  if (text == "false" || text == "f" || text == "no" || text == "non") return false;
  return fallback;
}

std::string LegacyRow::Raw(const std::string& column) const {
  auto it = values_.find(column);
  if (it == values_.end()) return "";
  if (it->second.type == LegacyValue::Type::kNull) return "NULL";
  return CleanText(it->second.text);  // quoted in notes: storable text, as Text() gives
}

Result<LegacyDb> LegacyDb::Open(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Refuse("Fichier introuvable : " + path.string() + ".");
  }
  {
    std::ifstream in(path, std::ios::binary);
    std::array<char, 16> header{};
    in.read(header.data(), header.size());
    if (in.gcount() != 16 ||
        std::string_view(header.data(), 16) != std::string_view("SQLite format 3\0", 16)) {
      return Refuse(
          path.filename().string() +
          " n'est pas une base SQLite : ce n'est pas une base de l'ancienne application.");
    }
  }
  sqlite3* raw = nullptr;
  const int opened = sqlite3_open_v2(ReadOnlyUri(path).c_str(), &raw,
                                     SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
  LegacyDb db(raw);
  if (opened != SQLITE_OK) {
    return Refuse("Impossible d'ouvrir " + path.filename().string() + " en lecture : " +
                  (raw != nullptr ? sqlite3_errmsg(raw) : "mémoire insuffisante") + ".");
  }
  const std::string damaged = path.filename().string() +
                              " est endommagée ou tronquée (copie incomplète ?) : reprenez une "
                              "copie complète de la base de l'ancienne application.";
  {
    Statement check(db.db_, "PRAGMA quick_check");
    if (!check) return Refuse(damaged);
    int step = sqlite3_step(check.get());
    if (step != SQLITE_ROW) return Refuse(damaged);
    const auto* first = sqlite3_column_text(check.get(), 0);
    if (first == nullptr || std::string_view(reinterpret_cast<const char*>(first)) != "ok") {
      return Refuse(damaged);
    }
  }
  {
    Statement tables(db.db_,
                     "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                     "'sqlite_%' ORDER BY name");
    if (!tables) return Refuse(damaged);
    int step = 0;
    while ((step = sqlite3_step(tables.get())) == SQLITE_ROW) {
      db.tables_.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(tables.get(), 0)));
    }
    if (step != SQLITE_DONE) return Refuse(damaged);
  }
  std::vector<std::string> missing;
  for (const char* table : {"users", "clients", "prestations", "materiels"}) {
    if (!db.HasTable(table)) missing.emplace_back(table);
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    return Refuse(path.filename().string() +
                  " est une base SQLite, mais pas celle de l'ancienne application (tables "
                  "absentes : " +
                  list + ").");
  }
  return db;
}

LegacyDb::LegacyDb(LegacyDb&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), tables_(std::move(other.tables_)) {}

LegacyDb& LegacyDb::operator=(LegacyDb&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    tables_ = std::move(other.tables_);
  }
  return *this;
}

LegacyDb::~LegacyDb() { sqlite3_close_v2(db_); }

bool LegacyDb::HasTable(const std::string& table) const {
  return std::find(tables_.begin(), tables_.end(), table) != tables_.end();
}

std::vector<std::string> LegacyDb::Columns(const std::string& table) const {
  std::vector<std::string> columns;
  if (!HasTable(table)) return columns;
  Statement info(db_, "SELECT name FROM pragma_table_info(" + Literal(table) + ")");
  if (!info) return columns;
  while (sqlite3_step(info.get()) == SQLITE_ROW) {
    columns.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(info.get(), 0)));
  }
  return columns;
}

long long LegacyDb::Count(const std::string& table) const {
  if (!HasTable(table)) return 0;
  Statement count(db_, "SELECT count(*) FROM " + Quoted(table));
  if (!count || sqlite3_step(count.get()) != SQLITE_ROW) return 0;
  return sqlite3_column_int64(count.get(), 0);
}

Result<void> LegacyDb::ForEach(const std::string& table,
                               const std::function<Result<void>(const LegacyRow&)>& fn) const {
  if (!HasTable(table)) return {};
  const auto columns = Columns(table);
  const bool has_id = std::find(columns.begin(), columns.end(), "id") != columns.end();
  Statement rows(db_, "SELECT * FROM " + Quoted(table) + (has_id ? " ORDER BY id" : ""));
  if (!rows) return Refuse("Lecture impossible de la table " + table + " : " + sqlite3_errmsg(db_));
  int step = 0;
  const int width = sqlite3_column_count(rows.get());
  while ((step = sqlite3_step(rows.get())) == SQLITE_ROW) {
    LegacyRow row;
    for (int i = 0; i < width; ++i) {
      row.values_.emplace(sqlite3_column_name(rows.get(), i), ValueAt(rows.get(), i));
    }
    if (auto done = fn(row); !done) return done;
  }
  if (step != SQLITE_DONE) {
    return Refuse("Lecture interrompue dans la table " + table + " : " + sqlite3_errmsg(db_) + ".");
  }
  return {};
}

}  // namespace planify::integrations
