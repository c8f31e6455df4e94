-- Calendar feeds (issue 18, docs/calendar-sync.md). The SQLite file explains the table.
CREATE TABLE calendar_feeds (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id          BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  scope            TEXT NOT NULL CHECK (scope IN ('personal', 'organization')),
  statuses         TEXT NOT NULL DEFAULT '',
  crew_user_id     BIGINT REFERENCES users (id) ON DELETE CASCADE,
  token_hash       TEXT NOT NULL UNIQUE,
  token_sealed     TEXT NOT NULL,
  created_at       TIMESTAMPTZ NOT NULL,
  last_fetched_at  TIMESTAMPTZ,
  revoked_at       TIMESTAMPTZ
);
CREATE INDEX calendar_feeds_owner_idx ON calendar_feeds (organization_id, user_id);
