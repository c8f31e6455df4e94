-- Client space (issue 19, docs/booking.md "Client space"). The SQLite file explains the tables.
CREATE TABLE client_space_links (
  id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id     BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  client_id           BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  token_hash          TEXT NOT NULL UNIQUE,
  email               TEXT NOT NULL DEFAULT '',
  created_by_user_id  BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at          TIMESTAMPTZ NOT NULL,
  expires_at          TIMESTAMPTZ NOT NULL,
  revoked_at          TIMESTAMPTZ,
  last_opened_at      TIMESTAMPTZ,
  open_count          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX client_space_links_client_idx ON client_space_links (organization_id, client_id, id);

CREATE TABLE client_space_messages (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  client_id        BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  link_id          BIGINT REFERENCES client_space_links (id) ON DELETE SET NULL,
  body             TEXT NOT NULL,
  ip               TEXT NOT NULL DEFAULT '',
  user_agent       TEXT NOT NULL DEFAULT '',
  created_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX client_space_messages_client_idx ON client_space_messages (organization_id, client_id, id);

ALTER TABLE booking_settings ADD COLUMN space_show_times INTEGER NOT NULL DEFAULT 1
  CHECK (space_show_times IN (0, 1));
ALTER TABLE booking_settings ADD COLUMN space_show_venue INTEGER NOT NULL DEFAULT 1
  CHECK (space_show_venue IN (0, 1));
ALTER TABLE booking_settings ADD COLUMN space_show_lead INTEGER NOT NULL DEFAULT 0
  CHECK (space_show_lead IN (0, 1));

CREATE CONSTRAINT TRIGGER client_space_links_version
  AFTER INSERT OR UPDATE OF revoked_at OR DELETE ON client_space_links
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();

CREATE CONSTRAINT TRIGGER client_space_messages_version
  AFTER INSERT OR UPDATE OR DELETE ON client_space_messages
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
