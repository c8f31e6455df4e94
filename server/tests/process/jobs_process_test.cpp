// The job queue across real processes: kill -9 in the middle of work, and several
// `planify worker` processes sharing one PostgreSQL database.
#include <gtest/gtest.h>
#include <signal.h>

#include <map>
#include <regex>
#include <thread>

#include "store/database.hpp"
#include "store/jobs_repository.hpp"
#include "support/process.hpp"
#include "support/test_support.hpp"

namespace planify::testing {
namespace {

enum class Db { kSqlite, kPostgres };

class JobsProcess : public ::testing::TestWithParam<Db> {
 protected:
  void SetUp() override {
    if (GetParam() == Db::kSqlite) {
      url_ = "sqlite:" + (dir_.path() / "planify.db").string();
    } else {
      bool required = false;
      url_ = PostgresUrlOrSkipReason(&required);
      if (url_.empty()) {
        if (required) FAIL() << "PLANIFY_REQUIRE_POSTGRES=1 but PLANIFY_TEST_POSTGRES_URL is unset";
        GTEST_SKIP() << "PLANIFY_TEST_POSTGRES_URL unset";
      }
      ResetPostgres(url_);
    }
    env_ = {"PLANIFY_DATABASE_URL=" + url_, "PLANIFY_DATA_DIR=" + dir_.path().string(),
            "PLANIFY_LOG_LEVEL=info"};
    auto migrated = RunPlanify({"migrate"}, env_, dir_.path() / "migrate.log");
    ASSERT_EQ(migrated.exit_code, 0) << migrated.output;
    db_ = std::move(*store::Database::Open(*store::ParseDatabaseUrl(url_)));
  }

  long long Count(store::JobStatus status) {
    auto lease = db_->Acquire();
    return store::JobsRepository(*lease).Count(status);
  }

  Child StartServe(const std::string& log_name, const std::vector<std::string>& extra) {
    auto env = env_;
    env.push_back("PLANIFY_LISTEN=127.0.0.1:0");
    env.push_back("PLANIFY_WEB_DIR=" + (dir_.path() / "no-web").string());
    env.insert(env.end(), extra.begin(), extra.end());
    Child child = SpawnPlanify({"serve"}, env, dir_.path() / log_name);
    EXPECT_TRUE(WaitListening(child)) << ReadFile(child.log);
    return child;
  }

  TempDir dir_;
  std::string url_;
  std::vector<std::string> env_;
  std::unique_ptr<store::Database> db_;
};

// Job ids whose completion each log reports ("job N (type) succeeded").
std::map<long long, int> Completions(const std::vector<std::string>& logs) {
  static const std::regex kSucceeded("job (\\d+) \\(system\\.noop\\) succeeded");
  std::map<long long, int> out;
  for (const auto& text : logs) {
    for (auto it = std::sregex_iterator(text.begin(), text.end(), kSucceeded);
         it != std::sregex_iterator(); ++it) {
      ++out[std::stoll((*it)[1])];
    }
  }
  return out;
}

TEST_P(JobsProcess, KillNineMidRunThenRestartRunsEveryJobExactlyOnce) {
  constexpr int kJobs = 100;
  auto enqueued = RunPlanify({"jobs", "enqueue", "system.noop", "--count", std::to_string(kJobs),
                              "--payload", R"({"sleep_ms":150})"},
                             env_, dir_.path() / "enqueue.log");
  ASSERT_EQ(enqueued.exit_code, 0) << enqueued.output;

  const std::vector<std::string> worker_env = {
      "PLANIFY_WORKER_THREADS=4", "PLANIFY_JOB_LOCK_SECONDS=2", "PLANIFY_JOB_POLL_MS=50"};
  Child first = StartServe("serve-1.log", worker_env);
  // Let it get going: some done, some in the middle of running.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (Count(store::JobStatus::kSucceeded) < 10) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << ReadFile(first.log);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(::kill(first.pid, SIGKILL), 0);
  std::chrono::milliseconds took{0};
  EXPECT_EQ(WaitExit(first.pid, &took), 128 + SIGKILL);
  long long running_at_kill = Count(store::JobStatus::kRunning);
  long long done_at_kill = Count(store::JobStatus::kSucceeded);
  EXPECT_GT(running_at_kill, 0) << "the kill should catch jobs mid-run";
  EXPECT_LT(done_at_kill, kJobs);

  Child second = StartServe("serve-2.log", worker_env);
  deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
  while (Count(store::JobStatus::kSucceeded) < kJobs) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << ReadFile(second.log);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(second.pid, SIGTERM);
  EXPECT_EQ(WaitExit(second.pid, &took), 0);

  EXPECT_EQ(Count(store::JobStatus::kDead), 0);
  EXPECT_EQ(Count(store::JobStatus::kQueued), 0);
  EXPECT_EQ(Count(store::JobStatus::kRunning), 0);
  auto completions = Completions({ReadFile(first.log), ReadFile(second.log)});
  for (const auto& [id, n] : completions)
    EXPECT_EQ(n, 1) << "job " << id << " completed " << n << " times";
  // Every job's completion is in a log, except possibly one committed in the instant of the kill.
  EXPECT_GE(completions.size(), static_cast<std::size_t>(kJobs - 1));
  // The jobs caught running were taken over after their lock expired: a second attempt.
  auto lease = db_->Acquire();
  long long retried = 0;
  **lease << "SELECT count(*) FROM jobs WHERE attempts = 2", soci::into(retried);
  EXPECT_GE(retried, 1);
}

TEST_P(JobsProcess, TwoWorkerProcessesDrainAThousandJobsWithNoneRunTwice) {
  constexpr int kJobs = 1000;
  auto enqueued = RunPlanify({"jobs", "enqueue", "system.noop", "--count", std::to_string(kJobs)},
                             env_, dir_.path() / "enqueue.log");
  ASSERT_EQ(enqueued.exit_code, 0) << enqueued.output;
  auto env = env_;
  env.push_back("PLANIFY_WORKER_THREADS=2");
  Child a = SpawnPlanify({"worker", "--exit-when-idle"}, env, dir_.path() / "worker-a.log");
  Child b = SpawnPlanify({"worker", "--exit-when-idle"}, env, dir_.path() / "worker-b.log");
  std::chrono::milliseconds took{0};
  ASSERT_EQ(WaitExit(a.pid, &took, std::chrono::seconds(120)), 0) << ReadFile(a.log);
  ASSERT_EQ(WaitExit(b.pid, &took, std::chrono::seconds(120)), 0) << ReadFile(b.log);

  static const std::regex kSummary(
      "(\\d+) succeeded, (\\d+) retried, (\\d+) dead, (\\d+) lost locks");
  long long total = 0;
  for (const auto* child : {&a, &b}) {
    std::smatch m;
    auto text = ReadFile(child->log);
    ASSERT_TRUE(std::regex_search(text, m, kSummary)) << text;
    total += std::stoll(m[1]);
    EXPECT_EQ(m[4], "0") << "no worker lost a lock";
  }
  EXPECT_EQ(total, kJobs);
  EXPECT_EQ(Count(store::JobStatus::kSucceeded), kJobs);
  auto completions = Completions({ReadFile(a.log), ReadFile(b.log)});
  EXPECT_EQ(completions.size(), static_cast<std::size_t>(kJobs));
  for (const auto& [id, n] : completions) EXPECT_EQ(n, 1) << "job " << id;
  auto lease = db_->Acquire();
  long long claimed_twice = -1;
  **lease << "SELECT count(*) FROM jobs WHERE attempts <> 1", soci::into(claimed_twice);
  EXPECT_EQ(claimed_twice, 0);
}

std::string Name(const ::testing::TestParamInfo<Db>& info) {
  return info.param == Db::kSqlite ? "SQLite" : "PostgreSQL";
}

INSTANTIATE_TEST_SUITE_P(Backends, JobsProcess, ::testing::Values(Db::kSqlite, Db::kPostgres),
                         Name);

}  // namespace
}  // namespace planify::testing
