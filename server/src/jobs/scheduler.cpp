#include "jobs/scheduler.hpp"

#include <spdlog/spdlog.h>

#include "store/jobs_repository.hpp"

namespace planify::jobs {

namespace {

std::string Iso(domain::Timestamp t) { return domain::FormatIsoUtc(t); }

std::string ReadTs(store::Lease& lease, const std::string& stored) {
  return lease.dialect() == store::Dialect::kSqlite ? stored : store::NormalizeTimestamp(stored);
}

}  // namespace

Result<int> Scheduler::Tick() {
  const auto now = clock_.Now();
  int fired = 0;
  auto lease = db_.Acquire();
  if (!lease) return Fail(std::move(lease).error());
  try {
    for (const auto& schedule : schedules_) {
      store::WriteTransaction tx(*lease);
      std::string stored;
      soci::indicator ind = soci::i_null;
      **lease << "SELECT CAST(next_run_at AS TEXT) FROM job_schedules WHERE name = :n",
          soci::use(schedule.name), soci::into(stored, ind);
      if (!(*lease)->got_data()) {
        // First sight of this schedule: its first due time is the next one from now.
        std::string next = Iso(domain::NextDue(schedule.rule, now));
        std::string stamp = Iso(now);
        **lease << "INSERT INTO job_schedules (name, job_type, next_run_at, updated_at) "
                   "VALUES (:n, :t, :next, :upd)",
            soci::use(schedule.name), soci::use(schedule.job_type), soci::use(next),
            soci::use(stamp);
        tx.Commit();
        continue;
      }
      const std::string due = ReadTs(*lease, stored);
      auto due_at = domain::ParseIsoUtc(due);
      if (!due_at || *due_at > now) continue;  // not due (the transaction rolls back)
      const std::string next = Iso(domain::NextDue(schedule.rule, now));
      const std::string stamp = Iso(now);
      soci::statement advance =
          ((*lease)->prepare
               << "UPDATE job_schedules SET next_run_at = :next, last_run_at = :last, "
                  "updated_at = :upd WHERE name = :n AND next_run_at = :due",
           soci::use(next, "next"), soci::use(due, "last"), soci::use(stamp, "upd"),
           soci::use(schedule.name, "n"), soci::use(due, "due"));
      advance.execute(true);
      if (advance.get_affected_rows() != 1) continue;  // another instance fired it
      store::NewJob job;
      job.type = schedule.job_type;
      job.payload = schedule.payload;
      job.max_attempts = schedule.max_attempts;
      job.run_at = stamp;
      job.dedupe_key = "schedule:" + schedule.name + ":" + due;
      auto enqueued = store::JobsRepository(*lease).Enqueue(job, stamp);
      if (!enqueued) continue;  // this due time already has its job
      tx.Commit();
      ++fired;
      spdlog::info("schedule {} fired for {} (job {}); next at {}", schedule.name, due, *enqueued,
                   next);
    }
  } catch (const soci::soci_error& e) {
    if (store::IsConstraintViolation(e)) return fired;  // a concurrent instance won the race
    return Fail(ErrorCode::kUnavailable, std::string("scheduler: ") + e.get_error_message());
  }
  return fired;
}

std::vector<ScheduleDefinition> SystemSchedules() {
  return {
      ScheduleDefinition{"jobs.purge", "jobs.purge", domain::DailyAtParisTime{3, 30},
                         R"({"keep_days":30})", 3},
      ScheduleDefinition{"quotes.expire", "quotes.expire", domain::DailyAtParisTime{0, 10}, "{}",
                         3},
      ScheduleDefinition{"database.optimize", "database.optimize", domain::DailyAtParisTime{4, 15},
                         "{}", 3},
      ScheduleDefinition{"equipment.checks_due", "equipment.checks_due",
                         domain::DailyAtParisTime{7, 0}, "{}", 3},
      // Each member's digest of the notifications they chose to receive that way.
      ScheduleDefinition{"notifications.digest", "notifications.digest",
                         domain::DailyAtParisTime{7, 10}, "{}", 3},
      ScheduleDefinition{"exports.purge", "exports.purge", domain::DailyAtParisTime{3, 45}, "{}",
                         3},
      // The instance's own backup (PLANIFY_BACKUP_DAILY=false skips it), before the
      // night's other jobs write.
      ScheduleDefinition{"backups.daily", "backups.run", domain::DailyAtParisTime{2, 30}, "{}", 2},
      // Hourly: each organisation's reminders go out once its own send hour has passed.
      ScheduleDefinition{"reminders.run", "reminders.run",
                         domain::EveryInterval{std::chrono::minutes(60)}, "{}", 3},
      // Every six hours: each Google Calendar connection pushed again (what a missed job or
      // an edit made in Google left behind) and its busy time read again.
      ScheduleDefinition{"calendar.sweep", "calendar.sweep",
                         domain::EveryInterval{std::chrono::minutes(360)}, "{}", 3}};
}

}  // namespace planify::jobs
