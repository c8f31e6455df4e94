-- Idempotency keys (issue 22, docs/pwa.md). The SQLite file explains the table.
CREATE TABLE idempotency_keys (
  organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id          BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  idem_key         TEXT NOT NULL CHECK (length(idem_key) BETWEEN 8 AND 100),
  scope            TEXT NOT NULL,
  created_at       TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (organization_id, user_id, idem_key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
