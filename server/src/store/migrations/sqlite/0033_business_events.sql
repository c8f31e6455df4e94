-- Business events (issue 20, docs/analytics.md): what happened in an organisation — a quote
-- sent or signed, an invoice issued or paid, a payment received, a mission confirmed, a member
-- who joined — written in the same transaction as the audit entry of the action, so an event
-- exists exactly when the action committed. Ids and a few figures only, never a name, an
-- e-mail or an address. `forward_uuid` is given on the first attempt to forward the event to
-- the configured analytics provider and kept, so a retry sends the same event id (the
-- provider deduplicates on it); `forwarded_at` once the provider accepted it.
CREATE TABLE business_events (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  actor_user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
  subject_type     TEXT NOT NULL,
  subject_id       TEXT NOT NULL,
  properties       TEXT NOT NULL DEFAULT '{}',
  occurred_at      TEXT NOT NULL,
  forward_uuid     TEXT UNIQUE,
  forwarded_at     TEXT
);
CREATE INDEX business_events_org_idx ON business_events (organization_id, name, occurred_at);
CREATE INDEX business_events_pending_idx ON business_events (id) WHERE forwarded_at IS NULL;
