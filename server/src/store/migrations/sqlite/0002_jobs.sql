-- Durable job queue (outbox pattern: jobs are inserted in the transaction of the change that
-- causes them) and recurring schedules that fire once per due time across instances.

CREATE TABLE jobs (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER REFERENCES organizations (id) ON DELETE CASCADE,  -- NULL: platform job
  type             TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 100),
  payload          TEXT NOT NULL,                      -- JSON object
  status           TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'dead')),
  attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts     INTEGER NOT NULL CHECK (max_attempts BETWEEN 1 AND 100),
  run_at           TEXT NOT NULL,
  lock_token       TEXT,                               -- fencing: only its holder may finish the job
  locked_by        TEXT,
  locked_until     TEXT,
  last_error       TEXT,
  dedupe_key       TEXT UNIQUE,                        -- at most one job per key (schedules, idempotent enqueues)
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  finished_at      TEXT
);

CREATE INDEX jobs_due_idx ON jobs (status, run_at);
CREATE INDEX jobs_organization_idx ON jobs (organization_id);

CREATE TABLE job_schedules (
  name         TEXT PRIMARY KEY,
  job_type     TEXT NOT NULL,
  next_run_at  TEXT NOT NULL,
  last_run_at  TEXT,
  updated_at   TEXT NOT NULL
);
