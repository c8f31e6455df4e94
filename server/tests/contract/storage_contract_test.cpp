// Storage contract: the same behaviour on SQLite and on a real PostgreSQL.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include <soci/sqlite3/soci-sqlite3.h>

#include "app/ports.hpp"
#include "app/setup/setup_instance.hpp"
#include "integrations/crypto/sodium.hpp"
#include "store/accounts_repository.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/sql_params.hpp"
#include "support/test_support.hpp"

namespace planify {
namespace {

using store::Database;
using store::Dialect;

constexpr const char* kNow = "2026-11-25T14:36:33.123Z";

class StorageContract : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override {
    auto url = testing::BackendUrl(GetParam() == Dialect::kPostgres, dir_);
    if (!url) GTEST_SKIP() << "PLANIFY_TEST_POSTGRES_URL unset";
    url_ = *store::ParseDatabaseUrl(*url);
  }

  std::unique_ptr<Database> Open(std::size_t pool = 4) {
    Database::Options options;
    options.pool_size = pool;
    auto db = Database::Open(url_, options);
    EXPECT_TRUE(db) << (db ? "" : db.error().message);
    return db ? std::move(*db) : nullptr;
  }

  std::unique_ptr<Database> OpenMigrated() {
    auto db = Open();
    auto lease = db->Acquire();
    auto status = store::Migrate(*lease, store::EmbeddedMigrations(db->dialect()), kNow);
    EXPECT_TRUE(status) << (status ? "" : status.error().message);
    return db;
  }

  testing::TempDir dir_;
  store::DatabaseUrl url_;
};

// SqlParams keeps each statement prepared on its connection: reused, never holding a read
// snapshot or SQLite's write lock between runs, forgotten after an error, and a callback that
// runs the same SQL again on the same lease gets a statement of its own.
TEST_P(StorageContract, KeptStatementsAreReusedAndHoldNothingBetweenRuns) {
  auto db = Open(2);
  auto a = db->Acquire();
  auto b = db->Acquire();
  **a << (GetParam() == Dialect::kSqlite
              ? "CREATE TABLE kept_probe (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)"
              : "CREATE TABLE kept_probe (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
  const std::string insert = "INSERT INTO kept_probe (name) VALUES (:name) RETURNING id";
  const std::string select = "SELECT name FROM kept_probe WHERE id >= :from ORDER BY id";
  auto add = [&](store::Lease& lease, const std::string& name) {
    long long id = 0;
    store::SqlParams().Text("name", name).Execute(lease, insert, &id);
    return id;
  };
  auto names = [&](store::Lease& lease) {
    std::vector<std::string> out;
    store::SqlParams().Int("from", 0).ForEachRow(
        lease, select, [&](const soci::row& row) { out.push_back(row.get<std::string>(0)); });
    return out;
  };
  auto statements = [&] {  // SQLite: the statements prepared on a's connection
    if (GetParam() != Dialect::kSqlite) return 0;
    auto* backend = static_cast<soci::sqlite3_session_backend*>((**a).get_backend());
    int n = 0;
    for (auto* st = sqlite_api::sqlite3_next_stmt(backend->conn_, nullptr); st != nullptr;
         st = sqlite_api::sqlite3_next_stmt(backend->conn_, st)) {
      ++n;
    }
    return n;
  };

  const long long first = add(*a, "un");
  EXPECT_GT(first, 0);
  EXPECT_EQ(names(*a), std::vector<std::string>{"un"});
  const int prepared = statements();
  // The other connection writes (a's kept INSERT holds no lock) and a sees it (its kept
  // SELECT holds no snapshot).
  const long long second = add(*b, "deux");
  EXPECT_GT(second, first);
  EXPECT_EQ(names(*a), (std::vector<std::string>{"un", "deux"}));
  const long long third = add(*a, "trois");
  EXPECT_GT(third, second);
  EXPECT_EQ(names(*a), (std::vector<std::string>{"un", "deux", "trois"}));
  EXPECT_EQ(statements(), prepared) << "the same two statements, run again";
  // A refused insert forgets its statement; the next one prepares a fresh one and works.
  EXPECT_THROW(add(*a, "un"), soci::soci_error);
  EXPECT_GT(add(*a, "quatre"), third);
  EXPECT_EQ(add(*b, "cinq") > 0, true) << "nothing left locked by the failure";
  // The same SELECT again from inside its own row callback.
  std::vector<std::string> nested;
  store::SqlParams().Int("from", 0).ForEachRow(*a, select, [&](const soci::row& row) {
    nested.push_back(row.get<std::string>(0) + ":" + std::to_string(names(*a).size()));
  });
  EXPECT_EQ(nested, (std::vector<std::string>{"un:5", "deux:5", "trois:5", "quatre:5", "cinq:5"}));
  EXPECT_EQ(names(*a).size(), 5U);
}

TEST_P(StorageContract, MigratesAnEmptyDatabaseOnceAndRecordsChecksums) {
  auto db = Open();
  auto known = store::EmbeddedMigrations(db->dialect());
  auto lease = db->Acquire();
  auto before = store::InspectSchema(*lease, known);
  ASSERT_TRUE(before);
  EXPECT_EQ(before->database_version, 0);
  EXPECT_EQ(before->pending.size(), known.size());

  std::vector<std::string> progress;
  auto first = store::Migrate(*lease, known, kNow, [&](const store::Migration& m, auto, auto) {
    progress.push_back(m.name);
  });
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_TRUE(first->ready());
  EXPECT_EQ(first->database_version, known.back().version);
  EXPECT_EQ(progress.size(), known.size());

  auto again = store::Migrate(*lease, known, kNow);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->ready());

  std::string checksum;
  **lease << "SELECT checksum FROM schema_migrations WHERE version = 1", soci::into(checksum);
  EXPECT_EQ(checksum, known.front().checksum);
}

TEST_P(StorageContract, RefusesAnEditedAppliedMigration) {
  auto db = OpenMigrated();
  auto lease = db->Acquire();
  **lease << "UPDATE schema_migrations SET checksum = 'deadbeef' WHERE version = 1";
  auto known = store::EmbeddedMigrations(db->dialect());
  auto status = store::InspectSchema(*lease, known);
  ASSERT_TRUE(status);
  ASSERT_EQ(status->problems.size(), 1u);
  EXPECT_NE(status->problems[0].find("edited"), std::string::npos);
  auto migrate = store::Migrate(*lease, known, kNow);
  ASSERT_FALSE(migrate);
  EXPECT_EQ(migrate.error().code, ErrorCode::kConflict);
}

TEST_P(StorageContract, RefusesADatabaseNewerThanTheBinary) {
  auto db = OpenMigrated();
  auto lease = db->Acquire();
  **lease << "INSERT INTO schema_migrations (version, name, checksum, applied_at) "
             "VALUES (9999, '9999_future', 'abc', '2030-01-01T00:00:00.000Z')";
  auto migrate = store::Migrate(*lease, store::EmbeddedMigrations(db->dialect()), kNow);
  ASSERT_FALSE(migrate);
  EXPECT_NE(migrate.error().message.find("newer"), std::string::npos);
}

TEST_P(StorageContract, ConcurrentInstancesApplyEachMigrationOnce) {
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 3; ++i) {
    threads.emplace_back([&] {
      Database::Options options;
      options.pool_size = 1;
      auto db = Database::Open(url_, options);
      if (!db) {
        ADD_FAILURE() << db.error().message;
        return;
      }
      auto lease = (*db)->Acquire();
      if (!lease) return;
      auto status = store::Migrate(*lease, store::EmbeddedMigrations((*db)->dialect()), kNow);
      if (status && status->ready()) {
        ++ok;
      } else {
        ADD_FAILURE() << (status ? "not ready" : status.error().message);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 3);
  auto db = Open(1);
  auto lease = db->Acquire();
  long long rows = 0;
  **lease << "SELECT count(*) FROM schema_migrations", soci::into(rows);
  EXPECT_EQ(rows, static_cast<long long>(store::EmbeddedMigrations(db->dialect()).size()));
}

TEST_P(StorageContract, AccountsRoundTripWithUtcTimestampsAndUniqueness) {
  auto db = OpenMigrated();
  auto lease = db->Acquire();
  store::AccountsRepository accounts(*lease);
  auto org = accounts.InsertOrganization("Sono Lumière", "sono-lumiere", kNow);
  ASSERT_TRUE(org);
  auto user = accounts.InsertUser("greg@example.fr", "Greg", "hash", kNow);
  ASSERT_TRUE(user);
  accounts.InsertMembership(org->id, user->id, "owner", kNow);

  auto found = accounts.FindOrganization(org->id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, "Sono Lumière");
  EXPECT_EQ(found->created_at, kNow);
  auto by_email = accounts.FindUserByEmail("greg@example.fr");
  ASSERT_TRUE(by_email.has_value());
  EXPECT_EQ(by_email->id, user->id);
  EXPECT_EQ(by_email->created_at, kNow);
  EXPECT_EQ(accounts.MembershipRole(org->id, user->id), "owner");
  EXPECT_FALSE(accounts.FindOrganization(OrganizationId{org->id.value + 100}).has_value());

  auto duplicate = accounts.InsertUser("greg@example.fr", "Other", "hash", kNow);
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  auto duplicate_slug = accounts.InsertOrganization("Sono Lumiere", "sono-lumiere", kNow);
  ASSERT_FALSE(duplicate_slug);
  EXPECT_EQ(duplicate_slug.error().code, ErrorCode::kConflict);
}

TEST_P(StorageContract, ConstraintsHoldInTheDatabaseItself) {
  auto db = OpenMigrated();
  auto lease = db->Acquire();
  // Upper-case e-mail, unknown role, dangling membership: each refused by the schema.
  EXPECT_THROW(**lease << "INSERT INTO users (email, display_name, created_at, updated_at) "
                          "VALUES ('Greg@Example.fr', 'G', '" +
                              std::string(kNow) + "', '" + kNow + "')",
               soci::soci_error);
  EXPECT_THROW(
      **lease << "INSERT INTO memberships (organization_id, user_id, role, created_at, updated_at) "
                 "VALUES (424242, 434343, 'owner', '" +
                     std::string(kNow) + "', '" + kNow + "')",
      soci::soci_error);
}

TEST_P(StorageContract, UncommittedWriteTransactionLeavesNothing) {
  auto db = OpenMigrated();
  {
    auto lease = db->Acquire();
    store::WriteTransaction tx(*lease);
    ASSERT_TRUE(store::AccountsRepository(*lease).InsertOrganization("Temp", "temp", kNow));
    // No commit: destroyed here.
  }
  auto lease = db->Acquire();
  long long n = -1;
  **lease << "SELECT count(*) FROM organizations", soci::into(n);
  EXPECT_EQ(n, 0);
}

TEST_P(StorageContract, ConcurrentSetupCreatesExactlyOneOwner) {
  auto db = OpenMigrated();
  app::FixedClock clock(*domain::ParseIsoUtc(kNow));
  integrations::SodiumPasswordHasher hasher(/*fast=*/true);
  std::atomic<int> created{0};
  std::atomic<int> conflicts{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      auto outcome = app::SetupInstance(
          *db, clock, hasher,
          {"Agence " + std::to_string(i), "owner" + std::to_string(i) + "@example.fr", "Owner",
           "a long enough password"});
      if (outcome) {
        ++created;
      } else if (outcome.error().code == ErrorCode::kConflict) {
        ++conflicts;
      } else {
        ADD_FAILURE() << outcome.error().message;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(conflicts.load(), 3);
  auto lease = db->Acquire();
  long long users = 0;
  long long orgs = 0;
  long long owners = 0;
  **lease << "SELECT count(*) FROM users", soci::into(users);
  **lease << "SELECT count(*) FROM organizations", soci::into(orgs);
  **lease << "SELECT count(*) FROM memberships WHERE role = 'owner'", soci::into(owners);
  EXPECT_EQ(users, 1);
  EXPECT_EQ(orgs, 1);
  EXPECT_EQ(owners, 1);
}

std::string DialectParamName(const ::testing::TestParamInfo<Dialect>& info) {
  return info.param == Dialect::kSqlite ? "SQLite" : "PostgreSQL";
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageContract,
                         ::testing::Values(Dialect::kSqlite, Dialect::kPostgres), DialectParamName);

// The full-text search indexes are each database's own (docs/search.md): FTS5 tables and their
// shadow tables on SQLite, one table with a stored tsvector on PostgreSQL.
bool SearchIndex(const std::string& table) { return table.starts_with("search_"); }

// Columns of every table, as "table.column NULL|NOT NULL", excluding the search indexes.
std::set<std::string> Columns(Database& db) {
  std::set<std::string> out;
  auto lease = db.Acquire();
  if (db.dialect() == Dialect::kSqlite) {
    std::vector<std::string> tables(200);
    **lease << "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        soci::into(tables);
    for (const auto& table : tables) {
      if (SearchIndex(table)) continue;
      soci::rowset<soci::row> rows = ((*lease)->prepare << "PRAGMA table_info(" + table + ")");
      for (const auto& row : rows) {
        bool not_null = store::GetInt64(row, 3) != 0 || store::GetInt64(row, 5) != 0;
        out.insert(table + "." + row.get<std::string>(1) + (not_null ? " NOT NULL" : " NULL"));
      }
    }
  } else {
    soci::rowset<soci::row> rows =
        ((*lease)->prepare
         << "SELECT table_name, column_name, is_nullable FROM information_schema.columns "
            "WHERE table_schema = current_schema()");
    for (const auto& row : rows) {
      if (SearchIndex(row.get<std::string>(0))) continue;
      out.insert(row.get<std::string>(0) + "." + row.get<std::string>(1) +
                 (row.get<std::string>(2) == "NO" ? " NOT NULL" : " NULL"));
    }
  }
  return out;
}

TEST(SchemaParity, BothDialectsProduceTheSameTablesAndColumns) {
  bool required = false;
  auto pg_url = testing::PostgresUrlOrSkipReason(&required);
  if (pg_url.empty()) {
    if (required) FAIL() << "PLANIFY_REQUIRE_POSTGRES=1 but PLANIFY_TEST_POSTGRES_URL is unset";
    GTEST_SKIP() << "PLANIFY_TEST_POSTGRES_URL unset";
  }
  testing::ResetPostgres(pg_url);
  testing::TempDir dir;
  auto lite = *Database::Open(*store::ParseDatabaseUrl("sqlite:" + (dir.path() / "p.db").string()));
  auto pg = *Database::Open(*store::ParseDatabaseUrl(pg_url));
  for (Database* db : {lite.get(), pg.get()}) {
    auto lease = db->Acquire();
    ASSERT_TRUE(store::Migrate(*lease, store::EmbeddedMigrations(db->dialect()), kNow));
  }
  auto lite_columns = Columns(*lite);
  auto pg_columns = Columns(*pg);
  EXPECT_GT(lite_columns.size(), 10u);
  EXPECT_EQ(lite_columns, pg_columns);
}

}  // namespace
}  // namespace planify
