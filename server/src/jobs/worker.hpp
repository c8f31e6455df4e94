#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/ports.hpp"
#include "domain/jobs.hpp"
#include "domain/result.hpp"
#include "jobs/scheduler.hpp"
#include "store/database.hpp"
#include "store/jobs_repository.hpp"

namespace planify::jobs {

// What a handler may do besides returning: finish the job atomically with its own database
// effects. CompleteWith runs `effects` and the (fenced) completion in one write transaction, so
// the effects happen exactly once even if the lock was lost and another worker re-ran the job.
class JobContext {
 public:
  JobContext(store::Database& db, const app::Clock& clock, const store::JobRow& job)
      : db_(db), clock_(clock), job_(job) {}

  // UNAVAILABLE on database trouble; CONFLICT when the lock was lost (nothing is written).
  [[nodiscard]] Result<void> CompleteWith(const std::function<void(store::Lease&)>& effects);
  [[nodiscard]] bool completed() const { return completed_; }
  [[nodiscard]] store::Database& db() { return db_; }
  [[nodiscard]] const store::JobRow& job() const { return job_; }

 private:
  store::Database& db_;
  const app::Clock& clock_;
  const store::JobRow& job_;
  bool completed_ = false;
};

// A handler returns an error to have the job retried (with backoff) or, after max_attempts,
// buried as dead; BAD_REQUEST and VALIDATION errors are permanent and bury it at once. Handlers
// must tolerate being run again after a crash.
using JobHandler = std::function<Result<void>(const store::JobRow&, JobContext&)>;

class JobRegistry {
 public:
  void Register(std::string type, JobHandler handler);
  [[nodiscard]] const JobHandler* Find(const std::string& type) const;
  [[nodiscard]] std::vector<std::string> Types() const;

 private:
  std::map<std::string, JobHandler, std::less<>> handlers_;
};

struct WorkerOptions {
  std::string name;  // identifies this process in locked_by (host:pid:n)
  int threads = 2;
  std::chrono::milliseconds poll_interval{500};
  std::chrono::seconds lock_duration{300};  // a crashed worker's jobs come back after this
  domain::RetryPolicy retry;
};

// Runs due jobs on `threads` threads until Stop(). Several workers (threads, processes, hosts)
// may share one database: claims never hand the same job to two of them at once.
class Worker {
 public:
  Worker(store::Database& db, const app::Clock& clock, const JobRegistry& registry,
         WorkerOptions options);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  void Start();
  // Lets running jobs finish, then returns.
  void Stop();
  // Claims and runs at most one job on the calling thread; false when none was due.
  bool RunOne();
  // Wakes idle threads (after an enqueue in this process).
  void Notify();
  // The first worker thread ticks this scheduler on every poll (set before Start).
  void SetScheduler(Scheduler* scheduler) { scheduler_ = scheduler; }

  struct Stats {
    std::atomic<long long> succeeded{0};
    std::atomic<long long> retried{0};
    std::atomic<long long> dead{0};
    std::atomic<long long> lost_locks{0};
  };
  [[nodiscard]] const Stats& stats() const { return stats_; }

 private:
  void Loop(bool ticks_scheduler);
  // Extends the lease of every job this worker is running, every third of the lease, so a long
  // job is not taken over while its worker is alive.
  void HeartbeatLoop();
  void Finish(const store::JobRow& job, const Result<void>& outcome, bool completed);

  store::Database& db_;
  const app::Clock& clock_;
  const JobRegistry& registry_;
  WorkerOptions options_;
  std::vector<std::thread> threads_;
  std::thread heartbeat_;
  Scheduler* scheduler_ = nullptr;
  std::mutex running_mutex_;
  std::map<long long, std::string> running_;  // job id -> claim token
  std::atomic<bool> stopping_{false};
  std::atomic<long long> claim_counter_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  Stats stats_;
};

// Job types every instance has. "system.noop" does nothing but complete (payload may ask it
// to take `sleep_ms`, at most 10 s): used by `planify jobs enqueue` checks and benchmarks.
// "database.optimize" refreshes the planners' statistics (ANALYZE), nightly.
// "jobs.purge" deletes succeeded jobs finished more than `keep_days` (default 30) days ago;
// dead jobs stay until an admin deals with them.
void RegisterSystemJobs(JobRegistry& registry);

}  // namespace planify::jobs
