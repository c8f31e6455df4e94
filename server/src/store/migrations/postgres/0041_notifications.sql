-- Notifications (issue 22, docs/notifications.md). The SQLite file explains the tables.
CREATE TABLE notifications (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id          BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind             TEXT NOT NULL,
  subject_type     TEXT NOT NULL,
  subject_id       TEXT NOT NULL,
  data             TEXT NOT NULL DEFAULT '{}',
  actor_user_id    BIGINT REFERENCES users (id) ON DELETE SET NULL,
  in_app           INTEGER NOT NULL DEFAULT 1 CHECK (in_app IN (0, 1)),
  email_state      TEXT NOT NULL DEFAULT 'none'
                     CHECK (email_state IN ('none', 'pending', 'digest', 'sent')),
  push_state       TEXT NOT NULL DEFAULT 'none' CHECK (push_state IN ('none', 'pending', 'sent')),
  created_at       TIMESTAMPTZ NOT NULL,
  read_at          TIMESTAMPTZ
);
CREATE INDEX notifications_user_idx ON notifications (organization_id, user_id, id);
CREATE INDEX notifications_unread_idx ON notifications (organization_id, user_id)
  WHERE read_at IS NULL AND in_app = 1;
CREATE INDEX notifications_outgoing_idx ON notifications (organization_id, id)
  WHERE email_state IN ('pending', 'digest') OR push_state = 'pending';
CREATE INDEX notifications_subject_idx ON notifications (organization_id, kind, subject_id);

CREATE TABLE notification_preferences (
  organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id          BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind             TEXT NOT NULL,
  in_app           INTEGER NOT NULL CHECK (in_app IN (0, 1)),
  email            TEXT NOT NULL CHECK (email IN ('off', 'immediate', 'digest')),
  push             INTEGER NOT NULL CHECK (push IN (0, 1)),
  updated_at       TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (organization_id, user_id, kind)
);

CREATE TABLE push_subscriptions (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id          BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  endpoint         TEXT NOT NULL UNIQUE,
  p256dh           TEXT NOT NULL,
  auth             TEXT NOT NULL,
  user_agent       TEXT NOT NULL DEFAULT '',
  created_at       TIMESTAMPTZ NOT NULL,
  last_success_at  TIMESTAMPTZ
);
CREATE INDEX push_subscriptions_user_idx ON push_subscriptions (user_id);

CREATE TABLE instance_keys (
  name             TEXT PRIMARY KEY,
  public_value     TEXT NOT NULL,
  sealed_private   TEXT NOT NULL,
  created_at       TIMESTAMPTZ NOT NULL
);
