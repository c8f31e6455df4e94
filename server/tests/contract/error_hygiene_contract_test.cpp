// What a client is told when the database refuses or fails, on SQLite and on PostgreSQL: the
// real drivers' errors (foreign key, unique, check, not null; a lost or locked database) become
// clean refusals (422 / 409 / 503) whose text carries none of the driver's or the SQL's words,
// and a PostgreSQL connection that was cut is opened again by the pool.
#include <gtest/gtest.h>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>

#include "http/auth_fixture.hpp"

namespace planify::testing {
namespace {

class ErrorHygieneContract : public AuthFixture,
                             public ::testing::WithParamInterface<store::Dialect> {
 protected:
  void SetUp() override {
    auto url = BackendUrl(GetParam() == store::Dialect::kPostgres, dir_);
    if (!url) GTEST_SKIP() << "PLANIFY_TEST_POSTGRES_URL unset";
    database_url_ = *url;
    AuthFixture::SetUp();
  }
};

std::string BackendName(const ::testing::TestParamInfo<store::Dialect>& param) {
  return param.param == store::Dialect::kSqlite ? "SQLite" : "PostgreSQL";
}

// Words of the drivers, of SOCI and of SQL that must never reach a client.
void ExpectNoDriverText(const std::string& text) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* word :
       {"sqlite",          "postgres",    "libpq",         "soci",     "constraint",
        "violates",        "foreign key", "duplicate key", "unique",   "not null",
        "check",           "select ",     "insert ",       "update ",  "delete ",
        "while executing", "statement",   "relation",      "sqlstate", "error:",
        "terminat",        "locked",      "organizations", "clients",  "slug"}) {
    EXPECT_EQ(lower.find(word), std::string::npos) << "\"" << word << "\" in: " << text;
  }
}

TEST_P(ErrorHygieneContract, ConstraintFailuresBecomeCleanRefusals) {
  auto org = SeedOrganization("Sono Pro");
  const std::string now = "2026-11-25T09:00:00.000Z";
  auto lease = db_->Acquire();
  ASSERT_TRUE(lease);
  struct Case {
    std::string what;
    std::string sql;
    store::StorageFailureKind kind;
    ErrorCode code;
  };
  const std::string org_id = std::to_string(org.value);
  const std::vector<Case> cases = {
      {"foreign key",
       "INSERT INTO clients (organization_id, kind, name, created_at, updated_at) "
       "VALUES (999999, 'individual', 'X', '" +
           now + "', '" + now + "')",
       store::StorageFailureKind::kUnknownReference, ErrorCode::kValidation},
      {"unique",
       "INSERT INTO organizations (name, slug, created_at, updated_at) SELECT name, slug, "
       "created_at, updated_at FROM organizations WHERE id = " +
           org_id,
       store::StorageFailureKind::kDuplicate, ErrorCode::kConflict},
      {"check",
       "INSERT INTO clients (organization_id, kind, name, created_at, updated_at) VALUES (" +
           org_id + ", 'alien', 'X', '" + now + "', '" + now + "')",
       store::StorageFailureKind::kInvalidValue, ErrorCode::kValidation},
      {"not null",
       "INSERT INTO clients (organization_id, kind, name, created_at, updated_at) VALUES (" +
           org_id + ", 'individual', NULL, '" + now + "', '" + now + "')",
       store::StorageFailureKind::kInvalidValue, ErrorCode::kValidation},
  };
  for (const auto& c : cases) {
    try {
      **lease << c.sql;
      ADD_FAILURE() << c.what << ": the database accepted it";
    } catch (const soci::soci_error& e) {
      EXPECT_EQ(store::ClassifyStorageFailure(e), c.kind) << c.what << ": " << e.what();
      auto refusal = store::DatabaseFailure(e);
      EXPECT_EQ(refusal.error.code, c.code) << c.what;
      ExpectNoDriverText(refusal.error.message);
      for (const auto& f : refusal.error.fields) ExpectNoDriverText(f.message);
    }
  }
  EXPECT_EQ(Count("clients"), 0);
}

TEST_P(ErrorHygieneContract, ALostOrLockedDatabaseIs503WithoutDriverTextThenHeals) {
  auto org = SeedOrganization("Sono Pro");
  SeedMember(org, "owner@sono.fr", "owner");
  auto owner = SignIn("owner@sono.fr");
  auto client = [](int i) {
    return nlohmann::json{{"kind", "individual"}, {"name", "Client " + std::to_string(i)}};
  };
  ASSERT_EQ(Send("POST", "/api/v1/clients", &owner, client(100))->status, 201);

  std::unique_ptr<soci::session> blocker;
  if (GetParam() == store::Dialect::kPostgres) {
    // Every server connection is cut, as a PostgreSQL restart or an idle-closing proxy would
    // (from a connection of the test's own, outside the server's pool).
    auto conninfo = store::PostgresConninfo(db_->url().postgres_url);
    ASSERT_TRUE(conninfo);
    soci::session admin(soci::postgresql, *conninfo);
    admin << "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
             "WHERE datname = current_database() AND pid <> pg_backend_pid()";
  } else {
    // Another process holds the write lock for longer than the 5 s busy timeout.
    blocker = std::make_unique<soci::session>(soci::sqlite3, "db=" + db_->url().sqlite_path);
    *blocker << "BEGIN EXCLUSIVE";
  }
  int unavailable = 0;
  std::vector<int> statuses;
  for (int i = 0; i < 6; ++i) {
    auto res = Send("POST", "/api/v1/clients", &owner, client(i));
    ASSERT_TRUE(res);
    statuses.push_back(res->status);
    if (res->status == 503) {
      ++unavailable;
      EXPECT_EQ(Json(res)["error"]["code"], "UNAVAILABLE") << res->body;
      ExpectNoDriverText(res->body);
    } else {
      EXPECT_EQ(res->status, 201) << res->body;
    }
    if (blocker && i == 0) *blocker << "ROLLBACK";  // the lock goes away after one refusal
  }
  EXPECT_GE(unavailable, 1) << "the failure was provoked";
  // The pool healed: the last requests went through.
  EXPECT_EQ(statuses.back(), 201);
  EXPECT_EQ(statuses[statuses.size() - 2], 201);
  EXPECT_EQ(Json(Send("GET", "/api/v1/clients", &owner))["items"].size(),
            1u + static_cast<std::size_t>(statuses.size()) - unavailable);
}

INSTANTIATE_TEST_SUITE_P(Backends, ErrorHygieneContract,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         BackendName);

}  // namespace
}  // namespace planify::testing
