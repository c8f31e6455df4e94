#include "store/jobs_repository.hpp"

namespace planify::store {

std::string_view JobStatusName(JobStatus status) {
  switch (status) {
    case JobStatus::kQueued:
      return "queued";
    case JobStatus::kRunning:
      return "running";
    case JobStatus::kSucceeded:
      return "succeeded";
    case JobStatus::kDead:
      return "dead";
  }
  return "queued";
}

std::optional<JobStatus> ParseJobStatus(std::string_view text) {
  for (auto s :
       {JobStatus::kQueued, JobStatus::kRunning, JobStatus::kSucceeded, JobStatus::kDead}) {
    if (JobStatusName(s) == text) return s;
  }
  return std::nullopt;
}

namespace {

constexpr const char* kColumns =
    "id, organization_id, type, payload, status, attempts, max_attempts, CAST(run_at AS TEXT), "
    "lock_token, last_error, CAST(created_at AS TEXT), CAST(finished_at AS TEXT)";

std::string Text(const soci::row& row, std::size_t i) {
  return row.get_indicator(i) == soci::i_null ? std::string() : row.get<std::string>(i);
}

std::string Ts(Dialect dialect, const std::string& text) {
  if (text.empty() || dialect == Dialect::kSqlite) return text;
  return NormalizeTimestamp(text);
}

JobRow ReadJob(const soci::row& row, Dialect dialect) {
  JobRow job;
  job.id = GetInt64(row, 0);
  if (row.get_indicator(1) != soci::i_null) job.organization = OrganizationId{GetInt64(row, 1)};
  job.type = row.get<std::string>(2);
  job.payload = row.get<std::string>(3);
  job.status = ParseJobStatus(row.get<std::string>(4)).value_or(JobStatus::kQueued);
  job.attempts = static_cast<int>(GetInt64(row, 5));
  job.max_attempts = static_cast<int>(GetInt64(row, 6));
  job.run_at = Ts(dialect, row.get<std::string>(7));
  job.lock_token = Text(row, 8);
  job.last_error = Text(row, 9);
  job.created_at = Ts(dialect, row.get<std::string>(10));
  job.finished_at = Ts(dialect, Text(row, 11));
  return job;
}

// Error texts are for people; keep them bounded.
std::string Clip(const std::string& text) {
  return text.size() > 2000 ? text.substr(0, 2000) : text;
}

}  // namespace

Result<long long> JobsRepository::Enqueue(const NewJob& job, const std::string& now) {
  if (job.dedupe_key) {
    long long taken = 0;
    *lease_ << "SELECT count(*) FROM jobs WHERE dedupe_key = :k", soci::use(*job.dedupe_key),
        soci::into(taken);
    if (taken > 0) return Fail(ErrorCode::kConflict, "job already enqueued: " + *job.dedupe_key);
  }
  long long org = job.organization ? job.organization->value : 0;
  soci::indicator org_ind = job.organization ? soci::i_ok : soci::i_null;
  std::string dedupe = job.dedupe_key.value_or("");
  soci::indicator dedupe_ind = job.dedupe_key ? soci::i_ok : soci::i_null;
  long long id = 0;
  *lease_ << "INSERT INTO jobs (organization_id, type, payload, status, attempts, max_attempts, "
             "run_at, dedupe_key, created_at, updated_at) VALUES (:org, :type, :payload, 'queued', "
             "0, :max, :run_at, :dedupe, :created, :updated) RETURNING id",
      soci::use(org, org_ind), soci::use(job.type), soci::use(job.payload),
      soci::use(job.max_attempts), soci::use(job.run_at), soci::use(dedupe, dedupe_ind),
      soci::use(now), soci::use(now), soci::into(id);
  return id;
}

std::vector<JobRow> JobsRepository::Claim(const std::string& worker, const std::string& token,
                                          const std::string& now, const std::string& locked_until,
                                          int limit) {
  const bool pg = lease_.dialect() == Dialect::kPostgres;
  std::string sql =
      std::string(
          "UPDATE jobs SET status = 'running', attempts = attempts + 1, lock_token = :token, "
          "locked_by = :worker, locked_until = :until, updated_at = :now1 "
          "WHERE id IN (SELECT id FROM jobs WHERE (status = 'queued' AND run_at <= :now2) "
          "OR (status = 'running' AND locked_until < :now3) ORDER BY run_at, id LIMIT :lim") +
      (pg ? " FOR UPDATE SKIP LOCKED" : "") + ") RETURNING " + kColumns;
  std::vector<JobRow> out;
  WriteTransaction tx(lease_);
  {
    soci::rowset<soci::row> rows =
        (lease_->prepare << sql, soci::use(token, "token"), soci::use(worker, "worker"),
         soci::use(locked_until, "until"), soci::use(now, "now1"), soci::use(now, "now2"),
         soci::use(now, "now3"), soci::use(limit, "lim"));
    for (const auto& row : rows) out.push_back(ReadJob(row, lease_.dialect()));
  }
  tx.Commit();
  return out;
}

namespace {

long long AffectedRows(soci::statement& st) { return st.get_affected_rows(); }

}  // namespace

bool JobsRepository::Complete(long long id, const std::string& token, const std::string& now) {
  soci::statement st =
      (lease_->prepare
           << "UPDATE jobs SET status = 'succeeded', lock_token = NULL, locked_by = NULL, "
              "locked_until = NULL, finished_at = :fin, updated_at = :upd "
              "WHERE id = :id AND status = 'running' AND lock_token = :token",
       soci::use(now, "fin"), soci::use(now, "upd"), soci::use(id, "id"),
       soci::use(token, "token"));
  st.execute(true);
  return AffectedRows(st) == 1;
}

bool JobsRepository::Reschedule(long long id, const std::string& token, const std::string& error,
                                const std::string& run_at, const std::string& now) {
  std::string clipped = Clip(error);
  soci::statement st =
      (lease_->prepare
           << "UPDATE jobs SET status = 'queued', lock_token = NULL, locked_by = NULL, "
              "locked_until = NULL, last_error = :err, run_at = :run_at, updated_at = :upd "
              "WHERE id = :id AND status = 'running' AND lock_token = :token",
       soci::use(clipped, "err"), soci::use(run_at, "run_at"), soci::use(now, "upd"),
       soci::use(id, "id"), soci::use(token, "token"));
  st.execute(true);
  return AffectedRows(st) == 1;
}

bool JobsRepository::Bury(long long id, const std::string& token, const std::string& error,
                          const std::string& now) {
  std::string clipped = Clip(error);
  soci::statement st =
      (lease_->prepare
           << "UPDATE jobs SET status = 'dead', lock_token = NULL, locked_by = NULL, "
              "locked_until = NULL, last_error = :err, finished_at = :fin, updated_at = :upd "
              "WHERE id = :id AND status = 'running' AND lock_token = :token",
       soci::use(clipped, "err"), soci::use(now, "fin"), soci::use(now, "upd"), soci::use(id, "id"),
       soci::use(token, "token"));
  st.execute(true);
  return AffectedRows(st) == 1;
}

bool JobsRepository::Heartbeat(long long id, const std::string& token,
                               const std::string& locked_until, const std::string& now) {
  soci::statement st =
      (lease_->prepare << "UPDATE jobs SET locked_until = :until, updated_at = :upd "
                          "WHERE id = :id AND status = 'running' AND lock_token = :token",
       soci::use(locked_until, "until"), soci::use(now, "upd"), soci::use(id, "id"),
       soci::use(token, "token"));
  st.execute(true);
  return AffectedRows(st) == 1;
}

Result<void> JobsRepository::Requeue(long long id, const std::string& now) {
  auto job = Find(id);
  if (!job) return Fail(ErrorCode::kNotFound, "no job " + std::to_string(id));
  if (job->status == JobStatus::kQueued || job->status == JobStatus::kRunning) {
    return Fail(ErrorCode::kConflict,
                "job " + std::to_string(id) + " is " + std::string(JobStatusName(job->status)));
  }
  *lease_
      << "UPDATE jobs SET status = 'queued', attempts = 0, run_at = :run_at, finished_at = NULL, "
         "updated_at = :upd WHERE id = :id",
      soci::use(now, "run_at"), soci::use(now, "upd"), soci::use(id, "id");
  return {};
}

std::optional<JobRow> JobsRepository::Find(long long id) {
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string("SELECT ") + kColumns + " FROM jobs WHERE id = :id",
       soci::use(id));
  for (const auto& row : rows) return ReadJob(row, lease_.dialect());
  return std::nullopt;
}

std::vector<JobRow> JobsRepository::ListForOrganization(OrganizationId organization,
                                                        JobStatus status, int limit) {
  long long org = organization.value;
  std::string name(JobStatusName(status));
  std::vector<JobRow> out;
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string("SELECT ") + kColumns +
                              " FROM jobs WHERE organization_id = :org AND status = :status "
                              "ORDER BY id DESC LIMIT :lim",
       soci::use(org, "org"), soci::use(name, "status"), soci::use(limit, "lim"));
  for (const auto& row : rows) out.push_back(ReadJob(row, lease_.dialect()));
  return out;
}

std::vector<JobRow> JobsRepository::List(std::optional<JobStatus> status, int limit) {
  std::vector<JobRow> out;
  std::string name(status ? JobStatusName(*status) : "");
  std::string sql = std::string("SELECT ") + kColumns + " FROM jobs" +
                    (status ? " WHERE status = :status" : "") + " ORDER BY id DESC LIMIT :lim";
  if (status) {
    soci::rowset<soci::row> rows =
        (lease_->prepare << sql, soci::use(name, "status"), soci::use(limit, "lim"));
    for (const auto& row : rows) out.push_back(ReadJob(row, lease_.dialect()));
  } else {
    soci::rowset<soci::row> rows = (lease_->prepare << sql, soci::use(limit, "lim"));
    for (const auto& row : rows) out.push_back(ReadJob(row, lease_.dialect()));
  }
  return out;
}

long long JobsRepository::Count(std::optional<JobStatus> status) {
  long long n = 0;
  if (status) {
    std::string name(JobStatusName(*status));
    *lease_ << "SELECT count(*) FROM jobs WHERE status = :s", soci::use(name), soci::into(n);
  } else {
    *lease_ << "SELECT count(*) FROM jobs", soci::into(n);
  }
  return n;
}

}  // namespace planify::store
