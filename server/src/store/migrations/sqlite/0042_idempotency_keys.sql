-- Idempotency keys (issue 22, docs/pwa.md): a write the app may send again — an offline scan
-- resent when the network returns, after an answer that never arrived — carries a key; the
-- first success records it in the same transaction, so the same key is applied once.
-- `scope` names what it was used for ("gear.check_out:12"): the same key for another request is
-- refused.
CREATE TABLE idempotency_keys (
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  idem_key         TEXT NOT NULL CHECK (length(idem_key) BETWEEN 8 AND 100),
  scope            TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  PRIMARY KEY (organization_id, user_id, idem_key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
