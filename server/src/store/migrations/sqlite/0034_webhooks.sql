-- Outgoing webhooks (issue 20, docs/webhooks.md). An organisation's endpoints: the URL (https,
-- public), the business events it wants (space-separated names), its signing secret sealed
-- with the server key, `active` or `disabled` (after repeated failed deliveries, or by hand).
-- Each delivery is logged: the signed body as sent, attempts, the last answer's status and
-- time, its error; a replay is a new delivery naming the one it repeats.
CREATE TABLE webhook_endpoints (
  id                    INTEGER PRIMARY KEY,
  organization_id       INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  url                   TEXT NOT NULL CHECK (length(url) BETWEEN 1 AND 2000),
  description           TEXT NOT NULL DEFAULT '',
  events                TEXT NOT NULL,
  secret_sealed         TEXT NOT NULL,
  status                TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
  consecutive_failures  INTEGER NOT NULL DEFAULT 0,
  disabled_reason       TEXT NOT NULL DEFAULT '',
  disabled_at           TEXT,
  created_by_user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL
);
CREATE INDEX webhook_endpoints_org_idx ON webhook_endpoints (organization_id, status);

CREATE TABLE webhook_deliveries (
  id                 INTEGER PRIMARY KEY,
  organization_id    INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  endpoint_id        INTEGER NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  event_name         TEXT NOT NULL,
  payload            TEXT NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed',
                                                     'refused')),
  attempts           INTEGER NOT NULL DEFAULT 0,
  response_status    INTEGER,
  response_ms        INTEGER,
  error              TEXT NOT NULL DEFAULT '',
  replay_of_id       INTEGER REFERENCES webhook_deliveries (id) ON DELETE SET NULL,
  created_at         TEXT NOT NULL,
  last_attempt_at    TEXT,
  delivered_at       TEXT
);
CREATE INDEX webhook_deliveries_endpoint_idx
  ON webhook_deliveries (organization_id, endpoint_id, id);
