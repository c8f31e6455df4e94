-- Client space (issue 19, docs/booking.md "Client space"): a client opens, without a password,
-- a page listing their quotes, invoices and upcoming events, through a link the office sends.
-- client_space_links: the link's token is kept as a SHA-256 hash; a link ends at `expires_at`
-- or when revoked; `last_opened_at` / `open_count` tell the office it was used (those two do not
-- move the organisation's data version: opening the page must not refresh every office screen).
CREATE TABLE client_space_links (
  id                  INTEGER PRIMARY KEY,
  organization_id     INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  client_id           INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  token_hash          TEXT NOT NULL UNIQUE,
  email               TEXT NOT NULL DEFAULT '',
  created_by_user_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
  created_at          TEXT NOT NULL,
  expires_at          TEXT NOT NULL,
  revoked_at          TEXT,
  last_opened_at      TEXT,
  open_count          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX client_space_links_client_idx ON client_space_links (organization_id, client_id, id);

-- What a client wrote to the office from the space.
CREATE TABLE client_space_messages (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  client_id        INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  link_id          INTEGER REFERENCES client_space_links (id) ON DELETE SET NULL,
  body             TEXT NOT NULL,
  ip               TEXT NOT NULL DEFAULT '',
  user_agent       TEXT NOT NULL DEFAULT '',
  created_at       TEXT NOT NULL
);
CREATE INDEX client_space_messages_client_idx ON client_space_messages (organization_id, client_id, id);

-- What the space shows of an upcoming event: its times, its venue, the lead's name and e-mail.
ALTER TABLE booking_settings ADD COLUMN space_show_times INTEGER NOT NULL DEFAULT 1
  CHECK (space_show_times IN (0, 1));
ALTER TABLE booking_settings ADD COLUMN space_show_venue INTEGER NOT NULL DEFAULT 1
  CHECK (space_show_venue IN (0, 1));
ALTER TABLE booking_settings ADD COLUMN space_show_lead INTEGER NOT NULL DEFAULT 0
  CHECK (space_show_lead IN (0, 1));

CREATE TRIGGER client_space_links_version_insert AFTER INSERT ON client_space_links BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER client_space_links_version_update AFTER UPDATE OF revoked_at ON client_space_links
BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER client_space_links_version_delete AFTER DELETE ON client_space_links BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER client_space_messages_version_insert AFTER INSERT ON client_space_messages BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER client_space_messages_version_update AFTER UPDATE ON client_space_messages BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER client_space_messages_version_delete AFTER DELETE ON client_space_messages BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;
