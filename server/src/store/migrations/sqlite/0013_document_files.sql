-- The exact PDF of each document as it was sent, issued or signed (docs/data-model.md §3.8), and
-- the evidence of a quote's online signature. A stored PDF never changes: its SHA-256 is kept
-- beside it and in the signature that refers to it.

CREATE TABLE document_files (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  document_type    TEXT NOT NULL CHECK (document_type IN ('quote', 'invoice', 'credit_note')),
  document_id      INTEGER NOT NULL,
  purpose          TEXT NOT NULL CHECK (purpose IN ('sent', 'issued', 'signed')),
  filename         TEXT NOT NULL,
  size_bytes       INTEGER NOT NULL CHECK (size_bytes > 0),
  sha256           TEXT NOT NULL,
  content_base64   TEXT NOT NULL,
  created_at       TEXT NOT NULL
);
CREATE INDEX document_files_document_idx
  ON document_files (organization_id, document_type, document_id);

ALTER TABLE quotes ADD COLUMN pdf_file_id INTEGER REFERENCES document_files (id);
ALTER TABLE invoices ADD COLUMN pdf_file_id INTEGER REFERENCES document_files (id);
ALTER TABLE credit_notes ADD COLUMN pdf_file_id INTEGER REFERENCES document_files (id);

CREATE TABLE signatures (
  id                INTEGER PRIMARY KEY,
  organization_id   INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  quote_id          INTEGER NOT NULL UNIQUE REFERENCES quotes (id),
  signer_name       TEXT,
  signer_email      TEXT,
  method            TEXT NOT NULL CHECK (method IN ('drawn', 'typed')),
  image_base64      TEXT,
  consent_text      TEXT,
  signed_at         TEXT NOT NULL,
  ip_address        TEXT,
  user_agent        TEXT,
  document_sha256   TEXT,
  document_file_id  INTEGER REFERENCES document_files (id),
  signed_file_id    INTEGER REFERENCES document_files (id),
  evidence          TEXT NOT NULL CHECK (evidence IN ('full', 'legacy_partial')),
  created_at        TEXT NOT NULL
);
