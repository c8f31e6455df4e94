-- The proof attached to a manual payment (bank statement, cheque scan, receipt): PDF, PNG or
-- JPEG up to 8 MiB, checked by its first bytes, one per payment (a new upload replaces it).

CREATE TABLE payment_proofs (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  payment_id       BIGINT NOT NULL UNIQUE REFERENCES payments (id) ON DELETE CASCADE,
  filename         TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
  content_type     TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/png',
                                                        'image/jpeg')),
  size_bytes       INTEGER NOT NULL CHECK (size_bytes BETWEEN 1 AND 8388608),
  sha256           TEXT NOT NULL,
  content_base64   TEXT NOT NULL,
  created_at       TIMESTAMPTZ NOT NULL
);
