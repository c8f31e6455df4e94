-- Business events (issue 20, docs/analytics.md). The SQLite file explains the table.
CREATE TABLE business_events (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  actor_user_id    BIGINT REFERENCES users (id) ON DELETE SET NULL,
  subject_type     TEXT NOT NULL,
  subject_id       TEXT NOT NULL,
  properties       TEXT NOT NULL DEFAULT '{}',
  occurred_at      TIMESTAMPTZ NOT NULL,
  forward_uuid     TEXT UNIQUE,
  forwarded_at     TIMESTAMPTZ
);
CREATE INDEX business_events_org_idx ON business_events (organization_id, name, occurred_at);
CREATE INDEX business_events_pending_idx ON business_events (id) WHERE forwarded_at IS NULL;
