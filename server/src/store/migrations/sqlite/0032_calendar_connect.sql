-- Google Calendar connect flow and busy time (issue 18, docs/calendar-sync.md).
-- calendar_connections: `import_busy` when the member let us read their free/busy (scope
-- calendar.freebusy granted), `busy_synced_at` the last import; `disconnected_at` set when the
-- member disconnects: the next sync deletes the events it made, revokes the grant and removes
-- the row.
-- crew_unavailability: `source` google for a busy period read from a connected calendar
-- (replaced at each import, never edited by hand, no private detail kept), with its connection.
ALTER TABLE calendar_connections ADD COLUMN import_busy INTEGER NOT NULL DEFAULT 0;
ALTER TABLE calendar_connections ADD COLUMN busy_synced_at TEXT;
ALTER TABLE calendar_connections ADD COLUMN disconnected_at TEXT;
ALTER TABLE crew_unavailability ADD COLUMN source TEXT NOT NULL DEFAULT 'manual'
  CHECK (source IN ('manual', 'google'));
ALTER TABLE crew_unavailability ADD COLUMN calendar_connection_id INTEGER
  REFERENCES calendar_connections (id) ON DELETE CASCADE;
CREATE INDEX crew_unavailability_connection_idx ON crew_unavailability (calendar_connection_id);
