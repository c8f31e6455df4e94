#include "jobs/worker.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <random>

#include "integrations/crypto/sodium.hpp"
#include "store/billing_repository.hpp"
#include "store/notifications_repository.hpp"

namespace planify::jobs {

namespace {

std::string Iso(domain::Timestamp t) { return domain::FormatIsoUtc(t); }

double UnitRandom() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

}  // namespace

Result<void> JobContext::CompleteWith(const std::function<void(store::Lease&)>& effects) {
  auto lease = db_.Acquire();
  if (!lease) return Fail(std::move(lease).error());
  try {
    store::WriteTransaction tx(*lease);
    store::JobsRepository jobs(*lease);
    if (!jobs.Complete(job_.id, job_.lock_token, Iso(clock_.Now()))) {
      return Fail(ErrorCode::kConflict, "lock lost: the job was taken over by another worker");
    }
    if (effects) effects(*lease);
    tx.Commit();
    completed_ = true;
    return {};
  } catch (const soci::soci_error& e) {
    return store::DatabaseFailure(e);
  }
}

void JobRegistry::Register(std::string type, JobHandler handler) {
  handlers_[std::move(type)] = std::move(handler);
}

const JobHandler* JobRegistry::Find(const std::string& type) const {
  auto it = handlers_.find(type);
  return it == handlers_.end() ? nullptr : &it->second;
}

std::vector<std::string> JobRegistry::Types() const {
  std::vector<std::string> out;
  for (const auto& [type, handler] : handlers_) out.push_back(type);
  return out;
}

Worker::Worker(store::Database& db, const app::Clock& clock, const JobRegistry& registry,
               WorkerOptions options)
    : db_(db), clock_(clock), registry_(registry), options_(std::move(options)) {
  if (options_.name.empty()) options_.name = "worker-" + integrations::RandomHex(4);
}

Worker::~Worker() { Stop(); }

void Worker::Start() {
  stopping_ = false;
  heartbeat_ = std::thread([this] { HeartbeatLoop(); });
  threads_.reserve(static_cast<std::size_t>(options_.threads));
  for (int i = 0; i < options_.threads; ++i) {
    threads_.emplace_back([this, i] { Loop(i == 0); });
  }
}

void Worker::Stop() {
  stopping_ = true;
  wake_.notify_all();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
  if (heartbeat_.joinable()) heartbeat_.join();
}

void Worker::HeartbeatLoop() {
  const auto period = std::max<std::chrono::milliseconds>(
      std::chrono::milliseconds(50),
      std::chrono::duration_cast<std::chrono::milliseconds>(options_.lock_duration) / 3);
  while (!stopping_) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, period, [this] { return stopping_.load(); });
    }
    if (stopping_) return;
    std::map<long long, std::string> running;
    {
      std::lock_guard lock(running_mutex_);
      running = running_;
    }
    if (running.empty()) continue;
    auto lease = db_.Acquire();
    if (!lease) continue;
    const auto now = clock_.Now();
    try {
      store::JobsRepository jobs(*lease);
      for (const auto& [id, token] : running) {
        if (!jobs.Heartbeat(id, token, Iso(now + options_.lock_duration), Iso(now))) {
          spdlog::warn("job {}: lease lost while running; its outcome will be discarded", id);
        }
      }
    } catch (const soci::soci_error& e) {
      spdlog::warn("job heartbeat: {}", e.get_error_message());
    }
  }
}

void Worker::Notify() { wake_.notify_all(); }

void Worker::Loop(bool ticks_scheduler) {
  while (!stopping_) {
    if (ticks_scheduler && scheduler_ != nullptr) {
      auto fired = scheduler_->Tick();
      if (!fired) spdlog::warn("{}", fired.error().message);
    }
    bool ran = false;
    try {
      ran = RunOne();
    } catch (const std::exception& e) {
      spdlog::error("job worker: {}", e.what());
    }
    if (!ran) {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, options_.poll_interval, [this] { return stopping_.load(); });
    }
  }
}

bool Worker::RunOne() {
  const auto now = clock_.Now();
  const std::string token =
      options_.name + ":" + std::to_string(++claim_counter_) + ":" + integrations::RandomHex(4);
  std::vector<store::JobRow> claimed;
  {
    auto lease = db_.Acquire();
    if (!lease) {
      spdlog::warn("job worker: {}", lease.error().message);
      return false;
    }
    try {
      claimed = store::JobsRepository(*lease).Claim(options_.name, token, Iso(now),
                                                    Iso(now + options_.lock_duration), 1);
    } catch (const soci::soci_error& e) {
      // Busy SQLite writer or a dropped connection: try again on the next tick.
      spdlog::warn("job worker: claim failed: {}", e.get_error_message());
      return false;
    }
  }
  if (claimed.empty()) return false;
  const store::JobRow& job = claimed.front();

  {
    std::lock_guard lock(running_mutex_);
    running_[job.id] = job.lock_token;
  }
  Result<void> outcome;
  JobContext context(db_, clock_, job);
  if (job.attempts > job.max_attempts) {
    // Its lock expired max_attempts times: it keeps killing or stalling its worker.
    outcome = Fail(ErrorCode::kInternal, "abandoned " + std::to_string(job.attempts - 1) +
                                             " times (worker crashed or stalled)");
  } else if (const JobHandler* handler = registry_.Find(job.type)) {
    try {
      outcome = (*handler)(job, context);
    } catch (const std::exception& e) {
      outcome = Fail(ErrorCode::kInternal, std::string("handler threw: ") + e.what());
    }
  } else {
    outcome = Fail(ErrorCode::kInternal, "no handler for job type " + job.type);
  }
  {
    std::lock_guard lock(running_mutex_);
    running_.erase(job.id);
  }
  Finish(job, outcome, context.completed());
  return true;
}

void Worker::Finish(const store::JobRow& job, const Result<void>& outcome, bool completed) {
  if (outcome && completed) {
    ++stats_.succeeded;
    spdlog::info("job {} ({}) succeeded", job.id, job.type);
    return;
  }
  auto lease = db_.Acquire();
  if (!lease) {
    spdlog::error("job {} ({}): cannot record its outcome: {}", job.id, job.type,
                  lease.error().message);
    return;  // the lock expires and the job is retried
  }
  const auto now = clock_.Now();
  try {
    store::JobsRepository jobs(*lease);
    if (outcome) {
      if (jobs.Complete(job.id, job.lock_token, Iso(now))) {
        ++stats_.succeeded;
        spdlog::info("job {} ({}) succeeded", job.id, job.type);
      } else {
        ++stats_.lost_locks;
        spdlog::warn("job {} ({}) finished after its lock was lost; outcome discarded", job.id,
                     job.type);
      }
      return;
    }
    auto decision = domain::DecideAfterFailure(job.attempts, job.max_attempts, now, options_.retry,
                                               UnitRandom());
    // A request that can never succeed (BAD_REQUEST / VALIDATION) is not retried.
    if (outcome.error().code == ErrorCode::kBadRequest ||
        outcome.error().code == ErrorCode::kValidation) {
      decision.dead = true;
    }
    bool applied = decision.dead
                       ? jobs.Bury(job.id, job.lock_token, outcome.error().message, Iso(now))
                       : jobs.Reschedule(job.id, job.lock_token, outcome.error().message,
                                         Iso(decision.retry_at), Iso(now));
    if (!applied) {
      ++stats_.lost_locks;
      spdlog::warn("job {} ({}) failed after its lock was lost: {}", job.id, job.type,
                   outcome.error().message);
    } else if (decision.dead) {
      ++stats_.dead;
      spdlog::error("job {} ({}) is dead after {} attempts: {}", job.id, job.type, job.attempts,
                    outcome.error().message);
      // The organisation's admins hear of it (not of a failed notification: no loop).
      if (job.organization && job.type.rfind("notifications.", 0) != 0) {
        store::NotificationEvent event;
        event.organization = *job.organization;
        event.kind = domain::NotificationKind::kJobFailed;
        event.subject_type = "job";
        event.subject_id = std::to_string(job.id);
        event.data = {{"name", job.type}, {"reason", outcome.error().message.substr(0, 300)}};
        (void)store::Notify(*lease, event, Iso(now));
      }
    } else {
      ++stats_.retried;
      spdlog::warn("job {} ({}) attempt {} failed, retry at {}: {}", job.id, job.type, job.attempts,
                   Iso(decision.retry_at), outcome.error().message);
    }
  } catch (const soci::soci_error& e) {
    spdlog::error("job {} ({}): cannot record its outcome: {}", job.id, job.type,
                  e.get_error_message());
  }
}

void RegisterSystemJobs(JobRegistry& registry) {
  registry.Register(
      "system.noop", [](const store::JobRow& job, JobContext& context) -> Result<void> {
        auto payload = nlohmann::json::parse(job.payload, nullptr, false);
        if (payload.is_object() && payload.contains("sleep_ms") &&
            payload["sleep_ms"].is_number_integer()) {
          auto ms = std::clamp<long long>(payload["sleep_ms"].get<long long>(), 0, 10000);
          std::this_thread::sleep_for(std::chrono::milliseconds(ms));
        }
        return context.CompleteWith({});
      });

  // The query planners' statistics, refreshed every night (docs/performance.md): without them
  // SQLite guesses, and PostgreSQL only has what autovacuum last gathered. SQLite's ANALYZE
  // samples (analysis_limit) so it stays quick on a large file. The document lists' total
  // deltas of the day are folded into one row per organisation.
  registry.Register("database.optimize",
                    [](const store::JobRow&, JobContext& context) -> Result<void> {
                      return context.CompleteWith([](store::Lease& lease) {
                        (void)store::FoldDocumentTotals(lease);
                        if (lease.dialect() == store::Dialect::kSqlite) {
                          *lease << "PRAGMA analysis_limit=1000";
                        }
                        *lease << "ANALYZE";
                      });
                    });

  registry.Register(
      "jobs.purge", [](const store::JobRow& job, JobContext& context) -> Result<void> {
        auto payload = nlohmann::json::parse(job.payload, nullptr, false);
        long long keep_days = 30;
        if (payload.is_object() && payload.contains("keep_days") &&
            payload["keep_days"].is_number_integer()) {
          keep_days = std::clamp<long long>(payload["keep_days"].get<long long>(), 1, 3650);
        }
        // Measured from the job's own creation, so a re-run deletes the same set.
        auto created = domain::ParseIsoUtc(job.created_at);
        if (!created) return Fail(ErrorCode::kInternal, "bad created_at " + job.created_at);
        const std::string cutoff = Iso(*created - std::chrono::hours(24 * keep_days));
        long long deleted = 0;
        auto done = context.CompleteWith([&](store::Lease& lease) {
          soci::statement st = (lease->prepare << "DELETE FROM jobs WHERE status = 'succeeded' AND "
                                                  "finished_at < :cutoff",
                                soci::use(cutoff));
          st.execute(true);
          deleted = st.get_affected_rows();
          // Security bookkeeping that has served its purpose: rate-limit events older than a
          // day (the longest window is 1 h), sessions ended more than keep_days ago.
          const std::string day_ago = Iso(*created - std::chrono::hours(24));
          *lease << "DELETE FROM rate_limit_events WHERE occurred_at < :cutoff", soci::use(day_ago);
          *lease << "DELETE FROM sessions WHERE absolute_expires_at < :cutoff OR revoked_at < "
                    ":cutoff2",
              soci::use(cutoff, "cutoff"), soci::use(cutoff, "cutoff2");
        });
        if (done)
          spdlog::info("jobs.purge: deleted {} succeeded jobs finished before {}", deleted, cutoff);
        return done;
      });
}

}  // namespace planify::jobs
