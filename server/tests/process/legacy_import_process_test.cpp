// `planify import-legacy` as an operator runs it (issue 23): a file that is not a legacy
// database is refused with exit code 1 and nothing written; a run killed with SIGKILL in the
// middle of a table leaves whole batches, and running the command again completes the import
// with the same final counts as a run that was never interrupted.
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <map>
#include <thread>

#include "store/database.hpp"
#include "support/process.hpp"
#include "support/test_support.hpp"

namespace planify::testing {
namespace {

const std::filesystem::path kSource(PLANIFY_SOURCE_DIR);

class LegacyImportProcess : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    if (GetParam()) {
      bool required = false;
      url_ = PostgresUrlOrSkipReason(&required);
      if (url_.empty()) {
        if (required) FAIL() << "PLANIFY_REQUIRE_POSTGRES=1 but PLANIFY_TEST_POSTGRES_URL is unset";
        GTEST_SKIP() << "PLANIFY_TEST_POSTGRES_URL unset";
      }
      ResetPostgres(url_);
    } else {
      url_ = "sqlite:" + (dir_.path() / "planify.db").string();
    }
    env_ = {"PLANIFY_DATABASE_URL=" + url_, "PLANIFY_DATA_DIR=" + dir_.path().string(),
            "PLANIFY_LOG_LEVEL=warn"};
  }

  // A legacy database of a few thousand missions, made by the benchmark's generator.
  std::filesystem::path Generate() {
    const auto out = dir_.path() / "legacy.db";
    const std::string command = "python3 '" + (kSource / ".." / "bench" / "legacy-db.py").string() +
                                "' --missions 4000 --quotes 50 --invoices 50 --equipment-lines "
                                "8000 --out '" +
                                out.string() + "' 2>/dev/null";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    return out;
  }

  std::map<std::string, long long> Holdings() {
    auto db = store::Database::Open(*store::ParseDatabaseUrl(url_));
    EXPECT_TRUE(db);
    std::map<std::string, long long> counts;
    auto lease = (*db)->Acquire();
    for (const char* table :
         {"users", "memberships", "clients", "client_contacts", "storage_sites", "equipment_items",
          "missions", "mission_crew", "mission_equipment", "equipment_movements", "equipment_out",
          "maintenance_records", "legacy_id_map", "legacy_import_notes"}) {
      long long n = 0;
      **lease << std::string("SELECT count(*) FROM ") + table, soci::into(n);
      counts[table] = n;
    }
    return counts;
  }

  // The missions step has committed some batches and is not done.
  bool MidMissions() {
    auto db = store::Database::Open(*store::ParseDatabaseUrl(url_));
    if (!db) return false;
    auto lease = (*db)->Acquire();
    if (!lease) return false;
    try {
      long long last = 0;
      soci::indicator ind = soci::i_null;
      **lease << "SELECT last_legacy_id FROM legacy_import_steps WHERE legacy_table = "
                 "'prestations' AND done = 0",
          soci::into(last, ind);
      return ind == soci::i_ok && last > 0;
    } catch (const soci::soci_error&) {
      return false;  // the tables are not there yet
    }
  }

  TempDir dir_;
  std::string url_;
  std::vector<std::string> env_;
};

TEST_P(LegacyImportProcess, GarbageIsRefusedWithExitCodeOneAndNothingWritten) {
  std::ofstream(dir_.path() / "notes.db") << "pas une base\n";
  auto text = RunPlanify({"import-legacy", (dir_.path() / "notes.db").string()}, env_,
                         dir_.path() / "garbage.log");
  EXPECT_EQ(text.exit_code, 1) << text.output;
  EXPECT_NE(text.output.find("n'est pas une base SQLite"), std::string::npos) << text.output;

  const auto sample = kSource / "tests" / "legacy" / "sample-legacy.db";
  const std::string bytes = ReadFile(sample);
  std::ofstream(dir_.path() / "cut.db", std::ios::binary)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 3));
  auto cut = RunPlanify({"import-legacy", (dir_.path() / "cut.db").string()}, env_,
                        dir_.path() / "cut.log");
  EXPECT_EQ(cut.exit_code, 1) << cut.output;
  EXPECT_NE(cut.output.find("tronquée"), std::string::npos) << cut.output;
  if (!GetParam()) {
    EXPECT_FALSE(std::filesystem::exists(dir_.path() / "planify.db"))
        << "Planify's database is not even created";
  }

  // --files given a file that is not a .zip of the static/ folder: refused, nothing imported.
  std::ofstream(dir_.path() / "static.zip") << "pas une archive\n";
  auto zip = RunPlanify(
      {"import-legacy", sample.string(), "--files", (dir_.path() / "static.zip").string()}, env_,
      dir_.path() / "zip.log");
  EXPECT_EQ(zip.exit_code, 1) << zip.output;
  EXPECT_NE(zip.output.find("Archive .zip illisible"), std::string::npos) << zip.output;
  EXPECT_EQ(Holdings()["clients"], 0);
}

TEST_P(LegacyImportProcess, KillNineHalfwayThenRunAgainEndsLikeAnUninterruptedRun) {
  const auto legacy = Generate();
  // The reference: one uninterrupted run.
  auto whole = RunPlanify({"import-legacy", legacy.string()}, env_, dir_.path() / "whole.log");
  ASSERT_EQ(whole.exit_code, 0) << whole.output;
  const auto expected = Holdings();
  EXPECT_EQ(expected.at("missions"), 4000);
  if (GetParam()) {
    ResetPostgres(url_);
  } else {
    std::filesystem::remove(dir_.path() / "planify.db");
    std::filesystem::remove(dir_.path() / "planify.db-wal");
    std::filesystem::remove(dir_.path() / "planify.db-shm");
  }

  Child child = SpawnPlanify({"import-legacy", legacy.string()}, env_, dir_.path() / "killed.log");
  bool mid = false;
  for (int i = 0; i < 6000 && !mid; ++i) {
    mid = MidMissions();
    if (!mid) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_TRUE(mid) << ReadFile(child.log);
  ::kill(child.pid, SIGKILL);
  std::chrono::milliseconds took{};
  EXPECT_EQ(WaitExit(child.pid, &took), 128 + SIGKILL);
  const auto partial = Holdings();
  EXPECT_GT(partial.at("missions"), 0);
  EXPECT_LT(partial.at("missions"), 4000);

  auto again = RunPlanify({"import-legacy", legacy.string()}, env_, dir_.path() / "again.log");
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("continuing an interrupted run"), std::string::npos) << again.output;
  EXPECT_EQ(Holdings(), expected);

  auto third = RunPlanify({"import-legacy", legacy.string()}, env_, dir_.path() / "third.log");
  ASSERT_EQ(third.exit_code, 0) << third.output;
  EXPECT_NE(third.output.find("nothing new to import"), std::string::npos) << third.output;
  EXPECT_EQ(Holdings(), expected);
}

INSTANTIATE_TEST_SUITE_P(Backends, LegacyImportProcess, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& backend) {
                           return backend.param ? "PostgreSQL" : "SQLite";
                         });

}  // namespace
}  // namespace planify::testing
