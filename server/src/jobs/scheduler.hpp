#pragma once

#include <string>
#include <vector>

#include "app/ports.hpp"
#include "domain/result.hpp"
#include "domain/schedule.hpp"
#include "store/database.hpp"

namespace planify::jobs {

struct ScheduleDefinition {
  std::string name;      // stable identifier, e.g. "jobs.purge"
  std::string job_type;  // the job enqueued at each due time
  domain::Recurrence rule;
  std::string payload = "{}";
  int max_attempts = 3;
};

// Fires recurring jobs: each due time enqueues exactly one job across every instance sharing
// the database (a conditional update of job_schedules.next_run_at plus a dedupe key, in one
// transaction). A due time missed while every instance was down fires once, not once per miss.
class Scheduler {
 public:
  Scheduler(store::Database& db, const app::Clock& clock, std::vector<ScheduleDefinition> schedules)
      : db_(db), clock_(clock), schedules_(std::move(schedules)) {}

  // Number of jobs this call enqueued; UNAVAILABLE on database trouble.
  [[nodiscard]] Result<int> Tick();
  [[nodiscard]] const std::vector<ScheduleDefinition>& schedules() const { return schedules_; }

 private:
  store::Database& db_;
  const app::Clock& clock_;
  std::vector<ScheduleDefinition> schedules_;
};

// The schedules every instance runs: today the nightly purge of old succeeded jobs.
[[nodiscard]] std::vector<ScheduleDefinition> SystemSchedules();

}  // namespace planify::jobs
