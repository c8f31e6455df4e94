-- Crew profiles (issue 23): people who work on missions without an account — freelancers an
-- agency books, legacy DJs who never had a login. A profile is assigned, planned and
-- conflict-checked like a member; when the person becomes a member (an invitation to the
-- profile's address is accepted, or a manager links it to an existing member), the profile's
-- assignments move to the account and the profile keeps user_id as the link.
CREATE TABLE crew_profiles (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  display_name     TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
  email            TEXT NOT NULL DEFAULT '' CHECK (email = lower(email)),
  phone            TEXT NOT NULL DEFAULT '',
  position         TEXT NOT NULL DEFAULT 'dj' CHECK (position IN ('dj', 'technician', 'assistant',
                                                                  'driver', 'other')),
  notes            TEXT NOT NULL DEFAULT '',
  user_id          INTEGER REFERENCES users (id) ON DELETE SET NULL,
  linked_at        TEXT,
  archived_at      TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  UNIQUE (organization_id, id)
);
CREATE INDEX crew_profiles_org_idx ON crew_profiles (organization_id, display_name);

CREATE TRIGGER crew_profiles_version_insert AFTER INSERT ON crew_profiles BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER crew_profiles_version_update AFTER UPDATE ON crew_profiles BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER crew_profiles_version_delete AFTER DELETE ON crew_profiles BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

-- A crew line names a member (user_id) or a profile (crew_profile_id), never both. SQLite
-- cannot drop NOT NULL, so mission_crew is rebuilt as 0015 rebuilt its tables (no table
-- references mission_crew; its triggers and index are recreated below).
CREATE TABLE new_mission_crew (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  mission_id       INTEGER NOT NULL,
  user_id          INTEGER REFERENCES users (id),
  crew_profile_id  INTEGER,
  position         TEXT NOT NULL CHECK (position IN ('dj', 'technician', 'assistant', 'driver',
                                                     'other')),
  label            TEXT NOT NULL DEFAULT '',
  is_lead          INTEGER NOT NULL DEFAULT 0 CHECK (is_lead IN (0, 1)),
  created_at       TEXT NOT NULL,
  CHECK ((user_id IS NULL) <> (crew_profile_id IS NULL)),
  UNIQUE (mission_id, user_id),
  UNIQUE (mission_id, crew_profile_id),
  CONSTRAINT mission_crew_mission_id_fkey FOREIGN KEY (organization_id, mission_id)
    REFERENCES missions (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT mission_crew_crew_profile_id_fkey FOREIGN KEY (organization_id, crew_profile_id)
    REFERENCES crew_profiles (organization_id, id)
);
INSERT INTO new_mission_crew (id, organization_id, mission_id, user_id, position, label, is_lead,
created_at)
  SELECT id, organization_id, mission_id, user_id, position, label, is_lead, created_at FROM
  mission_crew;
DROP TABLE mission_crew;
ALTER TABLE new_mission_crew RENAME TO mission_crew;
CREATE INDEX mission_crew_user_idx ON mission_crew (organization_id, user_id, mission_id);
CREATE INDEX mission_crew_profile_idx ON mission_crew (organization_id, crew_profile_id, mission_id);

CREATE TRIGGER mission_crew_version_insert AFTER INSERT ON mission_crew BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER mission_crew_version_update AFTER UPDATE ON mission_crew BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER mission_crew_version_delete AFTER DELETE ON mission_crew BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;
