-- Accounts and security: sessions, single-use e-mail links, invitations, API tokens,
-- the audit log and rate-limit counters. Every secret token is stored as its SHA-256 hex.

ALTER TABLE users ADD COLUMN username TEXT CHECK (username = lower(username));  -- legacy login
ALTER TABLE users ADD COLUMN last_sign_in_at TIMESTAMPTZ;
ALTER TABLE users ADD COLUMN email_verified_at TIMESTAMPTZ;
ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en'));
ALTER TABLE users ADD COLUMN password_changed_at TIMESTAMPTZ;
CREATE UNIQUE INDEX users_username_idx ON users (username);

CREATE TABLE sessions (
  id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash           TEXT NOT NULL UNIQUE,
  user_id              BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  organization_id      BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
  csrf_token           TEXT NOT NULL,
  ip                   TEXT NOT NULL DEFAULT '',
  user_agent           TEXT NOT NULL DEFAULT '',
  created_at           TIMESTAMPTZ NOT NULL,
  last_seen_at         TIMESTAMPTZ NOT NULL,
  absolute_expires_at  TIMESTAMPTZ NOT NULL,
  revoked_at           TIMESTAMPTZ
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE auth_tokens (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  purpose       TEXT NOT NULL CHECK (purpose IN ('magic_link', 'password_reset', 'email_verification')),
  token_hash    TEXT NOT NULL UNIQUE,
  user_id       BIGINT REFERENCES users (id) ON DELETE CASCADE,
  email         TEXT NOT NULL CHECK (email = lower(email)),
  requested_ip  TEXT NOT NULL DEFAULT '',
  created_at    TIMESTAMPTZ NOT NULL,
  expires_at    TIMESTAMPTZ NOT NULL,
  consumed_at   TIMESTAMPTZ
);
CREATE INDEX auth_tokens_user_idx ON auth_tokens (user_id, purpose);

CREATE TABLE invitations (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  email            TEXT NOT NULL CHECK (email = lower(email)),
  role             TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'dj', 'technician')),
  token_hash       TEXT NOT NULL UNIQUE,
  invited_by_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at       TIMESTAMPTZ NOT NULL,
  expires_at       TIMESTAMPTZ NOT NULL,
  accepted_at      TIMESTAMPTZ,
  accepted_user_id   BIGINT REFERENCES users (id) ON DELETE SET NULL,
  revoked_at       TIMESTAMPTZ
);
CREATE INDEX invitations_org_idx ON invitations (organization_id, created_at);
-- One open invitation per address and organisation.
CREATE UNIQUE INDEX invitations_open_idx ON invitations (organization_id, email)
  WHERE accepted_at IS NULL AND revoked_at IS NULL;

CREATE TABLE oauth_identities (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  provider      TEXT NOT NULL CHECK (provider IN ('google')),
  subject       TEXT NOT NULL,               -- the id_token "sub"
  email         TEXT NOT NULL DEFAULT '',    -- verified e-mail asserted when linked
  created_at    TIMESTAMPTZ NOT NULL,
  last_used_at  TIMESTAMPTZ,
  UNIQUE (provider, subject),
  UNIQUE (user_id, provider)
);

CREATE TABLE api_tokens (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id          BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  token_prefix     TEXT NOT NULL,
  token_hash       TEXT NOT NULL UNIQUE,
  scopes           TEXT NOT NULL,            -- space-separated permission names
  created_at       TIMESTAMPTZ NOT NULL,
  last_used_at     TIMESTAMPTZ,
  expires_at       TIMESTAMPTZ,
  revoked_at       TIMESTAMPTZ
);
CREATE INDEX api_tokens_org_idx ON api_tokens (organization_id);

CREATE TABLE audit_log (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id  BIGINT REFERENCES organizations (id) ON DELETE CASCADE,
  actor_user_id    BIGINT REFERENCES users (id) ON DELETE SET NULL,
  actor_label      TEXT NOT NULL DEFAULT '',   -- the actor's name at the time
  action           TEXT NOT NULL,
  entity_type      TEXT NOT NULL DEFAULT '',
  entity_id        TEXT NOT NULL DEFAULT '',
  details          JSONB NOT NULL DEFAULT '{}',
  ip               TEXT NOT NULL DEFAULT '',
  user_agent       TEXT NOT NULL DEFAULT '',
  request_id       TEXT NOT NULL DEFAULT '',
  created_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX audit_log_org_idx ON audit_log (organization_id, created_at);
CREATE INDEX audit_log_entity_idx ON audit_log (organization_id, entity_type, entity_id);

CREATE TABLE rate_limit_events (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  bucket       TEXT NOT NULL,
  occurred_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX rate_limit_events_bucket_idx ON rate_limit_events (bucket, occurred_at);
