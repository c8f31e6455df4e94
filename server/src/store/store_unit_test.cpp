#include <gtest/gtest.h>

#include "store/database.hpp"
#include "store/database_url.hpp"
#include "store/migrations.hpp"
#include "store/sql_split.hpp"

namespace planify::store {
namespace {

TEST(DatabaseUrl, ParsesSqliteForms) {
  auto rel = ParseDatabaseUrl("sqlite:data/planify.db");
  ASSERT_TRUE(rel);
  EXPECT_EQ(rel->dialect, Dialect::kSqlite);
  EXPECT_EQ(rel->sqlite_path, "data/planify.db");
  auto abs = ParseDatabaseUrl("sqlite:///var/lib/planify/p.db");
  ASSERT_TRUE(abs);
  EXPECT_EQ(abs->sqlite_path, "/var/lib/planify/p.db");
}

TEST(DatabaseUrl, AcceptsHostedPostgresUrlsAndRedactsPassword) {
  auto url = ParseDatabaseUrl(
      "postgresql://postgres.abcd:s3cr%40t@aws-0-eu-west-3.pooler.supabase.com:6543/"
      "postgres?sslmode=require");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->dialect, Dialect::kPostgres);
  EXPECT_EQ(url->redacted,
            "postgresql://postgres.abcd:***@aws-0-eu-west-3.pooler.supabase.com:6543/"
            "postgres?sslmode=require");
  EXPECT_TRUE(ParseDatabaseUrl("postgres://u@localhost/db"));
}

TEST(DatabaseUrl, RejectsBadUrlsWithAReason) {
  for (const char* bad : {"", "mysql://x/y", "sqlite:", "sqlite::memory:", "postgresql://host",
                          "postgresql://host/", "sqlite:x.db?mode=ro"}) {
    auto url = ParseDatabaseUrl(bad);
    EXPECT_FALSE(url) << bad;
    if (!url) {
      EXPECT_FALSE(url.error().message.empty());
    }
  }
}

TEST(SqlSplit, SplitsOnSemicolonsOutsideQuotesAndComments) {
  auto parts = SplitSqlStatements(
      "-- header; with semicolon\nCREATE TABLE a (x TEXT DEFAULT 'a;b');\n"
      "/* block; comment */ INSERT INTO a VALUES ('it''s; fine');\n\n  ;\n");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0], "-- header; with semicolon\nCREATE TABLE a (x TEXT DEFAULT 'a;b')");
  EXPECT_EQ(parts[1], "/* block; comment */ INSERT INTO a VALUES ('it''s; fine')");
}

TEST(SqlSplit, KeepsDollarQuotedAndTriggerBodiesWhole) {
  auto pg = SplitSqlStatements(
      "CREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN NEW.x := 1; RETURN NEW; END $body$ "
      "LANGUAGE plpgsql;\nCREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW EXECUTE FUNCTION f();\n"
      "SELECT $1;");
  ASSERT_EQ(pg.size(), 3u);
  auto lite = SplitSqlStatements(
      "CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET x = CASE WHEN 1 THEN 2 END; "
      "DELETE FROM b; END;\nCREATE INDEX i ON a (x);");
  ASSERT_EQ(lite.size(), 2u);
  EXPECT_EQ(lite[1], "CREATE INDEX i ON a (x)");
}

TEST(Migrations, EmbeddedFilesAreOrderedAndChecksummed) {
  for (auto dialect : {Dialect::kSqlite, Dialect::kPostgres}) {
    auto migrations = EmbeddedMigrations(dialect);
    ASSERT_FALSE(migrations.empty());
    int previous = 0;
    for (const auto& m : migrations) {
      EXPECT_GT(m.version, previous);
      previous = m.version;
      EXPECT_EQ(m.checksum, Sha256Hex(m.sql)) << m.name;
    }
  }
  // Both dialects evolve together: same versions, same names.
  auto lite = EmbeddedMigrations(Dialect::kSqlite);
  auto pg = EmbeddedMigrations(Dialect::kPostgres);
  ASSERT_EQ(lite.size(), pg.size());
  for (std::size_t i = 0; i < lite.size(); ++i) EXPECT_EQ(lite[i].name, pg[i].name);
}

TEST(Sha256, MatchesKnownVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(NormalizeTimestamp, ConvertsPostgresTextToIsoUtc) {
  EXPECT_EQ(NormalizeTimestamp("2026-11-25 14:36:33.1+00"), "2026-11-25T14:36:33.100Z");
  EXPECT_EQ(NormalizeTimestamp("2026-11-25 14:36:33+00"), "2026-11-25T14:36:33.000Z");
  EXPECT_EQ(NormalizeTimestamp("2026-11-25 14:36:33.123456+00"), "2026-11-25T14:36:33.123Z");
  EXPECT_EQ(NormalizeTimestamp("2026-11-25T14:36:33.123Z"), "2026-11-25T14:36:33.123Z");
}

}  // namespace
}  // namespace planify::store
