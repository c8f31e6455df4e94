-- Calendar feeds (issue 18, docs/calendar-sync.md): secret iCalendar URLs a member subscribes
-- to from a phone or Google Calendar. `scope` personal: the missions the owner is on and their
-- time off; organization: every mission, for planners, optionally narrowed to `statuses`
-- (space-separated mission statuses; '' = all but drafts) and to one person (`crew_user_id`).
-- The token is looked up by its SHA-256 (`token_hash`) and kept sealed with the server's key
-- (`token_sealed`) so its owner can copy the URL again; a database copy alone reveals neither.
-- A feed reads as its owner: their role and membership are checked at every fetch.
CREATE TABLE calendar_feeds (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  scope            TEXT NOT NULL CHECK (scope IN ('personal', 'organization')),
  statuses         TEXT NOT NULL DEFAULT '',
  crew_user_id     INTEGER REFERENCES users (id) ON DELETE CASCADE,
  token_hash       TEXT NOT NULL UNIQUE,
  token_sealed     TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  last_fetched_at  TEXT,
  revoked_at       TEXT
);
CREATE INDEX calendar_feeds_owner_idx ON calendar_feeds (organization_id, user_id);
