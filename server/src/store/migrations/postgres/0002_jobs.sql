-- Durable job queue (outbox pattern: jobs are inserted in the transaction of the change that
-- causes them) and recurring schedules that fire once per due time across instances.
-- payload is TEXT holding a JSON object (validated by the application) so both dialects bind it
-- the same way.

CREATE TABLE jobs (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id  BIGINT REFERENCES organizations (id) ON DELETE CASCADE,  -- NULL: platform job
  type             TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 100),
  payload          TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'dead')),
  attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts     INTEGER NOT NULL CHECK (max_attempts BETWEEN 1 AND 100),
  run_at           TIMESTAMPTZ NOT NULL,
  lock_token       TEXT,
  locked_by        TEXT,
  locked_until     TIMESTAMPTZ,
  last_error       TEXT,
  dedupe_key       TEXT UNIQUE,
  created_at       TIMESTAMPTZ NOT NULL,
  updated_at       TIMESTAMPTZ NOT NULL,
  finished_at      TIMESTAMPTZ
);

CREATE INDEX jobs_due_idx ON jobs (status, run_at);
CREATE INDEX jobs_organization_idx ON jobs (organization_id);

CREATE TABLE job_schedules (
  name         TEXT PRIMARY KEY,
  job_type     TEXT NOT NULL,
  next_run_at  TIMESTAMPTZ NOT NULL,
  last_run_at  TIMESTAMPTZ,
  updated_at   TIMESTAMPTZ NOT NULL
);
