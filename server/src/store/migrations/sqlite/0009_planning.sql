-- Planning: venues, storage sites, a minimal equipment catalogue, missions with their crew and
-- equipment lines, crew unavailability, and organisation-defined mission fields.
-- Overlap queries read `starts_at < :end AND ends_at > :start` with `starts_at` bounded below
-- by the longest mission (domain::kMaxMissionLength), so they stay on an index range.

ALTER TABLE organizations ADD COLUMN crew_travel_buffer_minutes INTEGER NOT NULL DEFAULT 0
  CHECK (crew_travel_buffer_minutes BETWEEN 0 AND 1440);
ALTER TABLE organizations ADD COLUMN equipment_prep_minutes INTEGER NOT NULL DEFAULT 720
  CHECK (equipment_prep_minutes BETWEEN 0 AND 10080);
ALTER TABLE organizations ADD COLUMN equipment_return_minutes INTEGER NOT NULL DEFAULT 720
  CHECK (equipment_return_minutes BETWEEN 0 AND 10080);

CREATE TABLE venues (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  line1            TEXT NOT NULL DEFAULT '',
  line2            TEXT NOT NULL DEFAULT '',
  postal_code      TEXT NOT NULL DEFAULT '',
  city             TEXT NOT NULL DEFAULT '',
  country          TEXT NOT NULL DEFAULT 'FR',
  notes            TEXT NOT NULL DEFAULT '',
  search_text      TEXT NOT NULL DEFAULT '',
  archived_at      TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX venues_org_name_idx ON venues (organization_id, name);

CREATE TABLE storage_sites (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  line1            TEXT NOT NULL DEFAULT '',
  line2            TEXT NOT NULL DEFAULT '',
  postal_code      TEXT NOT NULL DEFAULT '',
  city             TEXT NOT NULL DEFAULT '',
  country          TEXT NOT NULL DEFAULT 'FR',
  notes            TEXT NOT NULL DEFAULT '',
  search_text      TEXT NOT NULL DEFAULT '',
  archived_at      TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX storage_sites_org_name_idx ON storage_sites (organization_id, name);

CREATE TABLE equipment_items (
  id                       INTEGER PRIMARY KEY,
  organization_id          INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name                     TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  category                 TEXT NOT NULL DEFAULT '',
  storage_site_id          INTEGER REFERENCES storage_sites (id),
  quantity_owned           INTEGER NOT NULL CHECK (quantity_owned >= 0),
  quantity_out_of_service  INTEGER NOT NULL DEFAULT 0
    CHECK (quantity_out_of_service BETWEEN 0 AND quantity_owned),
  status                   TEXT NOT NULL DEFAULT 'available'
    CHECK (status IN ('available', 'maintenance', 'retired')),
  rental_price_cents       INTEGER NOT NULL DEFAULT 0 CHECK (rental_price_cents >= 0),
  notes                    TEXT NOT NULL DEFAULT '',
  search_text              TEXT NOT NULL DEFAULT '',
  created_at               TEXT NOT NULL,
  updated_at               TEXT NOT NULL
);
CREATE INDEX equipment_items_org_name_idx ON equipment_items (organization_id, name);
CREATE INDEX equipment_items_site_idx ON equipment_items (organization_id, storage_site_id);

CREATE TABLE missions (
  id                   INTEGER PRIMARY KEY,
  organization_id      INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  title                TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  status               TEXT NOT NULL CHECK (status IN ('draft', 'planned', 'confirmed',
                                                       'in_progress', 'completed', 'canceled')),
  client_id            INTEGER REFERENCES clients (id),
  venue_id             INTEGER REFERENCES venues (id),
  address              TEXT NOT NULL DEFAULT '',
  event_type           TEXT NOT NULL DEFAULT '',
  guest_count          INTEGER CHECK (guest_count >= 0),
  starts_at            TEXT NOT NULL,
  ends_at              TEXT NOT NULL,
  description          TEXT NOT NULL DEFAULT '',
  notes                TEXT NOT NULL DEFAULT '',
  custom_fields        TEXT NOT NULL DEFAULT '{}',
  search_text          TEXT NOT NULL DEFAULT '',
  created_by_user_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
  confirmed_at         TEXT,
  canceled_at          TEXT,
  cancellation_reason  TEXT NOT NULL DEFAULT '',
  ical_sequence        INTEGER NOT NULL DEFAULT 0,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  CHECK (ends_at > starts_at)
);
CREATE INDEX missions_org_starts_idx ON missions (organization_id, starts_at);
CREATE INDEX missions_org_status_idx ON missions (organization_id, status, starts_at);
CREATE INDEX missions_org_client_idx ON missions (organization_id, client_id);
CREATE INDEX missions_org_venue_idx ON missions (organization_id, venue_id, starts_at);

CREATE TABLE mission_crew (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  mission_id       INTEGER NOT NULL REFERENCES missions (id) ON DELETE CASCADE,
  user_id          INTEGER NOT NULL REFERENCES users (id),
  position         TEXT NOT NULL CHECK (position IN ('dj', 'technician', 'assistant', 'driver',
                                                     'other')),
  label            TEXT NOT NULL DEFAULT '',
  is_lead          INTEGER NOT NULL DEFAULT 0 CHECK (is_lead IN (0, 1)),
  created_at       TEXT NOT NULL,
  UNIQUE (mission_id, user_id)
);
CREATE INDEX mission_crew_user_idx ON mission_crew (organization_id, user_id, mission_id);

CREATE TABLE mission_equipment (
  id                 INTEGER PRIMARY KEY,
  organization_id    INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  mission_id         INTEGER NOT NULL REFERENCES missions (id) ON DELETE CASCADE,
  equipment_item_id  INTEGER NOT NULL REFERENCES equipment_items (id),
  quantity           INTEGER NOT NULL CHECK (quantity > 0),
  created_at         TEXT NOT NULL,
  UNIQUE (mission_id, equipment_item_id)
);
CREATE INDEX mission_equipment_item_idx ON mission_equipment (organization_id, equipment_item_id);

CREATE TABLE crew_unavailability (
  id                  INTEGER PRIMARY KEY,
  organization_id     INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id             INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  starts_at           TEXT NOT NULL,
  ends_at             TEXT NOT NULL,
  reason              TEXT NOT NULL DEFAULT '',
  created_by_user_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
  created_at          TEXT NOT NULL,
  CHECK (ends_at > starts_at)
);
CREATE INDEX crew_unavailability_idx ON crew_unavailability (organization_id, user_id, starts_at);

CREATE TABLE mission_field_definitions (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  key              TEXT NOT NULL,
  label            TEXT NOT NULL,
  field_type       TEXT NOT NULL CHECK (field_type IN ('text', 'textarea', 'number', 'select',
                                                       'date')),
  options          TEXT NOT NULL DEFAULT '[]',
  required         INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
  position         INTEGER NOT NULL,
  created_at       TEXT NOT NULL,
  UNIQUE (organization_id, key)
);
