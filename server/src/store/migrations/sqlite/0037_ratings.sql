-- Ratings (issue 19, docs/booking.md "Ratings"). When a mission is completed, its client is
-- invited once (a link valid 30 days, the token kept as a SHA-256 hash) to rate the event 1–5,
-- optionally each crew member, with a comment; `public_consent` lets the organisation show the
-- rating with the client's first name and the event type on its booking page. `ip` and
-- `user_agent` are kept with the answer, as for signatures.
CREATE TABLE mission_ratings (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  mission_id       INTEGER NOT NULL REFERENCES missions (id) ON DELETE CASCADE,
  client_id        INTEGER REFERENCES clients (id) ON DELETE SET NULL,
  token_hash       TEXT NOT NULL UNIQUE,
  email            TEXT NOT NULL,
  first_name       TEXT NOT NULL DEFAULT '',
  event_type       TEXT NOT NULL DEFAULT '',
  requested_at     TEXT NOT NULL,
  expires_at       TEXT NOT NULL,
  submitted_at     TEXT,
  overall          INTEGER CHECK (overall IS NULL OR overall BETWEEN 1 AND 5),
  comment          TEXT NOT NULL DEFAULT '',
  public_consent   INTEGER NOT NULL DEFAULT 0 CHECK (public_consent IN (0, 1)),
  ip               TEXT NOT NULL DEFAULT '',
  user_agent       TEXT NOT NULL DEFAULT '',
  UNIQUE (mission_id)
);
CREATE INDEX mission_ratings_org_idx ON mission_ratings (organization_id, submitted_at);

CREATE TABLE mission_rating_crew (
  rating_id        INTEGER NOT NULL REFERENCES mission_ratings (id) ON DELETE CASCADE,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  stars            INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  PRIMARY KEY (rating_id, user_id)
);
CREATE INDEX mission_rating_crew_user_idx ON mission_rating_crew (organization_id, user_id);

CREATE TRIGGER mission_ratings_version_insert AFTER INSERT ON mission_ratings BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER mission_ratings_version_update AFTER UPDATE ON mission_ratings BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER mission_ratings_version_delete AFTER DELETE ON mission_ratings BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER mission_rating_crew_version_insert AFTER INSERT ON mission_rating_crew BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER mission_rating_crew_version_update AFTER UPDATE ON mission_rating_crew BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER mission_rating_crew_version_delete AFTER DELETE ON mission_rating_crew BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;
