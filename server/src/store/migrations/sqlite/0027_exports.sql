-- Exports made in the background or at once (issue 17, docs/exports.md).
--
-- exports: one row per requested file, with its progress (rows_done of rows_total) so the
-- Exports page can show it, and its expiry (kept 7 days, then purged with its content).
-- export_chunks: the file itself, in pieces of at most 1 MiB (base64), so every instance of a
-- multi-instance deployment can serve it and neither writing nor serving holds it whole.

CREATE TABLE exports (
  id                    INTEGER PRIMARY KEY,
  organization_id       INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  requested_by_user_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
  entity                TEXT NOT NULL CHECK (length(entity) BETWEEN 1 AND 40),
  format                TEXT NOT NULL CHECK (format IN ('csv', 'csv_rfc', 'xlsx')),
  filters               TEXT NOT NULL DEFAULT '{}',
  status                TEXT NOT NULL CHECK (status IN ('queued', 'running', 'ready', 'failed')),
  rows_total            INTEGER NOT NULL DEFAULT 0 CHECK (rows_total >= 0),
  rows_done             INTEGER NOT NULL DEFAULT 0 CHECK (rows_done >= 0),
  filename              TEXT NOT NULL,
  content_type          TEXT NOT NULL,
  size_bytes            INTEGER NOT NULL DEFAULT 0 CHECK (size_bytes >= 0),
  sha256                TEXT NOT NULL DEFAULT '',
  error                 TEXT,
  created_at            TEXT NOT NULL,
  finished_at           TEXT,
  expires_at            TEXT NOT NULL,
  CONSTRAINT exports_org_id_key UNIQUE (organization_id, id)
);
CREATE INDEX exports_expires_idx ON exports (expires_at);

CREATE TABLE export_chunks (
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  export_id        INTEGER NOT NULL,
  seq              INTEGER NOT NULL CHECK (seq >= 0),
  content_base64   TEXT NOT NULL,
  PRIMARY KEY (export_id, seq),
  CONSTRAINT export_chunks_export_id_fkey FOREIGN KEY (organization_id, export_id)
    REFERENCES exports (organization_id, id) ON DELETE CASCADE
);
