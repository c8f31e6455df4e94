-- Outgoing e-mail: each message is stored (the outbox) before a job hands it to the provider.

CREATE TABLE emails (
  id                   INTEGER PRIMARY KEY,
  organization_id      INTEGER REFERENCES organizations (id) ON DELETE CASCADE,  -- NULL: platform mail
  to_address           TEXT NOT NULL,
  to_name              TEXT,
  from_name            TEXT NOT NULL,
  reply_to             TEXT,
  subject              TEXT NOT NULL,
  html_body            TEXT NOT NULL,
  text_body            TEXT NOT NULL,
  template             TEXT,                     -- e.g. auth.magic_link; NULL for ad-hoc mail
  status               TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'delivered',
                         'delivery_delayed', 'bounced', 'complained', 'failed')),
  provider             TEXT,                     -- outbox | resend | smtp, once accepted
  provider_message_id  TEXT,
  attempts             INTEGER NOT NULL DEFAULT 0,
  last_error           TEXT,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  sent_at              TEXT
);

CREATE INDEX emails_organization_idx ON emails (organization_id, created_at);
CREATE UNIQUE INDEX emails_provider_message_idx ON emails (provider, provider_message_id);

CREATE TABLE email_attachments (
  id              INTEGER PRIMARY KEY,
  email_id        INTEGER NOT NULL REFERENCES emails (id) ON DELETE CASCADE,
  filename        TEXT NOT NULL,
  content_type    TEXT NOT NULL,
  content_base64  TEXT NOT NULL,
  size_bytes      INTEGER NOT NULL CHECK (size_bytes >= 0),
  created_at      TEXT NOT NULL
);

CREATE INDEX email_attachments_email_idx ON email_attachments (email_id);
