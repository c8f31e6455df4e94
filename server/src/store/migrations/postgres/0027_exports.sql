-- Exports made in the background or at once (issue 17, docs/exports.md). The SQLite file
-- explains each table.

CREATE TABLE exports (
  id                    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id       BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  requested_by_user_id  BIGINT REFERENCES users (id) ON DELETE SET NULL,
  entity                TEXT NOT NULL CHECK (length(entity) BETWEEN 1 AND 40),
  format                TEXT NOT NULL CHECK (format IN ('csv', 'csv_rfc', 'xlsx')),
  filters               TEXT NOT NULL DEFAULT '{}',
  status                TEXT NOT NULL CHECK (status IN ('queued', 'running', 'ready', 'failed')),
  rows_total            BIGINT NOT NULL DEFAULT 0 CHECK (rows_total >= 0),
  rows_done             BIGINT NOT NULL DEFAULT 0 CHECK (rows_done >= 0),
  filename              TEXT NOT NULL,
  content_type          TEXT NOT NULL,
  size_bytes            BIGINT NOT NULL DEFAULT 0 CHECK (size_bytes >= 0),
  sha256                TEXT NOT NULL DEFAULT '',
  error                 TEXT,
  created_at            TIMESTAMPTZ NOT NULL,
  finished_at           TIMESTAMPTZ,
  expires_at            TIMESTAMPTZ NOT NULL,
  CONSTRAINT exports_org_id_key UNIQUE (organization_id, id)
);
CREATE INDEX exports_expires_idx ON exports (expires_at);

CREATE TABLE export_chunks (
  organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  export_id        BIGINT NOT NULL,
  seq              INTEGER NOT NULL CHECK (seq >= 0),
  content_base64   TEXT NOT NULL,
  PRIMARY KEY (export_id, seq),
  CONSTRAINT export_chunks_export_id_fkey FOREIGN KEY (organization_id, export_id)
    REFERENCES exports (organization_id, id) ON DELETE CASCADE
);
