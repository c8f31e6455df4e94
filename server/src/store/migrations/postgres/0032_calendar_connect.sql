-- Google Calendar connect flow and busy time (issue 18). The SQLite file explains the columns.
ALTER TABLE calendar_connections ADD COLUMN import_busy INTEGER NOT NULL DEFAULT 0;
ALTER TABLE calendar_connections ADD COLUMN busy_synced_at TIMESTAMPTZ;
ALTER TABLE calendar_connections ADD COLUMN disconnected_at TIMESTAMPTZ;
ALTER TABLE crew_unavailability ADD COLUMN source TEXT NOT NULL DEFAULT 'manual'
  CHECK (source IN ('manual', 'google'));
ALTER TABLE crew_unavailability ADD COLUMN calendar_connection_id BIGINT
  REFERENCES calendar_connections (id) ON DELETE CASCADE;
CREATE INDEX crew_unavailability_connection_idx ON crew_unavailability (calendar_connection_id);
