-- Public booking requests (issue 19, docs/booking.md). Every table moves the organisation's
-- data version (0016), so the inbox revalidates like every other list.
-- booking_settings: whether the organisation's page /reserver/<slug> answers, its introduction,
-- the event types offered (one per line; none = free text), the catalogue items a visitor may
-- pick (space-separated ids), the sites allowed to frame the embeddable form (space-separated
-- origins; '*' = any; '' = none), the legacy two-step validation (a manager proposes the date
-- to a DJ, who confirms it before the request is accepted) and whether consented ratings show.
CREATE TABLE booking_settings (
  organization_id  INTEGER PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  enabled          INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
  intro            TEXT NOT NULL DEFAULT '',
  event_types      TEXT NOT NULL DEFAULT '',
  service_ids      TEXT NOT NULL DEFAULT '',
  frame_ancestors  TEXT NOT NULL DEFAULT '',
  two_step         INTEGER NOT NULL DEFAULT 0 CHECK (two_step IN (0, 1)),
  show_ratings     INTEGER NOT NULL DEFAULT 0 CHECK (show_ratings IN (0, 1)),
  updated_at       TEXT NOT NULL
);

-- A visitor's request. `sequence` numbers them per organisation (reference DEM-00042); the
-- services are a JSON array of {id, name} as offered when sent; `looked_free` is what the page
-- told the visitor; `search_text` is the folded reference, name, e-mail, place and event type
-- (domain::FoldForSearch). Accepting links the client, mission and quote created from it (once).
CREATE TABLE booking_requests (
  id                     INTEGER PRIMARY KEY,
  organization_id        INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  sequence               INTEGER NOT NULL,
  reference              TEXT NOT NULL,
  status                 TEXT NOT NULL CHECK (status IN ('new', 'in_discussion', 'quoted',
                                                         'won', 'lost', 'spam')),
  event_type             TEXT NOT NULL,
  starts_at              TEXT NOT NULL,
  ends_at                TEXT NOT NULL,
  place                  TEXT NOT NULL,
  guests                 INTEGER,
  services               TEXT NOT NULL DEFAULT '[]',
  budget_cents           INTEGER,
  message                TEXT NOT NULL DEFAULT '',
  contact_name           TEXT NOT NULL,
  email                  TEXT NOT NULL,
  phone                  TEXT NOT NULL,
  locale                 TEXT NOT NULL DEFAULT 'fr',
  search_text            TEXT NOT NULL DEFAULT '',
  looked_free            INTEGER NOT NULL DEFAULT 0 CHECK (looked_free IN (0, 1)),
  decline_reason         TEXT NOT NULL DEFAULT '',
  client_id              INTEGER REFERENCES clients (id) ON DELETE SET NULL,
  mission_id             INTEGER REFERENCES missions (id) ON DELETE SET NULL,
  quote_id               INTEGER REFERENCES quotes (id) ON DELETE SET NULL,
  accepted_by_user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
  accepted_at            TEXT,
  proposed_user_id       INTEGER REFERENCES users (id) ON DELETE SET NULL,
  performer_answer       TEXT NOT NULL DEFAULT '' CHECK (performer_answer IN ('', 'accepted',
                                                                              'refused')),
  performer_answered_at  TEXT,
  created_at             TEXT NOT NULL,
  updated_at             TEXT NOT NULL,
  UNIQUE (organization_id, sequence)
);
CREATE INDEX booking_requests_org_idx ON booking_requests (organization_id, status, id);

-- What the office wrote to the visitor from the inbox (the e-mail itself is in `emails`).
CREATE TABLE booking_messages (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  request_id       INTEGER NOT NULL REFERENCES booking_requests (id) ON DELETE CASCADE,
  author_user_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('reply', 'decline')),
  body             TEXT NOT NULL,
  email_id         INTEGER REFERENCES emails (id) ON DELETE SET NULL,
  created_at       TEXT NOT NULL
);
CREATE INDEX booking_messages_request_idx ON booking_messages (organization_id, request_id, id);

CREATE TRIGGER booking_settings_version_insert AFTER INSERT ON booking_settings BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER booking_settings_version_update AFTER UPDATE ON booking_settings BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER booking_settings_version_delete AFTER DELETE ON booking_settings BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER booking_requests_version_insert AFTER INSERT ON booking_requests BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER booking_requests_version_update AFTER UPDATE ON booking_requests BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER booking_requests_version_delete AFTER DELETE ON booking_requests BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER booking_messages_version_insert AFTER INSERT ON booking_messages BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER booking_messages_version_update AFTER UPDATE ON booking_messages BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER booking_messages_version_delete AFTER DELETE ON booking_messages BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;
