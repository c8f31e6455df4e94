-- Imports of legacy databases (issue 23, docs/legacy-import.md). The SQLite file explains them.
CREATE TABLE legacy_imports (
  id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id     BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  source_filename     TEXT NOT NULL,
  source_sha256       TEXT NOT NULL CHECK (length(source_sha256) = 64),
  status              TEXT NOT NULL CHECK (status IN ('running', 'succeeded')),
  options             TEXT NOT NULL DEFAULT '{}',
  started_by_user_id  BIGINT REFERENCES users (id) ON DELETE SET NULL,
  started_at          TIMESTAMPTZ NOT NULL,
  finished_at         TIMESTAMPTZ,
  UNIQUE (organization_id, source_sha256)
);
CREATE INDEX legacy_imports_sha_idx ON legacy_imports (source_sha256);

CREATE TABLE legacy_import_steps (
  import_id       BIGINT NOT NULL REFERENCES legacy_imports (id) ON DELETE CASCADE,
  legacy_table    TEXT NOT NULL,
  last_legacy_id  BIGINT NOT NULL DEFAULT 0,
  done            INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
  counts          TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (import_id, legacy_table)
);

CREATE TABLE legacy_import_notes (
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  import_id      BIGINT NOT NULL REFERENCES legacy_imports (id) ON DELETE CASCADE,
  legacy_table   TEXT NOT NULL,
  legacy_id      BIGINT,
  severity       TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'error')),
  legacy_column  TEXT NOT NULL DEFAULT '',
  raw_value      TEXT,
  message        TEXT NOT NULL
);
CREATE INDEX legacy_import_notes_import_idx ON legacy_import_notes (import_id, legacy_table);
