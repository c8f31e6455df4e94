-- Google Calendar (issue 18, docs/calendar-sync.md): a member's connection to their Google
-- account, and which Google event stands for which mission.
-- calendar_connections: `scope` personal pushes the member's own missions, organization every
-- mission (planners); the refresh token is sealed with the server's key; `status` broken when
-- Google refused it (the member reconnects), with `last_error` in French for the profile page.
-- calendar_event_links: per connection and mission, the Google event id (ours, of
-- `generation`: an id Google burned by a deletion is not reused), the mission's ical_sequence
-- last pushed (-1: the event was deleted) and Google's etag. No foreign key to missions: a
-- deleted mission's event still has to be removed.
CREATE TABLE calendar_connections (
  id                    INTEGER PRIMARY KEY,
  organization_id       INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id               INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  provider              TEXT NOT NULL DEFAULT 'google' CHECK (provider IN ('google')),
  scope                 TEXT NOT NULL CHECK (scope IN ('personal', 'organization')),
  account_email         TEXT NOT NULL DEFAULT '',
  calendar_id           TEXT NOT NULL DEFAULT 'primary',
  refresh_token_sealed  TEXT NOT NULL,
  status                TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'broken')),
  last_error            TEXT NOT NULL DEFAULT '',
  last_synced_at        TEXT,
  created_at            TEXT NOT NULL,
  UNIQUE (organization_id, user_id, scope)
);

CREATE TABLE calendar_event_links (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  connection_id    INTEGER NOT NULL REFERENCES calendar_connections (id) ON DELETE CASCADE,
  mission_id       INTEGER NOT NULL,
  event_id         TEXT NOT NULL,
  generation       INTEGER NOT NULL DEFAULT 0,
  pushed_sequence  INTEGER NOT NULL,
  etag             TEXT NOT NULL DEFAULT '',
  updated_at       TEXT NOT NULL,
  UNIQUE (connection_id, mission_id)
);
CREATE INDEX calendar_event_links_mission_idx ON calendar_event_links (organization_id, mission_id);
