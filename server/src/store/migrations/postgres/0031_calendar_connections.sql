-- Google Calendar (issue 18, docs/calendar-sync.md). The SQLite file explains the tables.
CREATE TABLE calendar_connections (
  id                    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id       BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id               BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  provider              TEXT NOT NULL DEFAULT 'google' CHECK (provider IN ('google')),
  scope                 TEXT NOT NULL CHECK (scope IN ('personal', 'organization')),
  account_email         TEXT NOT NULL DEFAULT '',
  calendar_id           TEXT NOT NULL DEFAULT 'primary',
  refresh_token_sealed  TEXT NOT NULL,
  status                TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'broken')),
  last_error            TEXT NOT NULL DEFAULT '',
  last_synced_at        TIMESTAMPTZ,
  created_at            TIMESTAMPTZ NOT NULL,
  UNIQUE (organization_id, user_id, scope)
);

CREATE TABLE calendar_event_links (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  connection_id    BIGINT NOT NULL REFERENCES calendar_connections (id) ON DELETE CASCADE,
  mission_id       BIGINT NOT NULL,
  event_id         TEXT NOT NULL,
  generation       INTEGER NOT NULL DEFAULT 0,
  pushed_sequence  INTEGER NOT NULL,
  etag             TEXT NOT NULL DEFAULT '',
  updated_at       TIMESTAMPTZ NOT NULL,
  UNIQUE (connection_id, mission_id)
);
CREATE INDEX calendar_event_links_mission_idx ON calendar_event_links (organization_id, mission_id);
