// The job queue on SQLite and on a real PostgreSQL: claims, fencing, retries, crash recovery,
// and concurrent workers that never run a job twice.
#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <thread>

#include "app/ports.hpp"
#include "jobs/scheduler.hpp"
#include "jobs/worker.hpp"
#include "store/database.hpp"
#include "store/jobs_repository.hpp"
#include "store/migrations.hpp"
#include "support/test_support.hpp"

namespace planify {
namespace {

using std::chrono::seconds;
using store::Database;
using store::Dialect;
using store::JobStatus;

const domain::Timestamp kT0 = *domain::ParseIsoUtc("2026-11-25T10:00:00.000Z");
std::string Iso(domain::Timestamp t) { return domain::FormatIsoUtc(t); }

class JobsContract : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override {
    auto url = testing::BackendUrl(GetParam() == Dialect::kPostgres, dir_);
    if (!url) GTEST_SKIP() << "PLANIFY_TEST_POSTGRES_URL unset";
    url_ = *store::ParseDatabaseUrl(*url);
    Database::Options options;
    options.pool_size = 4;
    db_ = std::move(*Database::Open(url_, options));
    auto lease = db_->Acquire();
    ASSERT_TRUE(store::Migrate(*lease, store::EmbeddedMigrations(db_->dialect()), Iso(kT0)));
  }

  long long Enqueue(const std::string& type, domain::Timestamp run_at, int max_attempts = 3,
                    const std::string& payload = "{}") {
    auto lease = db_->Acquire();
    store::NewJob job;
    job.type = type;
    job.payload = payload;
    job.max_attempts = max_attempts;
    job.run_at = Iso(run_at);
    auto id = store::JobsRepository(*lease).Enqueue(job, Iso(kT0));
    EXPECT_TRUE(id);
    return id ? *id : 0;
  }

  std::vector<store::JobRow> Claim(const std::string& token, domain::Timestamp now, int limit = 10,
                                   seconds lock = seconds(60)) {
    auto lease = db_->Acquire();
    return store::JobsRepository(*lease).Claim("test", token, Iso(now), Iso(now + lock), limit);
  }

  store::JobRow Find(long long id) {
    auto lease = db_->Acquire();
    return *store::JobsRepository(*lease).Find(id);
  }

  testing::TempDir dir_;
  store::DatabaseUrl url_;
  std::unique_ptr<Database> db_;
};

TEST_P(JobsContract, ClaimsOnlyDueJobsOnceAndCountsAttempts) {
  long long due = Enqueue("system.noop", kT0);
  long long later = Enqueue("system.noop", kT0 + seconds(60));
  auto claimed = Claim("t1", kT0, 10, seconds(600));
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].id, due);
  EXPECT_EQ(claimed[0].attempts, 1);
  EXPECT_EQ(claimed[0].status, JobStatus::kRunning);
  EXPECT_TRUE(Claim("t2", kT0).empty()) << "a running job is not handed out again";
  auto next = Claim("t3", kT0 + seconds(61));
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].id, later);
}

TEST_P(JobsContract, CompletionIsFencedByTheClaimToken) {
  long long id = Enqueue("system.noop", kT0);
  auto first = Claim("first", kT0, 1, seconds(30));
  ASSERT_EQ(first.size(), 1u);
  // The first worker stalls; its lock expires and a second worker takes the job over.
  auto second = Claim("second", kT0 + seconds(31));
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].attempts, 2);
  auto lease = db_->Acquire();
  store::JobsRepository jobs(*lease);
  EXPECT_FALSE(jobs.Complete(id, "first", Iso(kT0 + seconds(32))))
      << "stale holder must not finish";
  EXPECT_FALSE(jobs.Heartbeat(id, "first", Iso(kT0 + seconds(99)), Iso(kT0 + seconds(32))));
  EXPECT_TRUE(jobs.Complete(id, "second", Iso(kT0 + seconds(33))));
  EXPECT_FALSE(jobs.Complete(id, "second", Iso(kT0 + seconds(34)))) << "completes once";
  auto row = jobs.Find(id);
  EXPECT_EQ(row->status, JobStatus::kSucceeded);
  EXPECT_EQ(row->finished_at, Iso(kT0 + seconds(33)));
}

TEST_P(JobsContract, DedupeKeyEnqueuesOnce) {
  auto lease = db_->Acquire();
  store::JobsRepository jobs(*lease);
  store::NewJob job;
  job.type = "system.noop";
  job.run_at = Iso(kT0);
  job.dedupe_key = "schedule:daily:2026-11-25";
  ASSERT_TRUE(jobs.Enqueue(job, Iso(kT0)));
  auto again = jobs.Enqueue(job, Iso(kT0));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(jobs.Count(std::nullopt), 1);
}

TEST_P(JobsContract, EnqueueRollsBackWithTheBusinessTransaction) {
  {
    auto lease = db_->Acquire();
    store::WriteTransaction tx(*lease);
    store::NewJob job;
    job.type = "system.noop";
    job.run_at = Iso(kT0);
    ASSERT_TRUE(store::JobsRepository(*lease).Enqueue(job, Iso(kT0)));
  }  // no commit
  auto lease = db_->Acquire();
  EXPECT_EQ(store::JobsRepository(*lease).Count(std::nullopt), 0);
}

TEST_P(JobsContract, WorkerRetriesWithBackoffThenBuriesAndCanRequeue) {
  app::FixedClock clock(kT0);
  jobs::JobRegistry registry;
  int calls = 0;
  registry.Register("test.flaky", [&](const store::JobRow&, jobs::JobContext&) -> Result<void> {
    ++calls;
    return Fail(ErrorCode::kUnavailable, "provider down");
  });
  jobs::WorkerOptions options;
  options.retry.base = std::chrono::seconds(10);
  options.retry.jitter = 0.0;
  jobs::Worker worker(*db_, clock, registry, options);
  long long id = Enqueue("test.flaky", kT0, /*max_attempts=*/3);

  ASSERT_TRUE(worker.RunOne());
  auto row = Find(id);
  EXPECT_EQ(row.status, JobStatus::kQueued);
  EXPECT_EQ(row.run_at, Iso(kT0 + seconds(10)));
  EXPECT_EQ(row.last_error, "provider down");
  EXPECT_FALSE(worker.RunOne()) << "not due before its backoff";

  clock.Set(kT0 + seconds(10));
  ASSERT_TRUE(worker.RunOne());
  EXPECT_EQ(Find(id).run_at, Iso(kT0 + seconds(30))) << "second delay doubles";

  clock.Set(kT0 + seconds(30));
  ASSERT_TRUE(worker.RunOne());
  row = Find(id);
  EXPECT_EQ(row.status, JobStatus::kDead);
  EXPECT_EQ(row.attempts, 3);
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(worker.stats().dead.load(), 1);

  auto lease = db_->Acquire();
  ASSERT_TRUE(store::JobsRepository(*lease).Requeue(id, Iso(kT0 + seconds(40))));
  row = *store::JobsRepository(*lease).Find(id);
  EXPECT_EQ(row.status, JobStatus::kQueued);
  EXPECT_EQ(row.attempts, 0);
}

TEST_P(JobsContract, UnknownTypeAndThrowingHandlerFailTheJobNotTheWorker) {
  app::FixedClock clock(kT0);
  jobs::JobRegistry registry;
  registry.Register("test.throws", [](const store::JobRow&, jobs::JobContext&) -> Result<void> {
    throw std::runtime_error("boom");
  });
  jobs::Worker worker(*db_, clock, registry, {});
  long long unknown = Enqueue("test.unknown", kT0, 1);
  long long throws = Enqueue("test.throws", kT0, 1);
  EXPECT_TRUE(worker.RunOne());
  EXPECT_TRUE(worker.RunOne());
  EXPECT_EQ(Find(unknown).status, JobStatus::kDead);
  EXPECT_NE(Find(unknown).last_error.find("no handler"), std::string::npos);
  EXPECT_EQ(Find(throws).status, JobStatus::kDead);
  EXPECT_NE(Find(throws).last_error.find("boom"), std::string::npos);
}

TEST_P(JobsContract, AJobThatKeepsCrashingItsWorkerEndsDead) {
  long long id = Enqueue("system.noop", kT0, /*max_attempts=*/2);
  // Two claims whose workers "die" (locks expire), then a third claim.
  ASSERT_EQ(Claim("a", kT0, 1, seconds(10)).size(), 1u);
  ASSERT_EQ(Claim("b", kT0 + seconds(11), 1, seconds(10)).size(), 1u);
  app::FixedClock clock(kT0 + seconds(22));
  jobs::JobRegistry registry;
  jobs::RegisterSystemJobs(registry);
  jobs::Worker worker(*db_, clock, registry, {});
  ASSERT_TRUE(worker.RunOne());
  auto row = Find(id);
  EXPECT_EQ(row.status, JobStatus::kDead);
  EXPECT_NE(row.last_error.find("abandoned"), std::string::npos);
}

TEST_P(JobsContract, CompleteWithCommitsEffectsAndCompletionTogether) {
  {
    auto lease = db_->Acquire();
    **lease << "CREATE TABLE effects (job_id BIGINT PRIMARY KEY)";
  }
  app::FixedClock clock(kT0);
  jobs::JobRegistry registry;
  registry.Register("test.effect", [](const store::JobRow& job, jobs::JobContext& ctx) {
    return ctx.CompleteWith([&](store::Lease& lease) {
      long long id = job.id;
      *lease << "INSERT INTO effects (job_id) VALUES (:id)", soci::use(id);
    });
  });
  jobs::Worker worker(*db_, clock, registry, {});
  long long id = Enqueue("test.effect", kT0);
  ASSERT_TRUE(worker.RunOne());
  EXPECT_EQ(Find(id).status, JobStatus::kSucceeded);
  auto lease = db_->Acquire();
  long long effects = 0;
  **lease << "SELECT count(*) FROM effects", soci::into(effects);
  EXPECT_EQ(effects, 1);
}

TEST_P(JobsContract, ConcurrentWorkersRunEachJobExactlyOnce) {
  constexpr int kJobs = 400;
  {
    auto lease = db_->Acquire();
    **lease << "CREATE TABLE effects (job_id BIGINT PRIMARY KEY)";
    store::WriteTransaction tx(*lease);
    store::JobsRepository jobs(*lease);
    for (int i = 0; i < kJobs; ++i) {
      store::NewJob job;
      job.type = "test.effect";
      job.run_at = Iso(kT0);
      ASSERT_TRUE(jobs.Enqueue(job, Iso(kT0)));
    }
    tx.Commit();
  }
  std::mutex mutex;
  std::multiset<long long> runs;
  jobs::JobRegistry registry;
  registry.Register("test.effect", [&](const store::JobRow& job, jobs::JobContext& ctx) {
    {
      std::lock_guard lock(mutex);
      runs.insert(job.id);
    }
    return ctx.CompleteWith([&](store::Lease& lease) {
      long long id = job.id;
      *lease << "INSERT INTO effects (job_id) VALUES (:id)", soci::use(id);
    });
  });
  app::SystemClock clock;
  // Four independent workers, each with its own connection pool, like four processes.
  std::vector<std::unique_ptr<Database>> pools;
  std::vector<std::unique_ptr<jobs::Worker>> workers;
  for (int i = 0; i < 4; ++i) {
    Database::Options options;
    options.pool_size = 2;
    pools.push_back(std::move(*Database::Open(url_, options)));
    jobs::WorkerOptions wo;
    wo.name = "w" + std::to_string(i);
    wo.threads = 2;
    wo.poll_interval = std::chrono::milliseconds(20);
    workers.push_back(std::make_unique<jobs::Worker>(*pools.back(), clock, registry, wo));
  }
  for (auto& w : workers) w->Start();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (;;) {
    auto lease = db_->Acquire();
    if (store::JobsRepository(*lease).Count(JobStatus::kSucceeded) == kJobs) break;
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "jobs not drained";
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  for (auto& w : workers) w->Stop();
  EXPECT_EQ(runs.size(), static_cast<std::size_t>(kJobs));
  std::set<long long> distinct(runs.begin(), runs.end());
  EXPECT_EQ(distinct.size(), static_cast<std::size_t>(kJobs)) << "a job ran twice";
  long long succeeded = 0;
  for (auto& w : workers) succeeded += w->stats().succeeded.load();
  EXPECT_EQ(succeeded, kJobs);
}

TEST_P(JobsContract, ALongJobKeepsItsLeaseWhileItsWorkerIsAlive) {
  app::SystemClock clock;
  jobs::JobRegistry registry;
  registry.Register("test.long", [](const store::JobRow&, jobs::JobContext& ctx) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    return ctx.CompleteWith({});
  });
  jobs::WorkerOptions options;
  options.threads = 1;
  options.poll_interval = std::chrono::milliseconds(10);
  options.lock_duration = std::chrono::seconds(1);
  jobs::Worker worker(*db_, clock, registry, options);
  long long id = Enqueue("test.long", clock.Now());
  worker.Start();
  // Another worker keeps trying to claim for longer than the lease.
  int stolen = 0;
  for (int i = 0; i < 20; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto lease = db_->Acquire();
    auto now = clock.Now();
    stolen += static_cast<int>(
        store::JobsRepository(*lease)
            .Claim("thief", "thief-" + std::to_string(i), Iso(now), Iso(now + seconds(1)), 10)
            .size());
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (Find(id).status != JobStatus::kSucceeded && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  worker.Stop();
  EXPECT_EQ(stolen, 0) << "the running job was taken over";
  auto row = Find(id);
  EXPECT_EQ(row.status, JobStatus::kSucceeded);
  EXPECT_EQ(row.attempts, 1);
}

jobs::ScheduleDefinition Every15(const std::string& name) {
  return {name, "system.noop", domain::EveryInterval{std::chrono::minutes(15)}, "{}", 3};
}

TEST_P(JobsContract, ScheduleFiresOncePerDueTimeAndSkipsMissedRuns) {
  app::FixedClock clock(*domain::ParseIsoUtc("2026-11-25T10:07:00.000Z"));
  jobs::Scheduler scheduler(*db_, clock, {Every15("test.every15")});
  ASSERT_EQ(*scheduler.Tick(), 0) << "first sight only records the next due time";
  clock.Set(*domain::ParseIsoUtc("2026-11-25T10:14:59.999Z"));
  EXPECT_EQ(*scheduler.Tick(), 0);
  clock.Set(*domain::ParseIsoUtc("2026-11-25T10:15:00.000Z"));
  EXPECT_EQ(*scheduler.Tick(), 1);
  EXPECT_EQ(*scheduler.Tick(), 0) << "a due time fires once";
  // Every instance down for three hours: one catch-up run, then back on the grid.
  clock.Set(*domain::ParseIsoUtc("2026-11-25T13:20:00.000Z"));
  EXPECT_EQ(*scheduler.Tick(), 1);
  auto lease = db_->Acquire();
  std::string next;
  **lease << "SELECT CAST(next_run_at AS TEXT) FROM job_schedules WHERE name = 'test.every15'",
      soci::into(next);
  if (db_->dialect() == Dialect::kPostgres) next = store::NormalizeTimestamp(next);
  EXPECT_EQ(next, "2026-11-25T13:30:00.000Z");
  EXPECT_EQ(store::JobsRepository(*lease).Count(JobStatus::kQueued), 2);
}

TEST_P(JobsContract, ConcurrentInstancesFireADueTimeOnce) {
  app::FixedClock clock(*domain::ParseIsoUtc("2026-11-25T10:07:00.000Z"));
  ASSERT_TRUE(jobs::Scheduler(*db_, clock, {Every15("test.race")}).Tick());
  clock.Set(*domain::ParseIsoUtc("2026-11-25T10:15:00.000Z"));
  std::atomic<int> fired{0};
  std::vector<std::thread> instances;
  for (int i = 0; i < 4; ++i) {
    instances.emplace_back([&] {
      Database::Options options;
      options.pool_size = 1;
      auto pool = Database::Open(url_, options);
      ASSERT_TRUE(pool);
      jobs::Scheduler scheduler(**pool, clock, {Every15("test.race")});
      auto n = scheduler.Tick();
      ASSERT_TRUE(n) << n.error().message;
      fired += *n;
    });
  }
  for (auto& t : instances) t.join();
  EXPECT_EQ(fired.load(), 1);
  auto lease = db_->Acquire();
  EXPECT_EQ(store::JobsRepository(*lease).Count(std::nullopt), 1);
}

TEST_P(JobsContract, PurgeDeletesOnlyOldSucceededJobs) {
  app::FixedClock clock(kT0);
  jobs::JobRegistry registry;
  jobs::RegisterSystemJobs(registry);
  jobs::Worker worker(*db_, clock, registry, {});
  long long old_done = Enqueue("system.noop", kT0);
  long long old_dead = Enqueue("test.unknown", kT0, 1);
  ASSERT_TRUE(worker.RunOne());
  ASSERT_TRUE(worker.RunOne());
  // 40 days later one more job succeeds, then the purge runs.
  clock.Set(kT0 + std::chrono::hours(24 * 40));
  long long recent = Enqueue("system.noop", kT0 + std::chrono::hours(24 * 40));
  ASSERT_TRUE(worker.RunOne());
  {
    auto lease = db_->Acquire();
    store::NewJob purge;
    purge.type = "jobs.purge";
    purge.payload = R"({"keep_days":30})";
    purge.run_at = Iso(clock.Now());
    ASSERT_TRUE(store::JobsRepository(*lease).Enqueue(purge, Iso(clock.Now())));
  }
  ASSERT_TRUE(worker.RunOne());
  auto lease = db_->Acquire();
  store::JobsRepository jobs(*lease);
  EXPECT_FALSE(jobs.Find(old_done).has_value()) << "old succeeded job purged";
  EXPECT_TRUE(jobs.Find(old_dead).has_value()) << "dead jobs stay for an admin";
  EXPECT_TRUE(jobs.Find(recent).has_value());
}

TEST_P(JobsContract, TheNightlyOptimizeGathersPlannerStatistics) {
  app::FixedClock clock(kT0);
  jobs::JobRegistry registry;
  jobs::RegisterSystemJobs(registry);
  jobs::Worker worker(*db_, clock, registry, {});
  for (int i = 0; i < 20; ++i) Enqueue("system.noop", kT0);
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(worker.RunOne());
  long long id = Enqueue("database.optimize", kT0);
  ASSERT_TRUE(worker.RunOne());
  auto lease = db_->Acquire();
  auto job = store::JobsRepository(*lease).Find(id);
  ASSERT_TRUE(job);
  EXPECT_EQ(job->status, store::JobStatus::kSucceeded);
  long long analysed = 0;
  if (GetParam() == Dialect::kSqlite) {
    **lease << "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'jobs'", soci::into(analysed);
  } else {
    **lease << "SELECT count(*) FROM pg_stats WHERE tablename = 'jobs'", soci::into(analysed);
  }
  EXPECT_GT(analysed, 0);
}

std::string DialectName(const ::testing::TestParamInfo<Dialect>& info) {
  return info.param == Dialect::kSqlite ? "SQLite" : "PostgreSQL";
}

INSTANTIATE_TEST_SUITE_P(Backends, JobsContract,
                         ::testing::Values(Dialect::kSqlite, Dialect::kPostgres), DialectName);

}  // namespace
}  // namespace planify
