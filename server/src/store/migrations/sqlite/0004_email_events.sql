-- Delivery events reported by the e-mail provider's webhooks (append-only, deduplicated).

CREATE TABLE email_events (
  id                 INTEGER PRIMARY KEY,
  email_id           INTEGER REFERENCES emails (id) ON DELETE CASCADE,  -- NULL: unknown message
  provider           TEXT NOT NULL,
  provider_event_id  TEXT NOT NULL,
  type               TEXT NOT NULL,
  payload            TEXT NOT NULL,
  occurred_at        TEXT,
  received_at        TEXT NOT NULL,
  UNIQUE (provider, provider_event_id)
);

CREATE INDEX email_events_email_idx ON email_events (email_id);
