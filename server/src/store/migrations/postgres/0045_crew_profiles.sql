-- Crew profiles (issue 23): people who work on missions without an account — freelancers an
-- agency books, legacy DJs who never had a login. A profile is assigned, planned and
-- conflict-checked like a member; when the person becomes a member (an invitation to the
-- profile's address is accepted, or a manager links it to an existing member), the profile's
-- assignments move to the account and the profile keeps user_id as the link.
CREATE TABLE crew_profiles (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  display_name     TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
  email            TEXT NOT NULL DEFAULT '' CHECK (email = lower(email)),
  phone            TEXT NOT NULL DEFAULT '',
  position         TEXT NOT NULL DEFAULT 'dj' CHECK (position IN ('dj', 'technician', 'assistant',
                                                                  'driver', 'other')),
  notes            TEXT NOT NULL DEFAULT '',
  user_id          BIGINT REFERENCES users (id) ON DELETE SET NULL,
  linked_at        TIMESTAMPTZ,
  archived_at      TIMESTAMPTZ,
  created_at       TIMESTAMPTZ NOT NULL,
  updated_at       TIMESTAMPTZ NOT NULL,
  UNIQUE (organization_id, id)
);
CREATE INDEX crew_profiles_org_idx ON crew_profiles (organization_id, display_name);

CREATE CONSTRAINT TRIGGER crew_profiles_version
  AFTER INSERT OR UPDATE OR DELETE ON crew_profiles
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();

-- A crew line names a member (user_id) or a profile (crew_profile_id), never both.
ALTER TABLE mission_crew ALTER COLUMN user_id DROP NOT NULL,
  ADD COLUMN crew_profile_id BIGINT,
  ADD CONSTRAINT mission_crew_one_person CHECK ((user_id IS NULL) <> (crew_profile_id IS NULL)),
  ADD CONSTRAINT mission_crew_mission_id_crew_profile_id_key UNIQUE (mission_id, crew_profile_id),
  ADD CONSTRAINT mission_crew_crew_profile_id_fkey FOREIGN KEY (organization_id, crew_profile_id)
    REFERENCES crew_profiles (organization_id, id);
CREATE INDEX mission_crew_profile_idx ON mission_crew (organization_id, crew_profile_id, mission_id);
