-- Outgoing webhooks (issue 20, docs/webhooks.md). The SQLite file explains the tables.
CREATE TABLE webhook_endpoints (
  id                    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id       BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  url                   TEXT NOT NULL CHECK (length(url) BETWEEN 1 AND 2000),
  description           TEXT NOT NULL DEFAULT '',
  events                TEXT NOT NULL,
  secret_sealed         TEXT NOT NULL,
  status                TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
  consecutive_failures  INTEGER NOT NULL DEFAULT 0,
  disabled_reason       TEXT NOT NULL DEFAULT '',
  disabled_at           TIMESTAMPTZ,
  created_by_user_id    BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at            TIMESTAMPTZ NOT NULL,
  updated_at            TIMESTAMPTZ NOT NULL
);
CREATE INDEX webhook_endpoints_org_idx ON webhook_endpoints (organization_id, status);

CREATE TABLE webhook_deliveries (
  id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id    BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  endpoint_id        BIGINT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  event_name         TEXT NOT NULL,
  payload            TEXT NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed',
                                                     'refused')),
  attempts           INTEGER NOT NULL DEFAULT 0,
  response_status    INTEGER,
  response_ms        INTEGER,
  error              TEXT NOT NULL DEFAULT '',
  replay_of_id       BIGINT REFERENCES webhook_deliveries (id) ON DELETE SET NULL,
  created_at         TIMESTAMPTZ NOT NULL,
  last_attempt_at    TIMESTAMPTZ,
  delivered_at       TIMESTAMPTZ
);
CREATE INDEX webhook_deliveries_endpoint_idx
  ON webhook_deliveries (organization_id, endpoint_id, id);
