-- The legacy static/ folder as a .zip archive, sent from Administration → Importer with the
-- database (issue 23): kept like the database, in chunks, until the import is done; read by
-- the import through ZipReader (docs/legacy-import.md). And each report's summary (its tables,
-- totals and first 200 notes: what the page shows while it polls), kept with the report.
ALTER TABLE legacy_uploads ADD COLUMN files_filename TEXT NOT NULL DEFAULT '';
ALTER TABLE legacy_uploads ADD COLUMN files_size_bytes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE legacy_uploads ADD COLUMN files_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE legacy_uploads ADD COLUMN dry_summary TEXT;
ALTER TABLE legacy_uploads ADD COLUMN summary TEXT;

CREATE TABLE legacy_upload_file_chunks (
  organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  upload_id        BIGINT NOT NULL,
  seq              INTEGER NOT NULL CHECK (seq >= 0),
  content_base64   TEXT NOT NULL,
  PRIMARY KEY (upload_id, seq),
  CONSTRAINT legacy_upload_file_chunks_upload_id_fkey FOREIGN KEY (organization_id, upload_id)
    REFERENCES legacy_uploads (organization_id, id) ON DELETE CASCADE
);

-- A crew profile erased at the person's request (RGPD art. 17, docs/personal-data.md): its name
-- replaced, its contact details and notes emptied; the crew lines of past missions stay.
ALTER TABLE crew_profiles ADD COLUMN erased_at TIMESTAMPTZ;
