-- Ratings (issue 19, docs/booking.md). The SQLite file explains the tables.
CREATE TABLE mission_ratings (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  mission_id       BIGINT NOT NULL REFERENCES missions (id) ON DELETE CASCADE,
  client_id        BIGINT REFERENCES clients (id) ON DELETE SET NULL,
  token_hash       TEXT NOT NULL UNIQUE,
  email            TEXT NOT NULL,
  first_name       TEXT NOT NULL DEFAULT '',
  event_type       TEXT NOT NULL DEFAULT '',
  requested_at     TIMESTAMPTZ NOT NULL,
  expires_at       TIMESTAMPTZ NOT NULL,
  submitted_at     TIMESTAMPTZ,
  overall          INTEGER CHECK (overall IS NULL OR overall BETWEEN 1 AND 5),
  comment          TEXT NOT NULL DEFAULT '',
  public_consent   INTEGER NOT NULL DEFAULT 0 CHECK (public_consent IN (0, 1)),
  ip               TEXT NOT NULL DEFAULT '',
  user_agent       TEXT NOT NULL DEFAULT '',
  UNIQUE (mission_id)
);
CREATE INDEX mission_ratings_org_idx ON mission_ratings (organization_id, submitted_at);

CREATE TABLE mission_rating_crew (
  rating_id        BIGINT NOT NULL REFERENCES mission_ratings (id) ON DELETE CASCADE,
  organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id          BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  stars            INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  PRIMARY KEY (rating_id, user_id)
);
CREATE INDEX mission_rating_crew_user_idx ON mission_rating_crew (organization_id, user_id);

CREATE CONSTRAINT TRIGGER mission_ratings_version
  AFTER INSERT OR UPDATE OR DELETE ON mission_ratings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();

CREATE CONSTRAINT TRIGGER mission_rating_crew_version
  AFTER INSERT OR UPDATE OR DELETE ON mission_rating_crew
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
