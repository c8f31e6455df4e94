-- Public booking requests (issue 19, docs/booking.md). The SQLite file explains the tables.
CREATE TABLE booking_settings (
  organization_id  BIGINT PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  enabled          INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
  intro            TEXT NOT NULL DEFAULT '',
  event_types      TEXT NOT NULL DEFAULT '',
  service_ids      TEXT NOT NULL DEFAULT '',
  frame_ancestors  TEXT NOT NULL DEFAULT '',
  two_step         INTEGER NOT NULL DEFAULT 0 CHECK (two_step IN (0, 1)),
  show_ratings     INTEGER NOT NULL DEFAULT 0 CHECK (show_ratings IN (0, 1)),
  updated_at       TIMESTAMPTZ NOT NULL
);

CREATE TABLE booking_requests (
  id                     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id        BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  sequence               BIGINT NOT NULL,
  reference              TEXT NOT NULL,
  status                 TEXT NOT NULL CHECK (status IN ('new', 'in_discussion', 'quoted',
                                                         'won', 'lost', 'spam')),
  event_type             TEXT NOT NULL,
  starts_at              TIMESTAMPTZ NOT NULL,
  ends_at                TIMESTAMPTZ NOT NULL,
  place                  TEXT NOT NULL,
  guests                 INTEGER,
  services               TEXT NOT NULL DEFAULT '[]',
  budget_cents           BIGINT,
  message                TEXT NOT NULL DEFAULT '',
  contact_name           TEXT NOT NULL,
  email                  TEXT NOT NULL,
  phone                  TEXT NOT NULL,
  locale                 TEXT NOT NULL DEFAULT 'fr',
  search_text            TEXT NOT NULL DEFAULT '',
  looked_free            INTEGER NOT NULL DEFAULT 0 CHECK (looked_free IN (0, 1)),
  decline_reason         TEXT NOT NULL DEFAULT '',
  client_id              BIGINT REFERENCES clients (id) ON DELETE SET NULL,
  mission_id             BIGINT REFERENCES missions (id) ON DELETE SET NULL,
  quote_id               BIGINT REFERENCES quotes (id) ON DELETE SET NULL,
  accepted_by_user_id    BIGINT REFERENCES users (id) ON DELETE SET NULL,
  accepted_at            TIMESTAMPTZ,
  proposed_user_id       BIGINT REFERENCES users (id) ON DELETE SET NULL,
  performer_answer       TEXT NOT NULL DEFAULT '' CHECK (performer_answer IN ('', 'accepted',
                                                                              'refused')),
  performer_answered_at  TIMESTAMPTZ,
  created_at             TIMESTAMPTZ NOT NULL,
  updated_at             TIMESTAMPTZ NOT NULL,
  UNIQUE (organization_id, sequence)
);
CREATE INDEX booking_requests_org_idx ON booking_requests (organization_id, status, id);

CREATE TABLE booking_messages (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  request_id       BIGINT NOT NULL REFERENCES booking_requests (id) ON DELETE CASCADE,
  author_user_id   BIGINT REFERENCES users (id) ON DELETE SET NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('reply', 'decline')),
  body             TEXT NOT NULL,
  email_id         BIGINT REFERENCES emails (id) ON DELETE SET NULL,
  created_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX booking_messages_request_idx ON booking_messages (organization_id, request_id, id);

CREATE CONSTRAINT TRIGGER booking_settings_version
  AFTER INSERT OR UPDATE OR DELETE ON booking_settings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();

CREATE CONSTRAINT TRIGGER booking_requests_version
  AFTER INSERT OR UPDATE OR DELETE ON booking_requests
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();

CREATE CONSTRAINT TRIGGER booking_messages_version
  AFTER INSERT OR UPDATE OR DELETE ON booking_messages
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
