#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/ids.hpp"
#include "domain/result.hpp"
#include "store/database.hpp"

namespace planify::store {

enum class JobStatus { kQueued, kRunning, kSucceeded, kDead };
[[nodiscard]] std::string_view JobStatusName(JobStatus status);
[[nodiscard]] std::optional<JobStatus> ParseJobStatus(std::string_view text);

struct NewJob {
  std::optional<OrganizationId> organization;  // empty: platform job
  std::string type;
  std::string payload = "{}";  // JSON object
  int max_attempts = 8;
  std::string run_at;  // ISO-8601 UTC; due from then on
  std::optional<std::string> dedupe_key;
};

struct JobRow {
  long long id = 0;
  std::optional<OrganizationId> organization;
  std::string type;
  std::string payload;
  JobStatus status = JobStatus::kQueued;
  int attempts = 0;
  int max_attempts = 0;
  std::string run_at;
  std::string lock_token;  // the claim this row was returned by
  std::string last_error;
  std::string created_at;
  std::string finished_at;
};

// The job queue's storage. Enqueue runs on the caller's lease (inside the business
// transaction); the worker-side calls open their own short transactions.
class JobsRepository {
 public:
  explicit JobsRepository(Lease& lease) : lease_(lease) {}

  // CONFLICT when dedupe_key is already used (the job exists: nothing to do).
  [[nodiscard]] Result<long long> Enqueue(const NewJob& job, const std::string& now);

  // Takes up to `limit` due jobs (queued and due, or running with an expired lock), marks them
  // running under `token` until `locked_until`, and counts the attempt. PostgreSQL skips rows
  // locked by other claimers (FOR UPDATE SKIP LOCKED); SQLite serialises claimers (BEGIN
  // IMMEDIATE). Opens and commits its own transaction.
  [[nodiscard]] std::vector<JobRow> Claim(const std::string& worker, const std::string& token,
                                          const std::string& now, const std::string& locked_until,
                                          int limit);

  // Fenced transitions: each applies only while the job is running under `token`, and says
  // whether it did. A worker whose lock expired and was re-claimed cannot finish the job.
  // They run on the caller's lease (and transaction, when there is one).
  [[nodiscard]] bool Complete(long long id, const std::string& token, const std::string& now);
  [[nodiscard]] bool Reschedule(long long id, const std::string& token, const std::string& error,
                                const std::string& run_at, const std::string& now);
  [[nodiscard]] bool Bury(long long id, const std::string& token, const std::string& error,
                          const std::string& now);
  // Extends the lock of a long job; false if the lock was lost.
  [[nodiscard]] bool Heartbeat(long long id, const std::string& token,
                               const std::string& locked_until, const std::string& now);

  // A dead (or succeeded) job back to the queue with fresh attempts. NOT_FOUND / CONFLICT.
  [[nodiscard]] Result<void> Requeue(long long id, const std::string& now);

  [[nodiscard]] std::optional<JobRow> Find(long long id);
  [[nodiscard]] std::vector<JobRow> List(std::optional<JobStatus> status, int limit);
  // One organisation's jobs in a status, newest first.
  [[nodiscard]] std::vector<JobRow> ListForOrganization(OrganizationId organization,
                                                        JobStatus status, int limit);
  [[nodiscard]] long long Count(std::optional<JobStatus> status);

 private:
  Lease& lease_;
};

}  // namespace planify::store
