// Backups on SQLite and PostgreSQL (docs/backups.md): a backup made while eight clients keep
// writing restores into an empty database with exactly the rows and money its manifest counts,
// and the restored database serves them; a damaged, newer or misdirected backup is refused
// before anything is touched.
#include <gtest/gtest.h>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <atomic>
#include <fstream>
#include <optional>
#include <thread>

#include "app/backups/backups.hpp"
#include "http/payments_fixture.hpp"
#include "integrations/archive/tar_gz.hpp"
#include "support/process.hpp"

namespace planify::testing {
namespace {

class BackupsContract : public PaymentsFixture,
                        public ::testing::WithParamInterface<store::Dialect> {
 protected:
  void SetUp() override {
    auto url = BackendUrl(GetParam() == store::Dialect::kPostgres, dir_);
    if (!url) GTEST_SKIP() << "PLANIFY_TEST_POSTGRES_URL unset";
    database_url_ = *url;
    PaymentsFixture::SetUp();
  }

  // An empty database of the same kind to restore into: a SQLite file not yet there, or a
  // PostgreSQL database made afresh next to the test's.
  store::DatabaseUrl FreshTarget(const std::string& suffix) {
    if (GetParam() == store::Dialect::kSqlite) {
      return *store::ParseDatabaseUrl(
          "sqlite:" + (dir_.path() / ("restored-" + suffix) / "planify.db").string());
    }
    const auto slash = database_url_.rfind('/');
    const auto query = database_url_.find('?', slash);
    const std::string name =
        database_url_.substr(slash + 1, query == std::string::npos ? query : query - slash - 1) +
        "_restore_" + suffix;
    soci::session admin(soci::postgresql, *store::PostgresConninfo(database_url_));
    admin << "SET client_min_messages TO WARNING";
    admin << "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)";
    admin << "CREATE DATABASE " + name;
    std::string url = database_url_.substr(0, slash + 1) + name +
                      (query == std::string::npos ? "" : database_url_.substr(query));
    return *store::ParseDatabaseUrl(url);
  }

  app::BackupMade Backup() {
    app::BackupRequest request;
    request.database = db_->url();
    request.directory = dir_.path() / "backups";
    request.planify_version = "test";
    request.now = clock_.Now();
    auto made = app::MakeBackup(request);
    EXPECT_TRUE(made) << made.error().message;
    return *made;
  }

  static long long Rows(const store::BackupFigures& figures, const std::string& table) {
    for (const auto& t : figures.tables) {
      if (t.table == table) return t.rows;
    }
    return -1;
  }

  bool TargetIsEmpty(const store::DatabaseUrl& target) {
    auto empty = target.dialect == store::Dialect::kSqlite
                     ? store::SqliteIsEmpty(target.sqlite_path)
                     : store::PostgresIsEmpty(target.postgres_url);
    return empty && *empty;
  }
};

std::string BackendName(const ::testing::TestParamInfo<store::Dialect>& param) {
  return param.param == store::Dialect::kPostgres ? "PostgreSQL" : "SQLite";
}

TEST_P(BackupsContract, ABackupTakenUnderEightWritersRestoresWhatItsManifestCounts) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  for (long long net : {50000, 120000, 7550}) IssuedInvoice(business, net);

  // Eight clients keep writing: four create clients (with a contact), four issue invoices.
  std::atomic<bool> stop{false};
  std::atomic<int> writes{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 8; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; !stop; ++i) {
        bool ok = false;
        if (w % 2 == 0) {
          auto res = Send(
              "POST", "/api/v1/clients", &business.owner,
              {{"kind", "company"},
               {"name", "Client " + std::to_string(w) + "-" + std::to_string(i)},
               {"contacts",
                {{{"name", "Contact"},
                  {"email", "c" + std::to_string(w) + "-" + std::to_string(i) + "@example.fr"}}}}});
          ok = res && res->status == 201;
        } else {
          auto created = Send("POST", "/api/v1/invoices", &business.owner,
                              {{"client_id", business.client_id},
                               {"title", "Soirée"},
                               {"lines",
                                {{{"description", "Animation"},
                                  {"quantity_milli", 1000},
                                  {"unit_price_cents", 10000 + w * 100 + i},
                                  {"vat_rate_bp", 2000}}}}});
          if (created && created->status == 201) {
            auto issued = Send("POST",
                               "/api/v1/invoices/" +
                                   std::to_string(Json(created)["id"].get<long long>()) + "/issue",
                               &business.owner);
            ok = issued && issued->status == 200;
          }
        }
        if (ok) {
          ++writes;
        } else {
          ++failures;
        }
      }
    });
  }
  auto wait_for_writes = [&](int n) {
    while (writes < n && failures == 0) std::this_thread::yield();
  };
  wait_for_writes(16);
  const long long clients_before = Count("clients");
  auto made = Backup();
  const int writes_at_backup = writes;
  wait_for_writes(writes_at_backup + 16);  // they kept going after it, too
  stop = true;
  for (auto& t : writers) t.join();
  ASSERT_EQ(failures, 0);
  const long long clients_after = Count("clients");

  // The manifest describes one instant between the first and the last write.
  const auto& figures = made.manifest.figures;
  EXPECT_GE(Rows(figures, "clients"), clients_before);
  EXPECT_LT(Rows(figures, "clients"), clients_after);
  EXPECT_GT(figures.invoices_gross_cents, 0);
  EXPECT_EQ(figures.schema_version, store::EmbeddedMigrations(GetParam()).back().version);
  EXPECT_EQ(made.manifest.dialect, GetParam() == store::Dialect::kSqlite ? "sqlite" : "postgresql");
  // The archive holds the manifest and the database, nothing else (never the secret key).
  {
    auto reader = integrations::TarGzReader::Open(made.file);
    ASSERT_TRUE(reader);
    std::vector<std::string> names;
    for (;;) {
      auto entry = (*reader)->Next();
      ASSERT_TRUE(entry) << entry.error().message;
      if (!*entry) break;
      names.push_back((*entry)->name);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"manifest.json", made.manifest.parts[0].name}));
  }
  EXPECT_EQ(std::filesystem::status(made.file).permissions() & std::filesystem::perms::others_all,
            std::filesystem::perms::none);

  // Restore into an empty database: every table's rows and the money, as the manifest says.
  auto target = FreshTarget("a");
  app::RestoreRequest request;
  request.target = target;
  request.file = made.file;
  request.now_utc = "2026-11-25T15:00:00.000Z";
  std::vector<std::string> steps;
  request.progress = [&](const std::string& step, std::uint64_t, std::uint64_t) {
    if (steps.empty() || steps.back() != step) steps.push_back(step);
  };
  auto restored = app::RestoreBackup(request);
  ASSERT_TRUE(restored) << restored.error().message;
  EXPECT_EQ(restored->restored, figures);
  EXPECT_FALSE(steps.empty());
  if (GetParam() == store::Dialect::kSqlite) {
    soci::session check(soci::sqlite3, "db=" + target.sqlite_path);
    std::string verdict;
    check << "PRAGMA integrity_check", soci::into(verdict);
    EXPECT_EQ(verdict, "ok");
  }

  // The restored database serves the data: the owner's session came across with it.
  Shutdown();
  db_.reset();
  database_url_ =
      GetParam() == store::Dialect::kSqlite ? "sqlite:" + target.sqlite_path : target.postgres_url;
  Start({}, /*migrate=*/false);
  auto clients = Send("GET", "/api/v1/clients?per_page=1", &business.owner);
  ASSERT_EQ(clients->status, 200) << clients->body;
  EXPECT_EQ(Json(clients)["total"], Rows(figures, "clients"));
  auto invoices = Json(Send("GET", "/api/v1/invoices?per_page=1", &business.owner));
  EXPECT_EQ(invoices["total"], Rows(figures, "invoices")) << invoices;

  // A second restore into the now filled database is refused, and changes nothing.
  auto again = app::RestoreBackup(request);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_NE(again.error().message.find("already holds data"), std::string::npos);
  EXPECT_EQ(Count("clients"), Rows(figures, "clients"));
}

TEST_P(BackupsContract, ADamagedNewerOrForeignBackupIsRefusedBeforeAnythingIsTouched) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  IssuedInvoice(business, 50000);
  auto made = Backup();
  const std::string bytes = ReadFile(made.file);
  auto restore_of = [&](const std::string& content, const std::string& suffix) {
    const auto file = dir_.path() / ("candidate-" + suffix + ".tar.gz");
    std::ofstream(file, std::ios::binary) << content;
    auto target = FreshTarget(suffix);
    app::RestoreRequest request;
    request.target = target;
    request.file = file;
    request.now_utc = "2026-11-25T15:00:00.000Z";
    auto result = app::RestoreBackup(request);
    EXPECT_TRUE(TargetIsEmpty(target)) << suffix << ": the target was written to";
    if (target.dialect == store::Dialect::kSqlite) {
      EXPECT_FALSE(std::filesystem::exists(std::filesystem::path(target.sqlite_path).parent_path()))
          << suffix;
    }
    return result;
  };

  // One byte flipped, at the start, in the middle, near the end (the gzip checksum): each time
  // the first flip from there that changes what the file holds (ChangingFlip).
  int n = 0;
  for (std::size_t from : {std::size_t{40}, bytes.size() / 3, bytes.size() / 2, bytes.size() - 6}) {
    const std::size_t at = ChangingFlip(bytes, from, 0x10);
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x10);
    auto refused = restore_of(damaged, "flip" + std::to_string(n++));
    ASSERT_FALSE(refused) << "byte " << at;
    EXPECT_EQ(refused.error().code, ErrorCode::kValidation) << refused.error().message;
  }
  auto truncated = restore_of(bytes.substr(0, bytes.size() / 2), "cut");
  ASSERT_FALSE(truncated);
  EXPECT_NE(truncated.error().message.find("damaged"), std::string::npos)
      << truncated.error().message;
  auto foreign = restore_of("not a backup at all", "foreign");
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, ErrorCode::kValidation);

  // The same archive with a manifest from a future schema: refused, naming the versions.
  auto repack = [&](const std::function<void(nlohmann::json&)>& edit) {
    auto reader = integrations::TarGzReader::Open(made.file);
    EXPECT_TRUE(reader);
    auto first = (*reader)->Next();
    auto manifest = nlohmann::json::parse(*(*reader)->ReadAll(1 << 20));
    edit(manifest);
    auto part = (*reader)->Next();
    const auto extracted = dir_.path() / "part.bin";
    EXPECT_TRUE((*reader)->ExtractTo(extracted));
    const auto file = dir_.path() / "repacked.tar.gz";
    auto writer = integrations::TarGzWriter::Create(file);
    EXPECT_TRUE((*writer)->AddBytes("manifest.json", manifest.dump(), 0));
    EXPECT_TRUE((*writer)->AddFile((*part)->name, extracted, 0));
    EXPECT_TRUE((*writer)->Finish());
    return ReadFile(file);
  };
  auto newer = restore_of(repack([](nlohmann::json& m) { m["schema_version"] = 9999; }), "newer");
  ASSERT_FALSE(newer);
  EXPECT_EQ(newer.error().code, ErrorCode::kConflict);
  EXPECT_NE(newer.error().message.find("newer Planify"), std::string::npos)
      << newer.error().message;
  // A manifest whose counts do not match the database it carries.
  auto lying = restore_of(repack([](nlohmann::json& m) { m["tables"]["invoices"] = 42; }), "lying");
  ASSERT_FALSE(lying);
  EXPECT_NE(lying.error().message.find("invoices"), std::string::npos) << lying.error().message;
  // The other kind of database: a SQLite backup cannot go into PostgreSQL, nor the reverse.
  auto other = restore_of(repack([](nlohmann::json& m) {
                            m["dialect"] = m["dialect"] == "sqlite" ? "postgresql" : "sqlite";
                          }),
                          "other");
  ASSERT_FALSE(other);
  EXPECT_NE(other.error().message.find("same kind of database"), std::string::npos)
      << other.error().message;

  // The untouched archive still restores.
  auto target = FreshTarget("real");
  app::RestoreRequest request;
  request.target = target;
  request.file = made.file;
  request.now_utc = "2026-11-25T15:00:00.000Z";
  EXPECT_TRUE(app::RestoreBackup(request));
}

INSTANTIATE_TEST_SUITE_P(Backends, BackupsContract,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         BackendName);

}  // namespace
}  // namespace planify::testing
