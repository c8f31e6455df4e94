-- Notifications (issue 22, docs/notifications.md): what a member is told, stored per member and
-- organisation, written in the same transaction as the change that causes it. `in_app` is
-- false when the member only wants it by e-mail or push (the bell does not show it);
-- `email_state` pending = to send at once, digest = waiting for the morning's digest;
-- `push_state` pending = to push to the member's devices. `data` holds raw facts (title,
-- timestamps, cents, numbers), formatted by whoever shows them.
CREATE TABLE notifications (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind             TEXT NOT NULL,
  subject_type     TEXT NOT NULL,
  subject_id       TEXT NOT NULL,
  data             TEXT NOT NULL DEFAULT '{}',
  actor_user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
  in_app           INTEGER NOT NULL DEFAULT 1 CHECK (in_app IN (0, 1)),
  email_state      TEXT NOT NULL DEFAULT 'none'
                     CHECK (email_state IN ('none', 'pending', 'digest', 'sent')),
  push_state       TEXT NOT NULL DEFAULT 'none' CHECK (push_state IN ('none', 'pending', 'sent')),
  created_at       TEXT NOT NULL,
  read_at          TEXT
);
CREATE INDEX notifications_user_idx ON notifications (organization_id, user_id, id);
CREATE INDEX notifications_unread_idx ON notifications (organization_id, user_id)
  WHERE read_at IS NULL AND in_app = 1;
CREATE INDEX notifications_outgoing_idx ON notifications (organization_id, id)
  WHERE email_state IN ('pending', 'digest') OR push_state = 'pending';
CREATE INDEX notifications_subject_idx ON notifications (organization_id, kind, subject_id);

-- A member's choice per kind; no row = the kind's defaults (domain/notifications.cpp).
CREATE TABLE notification_preferences (
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind             TEXT NOT NULL,
  in_app           INTEGER NOT NULL CHECK (in_app IN (0, 1)),
  email            TEXT NOT NULL CHECK (email IN ('off', 'immediate', 'digest')),
  push             INTEGER NOT NULL CHECK (push IN (0, 1)),
  updated_at       TEXT NOT NULL,
  PRIMARY KEY (organization_id, user_id, kind)
);

-- One row per device that accepted Web Push (RFC 8030): the push service's endpoint and the
-- browser's keys (RFC 8291). Removed when the push service answers 404 or 410.
CREATE TABLE push_subscriptions (
  id               INTEGER PRIMARY KEY,
  user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  endpoint         TEXT NOT NULL UNIQUE,
  p256dh           TEXT NOT NULL,
  auth             TEXT NOT NULL,
  user_agent       TEXT NOT NULL DEFAULT '',
  created_at       TEXT NOT NULL,
  last_success_at  TEXT
);
CREATE INDEX push_subscriptions_user_idx ON push_subscriptions (user_id);

-- Keys of the installation itself: the VAPID key pair (RFC 8292) made on first start, its
-- private half sealed with the server's secret key.
CREATE TABLE instance_keys (
  name             TEXT PRIMARY KEY,
  public_value     TEXT NOT NULL,
  sealed_private   TEXT NOT NULL,
  created_at       TEXT NOT NULL
);
