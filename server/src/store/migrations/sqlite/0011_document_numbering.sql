-- Gap-free document numbering (docs/data-model.md §1.9): one counter per organisation,
-- document type and year, advanced inside the transaction that issues the document.

CREATE TABLE document_sequences (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  document_type    TEXT NOT NULL CHECK (document_type IN ('quote', 'invoice', 'credit_note',
                                                          'payment', 'booking_request')),
  year             INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
  last_number      INTEGER NOT NULL DEFAULT 0 CHECK (last_number >= 0),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  UNIQUE (organization_id, document_type, year)
);
