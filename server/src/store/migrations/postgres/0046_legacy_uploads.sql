-- Legacy databases uploaded from Administration → Importer (issue 23, docs/legacy-import.md).
-- The file is kept in the database, in chunks (every instance's worker can read it, as exports
-- do); the legacy encryption key sealed with Planify's key. A worker job checks it (a dry run:
-- dry_report) and, when asked, imports it (report), writing its progress as it goes.
CREATE TABLE legacy_uploads (
  id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id      BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  uploaded_by_user_id  BIGINT REFERENCES users (id) ON DELETE SET NULL,
  filename             TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
  size_bytes           BIGINT NOT NULL CHECK (size_bytes > 0),
  sha256               TEXT NOT NULL CHECK (length(sha256) = 64),
  key_sealed           TEXT NOT NULL DEFAULT '',
  skip_test_data       INTEGER NOT NULL DEFAULT 0 CHECK (skip_test_data IN (0, 1)),
  status               TEXT NOT NULL CHECK (status IN ('checking', 'checked', 'importing',
                                                       'imported', 'failed')),
  progress             TEXT NOT NULL DEFAULT '{}',
  dry_report           TEXT,
  report               TEXT,
  error                TEXT,
  created_at           TIMESTAMPTZ NOT NULL,
  updated_at           TIMESTAMPTZ NOT NULL,
  UNIQUE (organization_id, id)
);
CREATE INDEX legacy_uploads_org_idx ON legacy_uploads (organization_id, id);
-- One upload being checked or imported per organisation at a time.
CREATE UNIQUE INDEX legacy_uploads_busy_idx ON legacy_uploads (organization_id)
  WHERE status IN ('checking', 'importing');

CREATE TABLE legacy_upload_chunks (
  organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  upload_id        BIGINT NOT NULL,
  seq              INTEGER NOT NULL CHECK (seq >= 0),
  content_base64   TEXT NOT NULL,
  PRIMARY KEY (upload_id, seq),
  CONSTRAINT legacy_upload_chunks_upload_id_fkey FOREIGN KEY (organization_id, upload_id)
    REFERENCES legacy_uploads (organization_id, id) ON DELETE CASCADE
);
