#include "integrations/legacy/legacy_db.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <random>

namespace planify::integrations {
namespace {

const std::filesystem::path kSample =
    std::filesystem::path(PLANIFY_SOURCE_DIR) / "tests" / "legacy" / "sample-legacy.db";

// A fresh directory, removed with its contents.
class TempDir {
 public:
  TempDir()
      : path_(std::filesystem::temp_directory_path() /
              ("planify-legacy-" + std::to_string(std::random_device{}()))) {
    std::filesystem::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

void Exec(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
      << (error != nullptr ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

std::string Bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

TEST(LegacyDb, ReadsTheSampleByColumnNameWithoutTouchingIt) {
  TempDir dir;
  const auto copy = dir.path() / "copy of sample?.db";  // '?' and spaces reach SQLite's URI
  std::filesystem::copy_file(kSample, copy);
  const std::string before = Bytes(copy);
  {
    auto db = LegacyDb::Open(copy);
    ASSERT_TRUE(db) << db.error().message;
    EXPECT_TRUE(db->HasTable("prestations"));
    EXPECT_EQ(db->Count("users"), 9);
    EXPECT_EQ(db->Columns("locals"), (std::vector<std::string>{"id", "nom", "adresse"}));
    std::vector<std::string> names;
    ASSERT_TRUE(db->ForEach("users", [&](const LegacyRow& row) -> Result<void> {
      names.push_back(row.Text("username").value_or("?"));
      EXPECT_FALSE(row.Has("no_such_column"));
      EXPECT_EQ(row.Text("no_such_column"), std::nullopt);
      EXPECT_TRUE(row.Bool("actif", false));
      return {};
    }));
    ASSERT_EQ(names.size(), 9U);
    EXPECT_EQ(names.front(), "gnizery");
    ASSERT_TRUE(db->ForEach("materiels", [&](const LegacyRow& row) -> Result<void> {
      if (row.Int("id") == 1) {
        EXPECT_EQ(row.Real("prix_location"), 30.0);
        EXPECT_EQ(row.Int("quantite"), 6);
      }
      return {};
    }));
    // Stopping early hands the error back.
    auto stopped = db->ForEach("users", [](const LegacyRow&) -> Result<void> {
      return Fail(ErrorCode::kConflict, "stop");
    });
    ASSERT_FALSE(stopped);
    EXPECT_EQ(stopped.error().message, "stop");
  }
  EXPECT_EQ(Bytes(copy), before);
  for (const char* suffix : {"-wal", "-shm", "-journal"}) {
    EXPECT_FALSE(std::filesystem::exists(copy.string() + suffix)) << suffix;
  }
}

TEST(LegacyDb, ValuesReadWhateverTheirStorage) {
  LegacyRow row;
  row.values_["real_int"] = {LegacyValue::Type::kReal, 0, 2.0, "2.0"};
  row.values_["real"] = {LegacyValue::Type::kReal, 0, 6.5, "6.5"};
  row.values_["text_number"] = {LegacyValue::Type::kText, 0, 0, " 12 "};
  row.values_["text"] = {LegacyValue::Type::kText, 0, 0, "  Entrepôt  "};
  row.values_["blank"] = {LegacyValue::Type::kText, 0, 0, "   "};
  row.values_["null"] = {};
  row.values_["bool_text"] = {LegacyValue::Type::kText, 0, 0, "false"};
  EXPECT_EQ(row.Int("real_int"), 2);
  EXPECT_EQ(row.Int("real"), std::nullopt);  // 6.5 is no whole number
  EXPECT_EQ(row.Real("real"), 6.5);
  EXPECT_EQ(row.Int("text_number"), 12);
  EXPECT_EQ(row.Text("text"), "Entrepôt");
  EXPECT_EQ(row.Text("blank"), std::nullopt);
  EXPECT_EQ(row.Real("text"), std::nullopt);
  EXPECT_TRUE(row.IsNull("null"));
  EXPECT_TRUE(row.Bool("null", true)) << "NULL booleans take the ORM default (quirk d.6)";
  EXPECT_FALSE(row.Bool("bool_text", true));
  EXPECT_EQ(row.Raw("null"), "NULL");
  EXPECT_EQ(row.Raw("absent"), "");
}

TEST(LegacyDb, TextHasNoNulAndIsUtf8) {
  LegacyRow row;
  LegacyValue v;
  v.type = LegacyValue::Type::kText;
  v.text = std::string("Soir\0ée", 8);  // a NUL inside (SQLite's length() stops there)
  row.values_["a"] = v;
  v.text = "caf\xE9 \xC3\xA9t\xE9";  // Latin-1 é next to a UTF-8 é
  row.values_["b"] = v;
  v.text = std::string("\0", 1);
  row.values_["c"] = v;
  v.text = "\xC0\xAF\xED\xA0\x80";  // an overlong "/" and a surrogate
  row.values_["d"] = v;
  EXPECT_EQ(row.Text("a"), "Soirée");
  EXPECT_EQ(row.Text("b"), "caf\xEF\xBF\xBD \xC3\xA9t\xEF\xBF\xBD");
  EXPECT_EQ(row.Text("c"), std::nullopt) << "nothing left: no text";
  EXPECT_EQ(row.Text("d")->find('/'), std::string::npos);
}

TEST(LegacyDb, RefusesWhatIsNotALegacyDatabase) {
  TempDir dir;
  auto expect_refused = [](const std::filesystem::path& file, const std::string& words) {
    auto db = LegacyDb::Open(file);
    ASSERT_FALSE(db) << file;
    EXPECT_EQ(db.error().code, ErrorCode::kValidation);
    EXPECT_NE(db.error().message.find(words), std::string::npos) << db.error().message;
  };
  expect_refused(dir.path() / "missing.db", "introuvable");

  std::ofstream(dir.path() / "notes.db") << "Ceci est un fichier texte, pas une base.\n";
  expect_refused(dir.path() / "notes.db", "n'est pas une base SQLite");
  std::ofstream(dir.path() / "empty.db");
  expect_refused(dir.path() / "empty.db", "n'est pas une base SQLite");

  Exec(dir.path() / "other.db",
       "CREATE TABLE songs (id INTEGER PRIMARY KEY, title TEXT);"
       "INSERT INTO songs (title) VALUES ('Ode');");
  expect_refused(dir.path() / "other.db", "pas celle de l'ancienne application");

  // A copy cut off half-way (an interrupted transfer).
  const std::string sample = Bytes(kSample);
  std::ofstream(dir.path() / "truncated.db", std::ios::binary)
      .write(sample.data(), static_cast<std::streamsize>(sample.size() / 2));
  expect_refused(dir.path() / "truncated.db", "endommagée ou tronquée");
}

}  // namespace
}  // namespace planify::integrations
