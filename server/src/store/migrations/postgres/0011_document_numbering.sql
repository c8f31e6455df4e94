-- Gap-free document numbering (docs/data-model.md §1.9): one counter per organisation,
-- document type and year, advanced inside the transaction that issues the document.

CREATE TABLE document_sequences (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  document_type    TEXT NOT NULL CHECK (document_type IN ('quote', 'invoice', 'credit_note',
                                                          'payment', 'booking_request')),
  year             INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
  last_number      INTEGER NOT NULL DEFAULT 0 CHECK (last_number >= 0),
  created_at       TIMESTAMPTZ NOT NULL,
  updated_at       TIMESTAMPTZ NOT NULL,
  UNIQUE (organization_id, document_type, year)
);
